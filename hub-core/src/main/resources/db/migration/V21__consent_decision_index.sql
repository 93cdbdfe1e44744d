-- Every consent decision reads the history of each of the person's consents. PostgreSQL, unlike
-- H2, makes no index for a foreign key, so without this it read the whole table of changes for
-- each consent. Written in the SQL that H2 and PostgreSQL share; the same file runs on both.

CREATE INDEX consent_change_by_consent ON consent_change (consent_id);
