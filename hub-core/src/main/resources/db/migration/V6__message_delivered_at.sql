-- When a message reached its recipient. It stays set when the message is held later, so that the
-- hub can tell a recipient who saw a message before why it is no longer shown, while a message
-- held before it ever arrived stays unknown to its recipient. Messages delivered before this
-- column existed take the time of their last change.

ALTER TABLE message ADD COLUMN delivered_at TIMESTAMP;

UPDATE message SET delivered_at = status_changed_at WHERE status IN ('DELIVERED', 'READ');
