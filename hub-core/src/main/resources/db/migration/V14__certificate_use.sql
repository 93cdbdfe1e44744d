-- What each registered certificate is for: signing (the hub verifies the agency's signatures under
-- it) or encryption (the hub encrypts for the agency with it). The health network issues separate
-- certificates for the two; every certificate registered before this was a signing one.

ALTER TABLE agency_certificate ADD COLUMN certificate_use VARCHAR(16) DEFAULT 'SIGNING' NOT NULL;
