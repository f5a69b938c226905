-- A new lot may come from a phone's outbox, sent again after a lost answer: its idempotency key
-- and the hash of its request let the server recognise the replay and answer with the same lot.
ALTER TABLE lots ADD COLUMN idempotency_key TEXT;
ALTER TABLE lots ADD COLUMN request_hash TEXT;
CREATE UNIQUE INDEX lots_by_idempotency_key ON lots (idempotency_key)
    WHERE idempotency_key IS NOT NULL;
