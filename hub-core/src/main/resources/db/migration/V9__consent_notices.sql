-- What the refugee service is told when a person withdraws a consent themselves: one notice per
-- withdrawal, for the agency that recorded the consent, until a caseworker there marks it seen.

CREATE TABLE consent_notice (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    consent_id  VARCHAR(36)   NOT NULL REFERENCES consent (id),
    subject_id  VARCHAR(36)   NOT NULL REFERENCES person (id),
    agency      VARCHAR(9)    NOT NULL,
    kind        VARCHAR(32)   NOT NULL,
    noticed_at  TIMESTAMP     NOT NULL,
    noticed_by  VARCHAR(255)  NOT NULL,
    seen_at     TIMESTAMP,
    seen_by     VARCHAR(255)
);

CREATE INDEX consent_notice_by_agency ON consent_notice (agency, noticed_at);
