-- Web push to the installed app: the subscription the browser gave (its push service's
-- address, and the keys that encrypt for it, RFC 8291), kept on the sign-up that chose 'push'.
ALTER TABLE signups ADD COLUMN push_endpoint TEXT;
ALTER TABLE signups ADD COLUMN push_p256dh TEXT;
ALTER TABLE signups ADD COLUMN push_auth TEXT;
