-- Who created each property: the caller's name on POST. Rows from before this column were written by the
-- admin, the only account that could write then: ${existing_owner} is properties.admin.username (empty: none
-- configured, the rows stay without an owner).
ALTER TABLE property ADD COLUMN owner VARCHAR(255);
UPDATE property SET owner = NULLIF('${existing_owner}', '');
CREATE INDEX property_owner ON property (owner);
