//! Telling people by e-mail, over SMTP to a real server on loopback: the guest's address is
//! checked, the e-mail carries the workshop and a link that stops the messages (also as
//! List-Unsubscribe, one click), and a channel that is not configured never holds up another.

use crate::common;

use std::time::Duration as StdDuration;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use bocal::api::messages::{MessageRow, MessageStatus};
use bocal::api::{paths, ErrorBody};
use bocal::domain::Role;
use bocal::server::notifications::{Mailer, Notifications};
use bocal::server::tasks::sender::send_due;
use common::mail_receiver::MailReceiver;
use common::{Call, TestApp};

const PUBLIC_URL: &str = "https://bocal.exemple.fr";

/// E-mail through `receiver`, no SMS gateway.
pub(crate) fn by_email(receiver: &MailReceiver) -> Notifications {
    Notifications {
        email: Some(
            Mailer::new(
                &receiver.smtp_url(),
                "Bocal <bocal@exemple.fr>",
                StdDuration::from_secs(5),
            )
            .unwrap(),
        ),
        public_url: PUBLIC_URL.into(),
        ..Notifications::default()
    }
}

fn guest(first_name: &str, phone: &str, notify_by: &str, email: &str) -> Call {
    Call::new(Method::POST, paths::workshop_signups(1)).json(json!({
        "first_name": first_name,
        "phone": phone,
        "notify_by": notify_by,
        "email": email,
    }))
}

#[tokio::test]
async fn a_guest_who_chose_email_gets_the_workshop_and_a_link_that_stops_the_messages() {
    let receiver = MailReceiver::start();
    let app = TestApp::start_with(&common::one_workshop_seed(12), by_email(&receiver));

    let refused = app
        .call(guest("Samia", "0612345678", "email", "samia.exemple.fr"))
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let error: ErrorBody = refused.json();
    assert_eq!(error.error.field.as_deref(), Some("email"));
    assert_eq!(common::count(&app, "signups"), 0);

    let signed = app
        .call(guest("Samia", "0612345678", "email", " Samia@Exemple.FR "))
        .await;
    assert_eq!(signed.status, StatusCode::CREATED, "{}", signed.text());
    // Louis chose SMS, which is not configured here: his waits, and Samia's leaves.
    let louis = app.call(guest("Louis", "0698765432", "sms", "")).await;
    assert_eq!(louis.status, StatusCode::CREATED);

    let client = reqwest::Client::new();
    assert_eq!(
        send_due(app.state(), &client, common::now()).await.unwrap(),
        1
    );
    let mails = receiver.received().await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    let mail = &mails[0];
    assert_eq!(mail.to, ["samia@exemple.fr"]);
    assert_eq!(mail.from.as_deref(), Some("\"Bocal\" <bocal@exemple.fr>"));
    assert_eq!(
        mail.subject.as_deref(),
        Some("Bocal : Inscription confirmée : Confitures de coings")
    );
    assert!(
        mail.text.contains("Votre inscription est confirmée.")
            && mail.text.contains("Confitures de coings")
            && mail
                .text
                .contains(&format!("Voir l'atelier : {PUBLIC_URL}/ateliers/1")),
        "{}",
        mail.text
    );
    // Signed by the configured operator.
    let operator = bocal::server::demo::demo_operator();
    assert!(
        mail.text
            .contains(&format!("{}\n{}", operator.name, operator.address)),
        "{}",
        mail.text
    );
    assert!(mail
        .message_id
        .as_deref()
        .is_some_and(|id| id.starts_with("<bocal-") && id.ends_with("@exemple.fr>")));
    let header = mail.list_unsubscribe.clone().expect("List-Unsubscribe");
    let link = header
        .strip_prefix('<')
        .and_then(|rest| rest.strip_suffix('>'))
        .expect("<link>");
    assert!(
        link.starts_with(&format!("{PUBLIC_URL}/desabonnement/")),
        "{link}"
    );
    assert!(mail
        .text
        .contains(&format!("Ne plus recevoir ces messages : {link}")));
    assert_eq!(
        mail.list_unsubscribe_post.as_deref(),
        Some("List-Unsubscribe=One-Click")
    );

    // The staff's log: Samia's sent, Louis's waiting on a channel not configured.
    let animator = common::log_in_as(&app, Role::Animator).await;
    let log: Vec<MessageRow> = app
        .call(Call::new(Method::GET, paths::workshop_messages(1)).session(Some(&animator)))
        .await
        .json();
    let states: Vec<(&str, MessageStatus, Option<&str>)> = log
        .iter()
        .map(|m| (m.channel.as_str(), m.status, m.reason.as_deref()))
        .collect();
    assert_eq!(
        states,
        [
            (
                "SMS",
                MessageStatus::Waiting,
                Some("non envoyé : SMS non configuré")
            ),
            ("e-mail", MessageStatus::Sent, None),
        ]
    );

    // Opening the link stops nothing (mail scanners open links); its button, or the mail
    // provider's one-click POST, does.
    let path = link.strip_prefix(PUBLIC_URL).unwrap();
    let page = app.get(path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.content_type.starts_with("text/html"));
    let html = page.text();
    assert!(
        html.contains("Vous recevez des messages pour l'atelier")
            && html.contains("Confitures de coings")
            && html.contains(r#"<form method="post">"#),
        "{html}"
    );
    let one_click = app
        .call(
            Call::new(Method::POST, path)
                .bytes(
                    "application/x-www-form-urlencoded",
                    b"List-Unsubscribe=One-Click".to_vec(),
                )
                .bare(),
        )
        .await;
    assert_eq!(one_click.status, StatusCode::OK);
    assert!(one_click.text().contains("C'est fait"));
    assert!(app
        .get(path)
        .await
        .text()
        .contains("Vous ne recevez plus de messages"));

    // The team's next message reaches Louis's SMS (waiting) but no more e-mail.
    let told: Value = app
        .call(
            Call::new(Method::POST, paths::workshop_messages(1))
                .session(Some(&animator))
                .json(json!({ "text": "Le camion a 30 minutes de retard." })),
        )
        .await
        .json();
    assert_eq!(told["told"], 1);
    send_due(app.state(), &client, common::now()).await.unwrap();
    assert_eq!(receiver.received().await.len(), 1);

    let unknown = app.get("/desabonnement/pas-un-secret").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.text().contains("aucune inscription en cours"));
}

#[tokio::test]
async fn a_member_is_told_at_their_accounts_address_and_one_without_is_refused_email() {
    let receiver = MailReceiver::start();
    let app = TestApp::start_with(&common::one_workshop_seed(12), by_email(&receiver));
    let participant = common::log_in_as(&app, Role::Participant).await;
    let sign_up = || {
        app.call(
            Call::new(Method::POST, paths::workshop_signups(1))
                .session(Some(&participant))
                .json(json!({ "notify_by": "email" })),
        )
    };
    // The demo participant has no address.
    let refused = sign_up().await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let error: ErrorBody = refused.json();
    assert_eq!(error.error.field.as_deref(), Some("notify_by"));
    assert!(error.error.message.contains("pas d'adresse e-mail"));
    assert_eq!(common::count(&app, "signups"), 0);

    let (login, _) = common::credentials(Role::Participant);
    app.storage
        .connection()
        .unwrap()
        .execute(
            "UPDATE accounts SET email = 'samia@exemple.fr' WHERE member_number = ?1",
            [&login],
        )
        .unwrap();
    let signed = sign_up().await;
    assert_eq!(signed.status, StatusCode::CREATED, "{}", signed.text());
    send_due(app.state(), &reqwest::Client::new(), common::now())
        .await
        .unwrap();
    let mails = receiver.received().await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, ["samia@exemple.fr"]);
}

#[tokio::test]
async fn an_smtp_server_that_is_down_is_tried_again_and_never_holds_a_request() {
    // A port nobody listens on: the receiver is started and stopped to find one.
    let port = {
        let receiver = MailReceiver::start();
        receiver.smtp_port
    };
    let notifications = Notifications {
        email: Some(
            Mailer::new(
                &format!("smtp://127.0.0.1:{port}"),
                "Bocal <bocal@exemple.fr>",
                StdDuration::from_secs(2),
            )
            .unwrap(),
        ),
        ..Notifications::default()
    };
    let app = TestApp::start_with(&common::one_workshop_seed(12), notifications);
    let signed = app
        .call(guest("Samia", "0612345678", "email", "samia@exemple.fr"))
        .await;
    assert_eq!(signed.status, StatusCode::CREATED);
    assert_eq!(
        send_due(app.state(), &reqwest::Client::new(), common::now())
            .await
            .unwrap(),
        0
    );
    let (status, attempts, error): (String, u32, String) = app
        .storage
        .connection()
        .unwrap()
        .query_row(
            "SELECT status, attempts, last_error FROM messages",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (status.as_str(), attempts, error.as_str()),
        ("waiting", 1, "serveur SMTP injoignable")
    );
}
