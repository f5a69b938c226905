-- Telling people (sign-up confirmations, reminders, changes): each message is written here in
-- the same transaction as the event that causes it, then sent by the server's sender.
-- A sign-up says which channel its person chose ('sms'), or none.
ALTER TABLE signups ADD COLUMN notify_by TEXT;

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    -- What caused it: 'confirmed', 'reminder', 'moved:<revision>', 'cancelled:<revision>'.
    event TEXT NOT NULL,
    notice TEXT NOT NULL,
    -- Who is told: 'signup:<id>' (a person signed up to a workshop); other kinds of recipient
    -- (a farm told about its lots) get their own prefix and their own columns below.
    person TEXT NOT NULL,
    signup_id INTEGER REFERENCES signups (id),
    workshop_id INTEGER REFERENCES workshops (id),
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    -- Not before (SMS wait for the morning), and after a failed attempt, the next one.
    send_after TEXT NOT NULL,
    -- 'stopped': not sent because the person stopped SMS or cancelled (last_error says which).
    status TEXT NOT NULL DEFAULT 'waiting'
        CHECK (status IN ('waiting', 'sent', 'failed', 'stopped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_at TEXT,
    -- One message per event, person and channel: a retry or a restart never writes two.
    UNIQUE (event, person, channel)
);
CREATE INDEX messages_due ON messages (send_after) WHERE status = 'waiting';
CREATE INDEX messages_of_workshop ON messages (workshop_id);

-- "My workshops" as an iCalendar feed a calendar app reads without logging in: the hash of the
-- secret in its address (the address is shown once; asking again gives a new one).
ALTER TABLE accounts ADD COLUMN calendar_token_hash TEXT;
CREATE UNIQUE INDEX accounts_by_calendar_token ON accounts (calendar_token_hash)
    WHERE calendar_token_hash IS NOT NULL;
