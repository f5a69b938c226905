-- Waiting list: a sign-up for a full workshop waits in line (oldest first) and takes a place
-- when one frees (a cancellation, a raised capacity). It is a sign-up like the others, so its
-- receipt, its cancel token and its messages stay the same when it is promoted.
ALTER TABLE signups ADD COLUMN waiting INTEGER NOT NULL DEFAULT 0 CHECK (waiting IN (0, 1));
-- When it left the line for a place.
ALTER TABLE signups ADD COLUMN promoted_at TEXT;
CREATE INDEX signups_in_line ON signups (workshop_id, created_at, id)
    WHERE waiting = 1 AND cancelled_at IS NULL;
