-- Bocal schema, step 20: workshops that repeat. Each occurrence of a series is a workshop of
-- its own (editable, cancellable, with its own sign-ups); `series_id` is the id of the series'
-- first workshop, the same on every occurrence (NULL for a workshop that does not repeat).
-- Rules in src/domain/recurrence.rs.
ALTER TABLE workshops ADD COLUMN series_id INTEGER REFERENCES workshops (id);
CREATE INDEX workshops_by_series ON workshops (series_id) WHERE series_id IS NOT NULL;
