//! The card handed over at the counter to a new member; the accounts page shows it again
//! after a password reset.

use leptos::prelude::*;

use crate::api::accounts::CreatedAccount;

/// The card handed over at the counter: member number and the code to replace at first login.
/// `children` are the actions beside "Imprimer la carte".
#[component]
pub fn MemberCard(card: CreatedAccount, children: Children) -> impl IntoView {
    view! {
        <div class="member-card card" role="status">
            <p class="member-card-title">"Carte d'adhérent·e Bocal"</p>
            <p class="member-card-name">{card.account.display_name.clone()}</p>
            <dl class="facts">
                <div><dt>"N° d'adhérent"</dt><dd class="member-number">{card.account.member_number.clone()}</dd></div>
                <div><dt>"Code provisoire"</dt><dd class="member-number">{card.initial_password.clone()}</dd></div>
            </dl>
            <p class="hint">"À la prochaine connexion, la personne choisit son propre mot de passe. Ce code ne sera plus affiché."</p>
            <div class="actions no-print">
                <button type="button" class="button button-primary" on:click=move |_| { let _ = window().print(); }>"Imprimer la carte"</button>
                {children()}
            </div>
        </div>
    }
}
