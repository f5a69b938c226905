-- Bocal schema, step 21: the cannery's centres as its administrators keep them ("Réglages"):
-- a phone and opening hours to show, and a closing date. A closed centre keeps its history
-- (accounts, ledger, stock figures) but is offered nowhere and takes no new operation.
ALTER TABLE centres ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE centres ADD COLUMN opening_hours TEXT NOT NULL DEFAULT '';
ALTER TABLE centres ADD COLUMN closed_at TEXT;
