-- Bocal schema, step 6: a photo per recipe version, re-encoded as JPEG without metadata.
-- Public, like the recipes; a photo is never changed (a new one gets a new id).

CREATE TABLE recipe_photos (
    id          INTEGER PRIMARY KEY,
    jpeg        BLOB NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES accounts (id)
);
