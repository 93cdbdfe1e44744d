-- One deployment serves several municipalities. A refugee service, school or kindergarten belongs
-- to one; a GP office or NAV office serves one or more. A person is registered in the
-- municipality that settled them. People registered before this migration get their municipality
-- at the hub's next start, from the configuration (see Startup).

CREATE TABLE municipality (
    number  VARCHAR(4)    NOT NULL PRIMARY KEY,
    name    VARCHAR(255)  NOT NULL
);

CREATE TABLE agency_municipality (
    org_number    VARCHAR(9)  NOT NULL REFERENCES agency (org_number),
    municipality  VARCHAR(4)  NOT NULL REFERENCES municipality (number),
    PRIMARY KEY (org_number, municipality)
);
CREATE INDEX agency_municipality_by_municipality ON agency_municipality (municipality);

ALTER TABLE person ADD COLUMN municipality VARCHAR(4) REFERENCES municipality (number);
CREATE INDEX person_by_municipality ON person (municipality);
