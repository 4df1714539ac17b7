-- The nodes of the cluster (issue 15): where each one answers, what it does, and when it last said
-- it was alive. Reads fan out to every node with the index role; one silent for longer than the
-- node timeout is reported as missing ("partial"), never skipped in silence.
CREATE TABLE cluster_nodes (
  node_id      text PRIMARY KEY,
  api_url      text NOT NULL,
  roles        text NOT NULL,
  started_at   timestamptz NOT NULL,
  heartbeat_at timestamptz NOT NULL,
  stopped_at   timestamptz
);

-- The secret nodes present to each other when STRATA_CLUSTER_SECRET is not set: made by the first
-- node to start, read by the others.
CREATE TABLE cluster_secret (
  id     smallint PRIMARY KEY CHECK (id = 1),
  secret text NOT NULL
);
