//! Who may see a page: pages for one kind of account (the team's, the farmers') and pages
//! that need a session; anyone else is told why, and where to go.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::accounts::Me;
use crate::api::paths::pages;
use crate::app::components::states::Loading;
use crate::app::i18n::use_i18n;
use crate::app::session::use_session;
use crate::domain::Role;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Animators and admins.
    Staff,
    /// Farmers whose farm the team has approved.
    Farmers,
}

/// Who is looking, as far as a page for `Audience` cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Visitor {
    Unknown,
    LoggedOut,
    MustChangePassword,
    Outsider,
    AwaitingApproval,
    Welcome,
}

fn visitor(audience: Audience, known: bool, me: Option<&Me>) -> Visitor {
    let Some(me) = me else {
        return if known {
            Visitor::LoggedOut
        } else {
            Visitor::Unknown
        };
    };
    match audience {
        _ if me.must_change_password => Visitor::MustChangePassword,
        Audience::Staff if me.role.is_staff() => Visitor::Welcome,
        Audience::Farmers if me.role == Role::Producer => match me.producer_approved {
            Some(true) => Visitor::Welcome,
            _ => Visitor::AwaitingApproval,
        },
        _ => Visitor::Outsider,
    }
}

/// Renders `children` for `audience` only. Only a change of who is looking re-renders them,
/// not a refreshed session (a farmer's news count, say).
#[component]
pub fn OnlyFor(audience: Audience, back: &'static str, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let visitor = Memo::new(move |_| visitor(audience, session.is_known(), session.me().as_ref()));
    move || {
        match visitor.get() {
        Visitor::Unknown => view! { <Loading /> }.into_any(),
        Visitor::LoggedOut => view! { <LoginFirst back=back /> }.into_any(),
        Visitor::MustChangePassword => view! {
            <div class="notice notice-planned">
                <p>"Choisissez d'abord votre propre mot de passe."</p>
                <A href=pages::MY_ACCOUNT attr:class="button button-secondary">"Mon compte"</A>
            </div>
        }
        .into_any(),
        Visitor::Outsider => {
            let message = match audience {
                Audience::Staff => "Cette page est réservée à l'équipe d'animation.",
                Audience::Farmers => "Cette page est réservée aux producteurs et productrices.",
            };
            view! { <p class="notice notice-error" role="alert">{message}</p> }.into_any()
        }
        Visitor::AwaitingApproval => view! {
            <p class="notice notice-planned" role="status">
                "Votre ferme attend la validation de l'équipe. Vous pourrez proposer des lots dès qu'elle sera validée."
            </p>
        }
        .into_any(),
        Visitor::Welcome => children().into_any(),
    }
    }
}

/// Renders `children` for staff only; others are told why, and where to go.
#[component]
pub fn StaffOnly(back: &'static str, children: ChildrenFn) -> impl IntoView {
    view! { <OnlyFor audience=Audience::Staff back=back children=children /> }
}

/// Renders `children` for approved farmers; others are told why.
#[component]
pub fn FarmerOnly(back: &'static str, children: ChildrenFn) -> impl IntoView {
    view! { <OnlyFor audience=Audience::Farmers back=back children=children /> }
}

/// Shown by pages that need a session, to someone without one.
#[component]
pub fn LoginFirst(back: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("{}?retour={back}", pages::LOGIN);
    view! {
        <div class="notice">
            <p>{move || i18n.texts().have_account}</p>
            <A href=href attr:class="button button-primary">{move || i18n.texts().login_submit}</A>
        </div>
    }
}
