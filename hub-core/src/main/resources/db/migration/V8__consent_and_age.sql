-- Consent that follows the child's age: that the child was heard before a guardian consented (by
-- whom, on which day, and their views if they wished them written down); the young person's
-- confirmation, once old enough, of a health consent a guardian gave; and the further guardians
-- who consented to a consent another guardian gave. Written in the SQL that H2 and PostgreSQL
-- share; the same file runs on both.

ALTER TABLE consent ADD COLUMN child_heard_by VARCHAR(200);
ALTER TABLE consent ADD COLUMN child_heard_on DATE;
ALTER TABLE consent ADD COLUMN child_views VARCHAR(1000);
ALTER TABLE consent ADD COLUMN confirmed_at TIMESTAMP;
ALTER TABLE consent ADD COLUMN confirmed_by VARCHAR(255);

CREATE TABLE consent_guardian (
    consent_id   VARCHAR(36)  NOT NULL REFERENCES consent (id),
    guardian_id  VARCHAR(36)  NOT NULL REFERENCES person (id),
    consented_at TIMESTAMP    NOT NULL,
    recorded_by  VARCHAR(255) NOT NULL,
    PRIMARY KEY (consent_id, guardian_id)
);

CREATE INDEX consent_by_status ON consent (status);
