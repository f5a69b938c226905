//! "Mes données": a person sees and downloads everything held on them, corrects it, and closes
//! their account; after that, the database file holds none of their name, phone or e-mail,
//! and the ledger still balances. Staff correct and deactivate accounts.

use crate::common;

use axum::http::{header, Method, StatusCode};
use serde_json::{json, Value};

use bocal::api::accounts::{AuditPage, Me};
use bocal::api::paths;
use bocal::api::personal_data::MyData;
use bocal::api::wallet::{Wallet, HISTORY_PAGE_LINES};
use bocal::domain::Role;
use common::{count, demo, log_in_as, refusal, Call, TestApp};

const NAME: &str = "Zéphyrine Quenouille";
const PHONE: &str = "0699887766";
const EMAIL: &str = "zephyrine.quenouille@exemple.fr";

/// The demo participant, renamed to values found nowhere else, signed up (by SMS) to a
/// workshop to come; returns (session, account id).
async fn member_with_data(app: &TestApp) -> (String, i64) {
    let session = log_in_as(app, Role::Participant).await;
    let corrected = app
        .call(
            Call::new(Method::PUT, paths::ME)
                .session(Some(&session))
                .json(json!({ "display_name": NAME, "phone": "06 99 88 77 66", "email": EMAIL })),
        )
        .await;
    assert_eq!(corrected.status, StatusCode::OK, "{}", corrected.text());
    let me: Me = corrected.json();
    // More wallet lines than a page of the wallet shows: the export has them all.
    let animator = log_in_as(app, Role::Animator).await;
    let centre_id: i64 = app
        .storage
        .connection()
        .unwrap()
        .query_row("SELECT min(id) FROM centres", [], |row| row.get(0))
        .unwrap();
    for _ in 0..HISTORY_PAGE_LINES {
        let credit = app
            .call(
                Call::new(Method::POST, paths::LEDGER)
                    .session(Some(&animator))
                    .json(json!({
                        "idempotency_key": common::new_key(),
                        "operation": { "type": "volunteering", "participant_id": me.id,
                                       "centre_id": centre_id, "minutes": 15, "note": "" },
                    })),
            )
            .await;
        assert_eq!(credit.status, StatusCode::CREATED, "{}", credit.text());
    }
    let workshop_id = coming_workshop(app);
    let signed = app
        .call(
            Call::new(Method::POST, paths::workshop_signups(workshop_id))
                .session(Some(&session))
                .json(json!({ "notify_by": "sms" })),
        )
        .await;
    assert_eq!(signed.status, StatusCode::CREATED, "{}", signed.text());
    (session, me.id)
}

/// A confirmed workshop of the demo still to come.
fn coming_workshop(app: &TestApp) -> i64 {
    app.storage
        .connection()
        .unwrap()
        .query_row(
            "SELECT id FROM workshops WHERE status = 'confirmed' AND starts_at > ?1
             ORDER BY starts_at LIMIT 1",
            [bocal::server::storage::to_db_time(common::now())],
            |row| row.get(0),
        )
        .unwrap()
}

fn my_data(response: &common::TestResponse) -> MyData {
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

#[tokio::test]
async fn a_member_downloads_every_section_of_their_data_in_one_file() {
    let app = demo();
    let (session, account_id) = member_with_data(&app).await;
    let response = app
        .call(Call::new(Method::GET, paths::MY_DATA).session(Some(&session)))
        .await;
    assert_eq!(
        response.headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"bocal-mes-donnees.json\""
    );
    assert!(response.headers[header::CACHE_CONTROL]
        .to_str()
        .unwrap()
        .contains("no-store"));
    let data = my_data(&response);
    assert_eq!(data.account.display_name, NAME);
    assert_eq!(data.account.phone.as_deref(), Some(PHONE));
    assert_eq!(data.account.email.as_deref(), Some(EMAIL));
    assert_eq!(data.account.sessions, 1);
    let signups = count_where(&app, "signups", "account_id", account_id);
    assert!(signups >= 1);
    assert_eq!(data.signups.len() as i64, signups);
    let wallet = data.wallet.expect("a member has a wallet");
    let entries = count_where(&app, "ledger_entries", "participant_id", account_id);
    assert!(
        entries > i64::from(HISTORY_PAGE_LINES),
        "more than a page of the wallet: {entries}"
    );
    assert_eq!(wallet.history.len() as i64, entries);
    assert!(!wallet.more_history);
    assert_eq!(data.messages.len(), 1, "the sign-up's confirmation");
    assert_eq!(data.messages[0].recipient, PHONE);
    assert!(data.farm.is_none());

    // A farmer's file has the farm, every lot and its photos, and no wallet.
    let farmer = log_in_as(&app, Role::Producer).await;
    let data = my_data(
        &app.call(Call::new(Method::GET, paths::MY_DATA).session(Some(&farmer)))
            .await,
    );
    let farm = data.farm.expect("a farmer's farm");
    let producer_id: i64 = app
        .storage
        .connection()
        .unwrap()
        .query_row(
            "SELECT producer_id FROM accounts WHERE member_number = ?1",
            [&data.account.member_number],
            |row| row.get(0),
        )
        .unwrap();
    assert!(!farm.lots.is_empty());
    assert_eq!(
        farm.lots.len() as i64,
        count_where(&app, "lots", "producer_id", producer_id)
    );
    assert!(data.wallet.is_none());

    // Nobody's data without a session.
    let anonymous = app.call(Call::new(Method::GET, paths::MY_DATA)).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

fn count_where(app: &TestApp, table: &str, column: &str, id: i64) -> i64 {
    app.storage
        .connection()
        .unwrap()
        .query_row(
            &format!("SELECT count(*) FROM {table} WHERE {column} = ?1"),
            [id],
            |row| row.get(0),
        )
        .unwrap()
}

/// The phone of the demo's farmer: someone else's for anyone else.
fn a_farmers_phone(app: &TestApp) -> String {
    app.storage
        .connection()
        .unwrap()
        .query_row(
            "SELECT phone FROM accounts WHERE role = 'producer' AND phone IS NOT NULL",
            [],
            |row| row.get(0),
        )
        .unwrap()
}

#[tokio::test]
async fn a_person_corrects_their_contacts_but_not_to_someone_elses() {
    let app = demo();
    let session = log_in_as(&app, Role::Participant).await;
    let others_phone = a_farmers_phone(&app);
    let before: Me = app
        .call(Call::new(Method::GET, paths::ME).session(Some(&session)))
        .await
        .json();
    let correct = |body: Value| {
        Call::new(Method::PUT, paths::ME)
            .session(Some(&session))
            .json(body)
    };
    let taken = app
        .call(correct(
            json!({ "display_name": "Samia", "phone": others_phone }),
        ))
        .await;
    let error = refusal(&taken, StatusCode::CONFLICT);
    assert_eq!(error.error.field.as_deref(), Some("phone"));
    assert!(error.error.message.contains("autre compte"));
    let bad = [
        (json!({ "display_name": "  " }), "display_name"),
        (json!({ "display_name": "Samia", "phone": "12" }), "phone"),
        (
            json!({ "display_name": "Samia", "email": "pas-une-adresse" }),
            "email",
        ),
    ];
    for (body, field) in bad {
        let error = refusal(&app.call(correct(body)).await, StatusCode::BAD_REQUEST);
        assert_eq!(error.error.field.as_deref(), Some(field));
    }
    let unchanged: Me = app
        .call(Call::new(Method::GET, paths::ME).session(Some(&session)))
        .await
        .json();
    assert_eq!(unchanged, before);

    // Removing the phone and the e-mail is allowed for a member.
    let cleared = app
        .call(correct(json!({ "display_name": "Samia B." })))
        .await;
    assert_eq!(cleared.status, StatusCode::OK, "{}", cleared.text());
    let me: Me = cleared.json();
    assert_eq!(
        (me.display_name.as_str(), me.phone, me.email),
        ("Samia B.", None, None)
    );
}

#[tokio::test]
async fn closing_an_account_erases_the_person_from_the_database_file_and_keeps_the_books() {
    let app = demo();
    let (session, account_id) = member_with_data(&app).await;
    let (member_number, password) = common::credentials(Role::Participant);
    let animator = log_in_as(&app, Role::Animator).await;
    let wallet_before: Wallet = app
        .call(Call::new(Method::GET, paths::wallet(account_id)).session(Some(&animator)))
        .await
        .json();
    let entries_before = count(&app, "ledger_entries");

    let close = |password: &str| {
        Call::new(Method::POST, paths::MY_CLOSE)
            .session(Some(&session))
            .json(json!({ "password": password }))
    };
    let wrong = app.call(close("pas le bon")).await;
    let error = refusal(&wrong, StatusCode::BAD_REQUEST);
    assert_eq!(error.error.field.as_deref(), Some("password"));
    let still: Me = app
        .call(Call::new(Method::GET, paths::ME).session(Some(&session)))
        .await
        .json();
    assert_eq!(still.display_name, NAME);

    let closed = app.call(close(&password)).await;
    assert_eq!(closed.status, StatusCode::NO_CONTENT, "{}", closed.text());
    assert!(closed.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    let after = app
        .call(Call::new(Method::GET, paths::ME).session(Some(&session)))
        .await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    let login = app
        .call(
            Call::new(Method::POST, paths::SESSION)
                .json(json!({ "login": member_number, "password": password })),
        )
        .await;
    assert_eq!(login.status, StatusCode::UNAUTHORIZED);

    // The books: every entry stays, the balance with it, on "Ancien membre n° …".
    assert_eq!(count(&app, "ledger_entries"), entries_before);
    let conn = app.storage.connection().unwrap();
    assert_eq!(common::drifted_balances(&conn), Vec::<String>::new());
    let wallet_after: Wallet = app
        .call(Call::new(Method::GET, paths::wallet(account_id)).session(Some(&animator)))
        .await
        .json();
    assert_eq!(wallet_after.tictac, wallet_before.tictac);
    assert_eq!(wallet_after.deposit_jars, wallet_before.deposit_jars);
    assert_eq!(
        wallet_after.member.display_name,
        format!("Ancien membre n° {member_number}")
    );
    // Their sign-up to come is cancelled; the message that waited is not sent.
    let live: i64 = conn
        .query_row(
            "SELECT count(*) FROM signups WHERE account_id = ?1 AND cancelled_at IS NULL
               AND workshop_id = ?2",
            (account_id, coming_workshop(&app)),
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(live, 0);
    let waiting: i64 = conn
        .query_row(
            "SELECT count(*) FROM messages WHERE status = 'waiting'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(waiting, 0);

    // The whole file, once the WAL is written back into it: no trace of the person.
    let (busy, _, _): (i64, i64, i64) = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .unwrap();
    assert_eq!(busy, 0, "the checkpoint went through");
    drop(conn);
    let file = std::fs::read(app.database_file()).unwrap();
    let wal = std::fs::read(app.database_file().with_extension("sqlite-wal")).unwrap_or_default();
    assert!(wal.is_empty());
    for trace in [NAME, "Zéphyrine", PHONE, EMAIL] {
        assert!(
            !contains(&file, trace.as_bytes()),
            "{trace} is still in the database file"
        );
    }

    // An admin finds it in the journal, by the member number.
    let admin = log_in_as(&app, Role::Admin).await;
    let journal: AuditPage = app
        .call(
            Call::new(
                Method::GET,
                format!(
                    "{}?personne={member_number}&action=compte+ferm%C3%A9",
                    paths::AUDIT
                ),
            )
            .session(Some(&admin)),
        )
        .await
        .json();
    assert_eq!(journal.entries.len(), 1, "{journal:?}");
    assert_eq!(journal.entries[0].subject, format!("compte {account_id}"));
    assert_eq!(
        journal.entries[0].subject_name.as_deref(),
        Some(format!("Ancien membre n° {member_number} ({member_number})").as_str())
    );
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// A farm asks for an account (a company or not), is approved, logs in and offers a lot.
async fn farm_with_a_lot(
    app: &TestApp,
    farm_name: &str,
    phone: &str,
    company: bool,
) -> (String, i64) {
    let asked = app
        .call(
            Call::new(Method::POST, paths::PRODUCER_REQUESTS).json(json!({
                "farm_name": farm_name, "contact_name": "Jean Rolland", "commune": "Peyrins",
                "phone": phone, "password": "noix-du-guillon", "is_company": company,
            })),
        )
        .await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.text());
    let me: Me = asked.json();
    let producer_id = common::id_of(
        app,
        "SELECT producer_id FROM accounts WHERE id = ?1",
        &me.id.to_string(),
    );
    let animator = log_in_as(app, Role::Animator).await;
    let approved = app
        .call(
            Call::new(Method::POST, paths::producer_approval(producer_id)).session(Some(&animator)),
        )
        .await;
    assert_eq!(approved.status, StatusCode::NO_CONTENT);
    let session = app.log_in(phone, "noix-du-guillon").await;
    let day = |n| (common::today() + chrono::Duration::days(n)).to_string();
    let lot = app
        .call(
            Call::new(Method::POST, paths::LOTS)
                .session(Some(&session))
                .header(bocal::api::IDEMPOTENCY_KEY_HEADER, &common::new_key())
                .json(json!({
                    "produce": "Noix", "variety": "Franquette",
                    "quantity": {"type": "grams", "grams": 20_000}, "grade": "surplus",
                    "pickup_address": "12 chemin des Noyers", "pickup_commune": "Peyrins",
                    "available_from": day(0), "available_until": day(4),
                    "price": {"type": "gift"}, "note": "Demandez Jean au portail.",
                })),
        )
        .await;
    assert_eq!(lot.status, StatusCode::CREATED, "{}", lot.text());
    (session, producer_id)
}

fn farm_row(app: &TestApp, producer_id: i64) -> (String, String, String) {
    app.storage
        .connection()
        .unwrap()
        .query_row(
            "SELECT farm_name, contact_name, phone FROM producers WHERE id = ?1",
            [producer_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap()
}

#[tokio::test]
async fn a_farm_run_by_a_person_is_anonymised_and_a_company_keeps_its_name() {
    let app = demo();
    let close = |session: &str| {
        Call::new(Method::POST, paths::MY_CLOSE)
            .session(Some(session))
            .json(json!({ "password": "noix-du-guillon" }))
    };
    let (person, person_farm) =
        farm_with_a_lot(&app, "Ferme Jean Rolland", "0698765432", false).await;
    let (company, company_farm) =
        farm_with_a_lot(&app, "GAEC des Noyers", "0698765433", true).await;
    let lots = count(&app, "lots");

    // A lot the truck is coming for holds the account open.
    let animator = log_in_as(&app, Role::Animator).await;
    let company_lot = common::id_of(
        &app,
        "SELECT id FROM lots WHERE producer_id = ?1",
        &company_farm.to_string(),
    );
    let day = (common::today() + chrono::Duration::days(1)).to_string();
    let reserved = app
        .call(
            Call::new(Method::POST, paths::lot_actions(company_lot))
                .session(Some(&animator))
                .json(json!({ "action": "reserve", "collect_on": day })),
        )
        .await;
    assert_eq!(reserved.status, StatusCode::OK, "{}", reserved.text());
    let refused = refusal(&app.call(close(&company)).await, StatusCode::CONFLICT);
    assert!(refused.error.message.contains("réservé"));
    assert_eq!(farm_row(&app, company_farm).0, "GAEC des Noyers");
    let released = app
        .call(
            Call::new(Method::POST, paths::lot_actions(company_lot))
                .session(Some(&animator))
                .json(json!({ "action": "release" })),
        )
        .await;
    assert_eq!(released.status, StatusCode::OK, "{}", released.text());

    for session in [&person, &company] {
        let closed = app.call(close(session)).await;
        assert_eq!(closed.status, StatusCode::NO_CONTENT, "{}", closed.text());
    }
    assert_eq!(
        farm_row(&app, person_farm),
        (
            format!("Ancienne ferme n° {person_farm}"),
            String::new(),
            String::new()
        )
    );
    assert_eq!(
        farm_row(&app, company_farm),
        ("GAEC des Noyers".to_string(), String::new(), String::new())
    );
    // Both farms' lots stay, for the figures and the traceability, withdrawn; the person's
    // without their address and note.
    assert_eq!(count(&app, "lots"), lots);
    let conn = app.storage.connection().unwrap();
    let person_lot: (String, String, String) = conn
        .query_row(
            "SELECT status, pickup_address, note FROM lots WHERE producer_id = ?1",
            [person_farm],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        person_lot,
        ("withdrawn".into(), String::new(), String::new())
    );
    let company_address: String = conn
        .query_row(
            "SELECT pickup_address FROM lots WHERE producer_id = ?1",
            [company_farm],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(company_address, "12 chemin des Noyers");
}

#[tokio::test]
async fn staff_accounts_are_not_closed_from_my_data() {
    let app = demo();
    let (_, password) = common::credentials(Role::Animator);
    let animator = log_in_as(&app, Role::Animator).await;
    let refused = app
        .call(
            Call::new(Method::POST, paths::MY_CLOSE)
                .session(Some(&animator))
                .json(json!({ "password": password })),
        )
        .await;
    refusal(&refused, StatusCode::FORBIDDEN);
    let me = app
        .call(Call::new(Method::GET, paths::ME).session(Some(&animator)))
        .await;
    assert_eq!(me.status, StatusCode::OK);
}

fn account_id(app: &TestApp, role: Role) -> i64 {
    let (member_number, _) = common::credentials(role);
    common::id_of(
        app,
        "SELECT id FROM accounts WHERE member_number = ?1",
        &member_number,
    )
}

#[tokio::test]
async fn animators_correct_and_deactivate_members_and_admins_do_it_for_the_team() {
    let app = demo();
    let animator = log_in_as(&app, Role::Animator).await;
    let member = log_in_as(&app, Role::Participant).await;
    let (member_login, member_password) = common::credentials(Role::Participant);
    let (member_id, admin_id) = (
        account_id(&app, Role::Participant),
        account_id(&app, Role::Admin),
    );
    let put = |session: &str, path: String, body: Value| {
        Call::new(Method::PUT, path)
            .session(Some(session))
            .json(body)
    };

    let corrected = app
        .call(put(
            &animator,
            paths::account(member_id),
            json!({ "display_name": "Samia Benali", "phone": "06 11 22 33 44" }),
        ))
        .await;
    assert_eq!(corrected.status, StatusCode::OK, "{}", corrected.text());
    let me: Me = app
        .call(Call::new(Method::GET, paths::ME).session(Some(&member)))
        .await
        .json();
    assert_eq!(
        (me.display_name.as_str(), me.phone.as_deref()),
        ("Samia Benali", Some("0611223344"))
    );
    let farmer_phone = a_farmers_phone(&app);
    let taken = app
        .call(put(
            &animator,
            paths::account(member_id),
            json!({ "display_name": "Samia", "phone": farmer_phone }),
        ))
        .await;
    assert_eq!(
        refusal(&taken, StatusCode::CONFLICT).error.field.as_deref(),
        Some("phone")
    );
    let team = app
        .call(put(
            &animator,
            paths::account(admin_id),
            json!({ "display_name": "Quelqu'un d'autre" }),
        ))
        .await;
    refusal(&team, StatusCode::FORBIDDEN);

    // Deactivated: the session ends, the password no longer opens one, the history stays.
    let entries = count(&app, "ledger_entries");
    let off = app
        .call(put(
            &animator,
            paths::account_active(member_id),
            json!({ "active": false }),
        ))
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.text());
    assert!(off.json::<Me>().deactivated);
    let after = app
        .call(Call::new(Method::GET, paths::ME).session(Some(&member)))
        .await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    let login = |password: &str| {
        Call::new(Method::POST, paths::SESSION)
            .json(json!({ "login": member_login, "password": password }))
    };
    let refused = refusal(
        &app.call(login(&member_password)).await,
        StatusCode::FORBIDDEN,
    );
    assert!(refused.error.message.contains("désactivé"));
    // A wrong password learns nothing of it.
    assert_eq!(
        app.call(login("pas-le-bon")).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(count(&app, "ledger_entries"), entries);
    let on = app
        .call(put(
            &animator,
            paths::account_active(member_id),
            json!({ "active": true }),
        ))
        .await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.text());
    assert_eq!(
        app.call(login(&member_password)).await.status,
        StatusCode::OK
    );

    // The team's accounts are the admins'; nobody deactivates their own.
    let animator_id = account_id(&app, Role::Animator);
    let by_animator = app
        .call(put(
            &animator,
            paths::account_active(admin_id),
            json!({ "active": false }),
        ))
        .await;
    refusal(&by_animator, StatusCode::FORBIDDEN);
    let admin = log_in_as(&app, Role::Admin).await;
    let own = app
        .call(put(
            &admin,
            paths::account_active(admin_id),
            json!({ "active": false }),
        ))
        .await;
    refusal(&own, StatusCode::FORBIDDEN);
    let by_admin = app
        .call(put(
            &admin,
            paths::account_active(animator_id),
            json!({ "active": false }),
        ))
        .await;
    assert_eq!(by_admin.status, StatusCode::OK, "{}", by_admin.text());

    let journal: AuditPage = app
        .call(Call::new(Method::GET, paths::AUDIT).session(Some(&admin)))
        .await
        .json();
    let actions: Vec<&str> = journal
        .entries
        .iter()
        .map(|entry| entry.action.as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "compte désactivé",
            "compte réactivé",
            "compte désactivé",
            "coordonnées corrigées"
        ]
    );
}

#[tokio::test]
async fn the_journal_is_read_a_page_at_a_time_and_filtered_by_period() {
    let app = demo();
    let admin = log_in_as(&app, Role::Admin).await;
    let member_id = account_id(&app, Role::Participant);
    // 60 entries: 30 deactivations and 30 reactivations.
    for active in std::iter::repeat_n([false, true], 30).flatten() {
        let set = app
            .call(
                Call::new(Method::PUT, paths::account_active(member_id))
                    .session(Some(&admin))
                    .json(json!({ "active": active })),
            )
            .await;
        assert_eq!(set.status, StatusCode::OK, "{}", set.text());
    }
    let read = |query: String| {
        Call::new(Method::GET, format!("{}{query}", paths::AUDIT)).session(Some(&admin))
    };
    let first: AuditPage = app.call(read(String::new())).await.json();
    assert_eq!(first.entries.len(), 50);
    assert!(first.more);
    assert_eq!(first.entries[0].action, "compte réactivé", "newest first");
    let last_id = first.entries.last().unwrap().id;
    let second: AuditPage = app.call(read(format!("?avant={last_id}"))).await.json();
    assert_eq!(second.entries.len(), 10);
    assert!(!second.more);
    assert!(second.entries.iter().all(|entry| entry.id < last_id));
    assert_eq!(
        first.actions,
        ["compte désactivé", "compte réactivé"],
        "the kinds, for the filter"
    );
    let only: AuditPage = app
        .call(read("?action=compte+d%C3%A9sactiv%C3%A9".into()))
        .await
        .json();
    assert_eq!(only.entries.len(), 30);
    // All of it happened on the tests' day (Paris): the day before has nothing.
    let yesterday = common::today().pred_opt().unwrap();
    let before: AuditPage = app
        .call(read(format!("?du={yesterday}&au={yesterday}")))
        .await
        .json();
    assert!(before.entries.is_empty());
    let that_day: AuditPage = app
        .call(read(format!("?du={0}&au={0}", common::today())))
        .await
        .json();
    assert_eq!(that_day.entries.len(), 50);
    let backwards = app
        .call(read(format!("?du={}&au={yesterday}", common::today())))
        .await;
    assert_eq!(
        refusal(&backwards, StatusCode::BAD_REQUEST)
            .error
            .field
            .as_deref(),
        Some("au")
    );
}
