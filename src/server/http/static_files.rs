//! The SPA's files from `dist/`: hashed assets cached forever, index.html for every page path
//! (so a deep link such as `/ateliers/12` reloads), and a plain 404 for a missing file.

use std::path::{Path, PathBuf};

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// Trunk names built assets `name-<hash>.ext` (or `name-<hash>_bg.wasm`), the hash being a u64
/// in hex without leading zeros: up to 16 digits, and rarely fewer than 10.
const TRUNK_HASH_DIGITS: std::ops::RangeInclusive<usize> = 10..=16;

pub fn router(dist: &Path) -> Router {
    let index = dist.join("index.html");
    let spa_fallback = get(index_for_pages).with_state(index);
    Router::new()
        // Release builds ship .br and .gz copies (scripts/precompress): sent as they are.
        .fallback_service(
            ServeDir::new(dist)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(spa_fallback),
        )
        .layer(middleware::from_fn(cache_policy))
}

/// Page paths get the SPA; paths that look like files (a dot in the last segment) get a 404, so a
/// stale script URL fails loudly instead of receiving HTML.
async fn index_for_pages(State(index): State<PathBuf>, request: Request) -> Response {
    let last_segment = request.uri().path().rsplit('/').next().unwrap_or_default();
    if last_segment.contains('.') {
        return (StatusCode::NOT_FOUND, "Fichier introuvable.").into_response();
    }
    let index = ServeFile::new(index)
        .precompressed_br()
        .precompressed_gzip();
    match index.oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    }
}

async fn cache_policy(request: Request, next: Next) -> Response {
    let immutable = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() {
        let policy = if immutable {
            "public, max-age=31536000, immutable"
        } else {
            // index.html, the manifest, icons: revalidate, so a new release is seen at once.
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

fn is_hashed_asset(path: &str) -> bool {
    // The wasm's modules live in a folder named after their build (scripts/stamp-build).
    if let Some(folder) = path
        .strip_prefix("/pkg-")
        .and_then(|rest| rest.split_once('/'))
    {
        let (hash, file_name) = folder;
        return hash.len() == 16
            && hash.chars().all(|c| c.is_ascii_hexdigit())
            && !file_name.is_empty();
    }
    let file_name = path.rsplit('/').next().unwrap_or_default();
    let stem = file_name.split(['.', '_']).next().unwrap_or_default();
    match stem.rsplit_once('-') {
        Some((name, hash)) => {
            !name.is_empty()
                && TRUNK_HASH_DIGITS.contains(&hash.len())
                && hash.chars().all(|c| c.is_ascii_hexdigit())
                && file_name.len() > stem.len()
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn recognises_trunk_hashed_names_only() {
        assert!(is_hashed_asset("/bocal-3f2a1b4c5d6e7f80.js"));
        assert!(is_hashed_asset("/bocal-3f2a1b4c5d6e7f80_bg.wasm"));
        assert!(is_hashed_asset("/main-0123456789abcdef.css"));
        assert!(is_hashed_asset("/main-de148b1879ac323.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/manifest.webmanifest"));
        assert!(!is_hashed_asset("/ateliers/12"));
        assert!(!is_hashed_asset("/icon-192.png"));
        assert!(!is_hashed_asset("/bocal-3f2a1b4c5d6e7f80"));
        // The split wasm's folder (scripts/stamp-build); not the unstamped one of debug builds.
        assert!(is_hashed_asset("/pkg-0123456789abcdef/split_staff.wasm"));
        assert!(is_hashed_asset("/pkg-0123456789abcdef/bocal.js"));
        assert!(!is_hashed_asset("/pkg/bocal.js"));
        assert!(!is_hashed_asset("/pkg-notahash/bocal.js"));
        assert!(!is_hashed_asset("/pkg-0123456789abcdef/"));
    }
}
