-- What each node erased for an erasure, index by index (issue 15): in a cluster every index node
-- erases its own indexes and records each one here as it finishes it, so a node that crashes
-- mid-erasure resumes where it was, and the receipt adds up every node's part.
CREATE TABLE erasure_indexes (
  erasure_id              varchar(40)  NOT NULL REFERENCES erasures (id) ON DELETE CASCADE,
  node_id                 text         NOT NULL,
  index_name              varchar(128) NOT NULL,
  matched                 bigint       NOT NULL,
  deleted                 bigint       NOT NULL,
  segments_rewritten      integer      NOT NULL,
  segments_with_deletions integer      NOT NULL,
  erased_at               timestamptz  NOT NULL,
  PRIMARY KEY (erasure_id, node_id, index_name)
);
