-- Alert rules (io.strata.alerting): what to count or watch for in a tenant's events, how often,
-- and whom to tell. Durations are in seconds; group_by, channels and labels are JSON texts checked
-- by the application. WINDOW and FOR are SQL keywords, hence the _seconds names.
CREATE TABLE alert_rules (
    id               varchar(40)   PRIMARY KEY,
    tenant           varchar(63)   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name             varchar(200)  NOT NULL,
    query            text          NOT NULL,
    kind             varchar(16)   NOT NULL,
    window_seconds   integer       NOT NULL,
    every_seconds    integer       NOT NULL,
    condition_op     varchar(2),
    condition_value  numeric,
    group_by         text          NOT NULL,
    for_seconds      integer       NOT NULL,
    severity         varchar(16)   NOT NULL,
    channels         text          NOT NULL,
    renotify_seconds integer,
    labels           text          NOT NULL,
    description      text,
    runbook_url      varchar(2048),
    enabled          boolean       NOT NULL,
    created_at       timestamptz   NOT NULL,
    created_by       varchar(255),
    updated_at       timestamptz   NOT NULL,
    updated_by       varchar(255),
    CONSTRAINT alert_rules_tenant_name UNIQUE (tenant, name)
);
