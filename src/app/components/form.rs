//! Form parts shared by every page: labelled fields whose error shows right under them, and
//! the error of a whole form.

use leptos::prelude::*;
use leptos::text_prop::TextProp;

use crate::app::client::ClientError;
use crate::app::i18n::use_i18n;

/// The error a form shows: under the field the server named, or above the submit button.
#[derive(Clone, Copy)]
pub struct FormErrors {
    /// (field, message)
    current: RwSignal<Option<(Option<String>, String)>>,
    /// The fields this form shows; an error naming another field shows at the form level.
    fields: StoredValue<Vec<&'static str>>,
}

impl FormErrors {
    pub fn new(fields: &[&'static str]) -> FormErrors {
        FormErrors {
            current: RwSignal::new(None),
            fields: StoredValue::new(fields.to_vec()),
        }
    }

    pub fn clear(&self) {
        self.current.set(None);
    }

    /// A check made in the browser, before sending.
    pub fn set_field(&self, field: &str, message: impl Into<String>) {
        self.current
            .set(Some((Some(field.to_string()), message.into())));
    }

    pub fn set(&self, error: &ClientError) {
        let field = match error {
            ClientError::Refused { field, .. } => field.clone(),
            _ => None,
        };
        let message = error.message(use_i18n().texts().error_offline);
        self.current.set(Some((field, message)));
    }

    pub fn for_field(&self, field: &'static str) -> Signal<Option<String>> {
        let current = self.current;
        Signal::derive(move || {
            current.with(|error| match error {
                Some((Some(at), message)) if at == field => Some(message.clone()),
                _ => None,
            })
        })
    }

    /// The error that belongs to no field shown by this form.
    pub fn general(&self) -> Signal<Option<String>> {
        let (current, fields) = (self.current, self.fields);
        Signal::derive(move || {
            current.with(|error| match error {
                Some((Some(at), _))
                    if fields.with_value(|fields| fields.contains(&at.as_str())) =>
                {
                    None
                }
                Some((_, message)) => Some(message.clone()),
                None => None,
            })
        })
    }
}

/// What a text input edits: an `RwSignal<String>`, or a field of a form's store.
pub trait TextValue:
    Get<Value = String> + Set<Value = String> + Copy + Send + Sync + 'static
{
}

impl<T> TextValue for T where
    T: Get<Value = String> + Set<Value = String> + Copy + Send + Sync + 'static
{
}

/// A labelled input. `id` is also the API's field name, so the server's error lands here.
#[component]
pub fn Field(
    #[prop(into)] label: TextProp,
    id: &'static str,
    value: impl TextValue,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] inputmode: &'static str,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: &'static str,
    #[prop(optional, into)] hint: Option<TextProp>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id>{move || label.get()}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{move || hint.get()}</p> })}
            <input
                id=id
                name=id
                type=kind
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                list=(!list.is_empty()).then_some(list)
                required=required
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
            />
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="field-error" id=error_id.clone() role="alert">
                                {message}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// The form-level error, above the submit button.
#[component]
pub fn FormError(errors: FormErrors) -> impl IntoView {
    let general = errors.general();
    move || {
        general
            .get()
            .map(|message| view! { <p class="notice notice-error form-error" role="alert">{message}</p> })
    }
}
