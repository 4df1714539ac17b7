-- Idempotency keys of the native ingest API (io.strata.ingest.IdempotencyKeys), per tenant: the
-- request a key was first used for (a hash of its body) and, once Kafka acknowledged it, the answer
-- a retry with the same key gets again instead of storing the events twice. A row without an answer
-- is a request in flight; the primary key is what lets only one node process a key at a time.
CREATE TABLE ingest_idempotency_keys (
    tenant           varchar(63)  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    idempotency_key  varchar(255) NOT NULL,
    request_hash     char(64)     NOT NULL,
    claim            uuid         NOT NULL,
    started_at       timestamptz  NOT NULL,
    completed_at     timestamptz,
    status           integer,
    answer           text,
    CONSTRAINT ingest_idempotency_keys_pkey PRIMARY KEY (tenant, idempotency_key)
);

-- The expiry job deletes by age.
CREATE INDEX ingest_idempotency_keys_started_at ON ingest_idempotency_keys (started_at);
