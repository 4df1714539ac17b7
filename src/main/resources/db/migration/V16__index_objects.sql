-- Object storage (issue 16): which commits of which sealed indexes are in the bucket. A row is
-- written only once every file of that commit was put; a node's later seal of the same index adds
-- a row for its new generation. files: {"<lucene file>": {"bytes": n, "sha256": "<hex>"}}.
CREATE TABLE index_objects (
    tenant      varchar(63)  NOT NULL,
    index_name  varchar(128) NOT NULL,
    node_id     text         NOT NULL,
    generation  bigint       NOT NULL,
    prefix      text         NOT NULL,
    files       jsonb        NOT NULL,
    bytes       bigint       NOT NULL,
    uploaded_at timestamptz  NOT NULL,
    PRIMARY KEY (tenant, index_name, node_id, generation)
);
