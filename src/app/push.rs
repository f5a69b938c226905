//! Subscribing this browser to notifications of the installed app (web push): it asks the
//! person's permission, then the browser's push service, with the server's public key; the
//! service worker shows what comes (public/sw.js, "push").

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::js_sys::{Reflect, JSON};
use web_sys::{PushSubscriptionOptionsInit, ServiceWorkerRegistration};

use crate::api::signups::PushSubscription;

/// Whether this browser can receive notifications at all (not whether it will be allowed).
pub fn supported() -> bool {
    let window = web_sys::window().expect("a window");
    let has = |name: &str| Reflect::has(&window, &JsValue::from_str(name)).unwrap_or(false);
    has("PushManager")
        && has("Notification")
        && Reflect::has(&window.navigator(), &JsValue::from_str("serviceWorker")).unwrap_or(false)
}

/// Asks the permission, then a subscription for `public_key` (the server's, base64url).
/// `None` if the person refuses or the browser's push service cannot be reached.
pub async fn subscribe(public_key: &str) -> Option<PushSubscription> {
    let permission = JsFuture::from(web_sys::Notification::request_permission().ok()?)
        .await
        .ok()?;
    if permission.as_string().as_deref() != Some("granted") {
        return None;
    }
    let container = web_sys::window()?.navigator().service_worker();
    let registration: ServiceWorkerRegistration = JsFuture::from(container.ready().ok()?)
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    let options = PushSubscriptionOptionsInit::new();
    options.set_user_visible_only(true);
    // The Push API takes the key as base64url text as well as bytes.
    options.set_application_server_key(&JsValue::from_str(public_key));
    let manager = registration.push_manager().ok()?;
    let subscription = JsFuture::from(manager.subscribe_with_options(&options).ok()?)
        .await
        .ok()?;
    // PushSubscription.toJSON(): { endpoint, keys: { p256dh, auth } }.
    let json = JSON::stringify(&subscription).ok()?.as_string()?;
    serde_json::from_str(&json).ok()
}
