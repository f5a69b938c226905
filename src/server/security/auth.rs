//! Secrets: argon2id password hashes, session tokens, initial codes and member numbers.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::domain::account::MEMBER_NUMBER_DIGITS;

/// argon2id with the crate's defaults (19 MiB, 2 passes): the OWASP recommendation.
/// Slow on purpose: call it from a blocking thread.
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::encode_b64(&random_bytes::<16>()).expect("16 bytes make a valid salt");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 accepts any password with default parameters")
        .to_string()
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Checked when nobody has the login typed, so that an unknown login takes as long to refuse
/// as a wrong password: timing tells nobody which accounts exist.
pub fn verify_against_nobody(password: &str) -> bool {
    static NOBODY: OnceLock<String> = OnceLock::new();
    let hash = NOBODY.get_or_init(|| hash_password("no account has this password"));
    verify_password(password, hash);
    false
}

/// A new session token for the cookie: 256 random bits, URL-safe.
pub fn new_session_token() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

/// What the database keeps of a token (or of a sign-up's cancel token).
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// A member number for a new card: six digits, the first not zero.
pub fn draw_member_number() -> String {
    loop {
        let number = random_digits(MEMBER_NUMBER_DIGITS);
        if !number.starts_with('0') {
            return number;
        }
    }
}

/// The code given at the counter, replaced at first login: eight digits, easy to type on any
/// phone.
pub fn draw_initial_password() -> String {
    random_digits(8)
}

fn random_digits(count: usize) -> String {
    let mut digits = String::with_capacity(count);
    while digits.len() < count {
        for byte in random_bytes::<16>() {
            // 250 = 25 × 10: rejecting 250..=255 keeps every digit equally likely.
            if byte < 250 && digits.len() < count {
                digits.push(char::from(b'0' + byte % 10));
            }
        }
    }
    digits
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system's random generator works");
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_own_hash() {
        let hash = hash_password("confiture");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(!hash.contains("confiture"));
        assert!(verify_password("confiture", &hash));
        assert!(!verify_password("Confiture", &hash));
        assert!(!verify_password("confiture", "not a hash"));
        assert_ne!(
            hash,
            hash_password("confiture"),
            "each hash has its own salt"
        );
        assert!(!verify_against_nobody("confiture"));
    }

    #[test]
    fn tokens_and_codes_have_the_promised_shape() {
        let token = new_session_token();
        assert_eq!(token.len(), 43);
        assert_ne!(token, new_session_token());
        assert_eq!(token_hash("abc").len(), 64);
        for _ in 0..200 {
            let number = draw_member_number();
            assert_eq!(number.len(), 6);
            assert!(!number.starts_with('0'));
            let code = draw_initial_password();
            assert_eq!(code.len(), 8);
            assert!(code.chars().all(|c| c.is_ascii_digit()));
        }
    }
}
