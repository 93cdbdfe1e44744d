-- What two or more hub nodes on one database share beyond the data itself.

-- A lease is held by one node at a time until it runs out: the checkpoint round's is
-- 'audit-checkpoints'. A holder renews it while it lives; another node takes it over once it ran
-- out. Signing also locks this row, so that two checkpoints are never signed at once.
CREATE TABLE node_lease (
    name        VARCHAR(64)   NOT NULL PRIMARY KEY,
    holder      VARCHAR(128)  NOT NULL,
    expires_at  TIMESTAMP     NOT NULL
);
INSERT INTO node_lease (name, holder, expires_at)
VALUES ('audit-checkpoints', '', TIMESTAMP '1970-01-01 00:00:00');

-- A change that live streams on every node are told of, written in the transaction that made it:
-- a row exists only if its change committed. It names what a live event names, and the agencies
-- that may know of it. Rows are kept for a few minutes only.
CREATE SEQUENCE shared_change_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE shared_change (
    id                 BIGINT        NOT NULL PRIMARY KEY,
    origin             VARCHAR(128)  NOT NULL,
    topic              VARCHAR(16)   NOT NULL,
    made_at            TIMESTAMP     NOT NULL,
    message_id         VARCHAR(36),
    conversation_id    VARCHAR(36),
    message_kind       VARCHAR(16),
    status             VARCHAR(16),
    sender             VARCHAR(9),
    recipient          VARCHAR(9),
    recipient_may_know BOOLEAN,
    notice_id          VARCHAR(36),
    agency             VARCHAR(9),
    session_key        VARCHAR(64)
);
CREATE INDEX shared_change_by_time ON shared_change (made_at);

-- A browser's signed-in session, which any node serves: keyed by the SHA-256 of the cookie's
-- random value (the database never holds the cookie itself), with the sign-in under way or the
-- user signed in, and when the browser was last seen, from which the idle timeout is counted.
CREATE TABLE browser_session (
    key_hash      VARCHAR(64)    NOT NULL PRIMARY KEY,
    pending_login VARCHAR(4000),
    signed_in     VARCHAR(20000),
    created_at    TIMESTAMP      NOT NULL,
    last_seen_at  TIMESTAMP      NOT NULL
);
CREATE INDEX browser_session_by_last_seen ON browser_session (last_seen_at);
