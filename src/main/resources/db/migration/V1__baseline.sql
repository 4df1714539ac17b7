-- The schema as Hibernate created it ("update") before migrations existed: the same columns in the
-- same order, types, nullability and constraint and index names, so that a database made by an
-- earlier version is exactly this one and is baselined at version 1 rather than migrated.
-- The unique constraint on api_keys.hash keeps the name Hibernate generated for it.

CREATE TABLE tenants (
    id varchar(63) NOT NULL,
    created_at timestamp(6) with time zone NOT NULL,
    max_events_per_second integer,
    name varchar(255) NOT NULL,
    CONSTRAINT tenants_pkey PRIMARY KEY (id)
);

CREATE TABLE api_keys (
    id varchar(40) NOT NULL,
    created_at timestamp(6) with time zone NOT NULL,
    expires_at timestamp(6) with time zone,
    hash varchar(64) NOT NULL,
    name varchar(255) NOT NULL,
    revoked_at timestamp(6) with time zone,
    scopes varchar(255) NOT NULL,
    tenant_id varchar(63) NOT NULL,
    CONSTRAINT api_keys_pkey PRIMARY KEY (id),
    CONSTRAINT ukrfl8q61qspklqskd72ml9amgt UNIQUE (hash)
);

CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE saved_searches (
    id varchar(36) NOT NULL,
    columns text,
    created_at timestamp(6) with time zone NOT NULL,
    created_by varchar(255),
    range_from varchar(64),
    name varchar(200) NOT NULL,
    q varchar(4096) NOT NULL,
    tenant_id varchar(63) NOT NULL,
    range_to varchar(64),
    updated_at timestamp(6) with time zone NOT NULL,
    CONSTRAINT saved_searches_pkey PRIMARY KEY (id),
    CONSTRAINT saved_searches_tenant_name UNIQUE (tenant_id, name)
);
