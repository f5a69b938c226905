-- Bocal schema, step 19: full jars are counted by production batch, a batch can be recalled,
-- and a batch keeps the lethality reference it was judged against. Rules in
-- src/domain/ledger.rs (BatchProduct), src/server/storage/recalls.rs and
-- src/domain/recipe.rs (LethalityReference).

-- The batch of the jars a posting moves. NULL for the postings written before (and for jars
-- received at the counter without a batch): those stay one stock of their own, "sans lot".
ALTER TABLE ledger_postings ADD COLUMN batch_id INTEGER REFERENCES batches (id);
CREATE INDEX postings_by_batch ON ledger_postings (batch_id, book, book_id)
    WHERE batch_id IS NOT NULL;

-- The running balances gain the batch in their key (0 for none), rebuilt from the postings.
DROP TRIGGER ledger_balances_follow_postings;
DROP TABLE ledger_balances;
CREATE TABLE ledger_balances (
    book       TEXT NOT NULL,
    book_id    INTEGER NOT NULL,
    unit       TEXT NOT NULL,
    recipe_id  INTEGER NOT NULL,
    jar_ml     INTEGER NOT NULL,
    batch_id   INTEGER NOT NULL,
    amount     INTEGER NOT NULL,
    PRIMARY KEY (book, book_id, unit, recipe_id, jar_ml, batch_id)
) WITHOUT ROWID;

INSERT INTO ledger_balances (book, book_id, unit, recipe_id, jar_ml, batch_id, amount)
SELECT book, coalesce(book_id, 0), unit, coalesce(recipe_id, 0), coalesce(jar_ml, 0),
       coalesce(batch_id, 0), sum(amount)
FROM ledger_postings
GROUP BY book, coalesce(book_id, 0), unit, coalesce(recipe_id, 0), coalesce(jar_ml, 0),
         coalesce(batch_id, 0);

CREATE TRIGGER ledger_balances_follow_postings AFTER INSERT ON ledger_postings
BEGIN
    INSERT INTO ledger_balances (book, book_id, unit, recipe_id, jar_ml, batch_id, amount)
    VALUES (NEW.book, coalesce(NEW.book_id, 0), NEW.unit, coalesce(NEW.recipe_id, 0),
            coalesce(NEW.jar_ml, 0), coalesce(NEW.batch_id, 0), NEW.amount)
    ON CONFLICT (book, book_id, unit, recipe_id, jar_ml, batch_id)
    DO UPDATE SET amount = ledger_balances.amount + excluded.amount;
END;

-- A recalled batch: its jars are blocked in every centre and its holders are told. Once.
CREATE TABLE batch_recalls (
    batch_id     INTEGER PRIMARY KEY REFERENCES batches (id),
    reason       TEXT NOT NULL,
    recorded_by  INTEGER NOT NULL REFERENCES accounts (id),
    recorded_at  TEXT NOT NULL
);
CREATE TRIGGER batch_recalls_are_never_edited BEFORE UPDATE ON batch_recalls
BEGIN SELECT RAISE(ABORT, 'recalls are records'); END;
CREATE TRIGGER batch_recalls_are_never_deleted BEFORE DELETE ON batch_recalls
BEGIN SELECT RAISE(ABORT, 'recalls are records'); END;

-- Recalled jars brought back by a holder (to be destroyed): they leave no stock.
CREATE TABLE recall_returns (
    id              INTEGER PRIMARY KEY,
    batch_id        INTEGER NOT NULL REFERENCES batch_recalls (batch_id),
    participant_id  INTEGER NOT NULL REFERENCES accounts (id),
    centre_id       INTEGER NOT NULL REFERENCES centres (id),
    jar_ml          INTEGER NOT NULL,
    jars            INTEGER NOT NULL CHECK (jars > 0),
    idempotency_key TEXT NOT NULL UNIQUE,
    request_hash    TEXT NOT NULL,
    recorded_by     INTEGER NOT NULL REFERENCES accounts (id),
    recorded_at     TEXT NOT NULL
);
CREATE INDEX recall_returns_by_batch ON recall_returns (batch_id, participant_id);

-- A recall notice is written for an account ('account:<id>' in messages.person).
ALTER TABLE messages ADD COLUMN account_id INTEGER REFERENCES accounts (id);
CREATE INDEX messages_of_account ON messages (account_id) WHERE account_id IS NOT NULL;

-- The lethality reference a batch was judged against (domain::recipe::LethalityReference):
-- a later version of its recipe never judges it again. NULL for the batches recorded before.
ALTER TABLE batches ADD COLUMN lethality_reference_tenths INTEGER;
ALTER TABLE batches ADD COLUMN lethality_z_tenths INTEGER;
ALTER TABLE batches ADD COLUMN lethality_source TEXT;
