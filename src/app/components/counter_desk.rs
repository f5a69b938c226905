//! What the counter, the stock page and a batch's page share: the centre this device works
//! in, and the recording of an operation (sent once, whatever the network does).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::accounts::CentreOption;
use crate::api::paths::pages;
use crate::api::wallet::{CounterOperation, LedgerEntry, Product};
use crate::app::client::{self, ClientError};
use crate::app::local_store;
use crate::app::session::use_session;

/// The centre this device's counter stands in, remembered between visits.
const CENTRE_KEY: &str = "bocal.counter_centre";

/// An action that records counter operations. Each operation gets a fresh idempotency key,
/// except one sent again unchanged (after a lost answer, a second tap): it reuses its key, so
/// the server records it once.
pub fn record_action() -> Action<CounterOperation, Result<LedgerEntry, ClientError>> {
    let unconfirmed = StoredValue::new(None::<(CounterOperation, String)>);
    Action::new_local(move |operation: &CounterOperation| {
        let operation = operation.clone();
        let key = match unconfirmed.get_value() {
            Some((earlier, key)) if earlier == operation => key,
            _ => {
                let key = client::new_idempotency_key();
                unconfirmed.set_value(Some((operation.clone(), key.clone())));
                key
            }
        };
        async move {
            let result = client::record(key, operation).await;
            if result.is_ok() {
                unconfirmed.set_value(None);
            }
            result
        }
    })
}

/// The centre this device works in: remembered on the device; the first time, the animator's
/// own centre (or the first one).
#[component]
pub fn CentrePicker(id: &'static str, centre: RwSignal<Option<i64>>) -> impl IntoView {
    let centres = LocalResource::new(client::centres);
    let session = use_session();
    if let Some(remembered) = local_store::get(CENTRE_KEY).and_then(|id| id.parse().ok()) {
        centre.set(Some(remembered));
    }
    Effect::new(move |_| {
        if centre.get().is_none() {
            if let Some(Ok(list)) = centres.get() {
                // Set only when there is one: setting None again would run this again, forever
                // (a new cannery has no centre yet).
                if let Some(default) = default_centre(&list, session.me().and_then(|me| me.centre))
                {
                    centre.set(Some(default));
                }
            }
        }
    });
    let no_centre = move || matches!(centres.get(), Some(Ok(list)) if list.is_empty());
    view! {
        {move || no_centre().then(|| view! {
            <p class="notice notice-info" role="status">
                "Aucun centre pour l'instant : le comptoir et le stock en ont besoin. Un administrateur le crée dans "
                <A href=pages::SETTINGS>"Réglages"</A>
                "."
            </p>
        })}
        <div class="field counter-centre">
            <label for=id>"Centre"</label>
            <select id=id on:change=move |event| {
                let id = event_target_value(&event);
                local_store::set(CENTRE_KEY, &id);
                centre.set(id.parse().ok());
            }>
                {move || centres.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|option| {
                    let selected = centre.get() == Some(option.id);
                    view! { <option value=option.id.to_string() selected=selected>{option.name}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

fn default_centre(centres: &[CentreOption], own: Option<String>) -> Option<i64> {
    centres
        .iter()
        .find(|centre| Some(&centre.name) == own.as_ref())
        .or(centres.first())
        .map(|centre| centre.id)
}

/// "12:370" as a select's value.
pub fn parse_product(value: &str) -> Option<Product> {
    let (recipe_id, jar_ml) = value.split_once(':')?;
    Some(Product {
        recipe_id: recipe_id.parse().ok()?,
        jar_ml: jar_ml.parse().ok()?,
    })
}
