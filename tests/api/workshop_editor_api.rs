//! Animators create, edit, confirm and cancel workshops; places are saved for next time.

use crate::common;

use axum::http::{Method, StatusCode};
use chrono::Days;
use serde_json::{json, Value};

use bocal::api::accounts::AuditPage;
use bocal::api::workshops::{SavedWorkshop, Series, WorkshopList};
use bocal::api::{paths, ErrorBody};
use bocal::domain::{Place, Role, WorkshopStatus};
use bocal::server::demo::{demo_accounts, demo_seed};
use common::{Call, TestApp};

struct Editor {
    app: TestApp,
    token: String,
    centre_id: i64,
}

async fn editor() -> Editor {
    let app = TestApp::start(&demo_seed(common::today()));
    let animator = demo_accounts()
        .into_iter()
        .find(|account| account.role == Role::Animator)
        .unwrap();
    let token = app
        .log_in(&animator.member_number, &animator.password)
        .await;
    let centres: Vec<bocal::api::accounts::CentreOption> = app.get(paths::CENTRES).await.json();
    Editor {
        app,
        token,
        centre_id: centres[0].id,
    }
}

impl Editor {
    /// A draft at a new place, `days` ahead, 14:00 to 17:00 Paris time.
    fn draft(&self, days: u64) -> Value {
        let date = common::today().checked_add_days(Days::new(days)).unwrap();
        json!({
            "title": "Confitures de coings", "kind": "transformation",
            "date": date, "start": "14:00:00", "end": "17:00:00",
            "place": { "type": "new", "name": "Salle des fêtes", "address": "Place de la Mairie",
                       "postcode": "26750", "commune": "Génissieux",
                       "latitude": 45.0837, "longitude": 5.0818 },
            "centre_id": self.centre_id, "capacity": 12,
            "description": "Apportez un tablier.",
        })
    }

    async fn send(&self, method: Method, uri: &str, body: &Value) -> common::TestResponse {
        self.app
            .call(Call::new(method, uri).session(Some(&self.token)).json(body))
            .await
    }

    /// Creates the repeated `draft`; the ids of its occurrences, in order.
    async fn create_series(&self, draft: &Value) -> Vec<i64> {
        let created: SavedWorkshop = self
            .send(Method::POST, paths::WORKSHOPS, draft)
            .await
            .json();
        std::iter::once(&created.workshop)
            .chain(&created.series)
            .map(|w| w.id)
            .collect()
    }

    /// The occurrences of `id`'s series, as the editor reads them.
    async fn series_of(&self, id: i64) -> Vec<bocal::domain::Workshop> {
        let series: Series = self
            .app
            .call(Call::new(Method::GET, paths::workshop_series(id)).session(Some(&self.token)))
            .await
            .json();
        series.occurrences
    }

    /// A guest signs up to workshop `id`, asking to be told by SMS.
    async fn sign_up(&self, id: i64, first_name: &str, phone: &str) {
        let response = self
            .app
            .call(
                Call::new(Method::POST, paths::workshop_signups(id))
                    .json(json!({"first_name": first_name, "phone": phone, "notify_by": "sms"})),
            )
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    }
}

fn field_error(response: &common::TestResponse) -> (StatusCode, Option<String>) {
    let error: ErrorBody = response.json();
    (response.status, error.error.field)
}

#[tokio::test]
async fn an_animator_creates_a_workshop_that_the_public_calendar_shows() {
    let editor = editor().await;
    let response = editor
        .send(Method::POST, paths::WORKSHOPS, &editor.draft(40))
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let saved: SavedWorkshop = response.json();
    assert_eq!(saved.workshop.status, WorkshopStatus::Planned);
    assert_eq!(saved.workshop.place.commune, "Génissieux");
    assert!(saved.overlaps.is_empty());

    let public: WorkshopList = editor.app.get(paths::WORKSHOPS).await.json();
    assert!(public.workshops.iter().any(|w| w.id == saved.workshop.id));
    assert!(public.communes.contains(&"Génissieux".to_string()));

    // The new place is saved for next time, and cannot be created twice.
    let places: Vec<Place> = editor
        .app
        .call(Call::new(Method::GET, paths::PLACES).session(Some(&editor.token)))
        .await
        .json();
    assert!(places
        .iter()
        .any(|p| p.id == saved.workshop.place.id && p.name == "Salle des fêtes"));
    let twice = editor
        .send(Method::POST, paths::WORKSHOPS, &editor.draft(41))
        .await;
    assert_eq!(
        field_error(&twice),
        (StatusCode::CONFLICT, Some("place_name".into()))
    );

    // The same hours at the saved place: allowed, flagged as needing the truck twice.
    let mut again = editor.draft(40);
    again["place"] = json!({ "type": "saved", "id": saved.workshop.place.id });
    let response = editor.send(Method::POST, paths::WORKSHOPS, &again).await;
    assert_eq!(response.status, StatusCode::CREATED);
    let second: SavedWorkshop = response.json();
    assert_eq!(second.overlaps.len(), 1);
    assert_eq!(second.overlaps[0].id, saved.workshop.id);
}

#[tokio::test]
async fn drafts_are_checked_field_by_field() {
    let editor = editor().await;
    let cases: Vec<(&str, Value, &str)> = vec![
        ("end before start", json!("13:00:00"), "end"),
        ("zero places", json!(0), "capacity"),
        ("in the past", json!(null), "date"),
        ("blank title", json!("   "), "title"),
        ("bad postcode", json!("2610"), "postcode"),
        ("unknown centre", json!(999), "centre_id"),
    ];
    for (case, value, field) in cases {
        let mut draft = editor.draft(10);
        match case {
            "end before start" => draft["end"] = value,
            "zero places" => draft["capacity"] = value,
            "in the past" => {
                draft["date"] = json!(common::today().checked_sub_days(Days::new(1)).unwrap())
            }
            "blank title" => draft["title"] = value,
            "bad postcode" => draft["place"]["postcode"] = value,
            _ => draft["centre_id"] = value,
        }
        let response = editor.send(Method::POST, paths::WORKSHOPS, &draft).await;
        let (status, got) = field_error(&response);
        assert!(status.is_client_error(), "{case}: {status}");
        assert_eq!(got.as_deref(), Some(field), "{case}");
    }
    // None of them left anything behind: not even the new place.
    let places: Vec<Place> = editor
        .app
        .call(Call::new(Method::GET, paths::PLACES).session(Some(&editor.token)))
        .await
        .json();
    assert!(places
        .iter()
        .all(|p| p.name != "Salle des fêtes" || p.commune != "Génissieux"));
}

#[tokio::test]
async fn workshops_are_edited_confirmed_cancelled_and_restored() {
    let editor = editor().await;
    let saved: SavedWorkshop = editor
        .send(Method::POST, paths::WORKSHOPS, &editor.draft(20))
        .await
        .json();
    let id = saved.workshop.id;
    let mut draft = editor.draft(20);
    draft["place"] = json!({ "type": "saved", "id": saved.workshop.place.id });
    draft["title"] = json!("Compotes de coings");
    draft["capacity"] = json!(8);
    let edited: SavedWorkshop = editor
        .send(Method::PUT, &paths::workshop(id), &draft)
        .await
        .json();
    assert_eq!(edited.workshop.title, "Compotes de coings");
    assert_eq!(edited.workshop.capacity, 8);

    // Not below the places already taken.
    for phone in ["0611111111", "0622222222"] {
        let signup = editor
            .app
            .call(
                Call::new(Method::POST, paths::workshop_signups(id))
                    .json(json!({ "first_name": "Léa", "phone": phone })),
            )
            .await;
        assert_eq!(signup.status, StatusCode::CREATED);
    }
    draft["capacity"] = json!(1);
    let too_small = editor.send(Method::PUT, &paths::workshop(id), &draft).await;
    assert_eq!(
        field_error(&too_small),
        (StatusCode::CONFLICT, Some("capacity".into()))
    );
    draft["capacity"] = json!(8);

    let status = |status: &str| json!({ "status": status });
    let confirmed = editor
        .send(
            Method::POST,
            &paths::workshop_status(id),
            &status("confirmed"),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK);
    let cancelled = editor
        .send(
            Method::POST,
            &paths::workshop_status(id),
            &status("cancelled"),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK);
    let refused = editor
        .send(
            Method::POST,
            &paths::workshop_status(id),
            &status("confirmed"),
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    let frozen = editor.send(Method::PUT, &paths::workshop(id), &draft).await;
    assert_eq!(frozen.status, StatusCode::CONFLICT);

    // Cancelled, it stays visible as such in the calendar and in the ICS feed.
    let public: WorkshopList = editor.app.get(paths::WORKSHOPS).await.json();
    let shown = public.workshops.iter().find(|w| w.id == id).unwrap();
    assert_eq!(shown.status, WorkshopStatus::Cancelled);
    let ics = editor.app.get(&paths::workshop_ics(id)).await.text();
    assert!(ics.contains("STATUS:CANCELLED"), "{ics}");
    // Created, edited, confirmed, cancelled: the third version after the first.
    assert!(ics.contains("SEQUENCE:3"), "{ics}");

    let restored = editor
        .send(
            Method::POST,
            &paths::workshop_status(id),
            &status("planned"),
        )
        .await;
    assert_eq!(restored.status, StatusCode::OK);

    let admin = demo_accounts()
        .into_iter()
        .find(|a| a.role == Role::Admin)
        .unwrap();
    let admin = editor
        .app
        .log_in(&admin.member_number, &admin.password)
        .await;
    let audit = editor
        .app
        .call(Call::new(Method::GET, paths::AUDIT).session(Some(&admin)))
        .await
        .json::<AuditPage>()
        .entries;
    let actions: Vec<&str> = audit.iter().map(|entry| entry.action.as_str()).collect();
    assert_eq!(
        &actions[..6],
        [
            "état de l'atelier",
            "état de l'atelier",
            "état de l'atelier",
            "atelier modifié",
            "atelier créé",
            "lieu créé"
        ]
    );
    assert!(audit.iter().all(|entry| entry.actor.starts_with("Lucas")));
    assert_eq!(audit[0].detail, "cancelled → planned");
}

#[tokio::test]
async fn saved_places_are_managed_by_animators() {
    let editor = editor().await;
    let place = json!({ "name": "Halle du marché", "address": "Rue des Halles", "postcode": "26300",
                        "commune": "Bourg-de-Péage", "latitude": 45.037, "longitude": 5.053 });
    let response = editor.send(Method::POST, paths::PLACES, &place).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let created: Place = response.json();
    let mut corrected = place.clone();
    corrected["address"] = json!("2 rue des Halles");
    let updated: Place = editor
        .send(Method::PUT, &paths::place(created.id), &corrected)
        .await
        .json();
    assert_eq!(updated.address, "2 rue des Halles");
    let outside = {
        let mut outside = place.clone();
        outside["latitude"] = json!(0.0);
        outside
    };
    let response = editor.send(Method::POST, paths::PLACES, &outside).await;
    assert_eq!(
        field_error(&response),
        (StatusCode::BAD_REQUEST, Some("latitude".into()))
    );
    let missing = editor.send(Method::PUT, &paths::place(9999), &place).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_weekly_market_is_previewed_then_made_in_one_go_each_at_its_paris_hour() {
    use bocal::domain::time::local;
    use chrono::{Datelike, Timelike, Weekday};

    let editor = editor().await;
    // An existing workshop on the third Saturday: the truck is already due there.
    let today = common::today();
    let first = (1..=7)
        .map(|days| today.checked_add_days(Days::new(days)).unwrap())
        .find(|day| day.weekday() == Weekday::Sat)
        .unwrap();
    let mut busy = editor.draft(0);
    busy["date"] = json!(first.checked_add_days(Days::new(14)).unwrap());
    busy["start"] = json!("09:00:00");
    busy["end"] = json!("10:00:00");
    busy["place"] = json!({"type": "saved", "id": 1});
    let busy = editor.send(Method::POST, paths::WORKSHOPS, &busy).await;
    assert_eq!(busy.status, StatusCode::CREATED, "{}", busy.text());
    let busy: SavedWorkshop = busy.json();

    // Every Saturday, 8 h to 12 h, for 18 weeks: across the clock change of 28 March.
    let until = first.checked_add_days(Days::new(17 * 7)).unwrap();
    let mut market = editor.draft(0);
    market["title"] = json!("La conserverie au marché");
    market["date"] = json!(first);
    market["start"] = json!("08:00:00");
    market["end"] = json!("12:00:00");
    market["repeat"] = json!({"every_weeks": 1, "weekdays": [6], "until": until});
    let workshops_before = common::count(&editor.app, "workshops");
    let places_before = common::count(&editor.app, "places");

    // The preview lists the dates and the overlap, and writes nothing.
    let preview = editor
        .send(Method::POST, paths::WORKSHOP_PREVIEWS, &market)
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.text());
    let preview: SavedWorkshop = preview.json();
    assert_eq!(preview.series.len(), 17);
    // The demo's own Saturday stops are there too; each overlap is listed once.
    let overlaps: Vec<i64> = preview.overlaps.iter().map(|w| w.id).collect();
    assert!(overlaps.contains(&busy.workshop.id), "{overlaps:?}");
    let distinct: std::collections::BTreeSet<_> = overlaps.iter().collect();
    assert_eq!(distinct.len(), overlaps.len());
    assert_eq!(common::count(&editor.app, "workshops"), workshops_before);
    assert_eq!(common::count(&editor.app, "places"), places_before);
    let series_audited = || {
        common::id_of(
            &editor.app,
            "SELECT count(*) FROM audit_log WHERE action = ?1",
            "série d'ateliers créée",
        )
    };
    assert_eq!(series_audited(), 0);

    let created = editor.send(Method::POST, paths::WORKSHOPS, &market).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let created: SavedWorkshop = created.json();
    let all: Vec<_> = std::iter::once(&created.workshop)
        .chain(&created.series)
        .collect();
    assert_eq!(all.len(), 18);
    assert_eq!(
        common::count(&editor.app, "workshops"),
        workshops_before + 18
    );
    assert_eq!(series_audited(), 1);
    for workshop in &all {
        let starts = local(workshop.starts_at);
        assert_eq!(starts.weekday(), Weekday::Sat);
        assert_eq!((starts.hour(), starts.minute()), (8, 0), "{starts}");
        assert_eq!(local(workshop.ends_at).hour(), 12);
    }
    // The offset changes with the clocks, the wall-clock hour does not.
    let utc_hours: std::collections::BTreeSet<u32> =
        all.iter().map(|w| w.starts_at.hour()).collect();
    assert_eq!(utc_hours, [6, 7].into());
    assert_eq!(local(all[17].starts_at).date_naive(), until);
    // One new place for all of them, one series.
    let places: std::collections::BTreeSet<i64> = all.iter().map(|w| w.place.id).collect();
    assert_eq!(places.len(), 1);
    let series = common::id_of(
        &editor.app,
        "SELECT count(*) FROM workshops WHERE series_id = ?1",
        &created.workshop.id.to_string(),
    );
    assert_eq!(series, 18);
}

#[tokio::test]
async fn a_series_beyond_a_year_or_on_a_bad_rule_is_refused_and_writes_nothing() {
    let editor = editor().await;
    let before = common::count(&editor.app, "workshops");
    let first = common::today().checked_add_days(Days::new(3)).unwrap();
    for repeat in [
        json!({"every_weeks": 1, "weekdays": [6], "until": first.checked_add_days(Days::new(400)).unwrap()}),
        json!({"every_weeks": 3, "weekdays": [6], "until": first.checked_add_days(Days::new(30)).unwrap()}),
        json!({"every_weeks": 1, "weekdays": [0], "until": first.checked_add_days(Days::new(30)).unwrap()}),
    ] {
        let mut draft = editor.draft(3);
        draft["repeat"] = repeat;
        let response = editor.send(Method::POST, paths::WORKSHOPS, &draft).await;
        assert_eq!(
            field_error(&response),
            (StatusCode::BAD_REQUEST, Some("repeat".to_string())),
            "{}",
            response.text()
        );
    }
    assert_eq!(common::count(&editor.app, "workshops"), before);
    // An existing workshop is not turned into a series by an edit.
    let created: SavedWorkshop = editor
        .send(Method::POST, paths::WORKSHOPS, &editor.draft(3))
        .await
        .json();
    let mut edit = editor.draft(3);
    edit["repeat"] = json!({"every_weeks": 1, "weekdays": [6], "until": first.checked_add_days(Days::new(30)).unwrap()});
    let response = editor
        .send(Method::PUT, &paths::workshop(created.workshop.id), &edit)
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_series_is_cancelled_from_a_date_and_its_people_are_told() {
    let editor = editor().await;
    let first = common::today().checked_add_days(Days::new(5)).unwrap();
    let mut draft = editor.draft(5);
    draft["repeat"] = json!({"every_weeks": 1, "weekdays": [],
                            "until": first.checked_add_days(Days::new(35)).unwrap()});
    let ids = editor.create_series(&draft).await;
    assert_eq!(ids.len(), 6);
    // Someone signs up to the fourth, asking to be told by SMS.
    editor.sign_up(ids[3], "Louise", "0611223344").await;

    let series = editor.series_of(ids[2]).await;
    assert_eq!(series.iter().map(|w| w.id).collect::<Vec<_>>(), ids);
    assert_eq!(series[3].signed_up, 1);

    // From the third on: the first two stay, the four others are cancelled, Louise is told.
    let cancelled = editor
        .send(
            Method::POST,
            &paths::workshop_cancel_following(ids[2]),
            &json!(null),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text());
    let series: Series = cancelled.json();
    let statuses: Vec<WorkshopStatus> = series.occurrences.iter().map(|w| w.status).collect();
    assert_eq!(
        statuses,
        [
            WorkshopStatus::Planned,
            WorkshopStatus::Planned,
            WorkshopStatus::Cancelled,
            WorkshopStatus::Cancelled,
            WorkshopStatus::Cancelled,
            WorkshopStatus::Cancelled
        ]
    );
    let told = common::id_of(
        &editor.app,
        "SELECT count(*) FROM messages WHERE workshop_id = ?1 AND notice = 'cancelled'",
        &ids[3].to_string(),
    );
    assert_eq!(told, 1);
    // Nothing left to cancel from there: a clear refusal.
    let again = editor
        .send(
            Method::POST,
            &paths::workshop_cancel_following(ids[4]),
            &json!(null),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_weekly_market_is_moved_once_then_from_a_date_on_then_cancelled_from_another() {
    use bocal::domain::time::local;
    use chrono::{Datelike, Timelike, Weekday};

    let editor = editor().await;
    // Every Saturday, 8 h to 12 h, for 16 weeks (December to March).
    let first = (1..=7)
        .map(|days| common::today().checked_add_days(Days::new(days)).unwrap())
        .find(|day| day.weekday() == Weekday::Sat)
        .unwrap();
    let mut market = editor.draft(0);
    market["title"] = json!("La conserverie au marché");
    market["date"] = json!(first);
    market["start"] = json!("08:00:00");
    market["end"] = json!("12:00:00");
    market["repeat"] = json!({"every_weeks": 1, "weekdays": [6],
                             "until": first.checked_add_days(Days::new(15 * 7)).unwrap()});
    let ids = editor.create_series(&market).await;
    assert_eq!(ids.len(), 16);
    let place_id = editor.series_of(ids[0]).await[0].place.id;
    editor.sign_up(ids[3], "Louise", "0611223344").await;
    editor.sign_up(ids[8], "Marc", "0611223355").await;
    editor.sign_up(ids[9], "Awa", "0611223366").await;
    let moved_notices = |id: i64| {
        common::id_of(
            &editor.app,
            "SELECT count(*) FROM messages WHERE workshop_id = ?1 AND notice = 'moved'",
            &id.to_string(),
        )
    };

    // One occurrence moves alone, to the Sunday: the series keeps it, Louise is told.
    let mut sunday = market.clone();
    sunday["repeat"] = json!(null);
    sunday["place"] = json!({"type": "saved", "id": place_id});
    sunday["date"] = json!(first.checked_add_days(Days::new(3 * 7 + 1)).unwrap());
    let moved = editor
        .send(Method::PUT, &paths::workshop(ids[3]), &sunday)
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    assert_eq!(moved_notices(ids[3]), 1);
    assert_eq!(editor.series_of(ids[0]).await.len(), 16);

    // From the ninth on: 9 h to 13 h at the demo's first saved place, 30 places (a draft with
    // no place at all is refused first, as a single edit's would be).
    let mut from_ninth = sunday.clone();
    from_ninth["date"] = json!(first.checked_add_days(Days::new(8 * 7)).unwrap());
    from_ninth["start"] = json!("09:00:00");
    from_ninth["end"] = json!("13:00:00");
    from_ninth["place"] = json!({"type": "saved", "id": 1});
    from_ninth["capacity"] = json!(0);
    let refused = editor
        .send(Method::PUT, &paths::workshop_following(ids[8]), &from_ninth)
        .await;
    assert_eq!(
        field_error(&refused),
        (StatusCode::BAD_REQUEST, Some("capacity".to_string()))
    );
    from_ninth["capacity"] = json!(30);
    let edited = editor
        .send(Method::PUT, &paths::workshop_following(ids[8]), &from_ninth)
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.text());
    let later: Series = edited.json();
    // The edit made a series of its own from the ninth; the first eight stay as they were.
    assert_eq!(
        later.occurrences.iter().map(|w| w.id).collect::<Vec<_>>(),
        ids[8..]
    );
    for workshop in &later.occurrences {
        let starts = local(workshop.starts_at);
        assert_eq!(
            (starts.weekday(), starts.hour()),
            (Weekday::Sat, 9),
            "{starts}"
        );
        assert_eq!((workshop.place.id, workshop.capacity), (1, 30));
    }
    let earlier = editor.series_of(ids[0]).await;
    assert_eq!(earlier.iter().map(|w| w.id).collect::<Vec<_>>(), ids[..8]);
    assert!(earlier
        .iter()
        .all(|w| w.place.id == place_id && w.capacity == 12));
    assert_eq!(local(earlier[7].starts_at).hour(), 8);
    // Marc and Awa are told of the new hour and place; nobody else is.
    assert_eq!((moved_notices(ids[8]), moved_notices(ids[9])), (1, 1));
    assert_eq!(moved_notices(ids[10]), 0);
    assert_eq!(moved_notices(ids[3]), 1);
    let audited = common::id_of(
        &editor.app,
        "SELECT count(*) FROM audit_log WHERE action = ?1",
        "série d'ateliers modifiée",
    );
    assert_eq!(audited, 1);

    // No place under those signed up, in a later occurrence: refused naming its day, and
    // nothing written, not even to the occurrence edited first.
    editor.sign_up(ids[12], "Jo", "0611223377").await;
    editor.sign_up(ids[12], "Lin", "0611223388").await;
    let mut too_small = from_ninth.clone();
    too_small["date"] = json!(first.checked_add_days(Days::new(10 * 7)).unwrap());
    too_small["capacity"] = json!(1);
    let refused = editor
        .send(Method::PUT, &paths::workshop_following(ids[10]), &too_small)
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text());
    let error: ErrorBody = refused.json();
    let thirteenth = first.checked_add_days(Days::new(12 * 7)).unwrap();
    assert!(
        error
            .error
            .message
            .contains(&thirteenth.format("%d/%m/%Y").to_string()),
        "{}",
        error.error.message
    );
    assert!(editor
        .series_of(ids[10])
        .await
        .iter()
        .all(|w| w.capacity == 30));
    assert_eq!(editor.series_of(ids[8]).await.len(), 8);

    // Cancelled from the thirteenth (February): the ninth to twelfth stay, the others go.
    let cancelled = editor
        .send(
            Method::POST,
            &paths::workshop_cancel_following(ids[12]),
            &json!(null),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text());
    let statuses: Vec<bool> = editor
        .series_of(ids[8])
        .await
        .iter()
        .map(|w| w.status == WorkshopStatus::Cancelled)
        .collect();
    assert_eq!(
        statuses,
        [false, false, false, false, true, true, true, true]
    );
    assert!(editor
        .series_of(ids[0])
        .await
        .iter()
        .all(|w| w.status != WorkshopStatus::Cancelled));
}
