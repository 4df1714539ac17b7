-- Every node keeps the API keys it has checked in memory and forgets them all when told that a key
-- or a tenant changed: the trigger tells every listening node at commit, whichever node (or
-- operator at a SQL prompt) made the change. Statement triggers: one notification per statement,
-- and PostgreSQL folds identical notifications of one transaction into one.
CREATE FUNCTION strata_credentials_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('strata_credentials', TG_TABLE_NAME);
    RETURN NULL;
END
$$;
CREATE TRIGGER api_keys_changed AFTER UPDATE OR DELETE OR TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION strata_credentials_changed();
CREATE TRIGGER tenants_changed AFTER UPDATE OR DELETE OR TRUNCATE ON tenants
    FOR EACH STATEMENT EXECUTE FUNCTION strata_credentials_changed();
