//! An SMS gateway on loopback, the generic HTTP form `bocal-server --sms-gateway-url` speaks:
//! it records every request, and can fail on purpose.

use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::Value;

use bocal::server::notifications::{Notifications, SmsGateway};

/// What the loopback gateway answers: a 500 to the first requests, or no answer at all.
#[derive(Clone, Copy)]
pub enum Failing {
    No,
    With500(usize),
    Silent,
}

/// An SMS gateway on loopback: it records every request it gets.
pub struct Gateway {
    received: Arc<Mutex<Vec<Value>>>,
    url: String,
}

impl Gateway {
    pub async fn start(failing: Failing) -> Gateway {
        let received = Arc::new(Mutex::new(Vec::<Value>::new()));
        let seen = received.clone();
        let app = Router::new().route(
            "/sms",
            post(move |Json(body): Json<Value>| {
                let seen = seen.clone();
                async move {
                    let count = {
                        let mut seen = seen.lock().unwrap();
                        seen.push(body);
                        seen.len()
                    };
                    match failing {
                        Failing::With500(first) if count <= first => {
                            StatusCode::INTERNAL_SERVER_ERROR
                        }
                        Failing::Silent => {
                            tokio::time::sleep(StdDuration::from_secs(30)).await;
                            StatusCode::OK
                        }
                        _ => StatusCode::OK,
                    }
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/sms", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Gateway { received, url }
    }

    pub fn notifications(&self) -> Notifications {
        Notifications {
            sms: Some(SmsGateway {
                url: self.url.clone(),
                token: Some("secret".into()),
                timeout: StdDuration::from_millis(300),
            }),
            ..Notifications::default()
        }
    }

    pub fn received(&self) -> Vec<Value> {
        self.received.lock().unwrap().clone()
    }
}
