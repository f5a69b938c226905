//! The frame around every page: skip link, header with navigation and language switch, footer.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::api::paths::pages;
use crate::app::client;
use crate::app::components::connection_banner::ConnectionBanner;
use crate::app::components::icons::{PersonIcon, WalletIcon};
use crate::app::i18n::{use_i18n, Texts};
use crate::app::session::use_session;
use crate::domain::Role;

/// A section of the site in the navigation.
struct Section {
    href: &'static str,
    label: fn(&Texts) -> &'static str,
    /// Path prefixes of the section's other pages, which keep its link marked as current.
    subpages: &'static [&'static str],
}

/// In navigation order.
const SECTIONS: &[Section] = &[
    Section {
        href: "/",
        label: |t| t.nav_calendar,
        subpages: &["/ateliers/"],
    },
    Section {
        href: "/recettes",
        label: |t| t.nav_recipes,
        subpages: &["/recettes/"],
    },
];

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let texts = move || i18n.texts();
    let location = use_location();
    // A memo: the switch is drawn again only when a navigation crosses between the two kinds
    // of screen.
    let french_only = Memo::new(move |_| pages::is_french_only(&location.pathname.get()));
    let session = use_session();
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>
            {move || texts().skip_to_content}
        </a>
        // Signed in, a phone's header puts the account links beside the brand, as icons, so that
        // the sections keep one line (main.css).
        <header class="site-header" class:signed-in=move || session.expected_role().is_some()>
            <div class="header-inner">
                <A href="/" attr:class="brand">
                    // The same jar as the favicon: one file, cached, not repeated in the wasm.
                    <img class="logo" src="/icon.svg" alt="" width="36" height="36" />
                    <span class="brand-text">
                        <span class="brand-name">{move || texts().site_name}</span>
                        <span class="brand-tagline">{move || texts().tagline}</span>
                    </span>
                </A>
                <div class="header-links">
                <nav class="main-nav" aria-label=move || texts().main_navigation>
                    <ul>
                        {SECTIONS
                            .iter()
                            .map(|section| {
                                let is_current = move || {
                                    let path = location.pathname.get();
                                    path == section.href
                                        || section.subpages.iter().any(|p| path.starts_with(p))
                                };
                                view! {
                                    <li>
                                        <a
                                            href=section.href
                                            aria-current=move || is_current().then_some("page")
                                        >
                                            {move || (section.label)(texts())}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </nav>
                // The team's space, on the sections' line.
                {move || session.expected_role().is_some_and(Role::is_staff).then(|| view! {
                    <A href=pages::STAFF attr:class="account-link">
                        {move || texts().nav_staff}
                    </A>
                })}
                </div>
                <AccountLinks />
                // The screens in French only have no switch; its place stays, so the header
                // does not move.
                {move || if french_only.get() {
                    view! { <span class="lang-switch lang-switch-placeholder" aria-hidden="true"></span> }.into_any()
                } else {
                    view! {
                        <button
                            type="button"
                            class="lang-switch"
                            aria-label=move || texts().switch_language_label
                            title=move || texts().switch_language_label
                            on:click=move |_| i18n.toggle()
                        >
                            {move || texts().switch_language}
                        </button>
                    }.into_any()
                }}
            </div>
        </header>
        <ConnectionBanner />
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>
                <FooterSentence />
                <A href=pages::IMPACT>{move || texts().impact_link}</A>
            </p>
            <p class="legal-links">
                <A href=pages::PRIVACY>{move || texts().privacy_link}</A>
                " · "
                <A href=pages::LEGAL_NOTICE>{move || texts().legal_notice_link}</A>
            </p>
        </footer>
    }
}

/// Who runs the cannery, from its settings (`GET /api/v1/footer`): nothing until it is known.
#[component]
fn FooterSentence() -> impl IntoView {
    let i18n = use_i18n();
    let footer = LocalResource::new(client::footer);
    move || {
        let footer = footer.get()?.ok()?;
        Some(format!("{} ", footer.sentence(i18n.texts().and)))
    }
}

/// "Connexion", or "Mon compte" (and the wallet, or a farm's lots) once logged in.
#[component]
fn AccountLinks() -> impl IntoView {
    let i18n = use_i18n();
    let texts = move || i18n.texts();
    let session = use_session();
    // `A` marks the link of the current page (and of the pages under it) itself.
    view! {
        <div class="account-links">
            // A farmer sees here, on whatever page they open, that their lots changed.
            {move || {
                let changed_lots = match session.me() {
                    Some(me) if me.role == Role::Producer && me.producer_approved == Some(true) => me.changed_lots,
                    // Until the server answers: the link without news.
                    None if session.expected_role() == Some(Role::Producer) => 0,
                    _ => return None,
                };
                Some(view! {
                    <A href=pages::MY_LOTS attr:class="account-link" class:has-news={changed_lots > 0}>
                        "Mes lots"
                        // A number, not words: "Mes lots (2 nouveautés)" took a second row
                        // at phone width, and the header jumped as news came and went.
                        {(changed_lots > 0).then(|| view! {
                            <span class="news-count" aria-hidden="true">{changed_lots}</span>
                            <span class="visually-hidden">{changed_lots_phrase(changed_lots)}</span>
                        })}
                    </A>
                })
            }}
            // Members (and the team, who volunteer too) have a wallet; farms do not.
            {move || session.expected_role().is_some_and(Role::has_wallet).then(|| view! {
                <A href=pages::MY_WALLET attr:class="account-link">
                    <WalletIcon />
                    <span class="account-link-label">{move || texts().nav_wallet}</span>
                </A>
            })}
            {move || match session.expected_role() {
                Some(_) => view! {
                    <A href=pages::MY_ACCOUNT attr:class="account-link">
                        <PersonIcon />
                        <span class="account-link-label">{move || texts().nav_account}</span>
                    </A>
                }.into_any(),
                None => view! {
                    <A href=pages::LOGIN attr:class="account-link">
                        {move || texts().nav_login}
                    </A>
                }.into_any(),
            }}
        </div>
    }
}

/// Moves keyboard focus to the page content. Done by hand: the router would treat `#main` as a
/// navigation.
fn skip_to_main(event: leptos::ev::MouseEvent) {
    event.prevent_default();
    if let Some(main) = document().get_element_by_id("main") {
        if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
            let _ = main.focus();
        }
    }
}

/// How many lots changed, in words, for screen readers (the header shows the number).
fn changed_lots_phrase(count: u32) -> String {
    match count {
        1 => " (1 nouveauté)".into(),
        n => format!(" ({n} nouveautés)"),
    }
}
