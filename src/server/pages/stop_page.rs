//! "Ne plus recevoir de messages": the page an e-mail's link opens, by its sign-up's stop
//! secret. A plain server-written page (no wasm: it opens at once from a mail app), whose
//! button POSTs to the same address; mail providers POST there too, for List-Unsubscribe's one
//! click (RFC 8058). A GET never stops anything: mail scanners open links.

use std::path::Path;
use std::sync::Arc;

use axum::extract::{Path as UrlPath, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::api::paths;
use crate::domain::time::local_date;
use crate::domain::when::{date_phrase, time_range_phrase};
use crate::domain::{Lang, Workshop};
use crate::server::pages::html::escape;
use crate::server::state::AppState;
use crate::server::storage::StorageError;

#[derive(Clone)]
struct StopPage {
    app: AppState,
    /// The app's stylesheet link, as index.html has it (its name is hashed per build).
    stylesheet: Arc<str>,
}

pub fn router(app: AppState, dist: &Path) -> Router {
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    Router::new()
        .route(
            paths::STOP_LINK_ROUTE,
            get(confirm_page).post(stop_messages),
        )
        .with_state(StopPage {
            app,
            stylesheet: app_stylesheets(&index).into(),
        })
}

/// `GET /desabonnement/{secret}`: what the button will stop.
async fn confirm_page(State(page): State<StopPage>, UrlPath(secret): UrlPath<String>) -> Response {
    match page.app.storage.stop_link_workshop(secret).await {
        Ok((workshop, false)) => page.render(
            StatusCode::OK,
            &format!(
                r#"<p>Vous ne recevez plus de messages pour l'atelier {}.</p>
<p class="muted">Votre inscription reste. Pour l'annuler : <a href="{}">la page de l'atelier</a>.</p>"#,
                workshop_phrase(&workshop),
                paths::pages::workshop(workshop.id)
            ),
        ),
        Ok((workshop, true)) => page.render(
            StatusCode::OK,
            &format!(
                r#"<p>Vous recevez des messages pour l'atelier {}.</p>
<form method="post"><button type="submit" class="button button-primary">Ne plus recevoir de messages</button></form>
<p class="muted">Votre inscription reste. Pour l'annuler : <a href="{}">la page de l'atelier</a>.</p>"#,
                workshop_phrase(&workshop),
                paths::pages::workshop(workshop.id)
            ),
        ),
        Err(error) => page.refusal(error),
    }
}

/// `POST /desabonnement/{secret}`: stops them (the page's button, or a mail provider's one
/// click).
async fn stop_messages(State(page): State<StopPage>, UrlPath(secret): UrlPath<String>) -> Response {
    match page.app.storage.stop_messages_by_link(secret).await {
        Ok(workshop) => page.render(
            StatusCode::OK,
            &format!(
                r#"<p class="notice notice-success" role="status">C'est fait : vous ne recevrez plus de messages pour l'atelier {}.</p>
<p class="muted">Votre inscription reste. Pour l'annuler : <a href="{}">la page de l'atelier</a>.</p>"#,
                workshop_phrase(&workshop),
                paths::pages::workshop(workshop.id)
            ),
        ),
        Err(error) => page.refusal(error),
    }
}

impl StopPage {
    fn refusal(&self, error: StorageError) -> Response {
        match error {
            StorageError::NotFound(message) => self.render(
                StatusCode::NOT_FOUND,
                &format!(
                    r#"<p>{}</p><p><a href="/">Voir le calendrier des ateliers</a></p>"#,
                    escape(&message)
                ),
            ),
            error => {
                tracing::error!(%error, "stop page");
                self.render(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "<p>Un problème est survenu de notre côté. Réessayez dans un moment.</p>",
                )
            }
        }
    }

    fn render(&self, status: StatusCode, content: &str) -> Response {
        let html = format!(
            r#"<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="robots" content="noindex" />
<title>Ne plus recevoir de messages – Bocal</title>
<link rel="icon" href="/icon.svg" type="image/svg+xml" />
{}
</head>
<body>
<header class="site-header"><div class="header-inner"><a href="/" class="brand"><img class="logo" src="/icon.svg" alt="" width="36" height="36" /><span class="brand-text"><span class="brand-name">Bocal</span></span></a></div></header>
<main class="page"><section class="card stop-card"><h1>Ne plus recevoir de messages</h1>
{content}
</section></main>
</body>
</html>"#,
            self.stylesheet
        );
        (status, Html(html)).into_response()
    }
}

/// « Confitures de coings », samedi 12 décembre, 14 h - 17 h, Place Jacquemart (Romans).
fn workshop_phrase(workshop: &Workshop) -> String {
    let date = local_date(workshop.starts_at);
    format!(
        "<strong>« {} »</strong>, {}, {}, {} ({})",
        escape(&workshop.title),
        date_phrase(Lang::Fr, date, date),
        time_range_phrase(Lang::Fr, workshop.starts_at, workshop.ends_at),
        escape(&workshop.place.name),
        escape(&workshop.place.commune)
    )
}

/// The app's look, as index.html has it: its inline `<style>` (the loading page's rules: the
/// header, buttons; allowed by the same hash in the Content-Security-Policy) and its
/// `<link rel="stylesheet" …>`; what is missing is left out.
fn app_stylesheets(index: &str) -> String {
    let inline_style = index
        .find("<style")
        .and_then(|start| {
            let end = start + index[start..].find("</style>")? + "</style>".len();
            Some(&index[start..end])
        })
        .unwrap_or_default();
    let link = index
        .split("<link")
        .skip(1)
        .map(|rest| &rest[..rest.find('>').map_or(rest.len(), |end| end + 1)])
        .find(|tag| tag.contains(r#"rel="stylesheet""#))
        .map(|tag| format!("<link{tag}"))
        .unwrap_or_default();
    format!("{inline_style}{link}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_takes_the_styles_of_the_build() {
        let index = r#"<link rel="icon" href="/icon.svg"><link rel="stylesheet" href="/main-0a1b.css" integrity="x"/><script>x</script>"#;
        assert_eq!(
            app_stylesheets(index),
            r#"<link rel="stylesheet" href="/main-0a1b.css" integrity="x"/>"#
        );
        assert_eq!(app_stylesheets("<p>no link</p>"), "");
        let index = r#"<head><style>:root{--green:#2f5d3a}</style></head><body><main></main><link rel="stylesheet" href="/main-0a1b.css"/></body>"#;
        assert_eq!(
            app_stylesheets(index),
            r#"<style>:root{--green:#2f5d3a}</style><link rel="stylesheet" href="/main-0a1b.css"/>"#
        );
    }
}
