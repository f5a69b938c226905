-- Bocal schema, step 22: the communes the cannery serves, picked by its administrators from
-- the official list shipped with Bocal (territory/). A copy of the name and postcodes is
-- kept, so that a later list that renames or merges a commune changes nothing here silently.
CREATE TABLE territory_communes (
    insee_code  TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    departement TEXT NOT NULL,
    -- Comma-separated, as the official list gives them.
    postcodes   TEXT NOT NULL,
    added_at    TEXT NOT NULL
);
