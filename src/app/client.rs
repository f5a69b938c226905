//! The API client: one function per endpoint, paths and types from `crate::api`.

use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;

use crate::api::workshops::{WorkshopFilter, WorkshopList};
use crate::api::{paths, ErrorBody, ErrorCode};
use crate::domain::Workshop;

/// Why a call failed, in terms the UI can act on.
#[derive(Clone, Debug, PartialEq)]
pub enum ClientError {
    /// No answer: offline, server down, or an answer that is not ours.
    Unreachable,
    NotFound(String),
    /// The server answered with an error; its message is French, fit to show.
    Refused(String),
}

pub async fn list_workshops(filter: WorkshopFilter) -> Result<WorkshopList, ClientError> {
    let pairs = filter.to_pairs();
    let request = Request::get(paths::WORKSHOPS).query(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    read(request.send().await).await
}

pub async fn get_workshop(id: i64) -> Result<Workshop, ClientError> {
    read(Request::get(&paths::workshop(id)).send().await).await
}

async fn read<T: DeserializeOwned>(
    sent: Result<Response, gloo_net::Error>,
) -> Result<T, ClientError> {
    let response = sent.map_err(|_| ClientError::Unreachable)?;
    if response.ok() {
        return response.json().await.map_err(|_| ClientError::Unreachable);
    }
    match response.json::<ErrorBody>().await {
        Ok(body) if body.error.code == ErrorCode::NotFound => {
            Err(ClientError::NotFound(body.error.message))
        }
        Ok(body) => Err(ClientError::Refused(body.error.message)),
        // A proxy's or a dead server's error page.
        Err(_) => Err(ClientError::Unreachable),
    }
}
