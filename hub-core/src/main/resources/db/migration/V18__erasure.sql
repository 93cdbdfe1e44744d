-- Erasure (ADR 0035). An erased person or message keeps its row, so that every reference to it
-- still resolves, with the time its personal data was erased; the sealed columns are emptied and
-- the data key they were sealed with is destroyed.

ALTER TABLE person ADD COLUMN erased_at TIMESTAMP;
ALTER TABLE message ADD COLUMN erased_at TIMESTAMP;

-- The retention run runs under a lease of its own: one node erases at a time.
INSERT INTO node_lease (name, holder, expires_at)
VALUES ('retention', '', TIMESTAMP '1970-01-01 00:00:00');
