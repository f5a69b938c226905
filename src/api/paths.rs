//! Route paths. The server mounts these; the client calls these.

pub const HEALTH: &str = "/api/v1/health";
pub const WORKSHOPS: &str = "/api/v1/workshops";
/// The whole public calendar as an iCalendar feed a phone can subscribe to.
pub const WORKSHOPS_ICS: &str = "/api/v1/workshops.ics";
pub const SESSION: &str = "/api/v1/session";
pub const ME: &str = "/api/v1/me";
pub const MY_PASSWORD: &str = "/api/v1/me/password";
pub const MY_SIGNUPS: &str = "/api/v1/me/signups";
pub const ACCOUNTS: &str = "/api/v1/accounts";
pub const PRODUCER_REQUESTS: &str = "/api/v1/producer-requests";
pub const CENTRES: &str = "/api/v1/centres";
pub const PLACES: &str = "/api/v1/places";
pub const AUDIT: &str = "/api/v1/audit";
pub const LOTS: &str = "/api/v1/lots";
pub const MY_LOTS: &str = "/api/v1/me/lots";
pub const MY_LOTS_SEEN: &str = "/api/v1/me/lots/seen";
pub const MY_FARM: &str = "/api/v1/me/farm";
pub const LOT_PHOTOS: &str = "/api/v1/lot-photos";
pub const MARKET: &str = "/api/v1/market";
pub const COLLECTION_ROUND: &str = "/api/v1/collection-round";
/// Public: kilos rescued this month, per produce.
pub const RESCUED: &str = "/api/v1/impact/rescued";
/// The impact figures by month (`?du=&au=`), their charts (`?figure=kilos|bocaux|heures`), the
/// staff's breakdown by commune, and CSV files of every table.
pub const IMPACT: &str = "/api/v1/impact";
pub const IMPACT_CHART: &str = "/api/v1/impact/chart.svg";
pub const IMPACT_COMMUNES: &str = "/api/v1/impact/communes";
/// `?table=mois|produits`
pub const EXPORT_IMPACT: &str = "/api/v1/exports/impact.csv";
pub const EXPORT_IMPACT_COMMUNES: &str = "/api/v1/exports/impact-communes.csv";

pub const RECIPES: &str = "/api/v1/recipes";
pub const RECIPE_PHOTOS: &str = "/api/v1/recipe-photos";

/// The wallet: one's own, its chart, its member card (a QR code of the member number), the
/// counter's.
pub const MY_WALLET: &str = "/api/v1/me/wallet";
pub const MY_CARD: &str = "/api/v1/me/card.svg";
/// The balance over time, drawn as SVG.
pub const MY_WALLET_CHART: &str = "/api/v1/me/wallet/chart.svg";
pub const WALLETS: &str = "/api/v1/wallets";
/// `POST`: a counter operation; `GET`: the last entries.
pub const LEDGER: &str = "/api/v1/ledger";
pub const JAR_PRICES: &str = "/api/v1/jar-prices";
/// CSV for the accounts and the funders (`?du=YYYY-MM-DD&au=YYYY-MM-DD`).
pub const EXPORT_LEDGER: &str = "/api/v1/exports/ledger.csv";
pub const EXPORT_MONTHLY: &str = "/api/v1/exports/monthly.csv";

/// Production batches (`?lot=ID`: those a farm's lot went into), and the collected lots a new
/// one can use.
pub const BATCHES: &str = "/api/v1/batches";
pub const BATCH_INPUTS: &str = "/api/v1/batch-inputs";

pub fn batch(id: i64) -> String {
    format!("{BATCHES}/{id}")
}

/// `POST`: conforming jars entering a centre's stock.
pub fn batch_stock(id: i64) -> String {
    format!("{BATCHES}/{id}/stock")
}

/// The probe log's temperature and cumulative lethality, drawn as SVG.
pub fn batch_chart(id: i64) -> String {
    format!("{BATCHES}/{id}/process.svg")
}

pub fn wallet(account_id: i64) -> String {
    format!("{WALLETS}/{account_id}")
}

pub fn centre_stock(centre_id: i64) -> String {
    format!("{CENTRES}/{centre_id}/stock")
}

pub fn recipe_photo(id: i64) -> String {
    format!("{RECIPE_PHOTOS}/{id}")
}

pub fn recipe(id: i64) -> String {
    format!("{RECIPES}/{id}")
}

pub fn recipe_version(id: i64, version: u32) -> String {
    format!("{RECIPES}/{id}/versions/{version}")
}

pub fn lot(id: i64) -> String {
    format!("{LOTS}/{id}")
}

pub fn lot_actions(id: i64) -> String {
    format!("{LOTS}/{id}/actions")
}

pub fn lot_photo(id: i64) -> String {
    format!("{LOT_PHOTOS}/{id}")
}

pub fn workshop(id: i64) -> String {
    format!("{WORKSHOPS}/{id}")
}

/// One workshop as an iCalendar file ("Ajouter à mon agenda").
pub fn workshop_ics(id: i64) -> String {
    format!("{WORKSHOPS}/{id}.ics")
}

pub fn workshop_status(id: i64) -> String {
    format!("{WORKSHOPS}/{id}/status")
}

pub fn workshop_signups(id: i64) -> String {
    format!("{WORKSHOPS}/{id}/signups")
}

pub fn signup_cancel(id: i64) -> String {
    format!("/api/v1/signups/{id}/cancel")
}

pub fn signup_attendance(id: i64) -> String {
    format!("/api/v1/signups/{id}/attendance")
}

pub fn place(id: i64) -> String {
    format!("{PLACES}/{id}")
}

pub fn password_reset(account_id: i64) -> String {
    format!("{ACCOUNTS}/{account_id}/reset-password")
}

pub fn producer_approval(id: i64) -> String {
    format!("{PRODUCER_REQUESTS}/{id}/approve")
}

/// Pages of the web app (the server answers every such path with index.html).
pub mod pages {
    pub fn workshop(id: i64) -> String {
        format!("/ateliers/{id}")
    }

    pub const LOGIN: &str = "/connexion";
    pub const MY_ACCOUNT: &str = "/mon-compte";
    pub const PRODUCER_SIGNUP: &str = "/producteurs/inscription";
    /// The animators' space: their workshops, sign-ups, accounts, producer approvals.
    pub const STAFF: &str = "/animation";
    pub const NEW_WORKSHOP: &str = "/animation/ateliers/nouveau";
    pub const ACCOUNTS: &str = "/animation/comptes";
    pub const NEW_ACCOUNT: &str = "/animation/comptes/nouveau";
    pub const PLACES: &str = "/animation/lieux";

    pub fn edit_workshop(id: i64) -> String {
        format!("/animation/ateliers/{id}")
    }

    /// The recipe library, and one recipe (`?version=n` for a replaced version).
    pub const RECIPES: &str = "/recettes";

    pub fn recipe(id: i64) -> String {
        format!("/recettes/{id}")
    }

    /// The animators' recipe editor: a new recipe, or the next version of one.
    pub const NEW_RECIPE: &str = "/animation/recettes/nouvelle";

    pub fn edit_recipe(id: i64) -> String {
        format!("/animation/recettes/{id}")
    }

    /// The farmer's space: their lots, and the form to offer one.
    pub const MY_LOTS: &str = "/producteur/lots";
    pub const NEW_LOT: &str = "/producteur/lots/nouveau";
    /// The team's market view and the day's collection round.
    pub const MARKET: &str = "/animation/marche";
    pub const COLLECTION_ROUND: &str = "/animation/tournee";

    /// The participant's wallet, the animators' counter and the centres' stock.
    pub const MY_WALLET: &str = "/portefeuille";
    pub const COUNTER: &str = "/animation/comptoir";
    pub const STOCK: &str = "/animation/stock";

    /// The impact figures: public, and the team's (with the communes and their CSV).
    pub const IMPACT: &str = "/impact";
    pub const STAFF_IMPACT: &str = "/animation/impact";

    /// Production batches: the list, the form, one batch (traceability, recall), its labels.
    pub const BATCHES: &str = "/animation/fabrication";
    pub const NEW_BATCH: &str = "/animation/fabrication/nouveau";

    pub fn batch(id: i64) -> String {
        format!("/animation/fabrication/{id}")
    }

    pub fn batch_labels(id: i64) -> String {
        format!("/animation/fabrication/{id}/etiquettes")
    }

    pub fn edit_lot(id: i64) -> String {
        format!("/producteur/lots/{id}")
    }
}
