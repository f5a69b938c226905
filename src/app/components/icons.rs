//! Small inline icons. SVG rather than emoji: old phones and some systems lack emoji fonts.

use leptos::prelude::*;

const PIN: &str = "M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z";
const PERSON: &str =
    "M12 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10zm0 2c-4.4 0-8 2.2-8 5v3h16v-3c0-2.8-3.6-5-8-5z";
const WALLET: &str = "M3 6a3 3 0 0 1 3-3h12v4h1a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H6a3 3 0 0 1-3-3V6zm3-1a1 1 0 0 0 0 2h10V5H6zm11 7a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z";
const CALENDAR: &str = "M7 2h2v2h6V2h2v2h2a2 2 0 0 1 2 2v13a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h2V2zm12 8H5v9h14v-9zM8 12h3v3H8v-3z";

/// A 24×24 single-path icon in the text colour, hidden from screen readers (the link text says
/// what it does).
fn icon(path: &'static str) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
            <path fill="currentColor" d=path />
        </svg>
    }
}

#[component]
pub fn PinIcon() -> impl IntoView {
    icon(PIN)
}

#[component]
pub fn CalendarIcon() -> impl IntoView {
    icon(CALENDAR)
}

#[component]
pub fn PersonIcon() -> impl IntoView {
    icon(PERSON)
}

#[component]
pub fn WalletIcon() -> impl IntoView {
    icon(WALLET)
}
