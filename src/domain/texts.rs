//! Every user-facing text of Bocal, in French and English: the web app's (through
//! `app::i18n`, which adds the visitor's choice of language) and the few the server writes into
//! the first HTML of a page. Date phrases are in `domain::when`, where they are tested.

use crate::domain::notify::Channel;
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
    /// Joins the last of a list ("A, B et C"): the footer's centres.
    pub and: &'static str,
    /// The footer's links to the legal pages (in French only).
    pub privacy_link: &'static str,
    pub legal_notice_link: &'static str,

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
    /// The button under the calendar's first weeks that lists the next ones.
    pub more_weeks: &'static str,
    /// The `webcal:` link: a phone's calendar subscribes to the feed.
    pub subscribe: &'static str,
    pub subscribe_hint: &'static str,
    /// The feed's own address, for a calendar that asks for one (on a computer).
    pub feed_link: &'static str,

    pub loading: &'static str,
    pub error_heading: &'static str,
    pub error_offline: &'static str,
    pub retry: &'static str,
    /// A part of the app that could not be downloaded (app/lazy_pages.rs).
    pub page_not_downloaded_heading: &'static str,
    pub page_not_downloaded: &'static str,

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

    pub nav_login: &'static str,
    pub nav_account: &'static str,
    pub nav_staff: &'static str,
    pub nav_recipes: &'static str,
    pub working: &'static str,
    pub login_heading: &'static str,
    pub login_intro: &'static str,
    pub login_field: &'static str,
    pub login_hint: &'static str,
    pub password_field: &'static str,
    pub login_submit: &'static str,
    pub login_forgotten: &'static str,
    pub producer_prompt: &'static str,
    pub producer_link: &'static str,
    pub required_field: &'static str,
    pub account_heading: &'static str,
    pub member_number: &'static str,
    pub phone_label: &'static str,
    pub email_label: &'static str,
    pub centre_label: &'static str,
    pub must_change_notice: &'static str,
    pub producer_pending: &'static str,
    pub password_heading: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub new_password_hint: &'static str,
    pub confirm_password: &'static str,
    pub passwords_differ: &'static str,
    pub password_changed: &'static str,
    pub save: &'static str,
    pub my_signups_heading: &'static str,
    /// "My workshops" as a calendar feed.
    pub calendar_heading: &'static str,
    pub calendar_hint: &'static str,
    pub calendar_get: &'static str,
    pub calendar_add: &'static str,
    pub calendar_address: &'static str,
    pub no_signups: &'static str,
    /// The link to "Mes données" (a page in French only, as it says).
    pub my_data_link: &'static str,
    pub my_data_hint: &'static str,
    pub log_out: &'static str,
    pub cancel_signup: &'static str,
    pub have_account: &'static str,
    pub manage_workshop: &'static str,
    /// (month, kilos): what the marketplace rescued this month.
    pub rescued_heading: fn(&str) -> String,
    pub rescued_total: fn(&str) -> String,

    pub nav_wallet: &'static str,

    /// The link to the impact page, in the footer and under the calendar's rescued kilos.
    pub impact_link: &'static str,
    pub connection: &'static ConnectionTexts,
}

/// The banners about the connection and the app's version.
pub struct ConnectionTexts {
    /// ("28/11 à 14 h 05") when stored data is shown, or nothing stored shown.
    pub offline: fn(Option<&str>) -> String,
    pub update_ready: &'static str,
    pub apply_update: &'static str,
    /// (waiting, refused) lots of the farmer's outbox.
    pub outbox: fn(usize, usize) -> String,
    pub see_outbox: &'static str,
}

const CONNECTION_FR: ConnectionTexts = ConnectionTexts {
    offline: |stored_at| match stored_at {
        Some(stored_at) => format!("Hors ligne : données du {stored_at}."),
        None => "Hors ligne.".into(),
    },
    update_ready: "Nouvelle version disponible.",
    apply_update: "Recharger",
    outbox: |waiting, refused| {
        let plural = |n: usize| if n > 1 { "s" } else { "" };
        match (waiting, refused) {
            (w, 0) => format!("{w} envoi{} en attente.", plural(w)),
            (0, r) => format!("{r} envoi{} refusé{} : à corriger.", plural(r), plural(r)),
            (w, r) => format!(
                "{w} envoi{} en attente, {r} refusé{}.",
                plural(w),
                plural(r)
            ),
        }
    },
    see_outbox: "Voir",
};

const CONNECTION_EN: ConnectionTexts = ConnectionTexts {
    offline: |stored_at| match stored_at {
        Some(stored_at) => format!("Offline: data from {stored_at}."),
        None => "Offline.".into(),
    },
    update_ready: "A new version is available.",
    apply_update: "Reload",
    outbox: |waiting, refused| {
        let plural = |n: usize| if n > 1 { "s" } else { "" };
        match (waiting, refused) {
            (w, 0) => format!("{w} item{} waiting to be sent.", plural(w)),
            (0, r) => format!("{r} item{} refused: to correct.", plural(r)),
            (w, r) => format!("{w} waiting to be sent, {r} refused."),
        }
    },
    see_outbox: "See",
};

/// The sign-up box's texts (on a workshop's page): apart from `Texts`, like the wallet's, so
/// that the home page does not download them.
pub struct SignupTexts {
    pub signup_heading: &'static str,
    pub first_name: &'static str,
    pub phone_hint: &'static str,
    /// The sign-up's consent: how to be told, or not at all.
    pub notify_legend: &'static str,
    pub by_sms: &'static str,
    pub by_email: &'static str,
    pub by_push: &'static str,
    /// The browser refused to subscribe (no push service, permission denied).
    pub push_unavailable: &'static str,
    pub not_told: &'static str,
    pub email_label: &'static str,
    pub email_hint: &'static str,
    /// Shown under a sign-up that is told, and once it is stopped.
    pub told_by: fn(Channel) -> &'static str,
    pub stop_messages: fn(Channel) -> &'static str,
    /// The same, for someone in the waiting list: told when a place comes.
    pub told_when_placed: fn(Channel) -> &'static str,
    pub messages_stopped: &'static str,
    pub signup_submit: &'static str,
    pub signed_up: &'static str,
    pub signup_cancelled: &'static str,
    pub signups_closed: &'static str,
    pub signup_someone: &'static str,
    /// After a name: "Mireille est inscrit·e."
    pub is_signed_up: &'static str,
    /// A sign-up kept on the phone until the network returns (the outbox).
    pub signup_kept: &'static str,
    pub signup_refused: &'static str,
    pub signup_drop: &'static str,
    /// "3 places restantes"
    pub places_left: fn(u32) -> String,
    /// "2 personnes en liste d'attente"
    pub in_line: fn(u32) -> String,
    /// What the waiting list of a full workshop offers.
    pub waiting_list_offer: &'static str,
    pub waiting_list_submit: &'static str,
    /// "Vous êtes sur la liste d'attente, en 2e position…"
    pub on_waiting_list: fn(u32) -> String,
    pub leave_waiting_list: &'static str,
    pub left_waiting_list: &'static str,
    /// After a name, at the counter: "Mireille est sur la liste d'attente (1re)."
    pub is_in_line: fn(u32) -> String,
    /// In a list of one's workshops: "liste d'attente, 2e".
    pub in_line_short: fn(u32) -> String,
}

/// "1re", "2e": a place in line, in French.
fn french_rank(n: u32) -> String {
    if n == 1 {
        "1re".to_string()
    } else {
        format!("{n}e")
    }
}

const SIGNUP_FR: SignupTexts = SignupTexts {
    signup_heading: "Inscription",
    first_name: "Prénom",
    phone_hint: "Pour vous prévenir si l'atelier change. Jamais publié.",
    notify_legend: "Me prévenir : confirmation, rappel la veille, changements",
    by_sms: "Par SMS",
    by_email: "Par e-mail",
    by_push: "Par notification",
    push_unavailable: "Les notifications ne sont pas disponibles sur cet appareil : choisissez le SMS ou l'e-mail.",
    not_told: "Non merci",
    email_label: "Adresse e-mail",
    email_hint: "Pour vous prévenir. Jamais publiée.",
    told_by: |channel| match channel {
        Channel::Sms => "Vous serez prévenu·e par SMS : la veille, et si l'atelier change.",
        Channel::Email => "Vous serez prévenu·e par e-mail : la veille, et si l'atelier change.",
        Channel::Push => {
            "Vous serez prévenu·e par une notification : la veille, et si l'atelier change."
        }
    },
    stop_messages: |channel| match channel {
        Channel::Sms => "Ne plus recevoir de SMS",
        Channel::Email => "Ne plus recevoir d'e-mails",
        Channel::Push => "Ne plus recevoir de notifications",
    },
    told_when_placed: |channel| match channel {
        Channel::Sms => "Vous serez prévenu·e par SMS si une place se libère pour vous.",
        Channel::Email => "Vous serez prévenu·e par e-mail si une place se libère pour vous.",
        Channel::Push => "Vous serez prévenu·e par une notification si une place se libère pour vous.",
    },
    messages_stopped: "Vous ne recevrez plus de messages pour cet atelier.",
    signup_submit: "M'inscrire",
    signed_up: "Vous êtes inscrit·e. À bientôt !",
    signup_cancelled: "Votre inscription est annulée.",
    signups_closed: "Les inscriptions sont fermées.",
    signup_someone: "Inscrire cette personne",
    is_signed_up: "est inscrit·e.",
    signup_kept: "Pas de réseau : votre inscription est gardée sur ce téléphone et partira dès que la connexion revient.",
    signup_refused: "Inscription refusée :",
    signup_drop: "Abandonner cette inscription",
    places_left: |n| match n {
        0 => "Plus aucune place".into(),
        1 => "1 place restante".into(),
        n => format!("{n} places restantes"),
    },
    in_line: |n| match n {
        1 => "1 personne en liste d'attente".into(),
        n => format!("{n} personnes en liste d'attente"),
    },
    waiting_list_offer: "Complet. Inscrivez-vous sur la liste d'attente : si une place se libère, \
        elle va au premier de la liste, qui est inscrit·e d'office et prévenu·e.",
    waiting_list_submit: "M'inscrire sur la liste d'attente",
    on_waiting_list: |n| {
        format!(
            "Vous êtes sur la liste d'attente, en {} position. Si une place se libère, \
             vous êtes inscrit·e d'office.",
            french_rank(n)
        )
    },
    leave_waiting_list: "Quitter la liste d'attente",
    left_waiting_list: "Vous avez quitté la liste d'attente.",
    is_in_line: |n| format!("est sur la liste d'attente ({}).", french_rank(n)),
    in_line_short: |n| format!("liste d'attente, {}", french_rank(n)),
};

const SIGNUP_EN: SignupTexts = SignupTexts {
    signup_heading: "Sign up",
    first_name: "First name",
    phone_hint: "To let you know if the workshop changes. Never published.",
    notify_legend: "Let me know: confirmation, a reminder the day before, changes",
    by_sms: "By text message",
    by_email: "By e-mail",
    by_push: "By notification",
    push_unavailable: "Notifications are not available on this device: choose text message or e-mail.",
    not_told: "No, thanks",
    email_label: "E-mail address",
    email_hint: "To let you know. Never published.",
    told_by: |channel| match channel {
        Channel::Sms => "We will text you the day before, and if the workshop changes.",
        Channel::Email => "We will e-mail you the day before, and if the workshop changes.",
        Channel::Push => "We will notify you the day before, and if the workshop changes.",
    },
    stop_messages: |channel| match channel {
        Channel::Sms => "Stop the text messages",
        Channel::Email => "Stop the e-mails",
        Channel::Push => "Stop the notifications",
    },
    told_when_placed: |channel| match channel {
        Channel::Sms => "We will text you if a place frees up for you.",
        Channel::Email => "We will e-mail you if a place frees up for you.",
        Channel::Push => "We will notify you if a place frees up for you.",
    },
    messages_stopped: "You will get no more messages for this workshop.",
    signup_submit: "Sign me up",
    signed_up: "You are signed up. See you soon!",
    signup_cancelled: "Your sign-up is cancelled.",
    signups_closed: "Sign-ups are closed.",
    signup_someone: "Sign this person up",
    is_signed_up: "is signed up.",
    signup_kept: "No network: your sign-up is kept on this phone and will be sent as soon as the connection returns.",
    signup_refused: "Sign-up refused:",
    signup_drop: "Drop this sign-up",
    places_left: |n| match n {
        0 => "No place left".into(),
        1 => "1 place left".into(),
        n => format!("{n} places left"),
    },
    in_line: |n| match n {
        1 => "1 person on the waiting list".into(),
        n => format!("{n} people on the waiting list"),
    },
    waiting_list_offer: "Full. Join the waiting list: when a place frees up, it goes to the \
        first on the list, who is signed up and told.",
    waiting_list_submit: "Join the waiting list",
    on_waiting_list: |n| {
        format!(
            "You are on the waiting list, number {n}. If a place frees up, you are signed up \
             automatically."
        )
    },
    leave_waiting_list: "Leave the waiting list",
    left_waiting_list: "You have left the waiting list.",
    is_in_line: |n| format!("is on the waiting list (number {n})."),
    in_line_short: |n| format!("waiting list, number {n}"),
};

impl SignupTexts {
    pub fn for_lang(lang: Lang) -> &'static SignupTexts {
        match lang {
            Lang::Fr => &SIGNUP_FR,
            Lang::En => &SIGNUP_EN,
        }
    }
}

/// "Mon portefeuille"'s texts (and the counter's deposit phrase): apart from `Texts`, which the
/// home page downloads, so that they come with the wallet's part of the app.
pub struct WalletTexts {
    pub heading: &'static str,
    pub balance: &'static str,
    /// "soit 4 h 30 de bénévolat"
    pub as_time: fn(&str) -> String,
    pub deposit: &'static str,
    /// "bocal" or "bocaux" after a count.
    pub jar_word: fn(i64) -> &'static str,
    /// A change of jars on deposit in a history line: "+3 en consigne".
    pub deposit_change: fn(&str) -> String,
    pub deposit_hint: fn(&str) -> String,
    pub chart_heading: &'static str,
    /// (first, last balance) for screen readers.
    pub chart_label: fn(i64, i64) -> String,
    pub history_heading: &'static str,
    pub history_empty: &'static str,
    /// The button under the history's newest lines that shows older ones.
    pub history_more: &'static str,
    pub reversed: &'static str,
    pub card_heading: &'static str,
    pub card_hint: &'static str,
    pub card_alt: &'static str,
    pub not_for_farms: &'static str,
}

const WALLET_FR: WalletTexts = WalletTexts {
    heading: "Mon portefeuille",
    balance: "Mon solde",
    as_time: |time| format!("soit {time} de bénévolat"),
    deposit: "Bocaux en consigne",
    jar_word: |n| if n.abs() <= 1 { "bocal" } else { "bocaux" },
    deposit_change: |n| format!("{n} en consigne"),
    deposit_hint: |euros| {
        format!("{euros} de consigne, rendus quand vous rapportez les bocaux vides.")
    },
    chart_heading: "Mon solde au fil du temps",
    chart_label: |first, last| {
        format!("Graphique du solde : de {first} à {last} tic-tac aujourd'hui.")
    },
    history_heading: "Historique",
    history_empty: "Aucune opération pour l'instant. Chaque minute donnée lors d'un atelier vous rapporte un tic-tac.",
    history_more: "Voir les opérations plus anciennes",
    reversed: "annulée",
    card_heading: "Ma carte de membre",
    card_hint: "Montrez ce code au comptoir : il donne votre numéro de membre.",
    card_alt: "QR code de mon numéro de membre",
    not_for_farms: "Le portefeuille est celui des adhérent·es des ateliers ; un compte de ferme n'en a pas.",
};

const WALLET_EN: WalletTexts = WalletTexts {
    heading: "My wallet",
    balance: "My balance",
    as_time: |time| format!("that is {time} of volunteering"),
    deposit: "Jars on deposit",
    jar_word: |n| if n.abs() == 1 { "jar" } else { "jars" },
    deposit_change: |n| format!("{n} on deposit"),
    deposit_hint: |euros| {
        format!("{euros} of deposit, refunded when you bring the empty jars back.")
    },
    chart_heading: "My balance over time",
    chart_label: |first, last| format!("Balance chart: from {first} to {last} tic-tac today."),
    history_heading: "History",
    history_empty: "Nothing yet. Every minute you give at a workshop earns you one tic-tac.",
    history_more: "Show older operations",
    reversed: "reversed",
    card_heading: "My member card",
    card_hint: "Show this code at the counter: it holds your member number.",
    card_alt: "QR code of my member number",
    not_for_farms: "The wallet belongs to workshop members; a farm's account has none.",
};

impl WalletTexts {
    pub fn for_lang(lang: Lang) -> &'static WalletTexts {
        match lang {
            Lang::Fr => &WALLET_FR,
            Lang::En => &WALLET_EN,
        }
    }
}

/// The impact page's texts: apart from `Texts`, like the wallet's.
pub struct ImpactTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub show: &'static str,
    pub period_error: &'static str,
    /// (from, to) months.
    pub period: fn(&str, &str) -> String,
    pub rescued: &'static str,
    pub jars: &'static str,
    pub workshops: &'static str,
    pub participants: &'static str,
    pub hours: &'static str,
    pub producers: &'static str,
    pub tictac: &'static str,
    pub tictac_hint: &'static str,
    pub chart_rescued: &'static str,
    pub chart_jars: &'static str,
    pub chart_hours: &'static str,
    /// (chart heading, "nov. : 12; déc. : 30") for screen readers.
    pub chart_alt: fn(&str, &str) -> String,
    pub by_month: &'static str,
    /// The scrolling table's name, distinct from its section's.
    pub months_table: &'static str,
    pub month: &'static str,
    pub total: &'static str,
    pub by_produce: &'static str,
    pub produce: &'static str,
    pub lots: &'static str,
    pub download: &'static str,
    pub empty: &'static str,
}

const IMPACT_FR: ImpactTexts = ImpactTexts {
    title: "Nos chiffres",
    intro: "Ce que la conserverie a fait, mois par mois : fruits et légumes sauvés, bocaux, ateliers et temps donné. Les chiffres sont comptés sur ce qui est enregistré, sans arrondi flatteur.",
    from: "De",
    to: "À",
    show: "Afficher",
    period_error: "Choisissez un mois de début avant le mois de fin, sur trois ans au plus.",
    period: |from, to| format!("De {from} à {to}"),
    rescued: "kilos sauvés du gaspillage",
    jars: "bocaux produits",
    workshops: "ateliers tenus",
    participants: "participants",
    hours: "heures de bénévolat",
    producers: "producteurs partenaires",
    tictac: "tic-tac en circulation",
    tictac_hint: "1 tic-tac = 1 minute donnée, échangeable contre des bocaux.",
    chart_rescued: "Kilos sauvés par mois",
    chart_jars: "Bocaux produits par mois",
    chart_hours: "Heures de bénévolat par mois",
    chart_alt: |heading, values| format!("{heading} : {values}."),
    by_month: "Mois par mois",
    months_table: "Tableau des chiffres mois par mois",
    month: "Mois",
    total: "Total",
    by_produce: "Par produit",
    produce: "Produit",
    lots: "Lots",
    download: "Télécharger (CSV)",
    empty: "Rien d'enregistré sur cette période.",
};

const IMPACT_EN: ImpactTexts = ImpactTexts {
    title: "Our figures",
    intro: "What the cannery did, month by month: fruit and vegetables rescued, jars, workshops and time given. Counted from what is recorded, with no flattering rounding.",
    from: "From",
    to: "To",
    show: "Show",
    period_error: "Choose a first month before the last one, three years at most.",
    period: |from, to| format!("From {from} to {to}"),
    rescued: "kilos rescued from waste",
    jars: "jars made",
    workshops: "workshops held",
    participants: "participants",
    hours: "volunteering hours",
    producers: "partner farms",
    tictac: "tic-tac in circulation",
    tictac_hint: "1 tic-tac = 1 minute given, exchanged for jars.",
    chart_rescued: "Kilos rescued per month",
    chart_jars: "Jars made per month",
    chart_hours: "Volunteering hours per month",
    chart_alt: |heading, values| format!("{heading}: {values}."),
    by_month: "Month by month",
    months_table: "Table of the figures month by month",
    month: "Month",
    total: "Total",
    by_produce: "By produce",
    produce: "Produce",
    lots: "Lots",
    download: "Download (CSV)",
    empty: "Nothing recorded in this period.",
};

impl ImpactTexts {
    pub fn for_lang(lang: Lang) -> &'static ImpactTexts {
        match lang {
            Lang::Fr => &IMPACT_FR,
            Lang::En => &IMPACT_EN,
        }
    }
}

const FR: Texts = Texts {
    lang: Lang::Fr,
    site_name: "Bocal",
    tagline: "Conserverie mobile et solidaire",
    skip_to_content: "Aller au contenu",
    main_navigation: "Navigation principale",
    nav_calendar: "Calendrier",
    switch_language: "EN",
    // Starts with the button's visible text, as WCAG's "label in name" asks.
    switch_language_label: "EN – Switch to English",
    privacy_link: "Confidentialité",
    legal_notice_link: "Mentions légales",
    and: "et",

    next_stop_heading: "Où est le camion ?",
    next_stop_none: "Aucune date n'est prévue pour l'instant : les prochaines sont publiées ici dès que l'équipe les fixe.",
    open_map: "Ouvrir le plan",
    see_details: "Voir l'atelier",
    upcoming_heading: "Prochains ateliers",
    filters_label: "Filtrer les ateliers",
    filter_commune: "Commune",
    all_communes: "Toutes les communes",
    filter_kind: "Type",
    all_kinds: "Tous les types",
    clear_filters: "Tout afficher",
    no_workshops: "Aucun atelier à venir pour l'instant. Abonnez-vous ci-dessous : les prochaines dates arriveront dans votre agenda dès leur publication.",
    no_matching_workshops: "Aucun atelier ne correspond à ces filtres.",
    more_weeks: "Voir plus d'ateliers",
    subscribe: "S'abonner dans mon agenda",
    subscribe_hint: "Les dates arrivent toutes seules dans votre agenda. Sur un ordinateur, donnez-lui l'adresse du flux :",
    feed_link: "flux iCalendar",

    loading: "Chargement…",
    error_heading: "Impossible d'afficher les ateliers",
    error_offline: "Pas de connexion au serveur. Vérifiez votre réseau puis réessayez.",
    retry: "Réessayer",
    page_not_downloaded_heading: "Cette page n'a pas pu être téléchargée",
    page_not_downloaded: "La connexion s'est coupée pendant son chargement. Vérifiez votre réseau puis réessayez.",

    back_to_calendar: "Retour au calendrier",
    add_to_calendar: "Ajouter à mon agenda",
    where_heading: "Où ?",
    organised_by: "Organisé par",
    capacity: "places",
    cancelled_notice: "Cet atelier est annulé.",
    planned_notice: "Horaire à confirmer.",
    workshop_not_found: "Cet atelier n'existe pas ou n'existe plus.",

    page_not_found_heading: "Page introuvable",
    page_not_found: "Cette page n'existe pas.",

    nav_login: "Connexion",
    nav_account: "Mon compte",
    nav_staff: "Animation",
    nav_recipes: "Recettes",
    working: "Un instant…",
    login_heading: "Connexion",
    login_intro: "Avec votre numéro d'adhérent, votre téléphone ou votre adresse e-mail.",
    login_field: "Identifiant",
    login_hint: "N° d'adhérent (6 chiffres), téléphone ou e-mail",
    password_field: "Mot de passe",
    login_submit: "Se connecter",
    login_forgotten: "Mot de passe oublié ? Demandez un nouveau code à l'accueil de votre centre.",
    producer_prompt: "Vous êtes producteur ou productrice ?",
    producer_link: "Demander un compte producteur",
    required_field: "Ce champ est obligatoire.",
    account_heading: "Mon compte",
    member_number: "N° d'adhérent",
    phone_label: "Téléphone",
    email_label: "E-mail",
    centre_label: "Centre",
    must_change_notice: "Bienvenue ! Choisissez votre propre mot de passe pour continuer.",
    producer_pending: "Votre ferme attend la validation d'un·e animateur·rice. Vos offres seront visibles ensuite.",
    password_heading: "Changer mon mot de passe",
    current_password: "Mot de passe actuel",
    new_password: "Nouveau mot de passe",
    new_password_hint: "Au moins 8 caractères, ou un code d'au moins 6 chiffres.",
    confirm_password: "Répétez le nouveau mot de passe",
    passwords_differ: "Les deux mots de passe ne sont pas identiques.",
    password_changed: "Mot de passe changé. Vos autres appareils ont été déconnectés.",
    save: "Enregistrer",
    my_signups_heading: "Mes inscriptions",
    calendar_heading: "Mes ateliers dans mon agenda",
    calendar_hint: "Une adresse secrète que l'agenda de votre téléphone lit tout seul : vos ateliers y apparaissent, avec leurs changements. Une nouvelle adresse remplace la précédente.",
    calendar_get: "Obtenir une adresse pour mon agenda",
    calendar_add: "Ajouter à mon agenda",
    calendar_address: "Adresse de mon agenda",
    no_signups: "Aucune inscription à venir.",
    my_data_link: "Mes données",
    my_data_hint: "Voir et télécharger ce que Bocal garde sur vous, corriger vos coordonnées, fermer votre compte.",
    log_out: "Se déconnecter",
    cancel_signup: "Annuler mon inscription",
    have_account: "Vous avez un compte ?",
    manage_workshop: "Gérer l'atelier",
    rescued_heading: |month| format!("Sauvés du gaspillage en {month}"),
    rescued_total: |kilos| {
        format!("{kilos} de fruits et légumes récupérés chez les fermes du coin, dont :")
    },

    nav_wallet: "Mon portefeuille",
    impact_link: "Tous nos chiffres",
    connection: &CONNECTION_FR,
};

const EN: Texts = Texts {
    lang: Lang::En,
    site_name: "Bocal",
    tagline: "Mobile community cannery",
    skip_to_content: "Skip to content",
    main_navigation: "Main navigation",
    nav_calendar: "Calendar",
    switch_language: "FR",
    switch_language_label: "FR – Passer en français",
    privacy_link: "Privacy (in French)",
    legal_notice_link: "Legal notice (in French)",
    and: "and",

    next_stop_heading: "Where is the truck?",
    next_stop_none: "No date is planned yet: the next ones appear here as soon as the team sets them.",
    open_map: "Open map",
    see_details: "See the workshop",
    upcoming_heading: "Upcoming workshops",
    filters_label: "Filter workshops",
    filter_commune: "Town",
    all_communes: "All towns",
    filter_kind: "Type",
    all_kinds: "All types",
    clear_filters: "Show all",
    no_workshops: "No upcoming workshop yet. Subscribe below: the next dates will reach your calendar as soon as they are published.",
    no_matching_workshops: "No workshop matches these filters.",
    more_weeks: "Show more workshops",
    subscribe: "Add to my calendar",
    subscribe_hint: "Dates show up in your calendar by themselves. On a computer, give it the feed's address:",
    feed_link: "iCalendar feed",

    loading: "Loading…",
    error_heading: "Cannot show the workshops",
    error_offline: "Cannot reach the server. Check your connection and try again.",
    retry: "Try again",
    page_not_downloaded_heading: "This page could not be downloaded",
    page_not_downloaded: "The connection dropped while it was loading. Check your network, then try again.",

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

    nav_login: "Log in",
    nav_account: "My account",
    nav_staff: "Team",
    nav_recipes: "Recipes",
    working: "One moment…",
    login_heading: "Log in",
    login_intro: "With your member number, your phone number or your e-mail address.",
    login_field: "Login",
    login_hint: "Member number (6 digits), phone or e-mail",
    password_field: "Password",
    login_submit: "Log in",
    login_forgotten: "Forgot your password? Ask your centre's front desk for a new code.",
    producer_prompt: "Are you a farmer?",
    producer_link: "Ask for a producer account",
    required_field: "This field is required.",
    account_heading: "My account",
    member_number: "Member number",
    phone_label: "Phone",
    email_label: "E-mail",
    centre_label: "Centre",
    must_change_notice: "Welcome! Choose your own password to continue.",
    producer_pending: "Your farm is waiting for a team member's approval. Your offers will show after that.",
    password_heading: "Change my password",
    current_password: "Current password",
    new_password: "New password",
    new_password_hint: "At least 8 characters, or a code of at least 6 digits.",
    confirm_password: "Repeat the new password",
    passwords_differ: "The two passwords differ.",
    password_changed: "Password changed. Your other devices were logged out.",
    save: "Save",
    my_signups_heading: "My sign-ups",
    calendar_heading: "My workshops in my calendar",
    calendar_hint: "A secret address your phone's calendar reads by itself: your workshops appear there, with their changes. A new address replaces the previous one.",
    calendar_get: "Get an address for my calendar",
    calendar_add: "Add to my calendar",
    calendar_address: "My calendar's address",
    no_signups: "No upcoming sign-up.",
    my_data_link: "My data (in French)",
    my_data_hint: "See and download what Bocal keeps about you, correct your details, close your account.",
    log_out: "Log out",
    cancel_signup: "Cancel my sign-up",
    have_account: "Have an account?",
    manage_workshop: "Manage the workshop",
    rescued_heading: |month| format!("Rescued from waste in {month}"),
    rescued_total: |kilos| format!("{kilos} of fruit and vegetables collected from local farms:"),

    nav_wallet: "My wallet",
    impact_link: "All our figures",
    connection: &CONNECTION_EN,
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
