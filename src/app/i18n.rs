//! Every user-facing text of the web app, in French and English. Date phrases are in
//! `domain::when`, where they are tested.

use leptos::prelude::*;

use crate::domain::{Lang, WorkshopKind, WorkshopStatus};

pub struct Texts {
    pub lang: Lang,
    pub site_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub main_navigation: &'static str,
    pub nav_calendar: &'static str,
    /// The label of the button that switches to the *other* language.
    pub switch_language: &'static str,
    pub switch_language_label: &'static str,
    pub footer: &'static str,

    pub next_stop_heading: &'static str,
    pub next_stop_none: &'static str,
    pub open_map: &'static str,
    pub see_details: &'static str,
    pub upcoming_heading: &'static str,
    pub filters_label: &'static str,
    pub filter_commune: &'static str,
    pub all_communes: &'static str,
    pub filter_kind: &'static str,
    pub all_kinds: &'static str,
    pub clear_filters: &'static str,
    pub no_workshops: &'static str,
    pub no_matching_workshops: &'static str,
    pub subscribe: &'static str,
    pub subscribe_hint: &'static str,

    pub loading: &'static str,
    pub error_heading: &'static str,
    pub error_offline: &'static str,
    pub retry: &'static str,

    pub back_to_calendar: &'static str,
    pub add_to_calendar: &'static str,
    pub where_heading: &'static str,
    pub organised_by: &'static str,
    pub capacity: &'static str,
    pub cancelled_notice: &'static str,
    pub planned_notice: &'static str,
    pub workshop_not_found: &'static str,

    pub page_not_found_heading: &'static str,
    pub page_not_found: &'static str,
}

const FR: Texts = Texts {
    lang: Lang::Fr,
    site_name: "Bocal",
    tagline: "Conserverie mobile et solidaire",
    skip_to_content: "Aller au contenu",
    main_navigation: "Navigation principale",
    nav_calendar: "Calendrier",
    switch_language: "EN",
    switch_language_label: "Switch to English",
    footer: "Une conserverie mobile des maisons de quartier des Ors, de Saint-Nicolas et de la Maison citoyenne Noël Guichard, à Romans-sur-Isère.",

    next_stop_heading: "Où est le camion ?",
    next_stop_none: "Aucune date n'est prévue pour l'instant. Revenez bientôt !",
    open_map: "Ouvrir le plan",
    see_details: "Voir l'atelier",
    upcoming_heading: "Prochains ateliers",
    filters_label: "Filtrer les ateliers",
    filter_commune: "Commune",
    all_communes: "Toutes les communes",
    filter_kind: "Type",
    all_kinds: "Tous les types",
    clear_filters: "Tout afficher",
    no_workshops: "Aucun atelier à venir pour l'instant.",
    no_matching_workshops: "Aucun atelier ne correspond à ces filtres.",
    subscribe: "S'abonner au calendrier",
    subscribe_hint: "Les dates arrivent toutes seules dans l'agenda de votre téléphone.",

    loading: "Chargement…",
    error_heading: "Impossible d'afficher les ateliers",
    error_offline: "Pas de connexion au serveur. Vérifiez votre réseau puis réessayez.",
    retry: "Réessayer",

    back_to_calendar: "Retour au calendrier",
    add_to_calendar: "Ajouter à mon agenda",
    where_heading: "Où ?",
    organised_by: "Organisé par",
    capacity: "places",
    cancelled_notice: "Cet atelier est annulé.",
    planned_notice: "Horaire à confirmer.",
    workshop_not_found: "Cet atelier n'existe pas ou n'existe plus.",

    page_not_found_heading: "Page introuvable",
    page_not_found: "Cette page n'existe pas.",
};

const EN: Texts = Texts {
    lang: Lang::En,
    site_name: "Bocal",
    tagline: "Mobile community cannery",
    skip_to_content: "Skip to content",
    main_navigation: "Main navigation",
    nav_calendar: "Calendar",
    switch_language: "FR",
    switch_language_label: "Passer en français",
    footer: "A mobile cannery run by the Les Ors and Saint-Nicolas community centres and the Maison citoyenne Noël Guichard, in Romans-sur-Isère.",

    next_stop_heading: "Where is the truck?",
    next_stop_none: "No date is planned yet. Come back soon!",
    open_map: "Open map",
    see_details: "See the workshop",
    upcoming_heading: "Upcoming workshops",
    filters_label: "Filter workshops",
    filter_commune: "Town",
    all_communes: "All towns",
    filter_kind: "Type",
    all_kinds: "All types",
    clear_filters: "Show all",
    no_workshops: "No upcoming workshop yet.",
    no_matching_workshops: "No workshop matches these filters.",
    subscribe: "Subscribe to the calendar",
    subscribe_hint: "Dates show up in your phone's calendar by themselves.",

    loading: "Loading…",
    error_heading: "Cannot show the workshops",
    error_offline: "Cannot reach the server. Check your connection and try again.",
    retry: "Try again",

    back_to_calendar: "Back to the calendar",
    add_to_calendar: "Add to my calendar",
    where_heading: "Where?",
    organised_by: "Run by",
    capacity: "places",
    cancelled_notice: "This workshop is cancelled.",
    planned_notice: "Time to be confirmed.",
    workshop_not_found: "This workshop does not exist or no longer exists.",

    page_not_found_heading: "Page not found",
    page_not_found: "This page does not exist.",
};

impl Texts {
    pub fn for_lang(lang: Lang) -> &'static Texts {
        match lang {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    pub fn kind(&self, kind: WorkshopKind) -> &'static str {
        kind.label(self.lang)
    }

    pub fn status(&self, status: WorkshopStatus) -> Option<&'static str> {
        match (status, self.lang) {
            (WorkshopStatus::Cancelled, Lang::Fr) => Some("Annulé"),
            (WorkshopStatus::Cancelled, Lang::En) => Some("Cancelled"),
            (WorkshopStatus::Planned, Lang::Fr) => Some("À confirmer"),
            (WorkshopStatus::Planned, Lang::En) => Some("To be confirmed"),
            (WorkshopStatus::Confirmed | WorkshopStatus::Done, _) => None,
        }
    }
}

const STORAGE_KEY: &str = "bocal.lang";

/// The chosen language, shared through context. French unless the visitor chose English.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    pub fn texts(&self) -> &'static Texts {
        Texts::for_lang(self.lang.get())
    }

    pub fn toggle(&self) {
        let next = match self.lang.get_untracked() {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        };
        self.lang.set(next);
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(STORAGE_KEY, next.code());
        }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn provide_i18n() {
    let stored = local_storage()
        .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|code| Lang::from_code(&code));
    let lang = RwSignal::new(stored.unwrap_or_default());
    // Screen readers pick their voice from <html lang>.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.get().code());
        }
    });
    provide_context(I18n { lang });
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
