-- Bocal schema, step 23: the jar deposit (consigne) as data. A rate applies from a date on;
-- the rate of a day is the latest one that started on or before it. A glass keeps the rate it
-- went out with: each deposit entry's cents postings say what was paid, and a return refunds
-- from them (src/domain/ledger.rs, deposit_refund). The first rate is the 2 EUR that Bocal
-- always charged, so that every existing entry matches it.
CREATE TABLE deposit_rates (
    starts_on   TEXT PRIMARY KEY,
    cents       INTEGER NOT NULL CHECK (cents BETWEEN 0 AND 2000),
    -- NULL for the first rate, which no one set.
    set_by      INTEGER REFERENCES accounts (id),
    set_at      TEXT
);
INSERT INTO deposit_rates (starts_on, cents) VALUES ('2000-01-01', 200);
