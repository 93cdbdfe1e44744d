-- One audit log per municipality, beside the hub's own: every entry, head, checkpoint and
-- cosignature names its log ('hub', or the municipality's four digits), and each log numbers its
-- entries from 1. What was stored before becomes the hub's log, with its origin, its checkpoints
-- and its cosignatures as they were, so that it still verifies as the same log.
-- The tables are made anew and filled from the old ones, since H2 and PostgreSQL share no way to
-- change a primary key in place.

CREATE TABLE audit_entry_by_log (
    log_id          VARCHAR(8)   NOT NULL,
    seq             BIGINT       NOT NULL,
    canonical_bytes BYTEA        NOT NULL,
    entry_hash      VARCHAR(64)  NOT NULL,
    prev_hash       VARCHAR(64)  NOT NULL,
    recorded_at     TIMESTAMP    NOT NULL,
    actor_user      VARCHAR(255) NOT NULL,
    actor_agency    VARCHAR(9),
    action          VARCHAR(64)  NOT NULL,
    outcome         VARCHAR(16)  NOT NULL,
    subject_id      VARCHAR(36),
    consent_id      VARCHAR(36),
    message_id      VARCHAR(36),
    PRIMARY KEY (log_id, seq)
);
INSERT INTO audit_entry_by_log (log_id, seq, canonical_bytes, entry_hash, prev_hash, recorded_at,
                                actor_user, actor_agency, action, outcome, subject_id, consent_id,
                                message_id)
SELECT 'hub', seq, canonical_bytes, entry_hash, prev_hash, recorded_at, actor_user, actor_agency,
       action, outcome, subject_id, consent_id, message_id
FROM audit_entry;
DROP TABLE audit_entry;
ALTER TABLE audit_entry_by_log RENAME TO audit_entry;
CREATE INDEX audit_by_subject ON audit_entry (subject_id, recorded_at);

CREATE TABLE audit_head_by_log (
    log_id    VARCHAR(8)  NOT NULL PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_head_by_log (log_id, last_seq, last_hash)
SELECT 'hub', last_seq, last_hash FROM audit_head WHERE id = 1;
DROP TABLE audit_head;
ALTER TABLE audit_head_by_log RENAME TO audit_head;

CREATE TABLE audit_checkpoint_by_log (
    log_id          VARCHAR(8)    NOT NULL,
    tree_size       BIGINT        NOT NULL,
    root_hash       VARCHAR(64)   NOT NULL,
    made_at         TIMESTAMP     NOT NULL,
    signed_note     VARCHAR(4000) NOT NULL,
    timestamp_token BYTEA,
    timestamped_at  TIMESTAMP,
    PRIMARY KEY (log_id, tree_size)
);
INSERT INTO audit_checkpoint_by_log (log_id, tree_size, root_hash, made_at, signed_note,
                                     timestamp_token, timestamped_at)
SELECT 'hub', tree_size, root_hash, made_at, signed_note, timestamp_token, timestamped_at
FROM audit_checkpoint;

CREATE TABLE audit_cosignature_by_log (
    log_id         VARCHAR(8)    NOT NULL,
    tree_size      BIGINT        NOT NULL,
    witness        VARCHAR(300)  NOT NULL,
    cosigned_at    TIMESTAMP     NOT NULL,
    signature_line VARCHAR(2000) NOT NULL,
    PRIMARY KEY (log_id, tree_size, witness),
    FOREIGN KEY (log_id, tree_size) REFERENCES audit_checkpoint_by_log (log_id, tree_size)
);
INSERT INTO audit_cosignature_by_log (log_id, tree_size, witness, cosigned_at, signature_line)
SELECT 'hub', tree_size, witness, cosigned_at, signature_line FROM audit_cosignature;
DROP TABLE audit_cosignature;
DROP TABLE audit_checkpoint;
ALTER TABLE audit_checkpoint_by_log RENAME TO audit_checkpoint;
ALTER TABLE audit_cosignature_by_log RENAME TO audit_cosignature;
CREATE INDEX audit_cosignature_by_witness ON audit_cosignature (log_id, witness, tree_size);
