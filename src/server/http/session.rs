//! Who is calling: the session cookie, the roles each endpoint allows, and the guard against
//! cross-site requests.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::api::accounts::{REQUEST_HEADER, REQUEST_HEADER_VALUE, SESSION_COOKIE};
use crate::domain::Role;
use crate::server::http::error::AppError;
use crate::server::security::auth::token_hash;
use crate::server::state::AppState;
use crate::server::storage::{AccountRecord, Farmer};

/// The longest a session cookie is kept by the browser; the server ends idle sessions sooner
/// (see `Role::session_idle_limit`).
const COOKIE_MAX_AGE_SECONDS: i64 = 30 * 24 * 3600;

/// A logged-in caller.
#[derive(Clone, Debug)]
pub struct SessionUser {
    pub account: AccountRecord,
    /// The hash of this session's token, to close it or keep it.
    pub token_hash: String,
}

/// The caller of a request, logged in or not. Set by `resolve_session` on every API request.
#[derive(Clone, Debug, Default)]
pub struct Caller(pub Option<SessionUser>);

impl Caller {
    /// Whether staff endpoints would let this caller in (the same rule as `Access::Staff`).
    pub fn is_staff(&self) -> bool {
        Access::Staff.check(self).is_ok()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Caller>()
            .cloned()
            .unwrap_or_default())
    }
}

/// The staff member behind a staff-only endpoint (whose access check already passed).
pub struct StaffMember(pub SessionUser);

impl<S: Send + Sync> FromRequestParts<S> for StaffMember {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Ok(Caller(user)) = Caller::from_request_parts(parts, state).await;
        match user {
            Some(user) if user.account.role.is_staff() => Ok(StaffMember(user)),
            Some(_) => Err(forbidden_for_staff()),
            None => Err(AppError::Unauthenticated),
        }
    }
}

/// The farmer behind a producer endpoint (whose access check already passed).
pub struct FarmerAccount(pub Farmer);

impl<S: Send + Sync> FromRequestParts<S> for FarmerAccount {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Ok(Caller(user)) = Caller::from_request_parts(parts, state).await;
        let user = user.ok_or(AppError::Unauthenticated)?;
        match (user.account.role, user.account.producer_id) {
            (Role::Producer, Some(producer_id)) => Ok(FarmerAccount(Farmer {
                account_id: user.account.id,
                producer_id,
            })),
            _ => Err(AppError::Forbidden("Réservé aux producteur·rices.".into())),
        }
    }
}

/// The logged-in account behind an account endpoint.
pub struct LoggedIn(pub SessionUser);

impl<S: Send + Sync> FromRequestParts<S> for LoggedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Ok(Caller(user)) = Caller::from_request_parts(parts, state).await;
        user.map(LoggedIn).ok_or(AppError::Unauthenticated)
    }
}

/// Who may call an endpoint. Each route is registered with one (see `routes`), and the check
/// runs before the handler reads anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, logged in or not.
    Public,
    /// Any logged-in account, even one that must still choose its password.
    Account,
    /// Accounts with a wallet: members and the team (who volunteer too), not farms; once
    /// they have chosen their own password.
    Member,
    /// Farmers whose farm an animator has approved.
    Producer,
    /// Animators and admins.
    Staff,
    Admin,
}

impl Access {
    pub fn check(self, caller: &Caller) -> Result<(), AppError> {
        let user = match (self, &caller.0) {
            (Access::Public, _) => return Ok(()),
            (_, None) => return Err(AppError::Unauthenticated),
            (Access::Account, Some(_)) => return Ok(()),
            (_, Some(user)) => user,
        };
        if user.account.must_change_password {
            return Err(AppError::Forbidden(
                "Choisissez d'abord votre propre mot de passe (« Mon compte »).".into(),
            ));
        }
        match (self, user.account.role) {
            (Access::Member, role) if role.has_wallet() => Ok(()),
            (Access::Member, _) => Err(AppError::Forbidden(
                "Un compte de ferme n'a pas de portefeuille.".into(),
            )),
            (Access::Staff, role) if role.is_staff() => Ok(()),
            (Access::Staff, _) => Err(forbidden_for_staff()),
            (Access::Producer, Role::Producer) if user.account.producer_approved == Some(true) => {
                Ok(())
            }
            (Access::Producer, Role::Producer) => Err(AppError::Forbidden(
                "Votre ferme attend encore la validation de l'équipe.".into(),
            )),
            (Access::Producer, _) => {
                Err(AppError::Forbidden("Réservé aux producteur·rices.".into()))
            }
            (Access::Admin, Role::Admin) => Ok(()),
            _ => Err(AppError::Forbidden(
                "Réservé aux administrateur·rices.".into(),
            )),
        }
    }
}

fn forbidden_for_staff() -> AppError {
    AppError::Forbidden("Réservé à l'équipe d'animation.".into())
}

/// Middleware: finds the session behind the cookie, if any, and records the caller.
pub async fn resolve_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let mut caller = Caller(None);
    if let Some(token) = session_token(request.headers()) {
        let hash = token_hash(&token);
        match state
            .storage
            .session_account(hash.clone(), state.clock.now())
            .await
        {
            Ok(account) => {
                caller = Caller(account.map(|account| SessionUser {
                    account,
                    token_hash: hash,
                }))
            }
            Err(error) => return AppError::from(error).into_response(),
        }
    }
    let logged_in = caller.0.is_some();
    request.extensions_mut().insert(caller);
    let mut response = next.run(request).await;
    // What a logged-in person reads may be theirs alone: no shared cache keeps it, and the
    // app's service worker erases it at logout (public/sw.js).
    if logged_in && !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    }
    response
}

/// Middleware: a state-changing request must come from Bocal's own pages. It must carry
/// Bocal's request header, which a cross-site form cannot send, nor a cross-site script without
/// a CORS pre-flight that this server never grants; and a browser that labels requests must
/// not call it cross-site. (The Origin is not compared with Host: proxies, Trunk's included,
/// rewrite Host.)
pub async fn reject_cross_site(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || comes_from_bocal(request.headers()) {
        next.run(request).await
    } else {
        AppError::Forbidden(
            "Requête refusée : elle ne vient pas d'une page de Bocal. Rechargez la page.".into(),
        )
        .into_response()
    }
}

fn comes_from_bocal(headers: &HeaderMap) -> bool {
    let text = |name| headers.get(name).and_then(|value| value.to_str().ok());
    text(REQUEST_HEADER) == Some(REQUEST_HEADER_VALUE)
        && text("sec-fetch-site") != Some("cross-site")
}

fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|value| !value.is_empty())
}

/// The session token sent with this request, hashed (a login replaces that session).
pub fn current_token_hash(headers: &HeaderMap) -> Option<String> {
    session_token(headers).map(|token| token_hash(&token))
}

/// `Set-Cookie` for a new session. HttpOnly (scripts never see it), SameSite=Strict (never
/// sent by another site's requests; the app's own calls are same-site), Secure behind HTTPS.
pub fn session_cookie(token: &str, headers: &HeaderMap) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={COOKIE_MAX_AGE_SECONDS}{}",
        secure_attribute(headers)
    )
}

/// `Set-Cookie` that removes the session cookie.
pub fn expired_session_cookie(headers: &HeaderMap) -> String {
    format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
        secure_attribute(headers)
    )
}

/// Bocal runs behind a TLS-terminating proxy in production; that proxy says the scheme.
fn secure_attribute(headers: &HeaderMap) -> &'static str {
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|proto| proto.eq_ignore_ascii_case("https"));
    if https {
        "; Secure"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(*name, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn the_session_token_is_found_among_other_cookies() {
        let found = session_token(&headers(&[("cookie", "a=1; bocal_session=tok; b=2")]));
        assert_eq!(found.as_deref(), Some("tok"));
        assert_eq!(
            session_token(&headers(&[("cookie", "bocal_session=")])),
            None
        );
        assert_eq!(session_token(&headers(&[])), None);
    }

    #[test]
    fn only_requests_from_bocal_pages_may_change_data() {
        assert!(comes_from_bocal(&headers(&[("x-bocal-request", "1")])));
        assert!(comes_from_bocal(&headers(&[
            ("x-bocal-request", "1"),
            ("sec-fetch-site", "same-origin"),
        ])));
        assert!(!comes_from_bocal(&headers(&[])));
        assert!(!comes_from_bocal(&headers(&[("x-bocal-request", "yes")])));
        assert!(!comes_from_bocal(&headers(&[
            ("x-bocal-request", "1"),
            ("sec-fetch-site", "cross-site"),
        ])));
    }

    #[test]
    fn cookies_are_secure_behind_https() {
        let plain = session_cookie("tok", &headers(&[]));
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Strict"));
        assert!(!plain.contains("Secure"));
        let https = session_cookie("tok", &headers(&[("x-forwarded-proto", "https")]));
        assert!(https.ends_with("; Secure"));
    }
}
