-- Object storage (issue 16): per node, the Kafka offsets its copy in the bucket covers. Written
-- only after every index of the node was in the bucket at a commit holding every record below
-- these offsets, so that a node restored from the bucket reads Kafka again from here. Catalog rows
-- (index_objects) may name newer commits than the checkpoint: each index's own commit offsets keep
-- a replay from adding what it holds twice. index_objects.files entries gain "key": where the file
-- lies, which is under the prefix of the first commit that held it (files are shared between
-- commits of one index; entries without it lie under their own commit's prefix).
CREATE TABLE storage_checkpoints (
    node_id  text        PRIMARY KEY,
    offsets  jsonb       NOT NULL,
    taken_at timestamptz NOT NULL
);
