//! CSV files as French spreadsheets open them, for the exports.

use axum::http::header;
use axum::response::{IntoResponse, Response};

pub const CONTENT_TYPE: &str = "text/csv; charset=utf-8";

/// A CSV file as French spreadsheets open it: UTF-8 with a byte-order mark, `;` between
/// fields, fields quoted when they need it.
pub struct Csv(String);

impl Csv {
    pub fn new(header: &[&str]) -> Csv {
        let mut csv = Csv(String::from("\u{feff}"));
        csv.row(header);
        csv
    }

    pub fn row<S: AsRef<str>>(&mut self, fields: &[S]) {
        let line: Vec<String> = fields.iter().map(|field| quoted(field.as_ref())).collect();
        self.0.push_str(&line.join(";"));
        self.0.push_str("\r\n");
    }

    pub fn into_response(self, file_name: &str) -> Response {
        (
            [
                (header::CONTENT_TYPE, CONTENT_TYPE.to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file_name}\""),
                ),
            ],
            self.0,
        )
            .into_response()
    }
}

fn quoted(field: &str) -> String {
    // A leading = + - @ would be read as a formula by a spreadsheet: neutralised.
    let formula = field.starts_with(['=', '+', '@'])
        || (field.starts_with('-') && field.parse::<i64>().is_err());
    let field = if formula {
        format!("'{field}")
    } else {
        field.to_string()
    };
    if field.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_neutralised() {
        assert_eq!(quoted("Coulis; tomates"), "\"Coulis; tomates\"");
        assert_eq!(quoted("dit \"oui\""), "\"dit \"\"oui\"\"\"");
        assert_eq!(quoted("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(quoted("-60"), "-60");
        assert_eq!(quoted("-cmd"), "'-cmd");
    }
}
