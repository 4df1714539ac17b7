-- Parsing rules (io.strata.parsing): per tenant, a grok-like pattern run at indexing time on the
-- events its selector picks, highest priority first.
CREATE TABLE parsing_rules (
    id           varchar(40)   PRIMARY KEY,
    tenant       varchar(63)   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name         varchar(200)  NOT NULL,
    selector     text          NOT NULL,
    pattern      text          NOT NULL,
    time_format  varchar(200),
    priority     integer       NOT NULL,
    enabled      boolean       NOT NULL,
    created_at   timestamptz   NOT NULL,
    created_by   varchar(255),
    updated_at   timestamptz   NOT NULL,
    updated_by   varchar(255),
    CONSTRAINT parsing_rules_tenant_name UNIQUE (tenant, name)
);
