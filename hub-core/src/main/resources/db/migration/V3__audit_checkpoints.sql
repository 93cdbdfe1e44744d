-- Signed checkpoints of the audit log's Merkle tree: each states the tree's size and root hash at a
-- time, signed with the hub's audit key, and later timestamped by a time-stamping authority. The
-- signed note is stored as it was signed; the other columns are copies for finding it.

CREATE TABLE audit_checkpoint (
    tree_size       BIGINT        NOT NULL PRIMARY KEY,
    root_hash       VARCHAR(64)   NOT NULL,
    made_at         TIMESTAMP     NOT NULL,
    signed_note     VARCHAR(4000) NOT NULL,
    timestamp_token BYTEA,
    timestamped_at  TIMESTAMP
);
