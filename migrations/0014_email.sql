-- Telling by e-mail. A guest may give an address for it (an account's is on the account).
ALTER TABLE signups ADD COLUMN email TEXT;
-- The secret of the "stop these messages" link in each e-mail and its List-Unsubscribe header.
-- Kept in clear, unlike the cancel code: reminders are written later and need the link, and
-- the secret can only stop messages.
ALTER TABLE signups ADD COLUMN stop_token TEXT;
CREATE UNIQUE INDEX signups_by_stop_token ON signups (stop_token) WHERE stop_token IS NOT NULL;
-- An e-mail's subject (NULL for an SMS).
ALTER TABLE messages ADD COLUMN subject TEXT;
