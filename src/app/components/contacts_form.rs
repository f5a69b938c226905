//! A person's name, phone and e-mail, corrected: by the person in "Mes données", by the team in
//! the account list. A phone or e-mail that is someone else's is refused next to its field.

use leptos::prelude::*;

use crate::api::accounts::Me;
use crate::api::personal_data::ProfileChange;
use crate::app::client::ClientError;
use crate::app::components::form::{Field, FormError, FormErrors};
use crate::domain::account::format_phone;

/// The form, filled with the contacts as they are; `save` sends it (its caller acts on
/// success), `children` are more buttons beside "Enregistrer".
#[component]
pub fn ContactsForm(
    display_name: String,
    phone: Option<String>,
    email: Option<String>,
    save: Action<ProfileChange, Result<Me, ClientError>>,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let display_name = RwSignal::new(display_name);
    let phone = RwSignal::new(phone.as_deref().map(format_phone).unwrap_or_default());
    let email = RwSignal::new(email.unwrap_or_default());
    let errors = FormErrors::new(&["display_name", "phone", "email"]);
    Effect::new(move |_| {
        if let Some(Err(error)) = save.value().get() {
            errors.set(&error);
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        save.dispatch(ProfileChange {
            display_name: display_name.get_untracked(),
            phone: phone.get_untracked(),
            email: email.get_untracked(),
        });
    };
    view! {
        <form class=format!("form {class}") on:submit=on_submit novalidate>
            <Field label="Nom ou prénom" id="display_name" value=display_name
                error=errors.for_field("display_name") autocomplete="name" required=true />
            <Field label="Téléphone (facultatif)" id="phone" value=phone
                error=errors.for_field("phone") kind="tel" inputmode="tel" autocomplete="tel" />
            <Field label="E-mail (facultatif)" id="email" value=email
                error=errors.for_field("email") kind="email" autocomplete="email" />
            <FormError errors=errors />
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { "Enregistrement…" } else { "Enregistrer" }}
                </button>
                {children.map(|children| children())}
            </div>
        </form>
    }
}
