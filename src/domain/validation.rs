//! What a failed validation says: the field at fault and why, in French. Domain rules return
//! it; the API turns it into a 400 with `field` set, the UI shows it next to that field.

/// A value that failed validation, and why, in French.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> FieldError {
        FieldError {
            field,
            message: message.into(),
        }
    }
}
