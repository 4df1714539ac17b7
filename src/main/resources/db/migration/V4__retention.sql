-- Retention: the operator's per-tenant ceiling, and each tenant's policy (io.strata.retention).
ALTER TABLE tenants ADD COLUMN max_retention_days integer;

-- One policy per tenant; a tenant without a row has the platform default (STRATA_RETENTION_DEFAULT_DAYS).
-- streams: a JSON array of {"name","selector","days","priority"}, validated by the application.
CREATE TABLE retention_policies (
    tenant       varchar(63)  PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    default_days integer      NOT NULL,
    profile      varchar(16)  NOT NULL,
    max_days     integer,
    streams      text         NOT NULL,
    updated_at   timestamptz  NOT NULL,
    updated_by   varchar(255)
);

-- Legal holds: a hold keeps every index holding events that match its query in its range, past any
-- retention, and blocks erasure of those events. Released holds stay, for the record.
CREATE TABLE legal_holds (
    id          varchar(40)   PRIMARY KEY,
    tenant      varchar(63)   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name        varchar(255)  NOT NULL,
    case_ref    varchar(255),
    query       text          NOT NULL,
    from_time   timestamptz,
    to_time     timestamptz,
    reason      text,
    created_at  timestamptz   NOT NULL,
    created_by  varchar(255),
    released_at timestamptz,
    released_by varchar(255)
);
CREATE INDEX legal_holds_tenant ON legal_holds (tenant) WHERE released_at IS NULL;

-- GDPR Art. 17 erasures: pending (cancellable until not_before) -> running -> completed, or
-- blocked_by_hold, failed, cancelled. The receipt is kept with the request; its SHA-256 is in the
-- tenant's audit chain.
CREATE TABLE erasures (
    id            varchar(40)  PRIMARY KEY,
    tenant        varchar(63)  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    query         text         NOT NULL,
    from_time     timestamptz  NOT NULL,
    to_time       timestamptz  NOT NULL,
    reason        text         NOT NULL,
    state         varchar(16)  NOT NULL,
    requested_at  timestamptz  NOT NULL,
    requested_by  varchar(255),
    not_before    timestamptz  NOT NULL,
    cancelled_at  timestamptz,
    cancelled_by  varchar(255),
    started_at    timestamptz,
    completed_at  timestamptz,
    detail        text,
    receipt       text,
    receipt_hash  varchar(64)
);
CREATE INDEX erasures_open ON erasures (state) WHERE state IN ('pending', 'running');
CREATE INDEX erasures_tenant ON erasures (tenant, requested_at);

-- The commit at which each index was last sealed (the seal itself, with its file hashes, is an
-- index.seal event of the tenant's audit chain): an index whose commit moved on is sealed again.
CREATE TABLE index_seals (
    tenant     varchar(63)  NOT NULL,
    index_name varchar(128) NOT NULL,
    generation bigint       NOT NULL,
    sealed_at  timestamptz  NOT NULL,
    PRIMARY KEY (tenant, index_name)
);
