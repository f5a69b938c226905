-- Farms are told by SMS, if they chose it, when their lot is reserved or collected and when the
-- farm is approved. A farm's message is 'producer:<id>' in messages.person.
ALTER TABLE producers ADD COLUMN notify_by TEXT;
ALTER TABLE messages ADD COLUMN producer_id INTEGER REFERENCES producers (id);
ALTER TABLE messages ADD COLUMN lot_id INTEGER REFERENCES lots (id);
CREATE INDEX messages_of_producer ON messages (producer_id) WHERE producer_id IS NOT NULL;
CREATE INDEX messages_of_signup ON messages (signup_id) WHERE signup_id IS NOT NULL;
