-- Running balances of the ledger's books, kept by a trigger in the postings' own transaction.
-- A counter operation checks its books' balances before writing; summing every posting of a
-- book made each write slower than the last (the cooperative's tic-tac book gets a posting with
-- every hour volunteered: 20 ms a write at 70 000 entries). Postings are append-only, so the
-- running sum is exact. NULL columns of a posting are 0 here, so that the key is unique.
CREATE TABLE ledger_balances (
    book       TEXT NOT NULL,
    book_id    INTEGER NOT NULL,
    unit       TEXT NOT NULL,
    recipe_id  INTEGER NOT NULL,
    jar_ml     INTEGER NOT NULL,
    amount     INTEGER NOT NULL,
    PRIMARY KEY (book, book_id, unit, recipe_id, jar_ml)
) WITHOUT ROWID;

INSERT INTO ledger_balances (book, book_id, unit, recipe_id, jar_ml, amount)
SELECT book, coalesce(book_id, 0), unit, coalesce(recipe_id, 0), coalesce(jar_ml, 0), sum(amount)
FROM ledger_postings
GROUP BY book, coalesce(book_id, 0), unit, coalesce(recipe_id, 0), coalesce(jar_ml, 0);

CREATE TRIGGER ledger_balances_follow_postings AFTER INSERT ON ledger_postings
BEGIN
    INSERT INTO ledger_balances (book, book_id, unit, recipe_id, jar_ml, amount)
    VALUES (NEW.book, coalesce(NEW.book_id, 0), NEW.unit, coalesce(NEW.recipe_id, 0),
            coalesce(NEW.jar_ml, 0), NEW.amount)
    ON CONFLICT (book, book_id, unit, recipe_id, jar_ml)
    DO UPDATE SET amount = ledger_balances.amount + excluded.amount;
END;
