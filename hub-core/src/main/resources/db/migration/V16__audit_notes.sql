-- Audit entries commit to erasable notes (ADR 0034). An entry of form 2 chains only a salted hash
-- of its note; the note's salt and text are kept here, sealed under a data key of the note's own.
-- Erasing destroys the key, empties the sealed columns and sets erased_at; the row stays, so that
-- a reader can say when the note was erased.

CREATE TABLE audit_note (
    log_id      VARCHAR(8)  NOT NULL,
    seq         BIGINT      NOT NULL,
    subject_id  VARCHAR(36),
    recorded_at TIMESTAMP   NOT NULL,
    data_key_id VARCHAR(36),
    sealed_salt BYTEA,
    sealed_text BYTEA,
    erased_at   TIMESTAMP,
    PRIMARY KEY (log_id, seq)
);
CREATE INDEX audit_note_by_subject ON audit_note (subject_id);
CREATE INDEX audit_note_by_recorded_at ON audit_note (recorded_at);
