-- Each agency's registered signing certificates, with their history: who registered each and when,
-- and who withdrew it or which revocation source said it was revoked. Two may be active at once
-- during a rollover. Certificates are registered through the hub (at start from the key store, or
-- by an administrator), so the single certificate column of V1 goes; start-up registers the key
-- store's certificates again. Several nodes may record a revocation answer for the same row at
-- once; each writes only the columns it changes, so the rows carry no version.

CREATE TABLE agency_certificate (
    id                    VARCHAR(36)    NOT NULL PRIMARY KEY,
    agency                VARCHAR(9)     NOT NULL REFERENCES agency (org_number),
    fingerprint           VARCHAR(64)    NOT NULL,
    certificate_pem       VARCHAR(8000)  NOT NULL,
    issuer_pem            VARCHAR(8000)  NOT NULL,
    subject               VARCHAR(1000)  NOT NULL,
    issuer                VARCHAR(1000)  NOT NULL,
    serial_number         VARCHAR(64)    NOT NULL,
    not_before            TIMESTAMP      NOT NULL,
    not_after             TIMESTAMP      NOT NULL,
    status                VARCHAR(16)    NOT NULL,
    registered_at         TIMESTAMP      NOT NULL,
    registered_by         VARCHAR(255)   NOT NULL,
    status_changed_at     TIMESTAMP,
    status_changed_by     VARCHAR(255),
    status_reason         VARCHAR(1000),
    revoked_at            TIMESTAMP,
    revocation_checked_at TIMESTAMP,
    revocation_source     VARCHAR(1000),
    CONSTRAINT agency_certificate_once UNIQUE (agency, fingerprint)
);

CREATE INDEX agency_certificate_by_agency ON agency_certificate (agency, registered_at);

ALTER TABLE agency DROP COLUMN signing_certificate;
