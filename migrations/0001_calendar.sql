-- Bocal schema, step 1: the social centres, producers and the public workshop calendar.
-- Instants are UTC text 'YYYY-MM-DDTHH:MM:SSZ' (fixed width, so text order is time order).

CREATE TABLE centres (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    address   TEXT NOT NULL,
    postcode  TEXT NOT NULL,
    commune   TEXT NOT NULL
);

CREATE TABLE producers (
    id            INTEGER PRIMARY KEY,
    farm_name     TEXT NOT NULL CHECK (length(farm_name) BETWEEN 1 AND 200),
    contact_name  TEXT NOT NULL,
    commune       TEXT NOT NULL,
    phone         TEXT NOT NULL,
    produce       TEXT NOT NULL
);

CREATE TABLE places (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    address    TEXT NOT NULL,
    postcode   TEXT NOT NULL,
    commune    TEXT NOT NULL CHECK (length(commune) BETWEEN 1 AND 100),
    latitude   REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude  REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    UNIQUE (name, commune)
);

CREATE TABLE workshops (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    kind         TEXT NOT NULL CHECK (kind IN ('transformation', 'sensibilisation', 'marche', 'prestation')),
    status       TEXT NOT NULL CHECK (status IN ('planned', 'confirmed', 'cancelled', 'done')),
    starts_at    TEXT NOT NULL,
    ends_at      TEXT NOT NULL,
    place_id     INTEGER NOT NULL REFERENCES places (id),
    centre_id    INTEGER NOT NULL REFERENCES centres (id),
    capacity     INTEGER NOT NULL CHECK (capacity >= 0),
    description  TEXT NOT NULL DEFAULT '',
    CHECK (ends_at > starts_at)
);

CREATE INDEX workshops_by_start ON workshops (starts_at);
CREATE INDEX workshops_by_end ON workshops (ends_at);
CREATE INDEX places_by_commune ON places (commune);
