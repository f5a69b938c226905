//! What every page the server writes needs: text made safe for HTML, and the page around it.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};

/// Text for HTML content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            // Attributes are written in double quotes: a single one is safe.
            '"' => escaped.push_str("&quot;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// A whole HTML page: `title` for the tab, `stylesheet` from `public/`, `body` as written.
pub fn html_page(status: StatusCode, title: &str, stylesheet: &str, body: &str) -> Response {
    let html = format!(
        r#"<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{title} – Bocal</title>
<link rel="icon" href="/icon.svg" type="image/svg+xml" />
<link rel="stylesheet" href="{stylesheet}" />
</head>
<body>
{body}
</body>
</html>"#,
        title = escape(title),
    );
    let mut response = (status, Html(html)).into_response();
    // What these pages say changes as the team works: asked again at each visit.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_html_would_read_as_markup() {
        assert_eq!(
            escape(r#"<img src=x onerror="a('b')"> & co"#),
            "&lt;img src=x onerror=&quot;a('b')&quot;&gt; &amp; co"
        );
        assert_eq!(escape("Poires au sirop léger"), "Poires au sirop léger");
    }
}
