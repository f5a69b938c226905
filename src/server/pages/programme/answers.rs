//! What a programme page answers when it has no programme to show: why, as a page.

use axum::http::StatusCode;
use axum::response::Response;

use crate::server::pages::html::{escape, html_page};
use crate::server::storage::StorageError;

/// A query that cannot be read: a 400 page saying why, in French.
pub fn refusal(stylesheet: &str, message: &str) -> Response {
    html_page(
        StatusCode::BAD_REQUEST,
        "Adresse incomplète",
        stylesheet,
        &format!(
            r#"<main class="refusal"><h1>Cette adresse ne donne pas de programme</h1><p>{}</p><p><a href="/">Voir le calendrier des ateliers</a></p></main>"#,
            escape(message)
        ),
    )
}

/// The storage could not answer: a 503 page, the error logged.
pub fn unavailable(stylesheet: &str, error: StorageError) -> Response {
    tracing::error!(%error, "programme page");
    html_page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Indisponible",
        stylesheet,
        r#"<main class="refusal"><h1>Programme indisponible</h1><p>Un problème est survenu de notre côté. Réessayez dans un moment.</p></main>"#,
    )
}
