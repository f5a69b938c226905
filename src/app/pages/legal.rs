//! "Confidentialité" and "Mentions légales": what French law asks a site to say, written from
//! the configured operator (`GET /api/v1/operator`). In French only, like the law's texts.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::operator::Operator;
use crate::api::paths::pages;
use crate::app::client;
use crate::app::components::states::ShowRead;
use crate::app::page::set_title;

/// Said on both pages while the server has no operator.
#[component]
fn Unconfigured(operator: Operator) -> impl IntoView {
    (!operator.configured).then(|| {
        view! {
            <p class="notice notice-error" role="alert">
                "L'association qui fait fonctionner ce site n'est pas encore configurée : les \
                 informations ci-dessous sont incomplètes."
            </p>
        }
    })
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    set_title("Confidentialité");
    let operator = LocalResource::new(client::operator);
    view! {
        <div class="page narrow-page legal-page">
            <h1>"Confidentialité"</h1>
            <ShowRead read=operator error_heading="Impossible d'afficher cette page" let:operator>
                <Privacy operator=operator />
            </ShowRead>
        </div>
    }
}

/// One kind of data: what, why, how long, who sees it.
#[component]
fn Kept(
    title: &'static str,
    what: &'static str,
    why: &'static str,
    #[prop(into)] how_long: String,
    who: &'static str,
) -> impl IntoView {
    view! {
        <section class="card">
            <h3>{title}</h3>
            <dl class="facts legal-facts">
                <div><dt>"Quoi"</dt><dd>{what}</dd></div>
                <div><dt>"Pourquoi"</dt><dd>{why}</dd></div>
                <div><dt>"Combien de temps"</dt><dd>{how_long}</dd></div>
                <div><dt>"Qui le voit"</dt><dd>{who}</dd></div>
            </dl>
        </section>
    }
}

#[component]
fn Privacy(operator: Operator) -> impl IntoView {
    let days = operator.retention_days;
    let contact = operator.privacy_contact().to_string();
    let mail_to = format!("mailto:{contact}");
    view! {
        <Unconfigured operator=operator.clone() />
        <p class="lead">
            "Bocal garde le moins possible sur vous, et seulement pour organiser les ateliers, les \
             collectes et les échanges de bocaux. Pas de publicité, pas de mesure d'audience, rien \
             n'est vendu."
        </p>
        <section class="card">
            <h2>"Qui est responsable"</h2>
            <p>{operator.data_controller.clone()}</p>
            <p>{operator.address.clone()}</p>
            <p>"Pour toute question sur vos données : " <a href=mail_to.clone()>{contact.clone()}</a></p>
        </section>
        <h2>"Ce que nous gardons"</h2>
        <Kept
            title="Inscription à un atelier sans compte"
            what="Votre prénom, votre téléphone, et votre e-mail si vous le donnez."
            why="Vous prévenir (confirmation, rappel, changement) et vous permettre d'annuler. Base légale : votre demande d'inscription."
            how_long=format!("Effacés {days} jours après l'atelier ; seul le nombre de participants reste, pour les chiffres d'impact.")
            who="L'équipe d'animation des centres."
        />
        <Kept
            title="Compte de membre"
            what="Votre nom, votre numéro de membre, votre centre, votre téléphone et votre e-mail si vous les donnez, vos inscriptions."
            why="Vous reconnaître au comptoir, tenir votre portefeuille et vos inscriptions. Base légale : votre adhésion."
            how_long="Tant que votre compte est ouvert. Quand vous le fermez, votre nom et vos coordonnées sont effacés."
            who="Vous, et l'équipe d'animation."
        />
        <Kept
            title="Portefeuille (tic-tac et consignes)"
            what="Les minutes de bénévolat, les bocaux reçus et rendus, les consignes."
            why="La comptabilité de l'association et de la monnaie tic-tac. Base légale : ses obligations comptables."
            how_long="Gardé pour les comptes de l'association ; après la fermeture d'un compte, au nom d'un « ancien membre »."
            who="Vous, et l'équipe d'animation."
        />
        <Kept
            title="Fermes"
            what="Le nom de la ferme, le nom et le téléphone du contact, l'adresse de collecte, les lots proposés et leurs photos (sans leur position GPS)."
            why="Organiser les collectes. Base légale : la demande de compte de la ferme."
            how_long="Tant que le compte est ouvert. À sa fermeture, le contact et les photos sont effacés ; une exploitation en nom propre perd aussi son nom sur ses anciens lots."
            who="La ferme, et l'équipe d'animation."
        />
        <Kept
            title="Messages"
            what="Les SMS, e-mails et notifications envoyés, avec leur destinataire."
            why="Savoir ce qui a été dit à qui, et réessayer un envoi manqué. Base légale : votre choix d'être prévenu·e."
            how_long=format!("Le numéro ou l'adresse du destinataire est effacé {days} jours après l'envoi.")
            who="L'équipe d'animation. Les SMS et e-mails passent par les prestataires techniques qui les acheminent."
        />
        <Kept
            title="Connexion"
            what="Un cookie de session (indispensable pour rester connecté·e, sans publicité ni suivi) et le journal des actions de l'équipe."
            why="La sécurité des comptes."
            how_long="La session s'arrête après un temps sans usage ; les sessions anciennes sont effacées chaque jour."
            who="Personne d'autre que le serveur ; le journal, les administrateur·rice·s."
        />
        <section class="card">
            <h2>"Vos droits"</h2>
            <p>
                "Vous pouvez voir, télécharger et corriger vos données, et fermer votre compte, dans "
                <A href=pages::MY_DATA>"Mes données"</A>
                " (depuis « Mon compte »). Pour tout autre demande (opposition, limitation, une \
                 inscription sans compte), écrivez à "
                <a href=mail_to>{contact}</a>
                " : l'association répond dans le mois."
            </p>
            <p>
                "Si vous pensez que vos droits ne sont pas respectés, vous pouvez adresser une \
                 réclamation à la CNIL (Commission nationale de l'informatique et des libertés), \
                 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, ou sur cnil.fr."
            </p>
        </section>
    }
}

#[component]
pub fn LegalNoticePage() -> impl IntoView {
    set_title("Mentions légales");
    let operator = LocalResource::new(client::operator);
    view! {
        <div class="page narrow-page legal-page">
            <h1>"Mentions légales"</h1>
            <ShowRead read=operator error_heading="Impossible d'afficher cette page" let:operator>
                <LegalNotice operator=operator />
            </ShowRead>
        </div>
    }
}

#[component]
fn LegalNotice(operator: Operator) -> impl IntoView {
    let mail_to = format!("mailto:{}", operator.email);
    view! {
        <Unconfigured operator=operator.clone() />
        <section class="card">
            <h2>"Éditeur"</h2>
            <p><strong>{operator.name.clone()}</strong></p>
            <p>{operator.address.clone()}</p>
            {(!operator.siret.is_empty()).then(|| view! { <p>{format!("SIRET : {}", operator.siret)}</p> })}
            <p>"E-mail : " <a href=mail_to>{operator.email.clone()}</a></p>
            {(!operator.phone.is_empty()).then(|| view! { <p>{format!("Téléphone : {}", operator.phone)}</p> })}
            <p>{format!("Directeur·rice de la publication : {}", operator.publication_director)}</p>
        </section>
        <section class="card">
            <h2>"Hébergement"</h2>
            <p>{operator.host.clone()}</p>
        </section>
        <section class="card">
            <h2>"Données personnelles"</h2>
            <p>"Ce que ce site garde sur vous, et vos droits : " <A href=pages::PRIVACY>"Confidentialité"</A> "."</p>
        </section>
    }
}
