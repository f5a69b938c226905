//! A farmer asks for an account, from a phone in a field: six short fields. An animator
//! approves the farm before its offers show.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::accounts::ProducerRequest;
use crate::api::paths::pages;
use crate::app::client;
use crate::app::components::form::{Field, FormError, FormErrors};
use crate::app::page::set_title;
use crate::domain::notify::Channel;

#[component]
pub fn ProducerSignupPage() -> impl IntoView {
    set_title("Compte producteur");
    let farm_name = RwSignal::new(String::new());
    let contact_name = RwSignal::new(String::new());
    let commune = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let produce = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // Farms in a field read SMS: asked, ticked.
    let by_sms = RwSignal::new(true);
    let is_company = RwSignal::new(false);
    let errors = FormErrors::new(&[
        "farm_name",
        "contact_name",
        "commune",
        "phone",
        "produce",
        "password",
    ]);
    let sent = RwSignal::new(false);
    let send = Action::new_local(move |request: &ProducerRequest| {
        let request = request.clone();
        async move { client::request_producer_account(request).await }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(_)) => sent.set(true),
        Some(Err(error)) => errors.set(&error),
        None => {}
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        send.dispatch(ProducerRequest {
            farm_name: farm_name.get_untracked(),
            contact_name: contact_name.get_untracked(),
            commune: commune.get_untracked(),
            phone: phone.get_untracked(),
            produce: produce.get_untracked(),
            password: password.get_untracked(),
            notify_by: by_sms.get_untracked().then_some(Channel::Sms),
            is_company: is_company.get_untracked(),
        });
    };
    view! {
        <div class="page narrow-page">
            <h1>"Compte producteur"</h1>
            {move || if sent.get() {
                view! {
                    <div class="notice notice-success" role="status">
                        <p>"Demande envoyée, merci ! Un·e animateur·rice valide votre ferme rapidement."</p>
                        <p>"Vous pouvez déjà vous connecter avec votre numéro de téléphone et votre mot de passe."</p>
                        <A href=pages::LOGIN attr:class="button button-primary">"Se connecter"</A>
                    </div>
                }.into_any()
            } else {
                view! {
                    <p class="lead">"Vous avez des fruits ou légumes en trop ? Proposez-les à la conserverie."</p>
                    <form class="card form" on:submit=on_submit novalidate>
                        <Field label="Nom de la ferme" id="farm_name" value=farm_name error=errors.for_field("farm_name") autocomplete="organization" required=true />
                        <label class="check">
                            <input type="checkbox" id="is_company" prop:checked=move || is_company.get()
                                on:change=move |event| is_company.set(event_target_checked(&event)) />
                            "La ferme est une société (GAEC, EARL, SCEA…)"
                        </label>
                        <Field label="Votre nom" id="contact_name" value=contact_name error=errors.for_field("contact_name") autocomplete="name" required=true />
                        <Field label="Commune" id="commune" value=commune error=errors.for_field("commune") autocomplete="address-level2" required=true />
                        <Field label="Téléphone" id="phone" value=phone error=errors.for_field("phone") kind="tel" inputmode="tel" autocomplete="tel" hint="Il vous servira d'identifiant." required=true />
                        <Field label="Ce que vous produisez (facultatif)" id="produce" value=produce error=errors.for_field("produce") hint="ex. pommes, poires" />
                        <Field label="Mot de passe" id="password" value=password error=errors.for_field("password") kind="password" autocomplete="new-password" hint="Au moins 8 caractères, ou un code d'au moins 6 chiffres." required=true />
                        <label class="check">
                            <input type="checkbox" id="notify_by" prop:checked=move || by_sms.get()
                                on:change=move |event| by_sms.set(event_target_checked(&event)) />
                            "Me prévenir par SMS : ferme validée, lot réservé, lot collecté"
                        </label>
                        <FormError errors=errors />
                        <button type="submit" class="button button-primary" disabled=move || send.pending().get()>
                            {move || if send.pending().get() { "Envoi…" } else { "Demander mon compte" }}
                        </button>
                    </form>
                }.into_any()
            }}
        </div>
    }
}
