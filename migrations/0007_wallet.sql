-- Bocal schema, step 7: the wallet's ledger (tic-tac, jar deposits, the centres' jar stock)
-- and the jar prices. Rules in src/domain/ledger.rs.

-- One operation: what, when, by whom, for whom. Never edited or deleted (triggers below):
-- a mistake is reversed by a new entry.
CREATE TABLE ledger_entries (
    id               INTEGER PRIMARY KEY,
    at               TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('volunteering', 'jars_for_tictac',
                         'jars_on_deposit', 'jars_returned', 'jars_swapped', 'stock_received',
                         'adjustment', 'reversal')),
    -- Chosen by the client per operation; a replay finds its entry here. Credits made by the
    -- attendance sheet get a key of their own ("attendance:<signup>:<n>").
    idempotency_key  TEXT NOT NULL UNIQUE,
    -- SHA-256 of the request: the same key with another request is refused.
    request_hash     TEXT NOT NULL,
    recorded_by      INTEGER NOT NULL REFERENCES accounts (id),
    participant_id   INTEGER REFERENCES accounts (id),
    centre_id        INTEGER REFERENCES centres (id),
    -- A credit from a workshop's attendance sheet.
    signup_id        INTEGER REFERENCES signups (id),
    workshop_id      INTEGER REFERENCES workshops (id),
    -- An entry is reversed at most once.
    reverses_id      INTEGER UNIQUE REFERENCES ledger_entries (id),
    note             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ledger_by_participant ON ledger_entries (participant_id, id);
CREATE INDEX ledger_by_centre ON ledger_entries (centre_id, id);
CREATE INDEX ledger_by_time ON ledger_entries (at);
CREATE INDEX ledger_by_signup ON ledger_entries (signup_id) WHERE signup_id IS NOT NULL;

-- The double-entry postings of an entry; per unit, all postings sum to zero.
CREATE TABLE ledger_postings (
    entry_id   INTEGER NOT NULL REFERENCES ledger_entries (id),
    book       TEXT NOT NULL CHECK (book IN ('cooperative', 'kitchen', 'outside', 'centre', 'participant')),
    -- The centre's or the participant's account id; NULL for the other books.
    book_id    INTEGER,
    unit       TEXT NOT NULL CHECK (unit IN ('tictac', 'cents', 'deposit_jars', 'jars')),
    -- For full jars: the product.
    recipe_id  INTEGER REFERENCES recipes (id),
    jar_ml     INTEGER,
    amount     INTEGER NOT NULL CHECK (amount <> 0),
    CHECK ((unit = 'jars') = (recipe_id IS NOT NULL AND jar_ml IS NOT NULL)),
    CHECK ((book IN ('centre', 'participant')) = (book_id IS NOT NULL))
);
CREATE INDEX postings_by_entry ON ledger_postings (entry_id);
CREATE INDEX postings_by_book ON ledger_postings (book, book_id, unit, recipe_id, jar_ml);

CREATE TRIGGER ledger_entries_are_never_edited BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledger_entries_are_never_deleted BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledger_postings_are_never_edited BEFORE UPDATE ON ledger_postings
BEGIN SELECT RAISE(ABORT, 'ledger postings are append-only'); END;
CREATE TRIGGER ledger_postings_are_never_deleted BEFORE DELETE ON ledger_postings
BEGIN SELECT RAISE(ABORT, 'ledger postings are append-only'); END;

-- A jar's price in tic-tac, by recipe and jar size, set by an admin (changes are audited).
-- A purchase records the price it paid, so a new price never changes the past.
CREATE TABLE jar_prices (
    recipe_id  INTEGER NOT NULL REFERENCES recipes (id),
    jar_ml     INTEGER NOT NULL,
    tictac     INTEGER NOT NULL CHECK (tictac BETWEEN 1 AND 600),
    set_at     TEXT NOT NULL,
    set_by     INTEGER NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (recipe_id, jar_ml)
);
