-- A sign-up may come from a phone's outbox, sent again after a lost answer: its idempotency key
-- and the hash of its request let the server recognise the replay (see 0009 for lots).
ALTER TABLE signups ADD COLUMN idempotency_key TEXT;
ALTER TABLE signups ADD COLUMN request_hash TEXT;
CREATE UNIQUE INDEX signups_by_idempotency_key ON signups (idempotency_key)
    WHERE idempotency_key IS NOT NULL;
