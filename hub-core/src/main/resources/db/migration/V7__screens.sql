-- What the staff screens ask of messages: when the sending agency last marked a message's outcome
-- (held, failed, expired, declined) seen, so that the sent list can count what still needs a look;
-- and indexes for a person's conversations and for those counts.

ALTER TABLE message ADD COLUMN sender_seen_at TIMESTAMP;

CREATE INDEX message_by_subject ON message (subject_id, created_at);
CREATE INDEX message_by_sender_status ON message (sender_agency, status);
