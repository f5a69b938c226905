//! Security headers on every response. The Content-Security-Policy lets the app's own files and
//! its wasm run, and nothing else: no other origin, no inline code but the one loader script
//! that Trunk writes into index.html and the loading page's own stylesheet
//! (style/first-paint.css, inlined so that the first HTML paints by itself), each allowed by
//! its hash. No other site may frame a page, but the one made for it (`/widget`), which
//! declares its own policy.

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
        let policy = content_security_policy(
            &inline_hashes(&index, "script"),
            &inline_hashes(&index, "style"),
        );
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

fn content_security_policy(script_hashes: &[String], style_hashes: &[String]) -> String {
    let sources =
        |hashes: &[String]| -> String { hashes.iter().map(|h| format!(" 'sha256-{h}'")).collect() };
    [
        "default-src 'self'".to_string(),
        // 'wasm-unsafe-eval' lets the page compile its own wasm, and only that.
        format!(
            "script-src 'self' 'wasm-unsafe-eval'{}",
            sources(script_hashes)
        ),
        format!("style-src 'self'{}", sources(style_hashes)),
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

/// Base64 SHA-256 of the body of every `<tag>` element written in the page (for `script`, those
/// without a `src`). Comments are skipped: one that names a tag is no element.
fn inline_hashes(html: &str, tag: &str) -> Vec<String> {
    let opening = format!("<{tag}");
    let closing = format!("</{tag}>");
    let mut hashes = Vec::new();
    let html = without_comments(html);
    let mut rest = html.as_str();
    while let Some(start) = rest.find(&opening) {
        let after_tag_name = &rest[start..];
        let Some(tag_end) = after_tag_name.find('>') else {
            break;
        };
        let tag = &after_tag_name[..tag_end];
        let body_and_rest = &after_tag_name[tag_end + 1..];
        let Some(body_end) = body_and_rest.find(&closing) else {
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

/// `html` with its `<!-- … -->` comments taken out.
fn without_comments(html: &str) -> String {
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        kept.push_str(&rest[..start]);
        rest = match rest[start..].find("-->") {
            Some(end) => &rest[start + end + "-->".len()..],
            None => "",
        };
    }
    kept.push_str(rest);
    kept
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
    fn hashes_inline_scripts_and_styles_only() {
        let html = r#"<!-- the loader, a <script>, and the <style> of the loading page -->
            <style>main{color:red}</style><script type="module">init();</script>
            <script src="/a.js"></script>
            <link rel="stylesheet" href="/main.css" />
            <script>
x()
</script>"#;
        let scripts = inline_hashes(html, "script");
        let styles = inline_hashes(html, "style");
        let expected = |body: &str| {
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes()))
        };
        assert_eq!(scripts, vec![expected("init();"), expected("\nx()\n")]);
        assert_eq!(styles, vec![expected("main{color:red}")]);
        let policy = content_security_policy(&scripts, &styles);
        assert!(policy.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-{}'",
            scripts[0]
        )));
        assert!(policy.contains(&format!("style-src 'self' 'sha256-{}';", styles[0])));
        assert!(policy.contains("frame-ancestors 'none'"));
    }
}
