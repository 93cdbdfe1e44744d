-- The backbone schema: agencies, people, consents, messages with their outbox, and the audit log.
-- Written in the SQL that H2 and PostgreSQL share; the same file runs on both.

CREATE TABLE agency (
    org_number          VARCHAR(9)    NOT NULL PRIMARY KEY,
    name                VARCHAR(255)  NOT NULL,
    kind                VARCHAR(32)   NOT NULL,
    her_id              VARCHAR(20),
    signing_certificate VARCHAR(8000)
);

CREATE TABLE person (
    id                 VARCHAR(36)  NOT NULL PRIMARY KEY,
    national_id        VARCHAR(11)  NOT NULL UNIQUE,
    given_name         VARCHAR(255) NOT NULL,
    family_name        VARCHAR(255) NOT NULL,
    preferred_language VARCHAR(35)  NOT NULL,
    registered_at      TIMESTAMP    NOT NULL,
    registered_by      VARCHAR(255) NOT NULL
);

CREATE TABLE guardianship (
    child_id    VARCHAR(36) NOT NULL REFERENCES person (id),
    guardian_id VARCHAR(36) NOT NULL REFERENCES person (id),
    PRIMARY KEY (child_id, guardian_id)
);

CREATE TABLE consent (
    id                   VARCHAR(36)  NOT NULL PRIMARY KEY,
    subject_id           VARCHAR(36)  NOT NULL REFERENCES person (id),
    grantor_id           VARCHAR(36)  NOT NULL REFERENCES person (id),
    disclosing_agency    VARCHAR(9)   NOT NULL REFERENCES agency (org_number),
    receiving_agency     VARCHAR(9)   NOT NULL REFERENCES agency (org_number),
    direction            VARCHAR(16)  NOT NULL,
    purpose              VARCHAR(64)  NOT NULL,
    valid_from           TIMESTAMP    NOT NULL,
    valid_until          TIMESTAMP    NOT NULL,
    status               VARCHAR(32)  NOT NULL,
    collection_method    VARCHAR(32)  NOT NULL,
    form_sha256          VARCHAR(64),
    text_language        VARCHAR(35)  NOT NULL,
    interpreter_id       VARCHAR(200),
    interpreter_language VARCHAR(35),
    witness              VARCHAR(200),
    recorded_by          VARCHAR(255) NOT NULL,
    recorded_by_agency   VARCHAR(9)   NOT NULL,
    recorded_at          TIMESTAMP    NOT NULL
);
CREATE INDEX consent_by_subject ON consent (subject_id);

CREATE TABLE consent_category (
    consent_id VARCHAR(36) NOT NULL REFERENCES consent (id),
    category   VARCHAR(64) NOT NULL,
    PRIMARY KEY (consent_id, category)
);

CREATE SEQUENCE consent_change_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE consent_change (
    id          BIGINT        NOT NULL PRIMARY KEY,
    consent_id  VARCHAR(36)   NOT NULL REFERENCES consent (id),
    changed_at  TIMESTAMP     NOT NULL,
    changed_by  VARCHAR(255)  NOT NULL,
    new_status  VARCHAR(32)   NOT NULL,
    reason      VARCHAR(1000)
);

CREATE TABLE message (
    id                VARCHAR(36)    NOT NULL PRIMARY KEY,
    conversation_id   VARCHAR(36)    NOT NULL,
    in_reply_to       VARCHAR(36)    REFERENCES message (id),
    kind              VARCHAR(16)    NOT NULL,
    sender_agency     VARCHAR(9)     NOT NULL REFERENCES agency (org_number),
    sender_user       VARCHAR(255)   NOT NULL,
    recipient_agency  VARCHAR(9)     NOT NULL REFERENCES agency (org_number),
    subject_id        VARCHAR(36)    NOT NULL REFERENCES person (id),
    category          VARCHAR(64)    NOT NULL,
    purpose           VARCHAR(64)    NOT NULL,
    consent_id        VARCHAR(36)    REFERENCES consent (id),
    body              VARCHAR(16000) NOT NULL,
    signed_envelope   BYTEA          NOT NULL,
    created_at        TIMESTAMP      NOT NULL,
    status            VARCHAR(16)    NOT NULL,
    status_reason     VARCHAR(1000),
    status_changed_at TIMESTAMP      NOT NULL,
    read_by           VARCHAR(255),
    version           BIGINT         NOT NULL
);
CREATE INDEX message_by_recipient ON message (recipient_agency, status, created_at);
CREATE INDEX message_by_sender ON message (sender_agency, created_at);
CREATE INDEX message_by_conversation ON message (conversation_id);

CREATE TABLE outbox (
    message_id       VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES message (id),
    recipient_agency VARCHAR(9)  NOT NULL,
    created_at       TIMESTAMP   NOT NULL,
    claimed_until    TIMESTAMP,
    attempts         INTEGER     NOT NULL
);

CREATE TABLE audit_entry (
    seq             BIGINT       NOT NULL PRIMARY KEY,
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
    message_id      VARCHAR(36)
);
CREATE INDEX audit_by_subject ON audit_entry (subject_id, seq);

CREATE TABLE audit_head (
    id        INTEGER     NOT NULL PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
