-- A tenant's day in one class may be indexed on several nodes (issue 15): each node seals its own
-- part, so a seal is per node. Seals made before record no node ('').
ALTER TABLE index_seals ADD COLUMN node_id text NOT NULL DEFAULT '';
ALTER TABLE index_seals DROP CONSTRAINT index_seals_pkey;
ALTER TABLE index_seals ADD PRIMARY KEY (tenant, index_name, node_id);
