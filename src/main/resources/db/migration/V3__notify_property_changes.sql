-- Every committed change to property, whoever makes it (this service, psql, an import, a migration, another
-- service), is announced on the channel property_changes: once per statement, whatever the number of rows, and at
-- commit (PostgreSQL delivers notifications in commit order and never for a rollback). Each node of the service
-- LISTENs and evicts its cache. The payload names the transaction, so that its eviction is made once, however
-- many nodes hear it and whether or not the write came through the service (which asks for the same name).

-- The transaction's id, with the server's start time: ids start again on a server restored from a backup.
CREATE FUNCTION property_change_transaction() RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT txid_current()::text || '@'
        || floor(extract(epoch FROM pg_postmaster_start_time()) * 1000000)::bigint::text
$$;

-- Schema-qualified: another client's search_path must not make its writes fail.
CREATE FUNCTION property_changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('property_changes', "${flyway:defaultSchema}".property_change_transaction());
    RETURN NULL;
END
$$;

CREATE TRIGGER property_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON property
    FOR EACH STATEMENT EXECUTE FUNCTION property_changes_notify();
