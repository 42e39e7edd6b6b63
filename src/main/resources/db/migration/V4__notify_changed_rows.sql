-- The notification of V3 names the rows a statement changed too, so that a change evicts the details of those
-- rows only (every list and page still goes): "<transaction> <id>,<id>,..." from the statement's transition
-- tables. A statement of more than 1,000 rows, or whose ids would not fit in a notification (8,000 bytes), and a
-- TRUNCATE, name every row: "<transaction> *". A statement that changed no row sends nothing.
DROP TRIGGER property_changes ON property;
DROP FUNCTION property_changes_notify();

CREATE FUNCTION property_changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed bigint[];
    named text := '*';
BEGIN
    -- At most 1,001 ids are read: one more than a notification names.
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(id) INTO changed FROM (SELECT id FROM new_rows LIMIT 1001) AS changed_rows;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(id) INTO changed
            FROM (SELECT id FROM old_rows UNION SELECT id FROM new_rows LIMIT 1001) AS changed_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(id) INTO changed FROM (SELECT id FROM old_rows LIMIT 1001) AS changed_rows;
    END IF;
    IF TG_OP <> 'TRUNCATE' THEN
        IF changed IS NULL THEN
            RETURN NULL;
        END IF;
        IF cardinality(changed) <= 1000 THEN
            named := array_to_string(changed, ',');
        END IF;
        IF octet_length(named) > 7000 THEN
            named := '*';
        END IF;
    END IF;
    PERFORM pg_notify('property_changes', "${flyway:defaultSchema}".property_change_transaction() || ' ' || named);
    RETURN NULL;
END
$$;

-- PostgreSQL gives transition tables only to a trigger of one event: one trigger per event.
CREATE TRIGGER property_inserts AFTER INSERT ON property REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION property_changes_notify();
CREATE TRIGGER property_updates AFTER UPDATE ON property REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION property_changes_notify();
CREATE TRIGGER property_deletes AFTER DELETE ON property REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION property_changes_notify();
CREATE TRIGGER property_truncates AFTER TRUNCATE ON property
    FOR EACH STATEMENT EXECUTE FUNCTION property_changes_notify();
