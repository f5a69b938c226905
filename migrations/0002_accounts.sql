-- Bocal schema, step 2: accounts and sessions, workshop sign-ups, the staff audit log.

-- Producers ask for an account themselves; an animator approves them before their lots show.
ALTER TABLE producers ADD COLUMN approved_at TEXT;
UPDATE producers SET approved_at = '2000-01-01T00:00:00Z';

CREATE TABLE accounts (
    id                    INTEGER PRIMARY KEY,
    role                  TEXT NOT NULL CHECK (role IN ('participant', 'producer', 'animator', 'admin')),
    display_name          TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    -- Printed on the member's card; digits only. Every account has one.
    member_number         TEXT NOT NULL UNIQUE,
    -- National format, digits only ("0612345678"), so that any spelling finds it.
    phone                 TEXT UNIQUE,
    email                 TEXT UNIQUE COLLATE NOCASE,
    centre_id             INTEGER REFERENCES centres (id),
    producer_id           INTEGER UNIQUE REFERENCES producers (id),
    -- argon2id, PHC string format.
    password_hash         TEXT NOT NULL,
    must_change_password  INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
    created_at            TEXT NOT NULL,
    CHECK (role <> 'producer' OR producer_id IS NOT NULL)
);

-- The cookie holds a random token; only its SHA-256 is stored, so a copy of the database
-- opens no session.
CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

CREATE TABLE signups (
    id                   INTEGER PRIMARY KEY,
    workshop_id          INTEGER NOT NULL REFERENCES workshops (id),
    -- Either an account, or a first name and a phone (residents without an account).
    account_id           INTEGER REFERENCES accounts (id),
    first_name           TEXT NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
    phone                TEXT,
    -- Lets a resident without an account cancel from the phone that signed up.
    cancel_token_hash    TEXT,
    created_at           TEXT NOT NULL,
    cancelled_at         TEXT,
    -- Recorded by an animator after the workshop; NULL until then.
    attended             INTEGER CHECK (attended IN (0, 1)),
    volunteered_minutes  INTEGER NOT NULL DEFAULT 0 CHECK (volunteered_minutes BETWEEN 0 AND 1440),
    CHECK (account_id IS NOT NULL OR phone IS NOT NULL)
);
CREATE INDEX signups_by_workshop ON signups (workshop_id);
-- One live sign-up per person and workshop.
CREATE UNIQUE INDEX signups_one_per_account ON signups (workshop_id, account_id)
    WHERE cancelled_at IS NULL AND account_id IS NOT NULL;
CREATE UNIQUE INDEX signups_one_per_phone ON signups (workshop_id, phone)
    WHERE cancelled_at IS NULL AND phone IS NOT NULL;

-- Every change made by staff: who, what, when. Append only.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor_id  INTEGER NOT NULL REFERENCES accounts (id),
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_time ON audit_log (at);
