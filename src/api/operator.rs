//! Who runs this Bocal: the association's identity, as configured (`--config`, TOML). Labels,
//! the calendar feed, e-mails and the "Confidentialité" and "Mentions légales" pages read it;
//! nothing of it is a constant of the code.

use serde::{Deserialize, Serialize};

/// `GET /api/v1/operator` (public).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Operator {
    /// The operator's name, as a label prints it ("Conserverie mobile et solidaire…").
    pub name: String,
    /// Its postal address, on one line.
    pub address: String,
    /// 14 digits; empty for an association without one.
    pub siret: String,
    pub email: String,
    pub phone: String,
    /// Who answers for the site's content (LCEN: "directeur de la publication").
    pub publication_director: String,
    /// Who decides what personal data is kept and why (RGPD: "responsable de traitement").
    pub data_controller: String,
    /// Where to write to exercise one's rights; the operator's e-mail if empty.
    pub privacy_email: String,
    /// Who hosts the server: name and address (LCEN).
    pub host: String,
    /// Days a guest's first name and phone are kept after their workshop (`--retention-days`).
    pub retention_days: u32,
    /// False until an operator is configured: the pages say so.
    pub configured: bool,
}

impl Operator {
    /// Where a person writes to see, correct or erase their data.
    pub fn privacy_contact(&self) -> &str {
        match self.privacy_email.trim() {
            "" => &self.email,
            email => email,
        }
    }

    /// What a server without `--config` shows: it runs, and every page that needs the operator
    /// says that it is not configured.
    pub fn unconfigured() -> Operator {
        let missing = "non configuré (--config)".to_string();
        Operator {
            name: "Bocal".into(),
            address: missing.clone(),
            siret: String::new(),
            email: missing.clone(),
            phone: String::new(),
            publication_director: missing.clone(),
            data_controller: missing.clone(),
            privacy_email: String::new(),
            host: missing,
            retention_days: 0,
            configured: false,
        }
    }
}

/// `GET /api/v1/footer` (public): what every page's footer says of who runs the cannery: the
/// operator's name and its open centres ("Réglages"), not a text written for one territory.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Footer {
    pub operator: String,
    /// The open centres' names, by name.
    pub centres: Vec<String>,
}

impl Footer {
    /// "Conserverie … : Maison de quartier des Ors, Centre social Saint-Nicolas et Maison
    /// citoyenne Noël Guichard." (`and` is the language's "et"); the operator alone without
    /// centres.
    pub fn sentence(&self, and: &str) -> String {
        let centres = match self.centres.as_slice() {
            [] => return format!("{}.", self.operator),
            [one] => one.clone(),
            [first @ .., last] => format!("{} {and} {last}", first.join(", ")),
        };
        format!("{}\u{a0}: {centres}.", self.operator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_footer_names_the_operator_and_its_centres() {
        let footer = |centres: &[&str]| Footer {
            operator: "Conserverie mobile".into(),
            centres: centres.iter().map(|name| name.to_string()).collect(),
        };
        assert_eq!(footer(&[]).sentence("et"), "Conserverie mobile.");
        assert_eq!(
            footer(&["Les Ors"]).sentence("et"),
            "Conserverie mobile\u{a0}: Les Ors."
        );
        assert_eq!(
            footer(&["Les Ors", "Saint-Nicolas", "Noël Guichard"]).sentence("and"),
            "Conserverie mobile\u{a0}: Les Ors, Saint-Nicolas and Noël Guichard."
        );
    }
}
