-- How far each recipient agency's deliveries are behind: the oldest outbox entry per recipient,
-- and how many wait, read at most once a second by every node to judge new requests (ADR 0038).
-- With this index the grouped query reads the index alone, not the outbox's rows.
CREATE INDEX outbox_by_recipient ON outbox (recipient_agency, created_at);
