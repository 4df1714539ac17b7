-- Which node took each Kafka partition of the event topic when, and from which offset (issue 15).
-- A node killed after committing to Lucene records that Kafka had not yet recorded as consumed
-- holds copies of them that the partition's next owner indexes again; when it sees a later owner
-- here, it deletes its own copies from that owner's start offset on, and notes that it did.
CREATE TABLE partition_owners (
  topic_partition text        NOT NULL,
  node_id         text        NOT NULL,
  start_offset    bigint      NOT NULL,
  assigned_at     timestamptz NOT NULL,
  -- The later owner's start from which this node has dropped its copies, once it has.
  dropped_from    bigint,
  PRIMARY KEY (topic_partition, node_id)
);
