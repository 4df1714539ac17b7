-- Object storage: how many live events each commit in the bucket holds, so that a node can keep
-- an index in the bucket only (local disk as a cache) and still answer usage and retention reads
-- for it. Rows written before hold none (NULL): such an index is fetched rather than left remote.
ALTER TABLE index_objects ADD COLUMN events bigint;
