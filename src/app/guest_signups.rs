//! Sign-ups made without an account are remembered on this device, with the code that lets it
//! cancel them (the server shows the code once).

use crate::api::signups::SignupReceipt;
use crate::app::local_store;

const GUEST_SIGNUPS: &str = "bocal.signups";

pub fn all() -> Vec<SignupReceipt> {
    local_store::get_json(GUEST_SIGNUPS).unwrap_or_default()
}

/// Keeps a receipt; a newer one for the same sign-up replaces it (a replay's new code).
pub fn remember(receipt: &SignupReceipt) {
    let mut receipts = all();
    receipts.retain(|kept| kept.signup_id != receipt.signup_id);
    receipts.push(receipt.clone());
    local_store::set_json(GUEST_SIGNUPS, &receipts);
}

pub fn forget(signup_id: i64) {
    let mut receipts = all();
    receipts.retain(|receipt| receipt.signup_id != signup_id);
    local_store::set_json(GUEST_SIGNUPS, &receipts);
}

/// The sign-up's messages were stopped: the box no longer offers to stop them.
pub fn stop_messages(signup_id: i64) {
    let mut receipts = all();
    for receipt in receipts
        .iter_mut()
        .filter(|receipt| receipt.signup_id == signup_id)
    {
        receipt.notify_by = None;
    }
    local_store::set_json(GUEST_SIGNUPS, &receipts);
}
