-- Consent evidence and a message's side text encrypted at rest (ADR 0030). The interpreter, the
-- witness, who heard the child and what the child said, and each consent change's reason, are
-- stored sealed under the data key of the person the consent is about, so that erasing the person
-- erases them too; a message's receipt and status reason, which may quote the recipient's answer,
-- under the message's own data key. Each value is sealed as a whole, so the sealed columns have no
-- length of their own.
-- The clear columns, all nullable already, stay because the hub reads them once more at start: it
-- seals the rows of an upgraded database and empties them (persistence.ClearTextSealing).

ALTER TABLE consent ADD COLUMN data_key_id VARCHAR(36);
ALTER TABLE consent ADD COLUMN sealed_interpreter_id BYTEA;
ALTER TABLE consent ADD COLUMN sealed_interpreter_language BYTEA;
ALTER TABLE consent ADD COLUMN sealed_witness BYTEA;
ALTER TABLE consent ADD COLUMN sealed_child_heard_by BYTEA;
ALTER TABLE consent ADD COLUMN sealed_child_views BYTEA;

ALTER TABLE consent_change ADD COLUMN data_key_id VARCHAR(36);
ALTER TABLE consent_change ADD COLUMN sealed_reason BYTEA;

ALTER TABLE message ADD COLUMN sealed_receipt BYTEA;
ALTER TABLE message ADD COLUMN sealed_status_reason BYTEA;
