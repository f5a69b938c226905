//! The commands `bocal-server` runs instead of serving: `backup`, `bench-data`, `create-admin`.

use std::path::Path;

use chrono::Utc;

use crate::api::error::FieldError;
use crate::domain::account::{check_name, check_optional_email, check_optional_phone};
use crate::domain::Role;
use crate::server::config::Command;
use crate::server::demo;
use crate::server::security::auth::{draw_initial_password, draw_member_number, hash_password};
use crate::server::storage::{CreatedBy, NewAccountRecord, Storage, StorageError};

/// Runs `command` on the database at `database`; what it did goes to stdout, for the person
/// who typed it.
pub async fn run(command: &Command, database: &Path) -> Result<(), Box<dyn std::error::Error>> {
    match command {
        Command::Backup { file } => {
            let storage = Storage::open_existing(database)?;
            storage.backup_to(file)?;
            println!("Copie écrite : {}", file.display());
        }
        Command::BenchData => {
            let storage = Storage::open(database)?;
            demo::bench::load(&storage, demo::bench::Scale::default(), Utc::now()).await?;
            println!("Données de banc d'essai écrites : {}", database.display());
        }
        Command::CreateAdmin { name, phone, email } => {
            let admin = NewAdmin::check(name, phone.as_deref(), email.as_deref())?;
            let created = create_admin(&Storage::open(database)?, admin).await?;
            println!("{created}");
        }
    }
    Ok(())
}

/// An administrator to create, as typed on the command line, checked.
#[derive(Debug)]
pub struct NewAdmin {
    name: String,
    phone: Option<String>,
    email: Option<String>,
}

impl NewAdmin {
    /// The name, and a phone number or an e-mail address to log in with: checked as the
    /// counter's form checks them, with the flag named in the message.
    pub fn check(name: &str, phone: Option<&str>, email: Option<&str>) -> Result<Self, String> {
        let said = |flag: &str, error: FieldError| format!("--{flag} : {}", error.message);
        let name = check_name("name", name, 100).map_err(|error| said("name", error))?;
        let phone = check_optional_phone("phone", phone.unwrap_or_default())
            .map_err(|error| said("phone", error))?;
        let email = check_optional_email("email", email.unwrap_or_default())
            .map_err(|error| said("email", error))?;
        if phone.is_none() && email.is_none() {
            return Err("Donnez --phone ou --email : l'administrateur se connecte avec.".into());
        }
        Ok(NewAdmin { name, phone, email })
    }
}

/// What `create-admin` made: who, and how they log in the first time.
#[derive(Debug)]
pub struct CreatedAdmin {
    pub name: String,
    pub member_number: String,
    pub one_time_code: String,
}

impl std::fmt::Display for CreatedAdmin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Administrateur créé : {}\n\
             Numéro d'adhérent : {}\n\
             Code à usage unique : {}\n\
             À la première connexion (page « Connexion »), ce code ne sert qu'à choisir un mot \
             de passe. Gardez-le secret ; il ne sera plus affiché.",
            self.name, self.member_number, self.one_time_code
        )
    }
}

/// Makes the administrator account: a one-time code that must be replaced at first login,
/// audited as made on the command line. A phone or an address that already has an account is
/// refused, and nothing is written.
pub async fn create_admin(
    storage: &Storage,
    admin: NewAdmin,
) -> Result<CreatedAdmin, Box<dyn std::error::Error>> {
    let one_time_code = draw_initial_password();
    let code = one_time_code.clone();
    let password_hash = tokio::task::spawn_blocking(move || hash_password(&code)).await?;
    let record = NewAccountRecord {
        role: Role::Admin,
        display_name: admin.name,
        centre_id: None,
        phone: admin.phone,
        email: admin.email,
        password_hash,
        must_change_password: true,
    };
    let account = storage
        .create_account(
            record,
            CreatedBy::CommandLine,
            draw_member_number,
            Utc::now(),
        )
        .await
        .map_err(|error| match error {
            // Said as the counter says it: "Ce numéro de téléphone a déjà un compte."
            StorageError::Conflict { message, .. } => message.into(),
            error => Box::<dyn std::error::Error>::from(error),
        })?;
    Ok(CreatedAdmin {
        name: account.display_name,
        member_number: account.member_number,
        one_time_code,
    })
}

/// What a server started without any administrator says, in its log and on stdout.
pub fn no_admin_yet(database: &Path) -> String {
    format!(
        "Aucun administrateur dans cette base. Pour créer le premier :\n  \
         bocal-server --database {} create-admin --name \"Prénom Nom\" --phone 06XXXXXXXX\n\
         (ou --email adresse@exemple.fr au lieu de --phone)",
        database.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mistaken_argument_is_refused_naming_its_flag() {
        let refused = |name: &str, phone: Option<&str>, email: Option<&str>| {
            NewAdmin::check(name, phone, email).unwrap_err()
        };
        assert_eq!(
            refused("  ", Some("0612345678"), None),
            "--name : Ce champ est obligatoire."
        );
        assert!(refused("Claire", Some("12"), None).starts_with("--phone : Numéro"));
        assert!(refused("Claire", None, Some("claire@")).starts_with("--email : Adresse"));
        assert!(refused("Claire", Some(""), None).contains("--phone ou --email"));
        let admin = NewAdmin::check(" Claire Martin ", Some("06 12 34 56 78"), None).unwrap();
        assert_eq!(admin.name, "Claire Martin");
        assert_eq!(admin.phone.as_deref(), Some("0612345678"));
    }
}
