//! Security headers on every response. The Content-Security-Policy lets the app's own files and
//! its wasm run, and nothing else: no other origin, no inline code but the one loader script
//! that Trunk writes into index.html, allowed by its hash. No other site may frame a page, but
//! the one made for it (`/widget`), which declares its own policy.

use std::path::Path;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

#[derive(Clone)]
pub struct SecurityHeaders {
    content_security_policy: Arc<HeaderValue>,
}

impl SecurityHeaders {
    /// Builds the policy for the index.html in `dist` as it is now. A missing file gives a
    /// policy with no inline script at all.
    pub fn for_dist(dist: &Path) -> SecurityHeaders {
        let index = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
        let policy = content_security_policy(&inline_script_hashes(&index));
        SecurityHeaders {
            content_security_policy: Arc::new(
                HeaderValue::from_str(&policy).expect("the policy is plain ASCII"),
            ),
        }
    }
}

/// The policy of the one page other sites may frame (`/widget`, a centre's website shows it):
/// no script at all, its own stylesheet and icon, and any web page as its frame's parent.
pub const FRAMEABLE_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
    base-uri 'none'; form-action 'none'; frame-ancestors *";

fn content_security_policy(script_hashes: &[String]) -> String {
    let hashes: String = script_hashes
        .iter()
        .map(|h| format!(" 'sha256-{h}'"))
        .collect();
    [
        "default-src 'self'".to_string(),
        // 'wasm-unsafe-eval' lets the page compile its own wasm, and only that.
        format!("script-src 'self' 'wasm-unsafe-eval'{hashes}"),
        "style-src 'self'".into(),
        // blob: shows a photo taken offline, kept on the phone until it can be sent.
        "img-src 'self' data: blob:".into(),
        "connect-src 'self'".into(),
        "manifest-src 'self'".into(),
        "object-src 'none'".into(),
        "base-uri 'none'".into(),
        "form-action 'self'".into(),
        "frame-ancestors 'none'".into(),
    ]
    .join("; ")
}

/// Base64 SHA-256 of the body of every `<script>` without a `src`.
fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after_tag_name = &rest[start..];
        let Some(tag_end) = after_tag_name.find('>') else {
            break;
        };
        let tag = &after_tag_name[..tag_end];
        let body_and_rest = &after_tag_name[tag_end + 1..];
        let Some(body_end) = body_and_rest.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            let digest = Sha256::digest(&body_and_rest.as_bytes()[..body_end]);
            hashes.push(base64::engine::general_purpose::STANDARD.encode(digest));
        }
        rest = &body_and_rest[body_end..];
    }
    hashes
}

pub async fn add(State(headers): State<SecurityHeaders>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let map = response.headers_mut();
    // A page with a policy of its own (the widget) keeps it; every other is never framed.
    if !map.contains_key(header::CONTENT_SECURITY_POLICY) {
        map.insert(
            header::CONTENT_SECURITY_POLICY,
            (*headers.content_security_policy).clone(),
        );
        map.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    map.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    map.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    map.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = r#"<script type="module">init();</script><script src="/a.js"></script>
            <script>
x()
</script>"#;
        let hashes = inline_script_hashes(html);
        let expected = |body: &str| {
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes()))
        };
        assert_eq!(hashes, vec![expected("init();"), expected("\nx()\n")]);
        let policy = content_security_policy(&hashes);
        assert!(policy.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-{}'",
            hashes[0]
        )));
        assert!(policy.contains("frame-ancestors 'none'"));
    }
}
