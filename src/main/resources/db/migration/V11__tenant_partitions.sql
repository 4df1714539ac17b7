-- How many partitions of the event topic a tenant's events are spread over (shuffle sharding):
-- one for most tenants, so their searches touch few indexer nodes; the operator raises it for a
-- tenant that needs more than one indexer.
ALTER TABLE tenants ADD COLUMN partitions integer NOT NULL DEFAULT 1;
ALTER TABLE tenants ADD CONSTRAINT tenants_partitions_range CHECK (partitions BETWEEN 1 AND 1024);
