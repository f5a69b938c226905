-- Bocal schema, step 5: the recipe library. A recipe is a list of versions; editing adds one,
-- and the old ones stay readable, because jars made with them refer to them.

CREATE TABLE recipes (
    id               INTEGER PRIMARY KEY,
    current_version  INTEGER NOT NULL CHECK (current_version >= 1),
    created_at       TEXT NOT NULL
);

CREATE TABLE recipe_versions (
    recipe_id  INTEGER NOT NULL REFERENCES recipes (id),
    version    INTEGER NOT NULL CHECK (version >= 1),
    -- The recipe as checked by domain::recipe::check_recipe, as JSON. Never updated.
    content    TEXT NOT NULL CHECK (json_valid(content)),
    -- Copied out of `content` for ordering the list.
    title      TEXT NOT NULL,
    saved_at   TEXT NOT NULL,
    saved_by   INTEGER REFERENCES accounts (id),
    PRIMARY KEY (recipe_id, version)
);

-- A version is never changed or deleted.
CREATE TRIGGER recipe_versions_are_immutable
BEFORE UPDATE ON recipe_versions
BEGIN
    SELECT RAISE(ABORT, 'recipe versions are immutable');
END;

CREATE TRIGGER recipe_versions_are_kept
BEFORE DELETE ON recipe_versions
BEGIN
    SELECT RAISE(ABORT, 'recipe versions are kept');
END;
