-- Bocal schema, step 4: the surplus marketplace. Farms post lots, the team reserves and
-- collects them. Dates of pick-up windows are local (Paris) 'YYYY-MM-DD'.

-- The farm's own pick-up address, offered by default on the lot form.
ALTER TABLE producers ADD COLUMN address TEXT NOT NULL DEFAULT '';

CREATE TABLE lots (
    id                  INTEGER PRIMARY KEY,
    producer_id         INTEGER NOT NULL REFERENCES producers (id),
    produce             TEXT NOT NULL CHECK (length(produce) BETWEEN 1 AND 60),
    variety             TEXT NOT NULL DEFAULT '',
    grams               INTEGER NOT NULL CHECK (grams > 0),
    -- Set when the farmer counted crates; grams = crate_count * crate_grams.
    crate_count         INTEGER CHECK (crate_count > 0),
    crate_grams         INTEGER CHECK (crate_grams > 0),
    grade               TEXT NOT NULL
                        CHECK (grade IN ('surplus', 'hors_calibre', 'defaut_aspect', 'a_transformer_vite')),
    pickup_address      TEXT NOT NULL,
    pickup_commune      TEXT NOT NULL CHECK (length(pickup_commune) BETWEEN 1 AND 100),
    available_from      TEXT NOT NULL,
    available_until     TEXT NOT NULL CHECK (available_until >= available_from),
    -- NULL: a gift.
    price_cents_per_kg  INTEGER CHECK (price_cents_per_kg > 0),
    note                TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL
                        CHECK (status IN ('published', 'reserved', 'collected', 'processed', 'withdrawn', 'expired')),
    -- The reservation: the day the truck comes, for which workshop, by whom.
    collect_on          TEXT,
    workshop_id         INTEGER REFERENCES workshops (id),
    reserved_by         INTEGER REFERENCES accounts (id),
    collected_grams     INTEGER CHECK (collected_grams > 0),
    collected_at        TEXT,
    created_at          TEXT NOT NULL,
    -- The last of this lot's events its farmer has seen: later changes by others are news.
    owner_seen_event_id INTEGER NOT NULL DEFAULT 0,
    CHECK ((crate_count IS NULL) = (crate_grams IS NULL)),
    CHECK (status <> 'reserved' OR collect_on IS NOT NULL)
);

CREATE INDEX lots_by_status ON lots (status, available_until);
CREATE INDEX lots_by_producer ON lots (producer_id);
CREATE INDEX lots_by_collection_day ON lots (collect_on) WHERE collect_on IS NOT NULL;
CREATE INDEX lots_by_collection_time ON lots (collected_at) WHERE collected_at IS NOT NULL;

-- Every status a lot took, with who and why: the farmer's history of their lot.
CREATE TABLE lot_events (
    id        INTEGER PRIMARY KEY,
    lot_id    INTEGER NOT NULL REFERENCES lots (id),
    at        TEXT NOT NULL,
    -- NULL: the system (a window that passed).
    actor_id  INTEGER REFERENCES accounts (id),
    status    TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT ''
);

CREATE INDEX lot_events_by_lot ON lot_events (lot_id, id);

-- Photos, re-encoded as JPEG without metadata. Uploaded before the lot is saved, so lot_id is
-- NULL until then; unattached ones are deleted after a day.
CREATE TABLE lot_photos (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    lot_id      INTEGER REFERENCES lots (id),
    position    INTEGER NOT NULL DEFAULT 0,
    jpeg        BLOB NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE INDEX lot_photos_by_lot ON lot_photos (lot_id, position);
CREATE INDEX lot_photos_unattached ON lot_photos (account_id, created_at) WHERE lot_id IS NULL;
