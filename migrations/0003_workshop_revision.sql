-- Bocal schema, step 3: workshops count their changes, so calendars that imported one see the
-- new time or the cancellation (iCalendar SEQUENCE).

ALTER TABLE workshops ADD COLUMN revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0);
