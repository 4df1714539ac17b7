-- The audit trail: one hash chain per tenant and one for the platform ('platform').
-- hash = SHA-256(prev_hash || canonical form of the event); see io.strata.audit.AuditHashing.
CREATE TABLE audit_events (
    chain      varchar(63)  NOT NULL,
    seq        bigint       NOT NULL,
    time       timestamptz  NOT NULL,
    tenant     varchar(63),
    actor_type varchar(16)  NOT NULL,
    actor_id   varchar(255),
    actor_name varchar(255),
    source     varchar(64),
    user_agent varchar(512),
    action     varchar(64)  NOT NULL,
    target     varchar(512),
    params     text         NOT NULL,
    outcome    varchar(16)  NOT NULL,
    status     integer      NOT NULL,
    prev_hash  char(64)     NOT NULL,
    hash       char(64)     NOT NULL,
    PRIMARY KEY (chain, seq)
);
CREATE INDEX audit_events_chain_time ON audit_events (chain, time);

-- The newest event of each chain; its row lock puts a chain's appends in one order.
CREATE TABLE audit_heads (
    chain varchar(63) PRIMARY KEY,
    seq   bigint      NOT NULL,
    hash  char(64)    NOT NULL
);

-- Append-only: the application never changes or removes an event, and the database refuses to.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END
$$;
CREATE TRIGGER audit_events_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- Signed checkpoints of the chain heads: a rewrite of a whole stretch of a chain (hashes recomputed
-- without the signing key) no longer matches the hash a checkpoint signed.
CREATE TABLE audit_checkpoints (
    chain     varchar(63) NOT NULL,
    seq       bigint      NOT NULL,
    hash      char(64)    NOT NULL,
    time      timestamptz NOT NULL,
    key_id    varchar(64) NOT NULL,
    signature text        NOT NULL,
    PRIMARY KEY (chain, seq)
);
