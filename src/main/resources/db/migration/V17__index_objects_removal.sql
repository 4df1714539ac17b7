-- Object storage: a commit in the bucket that is to go (its index deleted by retention) is marked
-- before the local index is deleted, so the bucket copy goes too even if the node dies in between;
-- the row itself goes once its objects have.
ALTER TABLE index_objects ADD COLUMN removed_at timestamptz;
