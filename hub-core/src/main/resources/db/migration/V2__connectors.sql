-- What the connectors need: the form a stored message was signed in, the recipient's receipt,
-- and durable retry scheduling for the outbox, so that a recipient that is down is tried again
-- later without holding a thread.

ALTER TABLE message ADD COLUMN signed_format VARCHAR(32) DEFAULT 'bindeledd-message/1' NOT NULL;
ALTER TABLE message ADD COLUMN receipt VARCHAR(1000);
ALTER TABLE message ADD COLUMN recipient_reference VARCHAR(100);

ALTER TABLE outbox ADD COLUMN next_attempt_at TIMESTAMP;
ALTER TABLE outbox ADD COLUMN last_error VARCHAR(1000);
CREATE INDEX outbox_by_due ON outbox (next_attempt_at, created_at);
