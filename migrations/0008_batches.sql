-- Bocal schema, step 8: production batches (lots de fabrication). Rules in
-- src/domain/batch.rs. A batch is a record of what was made: never edited or deleted.

CREATE TABLE batches (
    id                 INTEGER PRIMARY KEY,
    -- "20261128-02": the day made, then the rank that day.
    number             TEXT NOT NULL UNIQUE,
    made_on            TEXT NOT NULL,
    best_before        TEXT NOT NULL,
    recipe_id          INTEGER NOT NULL,
    recipe_version     INTEGER NOT NULL,
    workshop_id        INTEGER REFERENCES workshops (id),
    -- domain::batch::ProcessRecord as JSON: the confirmed schedule rows, or the probe log.
    process            TEXT NOT NULL CHECK (json_valid(process)),
    -- domain::batch::assess at recording time, kept as it was judged.
    conforming         INTEGER NOT NULL CHECK (conforming IN (0, 1)),
    value_hundredths   INTEGER,
    target_hundredths  INTEGER,
    -- Why it is not conforming, one reason per line.
    reasons            TEXT NOT NULL DEFAULT '',
    note               TEXT NOT NULL DEFAULT '',
    idempotency_key    TEXT NOT NULL UNIQUE,
    request_hash       TEXT NOT NULL,
    recorded_by        INTEGER NOT NULL REFERENCES accounts (id),
    recorded_at        TEXT NOT NULL,
    FOREIGN KEY (recipe_id, recipe_version) REFERENCES recipe_versions (recipe_id, version)
);
CREATE INDEX batches_by_day ON batches (made_on);

-- The collected lots a batch used, and how much of each.
CREATE TABLE batch_inputs (
    batch_id  INTEGER NOT NULL REFERENCES batches (id),
    lot_id    INTEGER NOT NULL REFERENCES lots (id),
    grams     INTEGER NOT NULL CHECK (grams > 0),
    PRIMARY KEY (batch_id, lot_id)
);
CREATE INDEX batch_inputs_by_lot ON batch_inputs (lot_id);

CREATE TABLE batch_jars (
    batch_id  INTEGER NOT NULL REFERENCES batches (id),
    jar_ml    INTEGER NOT NULL CHECK (jar_ml > 0),
    jars      INTEGER NOT NULL CHECK (jars > 0),
    PRIMARY KEY (batch_id, jar_ml)
);

-- Jars of a batch entering a centre's stock are a ledger entry that names it.
ALTER TABLE ledger_entries ADD COLUMN batch_id INTEGER REFERENCES batches (id);
CREATE INDEX ledger_by_batch ON ledger_entries (batch_id) WHERE batch_id IS NOT NULL;

CREATE TRIGGER batches_are_never_edited BEFORE UPDATE ON batches
BEGIN SELECT RAISE(ABORT, 'batches are records'); END;
CREATE TRIGGER batches_are_never_deleted BEFORE DELETE ON batches
BEGIN SELECT RAISE(ABORT, 'batches are records'); END;
CREATE TRIGGER batch_inputs_are_never_edited BEFORE UPDATE ON batch_inputs
BEGIN SELECT RAISE(ABORT, 'batches are records'); END;
CREATE TRIGGER batch_inputs_are_never_deleted BEFORE DELETE ON batch_inputs
BEGIN SELECT RAISE(ABORT, 'batches are records'); END;
CREATE TRIGGER batch_jars_are_never_edited BEFORE UPDATE ON batch_jars
BEGIN SELECT RAISE(ABORT, 'batches are records'); END;
CREATE TRIGGER batch_jars_are_never_deleted BEFORE DELETE ON batch_jars
BEGIN SELECT RAISE(ABORT, 'batches are records'); END;
