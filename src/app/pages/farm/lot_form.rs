//! "Proposer un lot": one screen, for a phone held in a field. Big targets, numeric
//! keyboards, the season's produce one tap away, and the last lot's choices remembered.

use chrono::{Duration, NaiveDate, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use reactive_stores::Store;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use web_sys::Blob;

use crate::api::lots::{Farm, LotDraft, MAX_LOT_NOTE_CHARS, MAX_PHOTOS_PER_LOT};
use crate::api::paths::{self, pages};
use crate::api::produce::Produce;
use crate::app::client;
use crate::app::components::access::FarmerOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::form::{Field, FormError, FormErrors, TextValue};
use crate::app::components::states::{ShowRead, FARM_OFFLINE};
use crate::app::local_store;
use crate::app::outbox::{use_outbox, Errand, Publication};
use crate::app::page::{id_param, set_title};
use crate::app::photo_shrink;
use crate::domain::lot::{
    format_cents, kilos_for_input, parse_euros, parse_kilos, Grade, Price, Quantity,
};
use crate::domain::text::fold;
use crate::domain::time::local_date;

/// The last lot's choices, offered again on this phone: farms post the same things often.
const LAST_CHOICES: &str = "bocal.last_lot";

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct LastChoices {
    produce: String,
    grade: Option<Grade>,
    by_crates: bool,
    crate_kilos: String,
    /// `None`: a gift.
    euros_per_kg: Option<String>,
    address: String,
    commune: String,
}

const FIELDS: &[&str] = &[
    "produce",
    "variety",
    "quantity",
    "grade",
    "pickup_address",
    "pickup_commune",
    "available_from",
    "available_until",
    "price",
    "note",
    "photos",
];

/// How long a lot stays on offer unless the farmer says otherwise.
const DEFAULT_WINDOW_DAYS: i64 = 3;

/// Where the form starts from: a lot to edit, a refused lot of the outbox to correct, or a new
/// one.
#[derive(Clone)]
struct Start {
    farm: Farm,
    lot: Option<LotDraft>,
    editing_id: Option<i64>,
    photos: Vec<FormPhoto>,
    /// The outbox's refused lot this one corrects: dropped once the correction is kept.
    replacing: Option<f64>,
}

/// The form's inputs as typed: text until the lot is sent, so that a half-typed "12," stays
/// on screen.
#[derive(Clone, Debug, Store)]
struct LotInputs {
    produce: String,
    variety: String,
    by_crates: bool,
    kilos: String,
    crate_count: String,
    crate_kilos: String,
    grade: Grade,
    address: String,
    commune: String,
    /// Also keep the address as the farm's.
    save_as_farm: bool,
    /// The address fields are open (not the farm's address).
    other_place: bool,
    from: String,
    until: String,
    is_gift: bool,
    euros: String,
    note: String,
}

impl LotInputs {
    /// Starts from the lot being edited, else from the last lot's choices, else the farm.
    fn starting(lot: Option<&LotDraft>, farm: &Farm, last: &LastChoices, today: NaiveDate) -> Self {
        let (by_crates, kilos, crate_count, crate_kilos) = match lot.map(|lot| lot.quantity) {
            Some(Quantity::Grams { grams }) => (
                false,
                kilos_for_input(grams.into()),
                String::new(),
                last.crate_kilos.clone(),
            ),
            Some(Quantity::Crates { count, grams_each }) => (
                true,
                String::new(),
                count.to_string(),
                kilos_for_input(grams_each.into()),
            ),
            None => (
                last.by_crates,
                String::new(),
                String::new(),
                last.crate_kilos.clone(),
            ),
        };
        let (address, commune) = match lot {
            Some(lot) => (lot.pickup_address.clone(), lot.pickup_commune.clone()),
            None if !farm.address.is_empty() => (farm.address.clone(), farm.commune.clone()),
            None => (
                last.address.clone(),
                if last.commune.is_empty() {
                    farm.commune.clone()
                } else {
                    last.commune.clone()
                },
            ),
        };
        let at_farm = !farm.address.is_empty() && address == farm.address;
        let price = lot.map(|lot| lot.price);
        LotInputs {
            produce: lot.map_or_else(|| last.produce.clone(), |lot| lot.produce.clone()),
            variety: lot.map(|lot| lot.variety.clone()).unwrap_or_default(),
            by_crates,
            kilos,
            crate_count,
            crate_kilos,
            grade: lot
                .map(|lot| lot.grade)
                .or(last.grade)
                .unwrap_or(Grade::Surplus),
            address,
            commune,
            // A farm with no saved address keeps the first one it types.
            save_as_farm: farm.address.is_empty(),
            other_place: !at_farm,
            from: lot
                .map_or(today, |lot| lot.available_from.max(today))
                .to_string(),
            until: lot
                .map_or(today + Duration::days(DEFAULT_WINDOW_DAYS), |lot| {
                    lot.available_until
                })
                .to_string(),
            is_gift: match price {
                Some(price) => price == Price::Gift,
                None => last.euros_per_kg.is_none(),
            },
            euros: match price {
                Some(Price::PerKg { cents }) => format_cents(cents),
                _ => last.euros_per_kg.clone().unwrap_or_default(),
            },
            note: lot.map(|lot| lot.note.clone()).unwrap_or_default(),
        }
    }

    /// The lot as typed, or the field to correct and why.
    fn draft(
        &self,
        photo_ids: Vec<i64>,
        today: NaiveDate,
    ) -> Result<LotDraft, (&'static str, String)> {
        let quantity_error = || {
            (
                "quantity",
                "Indiquez un poids en kilos, par exemple 12,5.".to_string(),
            )
        };
        let quantity = if self.by_crates {
            let count = self
                .crate_count
                .trim()
                .parse::<u32>()
                .map_err(|_| ("quantity", "Indiquez le nombre de cagettes.".to_string()))?;
            let grams_each = parse_kilos(&self.crate_kilos).ok_or_else(quantity_error)?;
            Quantity::Crates { count, grams_each }
        } else {
            Quantity::Grams {
                grams: parse_kilos(&self.kilos).ok_or_else(quantity_error)?,
            }
        };
        let date = |field: &'static str, text: &str| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map_err(|_| (field, "Choisissez une date.".to_string()))
        };
        let price = if self.is_gift {
            Price::Gift
        } else {
            let cents = parse_euros(&self.euros).ok_or((
                "price",
                "Indiquez un prix en euros par kilo, par exemple 0,80.".to_string(),
            ))?;
            Price::PerKg { cents }
        };
        let draft = LotDraft {
            produce: self.produce.clone(),
            variety: self.variety.clone(),
            quantity,
            grade: self.grade,
            pickup_address: self.address.clone(),
            pickup_commune: self.commune.clone(),
            save_as_farm_address: self.save_as_farm,
            available_from: date("available_from", &self.from)?,
            available_until: date("available_until", &self.until)?,
            price,
            note: self.note.clone(),
            photo_ids,
        };
        draft
            .checked(today)
            .map_err(|error| (error.field, error.message))
    }

    /// What this phone offers again for the next lot.
    fn choices(&self) -> LastChoices {
        LastChoices {
            produce: self.produce.clone(),
            grade: Some(self.grade),
            by_crates: self.by_crates,
            crate_kilos: self.crate_kilos.clone(),
            euros_per_kg: (!self.is_gift).then(|| self.euros.clone()),
            address: self.address.clone(),
            commune: self.commune.clone(),
        }
    }
}

#[component]
pub fn LotFormPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let outbox = use_outbox();
    let id = id_param(&params.read_untracked());
    let correcting = query
        .read_untracked()
        .get(pages::CORRECT_LOT_PARAM)
        .and_then(|id| id.parse::<f64>().ok());
    set_title(if id.is_some() {
        "Modifier un lot"
    } else {
        "Proposer un lot"
    });
    // Photos taken offline, kept out of the signals (a blob stays in this thread).
    let waiting_photos = StoredValue::new_local(Vec::<(String, Blob)>::new());
    let data = LocalResource::new(move || async move {
        let farm = client::my_farm().await?;
        let mut start = Start {
            farm,
            lot: None,
            editing_id: id,
            photos: Vec::new(),
            replacing: None,
        };
        if let Some(id) = id {
            let lot = client::get_lot(id).await?;
            start.photos = lot.photo_ids.iter().copied().map(FormPhoto::Sent).collect();
            start.lot = Some(lot.as_draft());
        } else if let Some((pending, blobs)) = match correcting {
            Some(id) => outbox.take_out(id).await,
            None => None,
        } {
            if let Errand::NewLot {
                draft,
                sent_photo_ids,
            } = pending.errand
            {
                let sent = draft.photo_ids.iter().chain(&sent_photo_ids);
                start.photos = sent.copied().map(FormPhoto::Sent).collect();
                for blob in blobs.into_iter().skip(sent_photo_ids.len()) {
                    start.photos.push(keep_waiting_photo(waiting_photos, blob));
                }
                start.lot = Some(draft);
                start.replacing = Some(pending.id);
            }
        }
        Ok::<_, client::ClientError>(start)
    });
    view! {
        <div class="page narrow-page lot-form-page">
            <BackLink href=pages::MY_LOTS label="Mes lots" />
            <h1>{if id.is_some() { "Modifier le lot" } else { "Proposer un lot" }}</h1>
            <FarmerOnly back=pages::NEW_LOT>
                <ShowRead read=data error_heading="Impossible d'ouvrir le formulaire" let:start>
                    {view! { <LotForm start=start waiting_photos=waiting_photos /> }.into_any()}
                </ShowRead>
            </FarmerOnly>
        </div>
    }
}

#[component]
fn LotForm(
    start: Start,
    waiting_photos: StoredValue<Vec<(String, Blob)>, LocalStorage>,
) -> impl IntoView {
    let navigate = use_navigate();
    let outbox = use_outbox();
    let today = local_date(Utc::now());
    let last: LastChoices = local_store::get_json(LAST_CHOICES).unwrap_or_default();
    let Start {
        farm,
        lot,
        editing_id,
        photos,
        replacing,
    } = start;

    let inputs = Store::new(LotInputs::starting(lot.as_ref(), &farm, &last, today));
    let photos = RwSignal::new(photos);
    let uploading = RwSignal::new(0u32);
    let errors = FormErrors::new(FIELDS);

    // A new lot goes through the outbox: kept on the phone, then sent (now, or when the
    // connection returns). An edit needs the server at once.
    let save = Action::new_local(move |draft: &LotDraft| {
        let mut draft = draft.clone();
        let waiting: Vec<Blob> = photos.with_untracked(|photos| {
            photos
                .iter()
                .filter_map(|photo| match photo {
                    FormPhoto::Waiting(url) => waiting_photos.with_value(|kept| {
                        kept.iter()
                            .find(|(kept_url, _)| kept_url == url)
                            .map(|(_, blob)| blob.clone())
                    }),
                    FormPhoto::Sent(_) => None,
                })
                .collect()
        });
        async move {
            match editing_id {
                Some(id) => {
                    for blob in waiting {
                        draft.photo_ids.push(client::upload_photo(blob).await?.id);
                    }
                    client::update_lot(id, draft).await.map(|_| ())
                }
                None => match outbox.publish(draft, waiting).await {
                    Publication::Sent | Publication::Waiting => {
                        if let Some(corrected) = replacing {
                            let _ = outbox.drop_item(corrected).await;
                        }
                        Ok(())
                    }
                    Publication::Refused(error) => Err(error),
                },
            }
        }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => {
            local_store::set_json(LAST_CHOICES, &inputs.read_untracked().choices());
            navigate(pages::MY_LOTS, Default::default());
        }
        Some(Err(error)) => errors.set(&error),
        None => {}
    });

    let draft = move || {
        let photo_ids = photos.with_untracked(|photos| {
            photos
                .iter()
                .filter_map(|photo| match photo {
                    FormPhoto::Sent(id) => Some(*id),
                    FormPhoto::Waiting(_) => None,
                })
                .collect()
        });
        inputs
            .read_untracked()
            .draft(photo_ids, local_date(Utc::now()))
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        if uploading.get_untracked() > 0 {
            errors.set_field("photos", "Attendez la fin de l'envoi des photos.");
            return;
        }
        match draft() {
            Ok(draft) => {
                save.dispatch(draft);
            }
            Err((field, message)) => errors.set_field(field, message),
        }
    };

    let farm_address = farm.address.clone();
    let farm_commune = farm.commune.clone();
    let use_farm_address = move |_| {
        inputs.other_place().set(false);
        inputs.address().set(farm_address.clone());
        inputs.commune().set(farm_commune.clone());
    };
    view! {
        <form class="form lot-form" on:submit=submit novalidate>
            <ProducePicker produce=inputs.produce() error=errors.for_field("produce") season=farm.produce.clone() today=today />
            <Field label="Variété (facultatif)" id="variety" value=inputs.variety() error=errors.for_field("variety") />

            <fieldset class="field">
                <legend>"Quantité"</legend>
                <div class="segmented" role="group" aria-label="Compter en">
                    <button type="button" aria-pressed=move || (!inputs.by_crates().get()).to_string() on:click=move |_| inputs.by_crates().set(false)>"En kilos"</button>
                    <button type="button" aria-pressed=move || inputs.by_crates().get().to_string() on:click=move |_| inputs.by_crates().set(true)>"En cagettes"</button>
                </div>
                <Show
                    when=move || inputs.by_crates().get()
                    fallback=move || view! {
                        <NumberWithUnit id="quantity" label="Poids en kilos" placeholder="40" value=inputs.kilos() unit="kg" />
                    }
                >
                    <div class="field-row">
                        <NumberWithUnit id="quantity" label="Nombre de cagettes" placeholder="6" value=inputs.crate_count() unit="cagettes de" whole=true />
                        <NumberWithUnit id="crate_kilos" label="Poids d'une cagette en kilos" placeholder="8" value=inputs.crate_kilos() unit="kg" />
                    </div>
                </Show>
                <FieldError error=errors.for_field("quantity") />
            </fieldset>

            <fieldset class="field">
                <legend>"État"</legend>
                <div class="choice-grid">
                    {Grade::ALL.into_iter().map(|option| view! {
                        <label class="choice" class:is-selected=move || inputs.grade().get() == option>
                            <input type="radio" name="grade" prop:checked=move || inputs.grade().get() == option on:change=move |_| inputs.grade().set(option) />
                            {option.label_fr()}
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>

            <fieldset class="field">
                <legend>"Où le récupérer ?"</legend>
                <Show
                    when=move || !inputs.other_place().get()
                    fallback=move || view! {
                        <Field label="Adresse" id="pickup_address" value=inputs.address() error=errors.for_field("pickup_address") autocomplete="street-address" />
                        <Field label="Commune" id="pickup_commune" value=inputs.commune() error=errors.for_field("pickup_commune") autocomplete="address-level2" />
                        <label class="check">
                            <input type="checkbox" prop:checked=move || inputs.save_as_farm().get() on:change=move |e| inputs.save_as_farm().set(event_target_checked(&e)) />
                            "Enregistrer comme adresse de la ferme"
                        </label>
                    }
                >
                    <p class="farm-address">
                        <strong>{farm.farm_name.clone()}</strong><br />
                        {move || inputs.address().get()} ", " {move || inputs.commune().get()}
                    </p>
                    <button type="button" class="button-link" on:click=move |_| inputs.other_place().set(true)>"Une autre adresse"</button>
                </Show>
                {(!farm.address.is_empty()).then(|| view! {
                    <Show when=move || inputs.other_place().get()>
                        <button type="button" class="button-link" on:click=use_farm_address.clone()>"À la ferme"</button>
                    </Show>
                })}
            </fieldset>

            <div class="field-row">
                <Field label="Disponible du" id="available_from" kind="date" value=inputs.from() error=errors.for_field("available_from") />
                <Field label="au" id="available_until" kind="date" value=inputs.until() error=errors.for_field("available_until") />
            </div>

            <fieldset class="field">
                <legend>"Prix"</legend>
                <div class="segmented" role="group" aria-label="Prix">
                    <button type="button" aria-pressed=move || inputs.is_gift().get().to_string() on:click=move |_| inputs.is_gift().set(true)>"Don"</button>
                    <button type="button" aria-pressed=move || (!inputs.is_gift().get()).to_string() on:click=move |_| inputs.is_gift().set(false)>"Prix au kilo"</button>
                </div>
                <Show when=move || !inputs.is_gift().get()>
                    <NumberWithUnit id="price" label="Prix en euros par kilo" placeholder="0,80" value=inputs.euros() unit="€ / kg" />
                </Show>
                <FieldError error=errors.for_field("price") />
            </fieldset>

            <PhotoPicker photos=photos uploading=uploading errors=errors waiting_photos=waiting_photos />

            <div class="field">
                <label for="note">"Un mot pour l'équipe (facultatif)"</label>
                <textarea id="note" rows="2" maxlength=MAX_LOT_NOTE_CHARS
                    prop:value=move || inputs.note().get() on:input=move |e| inputs.note().set(event_target_value(&e))></textarea>
            </div>

            <FormError errors=errors />
            <button type="submit" class="button button-primary button-wide" disabled=move || { save.pending().get() || uploading.get() > 0 }>
                {move || if save.pending().get() { "Envoi…" } else if editing_id.is_some() { "Enregistrer" } else { "Publier le lot" }}
            </button>
            <A href=pages::MY_LOTS attr:class="button button-secondary button-wide">"Annuler"</A>
        </form>
    }
}

/// A number typed on the phone's numeric keyboard, with its unit beside it ("40 kg").
#[component]
fn NumberWithUnit(
    id: &'static str,
    /// Read by screen readers; the fieldset's legend says the rest.
    label: &'static str,
    placeholder: &'static str,
    value: impl TextValue,
    unit: &'static str,
    /// A count: the keyboard without a decimal comma.
    #[prop(optional)]
    whole: bool,
) -> impl IntoView {
    view! {
        <div class="input-unit">
            <input id=id type="text" inputmode=if whole { "numeric" } else { "decimal" } aria-label=label placeholder=placeholder
                prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e)) />
            <span>{unit}</span>
        </div>
    }
}

#[component]
fn FieldError(#[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error
            .get()
            .map(|message| view! { <p class="field-error" role="alert">{message}</p> })
    }
}

/// The season's produce (the cannery's list) as big buttons, and a field for anything else
/// (with the whole list as suggestions).
#[component]
fn ProducePicker(
    produce: impl TextValue,
    #[prop(into)] error: Signal<Option<String>>,
    season: Vec<Produce>,
    today: NaiveDate,
) -> impl IntoView {
    let in_season: Vec<Produce> = season
        .iter()
        .filter(|option| option.in_season(today))
        .cloned()
        .collect();
    view! {
        <fieldset class="field produce-picker" class:has-error=move || error.get().is_some()>
            <legend>"Produit"</legend>
            {(!in_season.is_empty()).then(|| view! { <p class="hint">"De saison en ce moment :"</p> })}
            <div class="chips">
                {in_season.into_iter().map(|option| {
                    let name = option.name;
                    let folded = fold(&name);
                    let selected = move || fold(produce.get().trim()) == folded;
                    let chosen = name.clone();
                    view! {
                        <button type="button" class="chip" aria-pressed=move || selected().to_string()
                            on:click=move |_| produce.set(chosen.clone())>
                            {name}
                        </button>
                    }
                }).collect_view()}
            </div>
            <label for="produce" class="hint">"Ou un autre produit :"</label>
            <input id="produce" type="text" list="produce-list" autocomplete="off" placeholder="Tomates, coings…"
                prop:value=move || produce.get() on:input=move |e| produce.set(event_target_value(&e)) />
            <datalist id="produce-list">
                {season.iter().map(|option| view! {
                    <option value=option.name.clone()>{format!("{} ({})", option.name, option.season_fr())}</option>
                }).collect_view()}
            </datalist>
            <FieldError error=error />
        </fieldset>
    }
}

/// A photo of the form: on the server, or taken without a connection and kept on the phone
/// (shown from an object URL, sent with the lot).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum FormPhoto {
    Sent(i64),
    Waiting(String),
}

impl FormPhoto {
    fn src(&self) -> String {
        match self {
            FormPhoto::Sent(id) => paths::lot_photo(*id),
            FormPhoto::Waiting(url) => url.clone(),
        }
    }
}

fn keep_waiting_photo(
    waiting_photos: StoredValue<Vec<(String, Blob)>, LocalStorage>,
    blob: Blob,
) -> FormPhoto {
    let url = web_sys::Url::create_object_url_with_blob(&blob).unwrap_or_default();
    waiting_photos.update_value(|kept| kept.push((url.clone(), blob)));
    FormPhoto::Waiting(url)
}

/// Up to three photos, shrunk and sent as soon as they are taken, shown as thumbnails. Without a
/// connection they wait on the phone and go with the lot.
#[component]
fn PhotoPicker(
    photos: RwSignal<Vec<FormPhoto>>,
    uploading: RwSignal<u32>,
    errors: FormErrors,
    waiting_photos: StoredValue<Vec<(String, Blob)>, LocalStorage>,
) -> impl IntoView {
    let on_pick = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(files) = input.files() else { return };
        let room = MAX_PHOTOS_PER_LOT
            .saturating_sub(photos.get_untracked().len() + uploading.get_untracked() as usize);
        if files.length() as usize > room {
            errors.set_field(
                "photos",
                format!("{MAX_PHOTOS_PER_LOT} photos au plus par lot."),
            );
        }
        for index in 0..files.length().min(room as u32) {
            let Some(file) = files.get(index) else {
                continue;
            };
            uploading.update(|count| *count += 1);
            spawn_local(async move {
                // Shrunk first: what is sent, and what waits on the phone, is the small one.
                let blob = photo_shrink::shrunk_for_upload(Blob::from(file)).await;
                match client::upload_photo(blob.clone()).await {
                    Ok(photo) => photos.update(|kept| kept.push(FormPhoto::Sent(photo.id))),
                    Err(client::ClientError::Unreachable) => {
                        let waiting = keep_waiting_photo(waiting_photos, blob);
                        photos.update(|kept| kept.push(waiting));
                    }
                    Err(error) => errors.set_field("photos", error.message(FARM_OFFLINE)),
                }
                uploading.update(|count| *count -= 1);
            });
        }
        input.set_value("");
    };
    let error = errors.for_field("photos");
    view! {
        <div class="field photo-picker" class:has-error=move || error.get().is_some()>
            <span class="label">"Photos (3 au plus, facultatif)"</span>
            <div class="photo-row">
                <For each=move || photos.get() key=|photo| photo.clone() let:photo>
                    <figure class="photo-thumb">
                        <img src=photo.src() alt="Photo du lot" width="96" height="72" />
                        {matches!(photo, FormPhoto::Waiting(_)).then(|| view! {
                            <figcaption class="photo-waiting">"à envoyer"</figcaption>
                        })}
                        <button type="button" class="photo-remove" aria-label="Enlever cette photo"
                            on:click={
                                let photo = photo.clone();
                                move |_| photos.update(|kept| kept.retain(|other| *other != photo))
                            }>"×"</button>
                    </figure>
                </For>
                {move || (0..uploading.get()).map(|_| view! { <div class="photo-thumb is-loading" aria-label="Envoi de la photo…"><span class="spinner"></span></div> }).collect_view()}
                <Show when=move || { photos.get().len() + (uploading.get() as usize) < MAX_PHOTOS_PER_LOT }>
                    <label class="photo-add">
                        <input id="photos" type="file" accept="image/*" multiple on:change=on_pick />
                        <span aria-hidden="true">"+"</span>
                        "Photo"
                    </label>
                </Show>
            </div>
            <FieldError error=error />
        </div>
    }
}
