-- Personal data (RGPD): a person closes their account, staff deactivate one; a farm says
-- whether it is a company.

-- Set when its holder closed the account: its name, contacts and password are erased, its
-- ledger entries stay (shown as "Ancien membre n° …").
ALTER TABLE accounts ADD COLUMN closed_at TEXT;

-- Set by staff: the account can no longer log in; its history stays. Cleared to reactivate it.
ALTER TABLE accounts ADD COLUMN deactivated_at TEXT;

-- A company (GAEC, EARL, SCEA…) keeps its name on its past lots once its account is closed; a
-- farm run by a person in their own name is anonymised.
ALTER TABLE producers ADD COLUMN is_company INTEGER NOT NULL DEFAULT 0 CHECK (is_company IN (0, 1));
