//! The recipe library: recipes as lists of immutable versions.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::audit;
use super::{from_db_time, parse_column, to_db_time, write_transaction, Storage, StorageError};
use crate::api::recipes::Recipe;
use crate::domain::recipe::{check_validation_carried, RecipeContent};
use crate::domain::validation::FieldError;

const RECIPE_SELECT: &str = "
    SELECT v.recipe_id, v.version, r.current_version, v.content, v.saved_at,
           coalesce(a.display_name, '')
    FROM recipe_versions v
    JOIN recipes r ON r.id = v.recipe_id
    LEFT JOIN accounts a ON a.id = v.saved_by";

fn recipe_from_row(row: &Row<'_>) -> rusqlite::Result<Recipe> {
    Ok(Recipe {
        id: row.get(0)?,
        version: row.get(1)?,
        current_version: row.get(2)?,
        content: parse_column(row, 3, |json| serde_json::from_str(json).ok())?,
        saved_at: parse_column(row, 4, from_db_time)?,
        saved_by: row.get(5)?,
    })
}

fn recipe_not_found() -> StorageError {
    StorageError::NotFound("Cette recette n'existe pas.".into())
}

fn insert_version(
    conn: &Connection,
    id: i64,
    version: u32,
    content: &RecipeContent,
    actor_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    if let Some(photo_id) = content.photo_id {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM recipe_photos WHERE id = ?1)",
            [photo_id],
            |row| row.get(0),
        )?;
        if !exists {
            return Err(StorageError::Invalid(FieldError::new(
                "photo",
                "Cette photo n'a pas été trouvée : envoyez-la de nouveau.",
            )));
        }
    }
    conn.execute(
        "INSERT INTO recipe_versions (recipe_id, version, content, title, saved_at, saved_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        (
            id,
            version,
            serde_json::to_string(content).expect("a recipe serialises"),
            &content.title,
            to_db_time(now),
            actor_id,
        ),
    )?;
    Ok(())
}

/// Adds a recipe (version 1); `actor_id` is `None` for the demo data.
pub(super) fn insert_recipe(
    conn: &Connection,
    content: &RecipeContent,
    actor_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, StorageError> {
    conn.execute(
        "INSERT INTO recipes (current_version, created_at) VALUES (1, ?1)",
        [to_db_time(now)],
    )?;
    let id = conn.last_insert_rowid();
    insert_version(conn, id, 1, content, actor_id, now)?;
    Ok(id)
}

/// A recipe at `version`, or at its current one.
pub(super) fn read_recipe(
    conn: &Connection,
    id: i64,
    version: Option<u32>,
) -> Result<Recipe, StorageError> {
    let mut statement = conn.prepare_cached(&format!(
        "{RECIPE_SELECT} WHERE v.recipe_id = ?1 AND v.version = coalesce(?2, r.current_version)"
    ))?;
    statement
        .query_row((id, version), recipe_from_row)
        .optional()?
        .ok_or_else(recipe_not_found)
}

/// Adds the next version of a recipe and makes it current; returns its number.
pub(super) fn add_version(
    conn: &Connection,
    id: i64,
    content: &RecipeContent,
    actor_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<u32, StorageError> {
    let current: u32 = conn
        .query_row(
            "SELECT current_version FROM recipes WHERE id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()?
        .ok_or_else(recipe_not_found)?;
    let version = current + 1;
    insert_version(conn, id, version, content, actor_id, now)?;
    conn.execute(
        "UPDATE recipes SET current_version = ?2 WHERE id = ?1",
        (id, version),
    )?;
    Ok(version)
}

impl Storage {
    /// Every recipe at its current version, by title.
    pub async fn current_recipes(&self) -> Result<Vec<Recipe>, StorageError> {
        self.with_connection(|conn| {
            let mut statement = conn.prepare_cached(&format!(
                "{RECIPE_SELECT} WHERE v.version = r.current_version ORDER BY v.title, v.recipe_id"
            ))?;
            let recipes = statement.query_map([], recipe_from_row)?;
            Ok(recipes.collect::<Result<Vec<_>, _>>()?)
        })
        .await
    }

    /// A recipe at `version`, or at its current one.
    pub async fn recipe(&self, id: i64, version: Option<u32>) -> Result<Recipe, StorageError> {
        self.with_connection(move |conn| read_recipe(conn, id, version))
            .await
    }

    /// A new recipe (checked by `check_recipe`), audited with its author.
    pub async fn create_recipe(
        &self,
        content: RecipeContent,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<i64, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let id = insert_recipe(&tx, &content, Some(actor_id), now)?;
            audit(
                &tx,
                actor_id,
                "recette créée",
                &format!("recette {id}"),
                &content.title,
                now,
            )?;
            tx.commit()?;
            Ok(id)
        })
        .await
    }

    /// Saves `content` as the recipe's next version; the previous ones stay as they were.
    pub async fn add_recipe_version(
        &self,
        id: i64,
        content: RecipeContent,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<u32, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let previous = read_recipe(&tx, id, None)?.content;
            check_validation_carried(&previous.schedule, &content.schedule)
                .map_err(StorageError::Invalid)?;
            let version = add_version(&tx, id, &content, Some(actor_id), now)?;
            audit(
                &tx,
                actor_id,
                "recette modifiée",
                &format!("recette {id}, version {version}"),
                &content.title,
                now,
            )?;
            tx.commit()?;
            Ok(version)
        })
        .await
    }

    /// Every version of a recipe, oldest first (for its file).
    pub async fn recipe_versions(&self, id: i64) -> Result<Vec<Recipe>, StorageError> {
        self.with_connection(move |conn| {
            let mut statement = conn.prepare_cached(&format!(
                "{RECIPE_SELECT} WHERE v.recipe_id = ?1 ORDER BY v.version"
            ))?;
            let versions = statement
                .query_map([id], recipe_from_row)?
                .collect::<Result<Vec<_>, _>>()?;
            if versions.is_empty() {
                return Err(recipe_not_found());
            }
            Ok(versions)
        })
        .await
    }

    /// A recipe from another Bocal's file: its photos (already re-encoded, by the file's ids)
    /// and its versions (checked, their photo ids still the file's), in one transaction, with
    /// one audit entry naming where it came from. Returns the new recipe's id.
    pub async fn import_recipe(
        &self,
        versions: Vec<(RecipeContent, DateTime<Utc>)>,
        photos: Vec<(i64, Vec<u8>, (u32, u32))>,
        from: String,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<i64, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let mut new_photo_ids = std::collections::HashMap::new();
            for (file_id, jpeg, (width, height)) in photos {
                tx.execute(
                    "INSERT INTO recipe_photos (jpeg, width, height, created_at, created_by)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    (jpeg, width, height, to_db_time(now), actor_id),
                )?;
                new_photo_ids.insert(file_id, tx.last_insert_rowid());
            }
            tx.execute(
                "INSERT INTO recipes (current_version, created_at) VALUES (?1, ?2)",
                (versions.len() as u32, to_db_time(now)),
            )?;
            let id = tx.last_insert_rowid();
            let title = versions
                .last()
                .map(|(content, _)| content.title.clone())
                .unwrap_or_default();
            for (index, (mut content, saved_at)) in versions.into_iter().enumerate() {
                content.photo_id = match content.photo_id {
                    Some(file_id) => Some(*new_photo_ids.get(&file_id).ok_or_else(|| {
                        StorageError::Invalid(FieldError::new(
                            "file",
                            "Une version nomme une photo que le fichier ne contient pas : il est abîmé.",
                        ))
                    })?),
                    None => None,
                };
                insert_version(&tx, id, index as u32 + 1, &content, Some(actor_id), saved_at)?;
            }
            audit(
                &tx,
                actor_id,
                "recette importée",
                &format!("recette {id}"),
                &format!("{title}, de « {from} »"),
                now,
            )?;
            tx.commit()?;
            Ok(id)
        })
        .await
    }

    /// Imports `drafts` (the starter library) into an empty library, in one transaction and
    /// one audit entry; refused once the library holds a recipe, so that a second click, or a
    /// cannery that began its own, never gets the library twice. Returns how many.
    pub async fn import_starter_library(
        &self,
        drafts: Vec<RecipeContent>,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<usize, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let recipes: i64 =
                tx.query_row("SELECT count(*) FROM recipes", [], |row| row.get(0))?;
            if recipes > 0 {
                return Err(StorageError::conflict(
                    None,
                    "La bibliothèque contient déjà des recettes : la bibliothèque de départ ne \
                     s'importe que dans une bibliothèque vide.",
                ));
            }
            for draft in &drafts {
                insert_recipe(&tx, draft, Some(actor_id), now)?;
            }
            audit(
                &tx,
                actor_id,
                "bibliothèque de départ importée",
                "recettes",
                &format!(
                    "{} recettes, pH à mesurer, barèmes non validés",
                    drafts.len()
                ),
                now,
            )?;
            tx.commit()?;
            Ok(drafts.len())
        })
        .await
    }

    pub async fn save_recipe_photo(
        &self,
        jpeg: Vec<u8>,
        (width, height): (u32, u32),
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<i64, StorageError> {
        self.with_connection(move |conn| {
            conn.execute(
                "INSERT INTO recipe_photos (jpeg, width, height, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                (jpeg, width, height, to_db_time(now), actor_id),
            )?;
            Ok(conn.last_insert_rowid())
        })
        .await
    }

    pub async fn recipe_photo(&self, id: i64) -> Result<Option<Vec<u8>>, StorageError> {
        self.with_connection(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT jpeg FROM recipe_photos WHERE id = ?1",
                    [id],
                    |row| row.get(0),
                )
                .optional()?)
        })
        .await
    }

    /// The produce of the lots on offer now, for "what can we make with them".
    pub async fn produce_on_offer(&self, today: NaiveDate) -> Result<Vec<String>, StorageError> {
        self.with_connection(move |conn| {
            let mut statement = conn.prepare_cached(
                "SELECT DISTINCT produce FROM lots
                 WHERE status = 'published' AND available_until >= ?1
                 ORDER BY produce",
            )?;
            let produce = statement.query_map([today], |row| row.get(0))?;
            Ok(produce.collect::<Result<Vec<_>, _>>()?)
        })
        .await
    }
}
