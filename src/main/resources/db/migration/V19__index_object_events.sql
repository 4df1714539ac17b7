-- Object storage: how many live events each commit in the bucket holds and the Kafka offsets it
-- covers (its commit data), so that a node can keep an index in the bucket only (local disk as a
-- cache) and still answer usage and retention reads for it, and know whether it holds events of a
-- partition another node took over. Rows written before hold neither (NULL): such an index is
-- fetched rather than left remote.
ALTER TABLE index_objects ADD COLUMN events bigint;
ALTER TABLE index_objects ADD COLUMN offsets jsonb;
