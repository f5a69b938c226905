//! Who the client is, behind a reverse proxy or not (`security::proxies` says whose
//! `X-Forwarded-For` is believed).

use std::net::{IpAddr, SocketAddr};

use crate::server::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;

/// The client's address as resolved for this request (a request extension).
#[derive(Clone, Copy, Debug)]
pub struct ClientIp(pub IpAddr);

/// Middleware: resolves the client's address once, for the login brake (`ClientAddress`).
pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>() {
        let forwarded_for = request
            .headers()
            .get("x-forwarded-for")
            .and_then(|value| value.to_str().ok());
        let client = state.trusted_proxies.client(peer.ip(), forwarded_for);
        request.extensions_mut().insert(ClientIp(client));
    }
    next.run(request).await
}
