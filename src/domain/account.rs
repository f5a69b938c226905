//! Accounts: who may do what, how people identify themselves, what makes a good password.
//! Many participants have no e-mail and some farmers only a phone: a member number (printed on
//! a card) or a phone number is as good a login as an e-mail address.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::validation::FieldError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A resident, member of a centre: signs up for workshops, holds a wallet.
    Participant,
    /// A farmer who posts surplus.
    Producer,
    /// Staff and trained volunteers who run the truck.
    Animator,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Participant,
        Role::Producer,
        Role::Animator,
        Role::Admin,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Participant => "participant",
            Role::Producer => "producer",
            Role::Animator => "animator",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.code() == code)
    }

    pub fn is_staff(self) -> bool {
        matches!(self, Role::Animator | Role::Admin)
    }

    /// Members and the team (who volunteer too) hold tic-tac and jars; a farm's account does
    /// not.
    pub fn has_wallet(self) -> bool {
        self != Role::Producer
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            Role::Participant => "Participant·e",
            Role::Producer => "Producteur·rice",
            Role::Animator => "Animateur·rice",
            Role::Admin => "Administrateur·rice",
        }
    }

    /// How long a session lives without use. Staff often log in on a shared counter laptop, so
    /// theirs end the same day; a farmer's phone stays logged in for the season's routine.
    pub fn session_idle_limit(self) -> Duration {
        if self.is_staff() {
            Duration::hours(8)
        } else {
            Duration::days(30)
        }
    }
}

/// What someone types in the "identifiant" field, understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoginId {
    MemberNumber(String),
    Phone(String),
    Email(String),
}

/// Member numbers: six digits, the first not zero (so never mistaken for a phone number).
pub const MEMBER_NUMBER_DIGITS: usize = 6;

impl LoginId {
    /// `None` for text that cannot be any identifier; the caller answers exactly as for a wrong
    /// password, so that nobody learns which accounts exist.
    pub fn parse(text: &str) -> Option<LoginId> {
        let text = text.trim();
        if text.contains('@') {
            return normalise_email(text).map(LoginId::Email);
        }
        if let Some(phone) = normalise_phone(text) {
            return Some(LoginId::Phone(phone));
        }
        let digits: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.'))
            .collect();
        let is_member_number = digits.len() == MEMBER_NUMBER_DIGITS
            && digits.chars().all(|c| c.is_ascii_digit())
            && !digits.starts_with('0');
        is_member_number.then_some(LoginId::MemberNumber(digits))
    }
}

/// A French phone number in national format, digits only: "06 12 34 56 78", "06.12.34.56.78"
/// and "+33 6 12 34 56 78" all give "0612345678".
pub fn normalise_phone(text: &str) -> Option<String> {
    let mut digits = String::new();
    for (index, c) in text.trim().chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if index == 0 => digits.push('+'),
            ' ' | '.' | '-' | '(' | ')' => {}
            _ => return None,
        }
    }
    let national = if let Some(rest) = digits.strip_prefix("+33") {
        format!("0{}", rest.strip_prefix('0').unwrap_or(rest))
    } else if let Some(rest) = digits.strip_prefix("0033") {
        format!("0{rest}")
    } else {
        digits
    };
    let valid = national.len() == 10
        && national.starts_with('0')
        && !national.starts_with("00")
        && national.chars().all(|c| c.is_ascii_digit());
    valid.then_some(national)
}

/// "0612345678" as people write it: "06 12 34 56 78".
pub fn format_phone(national: &str) -> String {
    let chars: Vec<char> = national.chars().collect();
    chars
        .chunks(2)
        .map(|pair| pair.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn normalise_email(text: &str) -> Option<String> {
    let text = text.trim().to_lowercase();
    let (local, domain) = text.split_once('@')?;
    let valid = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.contains(char::is_whitespace)
        && text.len() <= 254;
    valid.then_some(text)
}

pub const PASSWORD_MAX_CHARS: usize = 128;

/// A new password: at least 8 characters, or a code of at least 6 digits (easier on an old
/// phone's keypad; login attempts are throttled, so six digits hold).
pub fn check_new_password(field: &'static str, password: &str) -> Result<(), FieldError> {
    let chars = password.chars().count();
    let is_pin = password.chars().all(|c| c.is_ascii_digit());
    let error = |message: &str| {
        Err(FieldError {
            field,
            message: message.to_string(),
        })
    };
    if chars > PASSWORD_MAX_CHARS {
        return error("Ce mot de passe est trop long (128 caractères au plus).");
    }
    if is_pin && chars >= 6 {
        if password.chars().all(|c| password.starts_with(c)) {
            return error("Ce code est trop facile à deviner : évitez un seul chiffre répété.");
        }
        return Ok(());
    }
    if !is_pin && chars >= 8 {
        return Ok(());
    }
    error("Choisissez au moins 8 caractères, ou un code d'au moins 6 chiffres.")
}

/// A person's name as typed in a form: trimmed, 1 to `max` characters.
pub fn check_name(field: &'static str, text: &str, max: usize) -> Result<String, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError {
            field,
            message: "Ce champ est obligatoire.".into(),
        });
    }
    if text.chars().count() > max {
        return Err(FieldError {
            field,
            message: format!("{max} caractères au plus."),
        });
    }
    Ok(text.to_string())
}

/// A phone number typed in a form, normalised, or a French message saying what is expected.
pub fn check_phone(field: &'static str, text: &str) -> Result<String, FieldError> {
    normalise_phone(text).ok_or_else(|| FieldError {
        field,
        message: "Numéro de téléphone à 10 chiffres attendu, par exemple 06 12 34 56 78.".into(),
    })
}

/// A phone number a form may leave empty: `None` when empty, else as `check_phone`.
pub fn check_optional_phone(field: &'static str, text: &str) -> Result<Option<String>, FieldError> {
    match text.trim() {
        "" => Ok(None),
        phone => check_phone(field, phone).map(Some),
    }
}

/// An e-mail address a form may leave empty: `None` when empty, else normalised, or a French
/// message saying what is expected.
pub fn check_optional_email(field: &'static str, text: &str) -> Result<Option<String>, FieldError> {
    match text.trim() {
        "" => Ok(None),
        email => normalise_email(email).map(Some).ok_or_else(|| FieldError {
            field,
            message: "Adresse e-mail attendue, par exemple marie@exemple.fr.".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_ids_are_recognised_in_every_usual_spelling() {
        for text in [
            "06 12 34 56 78",
            "06.12.34.56.78",
            "+33 6 12 34 56 78",
            "0033612345678",
        ] {
            assert_eq!(
                LoginId::parse(text),
                Some(LoginId::Phone("0612345678".into())),
                "{text}"
            );
        }
        assert_eq!(
            LoginId::parse(" 482 913 "),
            Some(LoginId::MemberNumber("482913".into()))
        );
        assert_eq!(
            LoginId::parse("Marie@Exemple.FR"),
            Some(LoginId::Email("marie@exemple.fr".into()))
        );
        for text in ["", "marie", "012345", "12345", "1234567", "06 12", "a@b"] {
            assert_eq!(LoginId::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn phones_print_in_pairs() {
        assert_eq!(format_phone("0612345678"), "06 12 34 56 78");
    }

    #[test]
    fn new_passwords_are_long_enough_or_six_digit_codes() {
        assert!(check_new_password("p", "482913").is_ok());
        assert!(check_new_password("p", "confiture").is_ok());
        assert!(check_new_password("p", "12345").is_err());
        assert!(check_new_password("p", "111111").is_err());
        assert!(check_new_password("p", "abc123").is_err());
        assert!(check_new_password("p", &"x".repeat(129)).is_err());
        let error = check_new_password("new_password", "court").unwrap_err();
        assert_eq!(error.field, "new_password");
        assert!(error.message.contains("8 caractères"));
    }

    #[test]
    fn staff_sessions_end_sooner_than_members() {
        assert!(Role::Animator.session_idle_limit() < Role::Participant.session_idle_limit());
        assert_eq!(Role::from_code("admin"), Some(Role::Admin));
        assert_eq!(Role::from_code("root"), None);
    }
}
