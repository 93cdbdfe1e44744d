-- Personal data encrypted at rest (ADR 0030). Each person and each message has a data key of its
-- own, kept here only wrapped by a key-encryption key from the hub's key store. A person's names and
-- national identity number are stored sealed under it (AES-256-GCM), the number also as a keyed
-- hash to find them by; so are a message's body and signed envelope.
-- The clear columns stay, nullable, because the hub reads them once more at start: it seals the
-- rows of an upgraded database and empties them (persistence.ClearTextSealing).

CREATE TABLE data_key (
    id          VARCHAR(36) NOT NULL PRIMARY KEY,
    wrapped_key BYTEA       NOT NULL,
    kek_version INTEGER     NOT NULL,
    created_at  TIMESTAMP   NOT NULL
);
CREATE INDEX data_key_by_kek_version ON data_key (kek_version);

ALTER TABLE person ADD COLUMN data_key_id VARCHAR(36);
ALTER TABLE person ADD COLUMN national_id_hash VARCHAR(64);
ALTER TABLE person ADD COLUMN sealed_national_id BYTEA;
ALTER TABLE person ADD COLUMN sealed_given_name BYTEA;
ALTER TABLE person ADD COLUMN sealed_family_name BYTEA;
CREATE UNIQUE INDEX person_by_national_id_hash ON person (national_id_hash);

ALTER TABLE person ALTER COLUMN national_id DROP NOT NULL;
ALTER TABLE person ALTER COLUMN given_name DROP NOT NULL;
ALTER TABLE person ALTER COLUMN family_name DROP NOT NULL;

ALTER TABLE message ADD COLUMN data_key_id VARCHAR(36);
ALTER TABLE message ADD COLUMN sealed_body BYTEA;
ALTER TABLE message ADD COLUMN sealed_envelope BYTEA;
ALTER TABLE message ALTER COLUMN body DROP NOT NULL;
ALTER TABLE message ALTER COLUMN signed_envelope DROP NOT NULL;
