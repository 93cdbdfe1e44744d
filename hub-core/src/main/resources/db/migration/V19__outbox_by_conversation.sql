-- Parallel delivery (ADR 0037). Several workers deliver at once, yet a conversation must reach its
-- recipient in order: a claim offers only the oldest outbox entry of a conversation to a recipient.
-- The entry carries its conversation so that the claim can tell, by an index, without a join.

ALTER TABLE outbox ADD COLUMN conversation_id VARCHAR(36);
UPDATE outbox SET conversation_id = (SELECT m.conversation_id FROM message m WHERE m.id = outbox.message_id);
ALTER TABLE outbox ALTER COLUMN conversation_id SET NOT NULL;
CREATE INDEX outbox_by_conversation ON outbox (recipient_agency, conversation_id, created_at);
