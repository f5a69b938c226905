//! The official list of French communes, intercommunalities (EPCI) and départements, shipped
//! with Bocal in territory/ (from @etalab/decoupage-administratif, Licence Ouverte 2.0;
//! scripts/territory-data writes it) and read once, on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::api::territory::{Commune, CommuneGroup, CommuneSearch};
use crate::domain::text::fold;

const COMMUNES: &str = include_str!("../../territory/communes.tsv");
const EPCIS: &str = include_str!("../../territory/epci.tsv");
const DEPARTEMENTS: &str = include_str!("../../territory/departements.tsv");

/// The most communes a search returns.
const SEARCH_LIMIT: usize = 20;

pub struct OfficialList {
    /// By INSEE code.
    communes: Vec<Commune>,
    /// Each commune's name as a search reads it (`search_words`), folded once at load.
    searched_names: Vec<String>,
    by_code: HashMap<String, usize>,
    /// (SIREN code, name, member INSEE codes)
    epcis: Vec<(String, String, Vec<String>)>,
    /// (code, name)
    departements: Vec<(String, String)>,
}

/// The data rows of a TSV file: its `#` header line skipped.
fn rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| line.split('\t').collect())
}

fn list(text: &str) -> Vec<String> {
    text.split(',')
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect()
}

/// The list, parsed and folded for search once, on first use (some 35 000 communes; the unit
/// tests, which start with it, take 0.3 s here).
pub fn official() -> &'static OfficialList {
    static LIST: OnceLock<OfficialList> = OnceLock::new();
    LIST.get_or_init(|| {
        let communes: Vec<Commune> = rows(COMMUNES)
            .map(|row| Commune {
                insee_code: row[0].into(),
                name: row[1].into(),
                departement: row[2].into(),
                postcodes: list(row.get(3).copied().unwrap_or_default()),
            })
            .collect();
        let by_code = communes
            .iter()
            .enumerate()
            .map(|(index, commune)| (commune.insee_code.clone(), index))
            .collect();
        let searched_names = communes
            .iter()
            .map(|commune| search_words(&commune.name).join(" "))
            .collect();
        OfficialList {
            communes,
            searched_names,
            by_code,
            epcis: rows(EPCIS)
                .map(|row| (row[0].into(), row[1].into(), list(row[2])))
                .collect(),
            departements: rows(DEPARTEMENTS)
                .map(|row| (row[0].into(), row[1].into()))
                .collect(),
        }
    })
}

impl OfficialList {
    pub fn commune(&self, insee_code: &str) -> Option<&Commune> {
        self.by_code
            .get(insee_code)
            .map(|&index| &self.communes[index])
    }

    /// An EPCI's name and member communes.
    pub fn epci(&self, code: &str) -> Option<(&str, Vec<&Commune>)> {
        let (_, name, members) = self.epcis.iter().find(|(known, ..)| known == code)?;
        Some((
            name,
            members
                .iter()
                .filter_map(|member| self.commune(member))
                .collect(),
        ))
    }

    /// A département's name and communes.
    pub fn departement(&self, code: &str) -> Option<(&str, Vec<&Commune>)> {
        let (_, name) = self.departements.iter().find(|(known, _)| known == code)?;
        Some((
            name,
            self.communes
                .iter()
                .filter(|commune| commune.departement == code)
                .collect(),
        ))
    }

    /// What `query` finds: EPCIs and départements whose name holds it (or a département by
    /// its code), communes whose name starts with it or whose postcode or INSEE code is it.
    /// Accents and capitals aside; "st" finds "Saint".
    pub fn search(&self, query: &str) -> CommuneSearch {
        let words = search_words(query);
        if words.is_empty() {
            return CommuneSearch::default();
        }
        let holds_all = |name: &str| {
            let name = search_words(name).join(" ");
            words.iter().all(|word| name.contains(word.as_str()))
        };
        let digits = query.trim();
        let is_code = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_alphanumeric());
        let epcis = self
            .epcis
            .iter()
            .filter(|(_, name, _)| holds_all(name))
            .take(SEARCH_LIMIT)
            .map(|(code, name, members)| CommuneGroup {
                code: code.clone(),
                name: name.clone(),
                communes: members.len() as u32,
            })
            .collect();
        let departements = self
            .departements
            .iter()
            .filter(|(code, name)| holds_all(name) || (is_code && code == digits))
            .map(|(code, name)| CommuneGroup {
                code: code.clone(),
                name: name.clone(),
                communes: self
                    .communes
                    .iter()
                    .filter(|commune| &commune.departement == code)
                    .count() as u32,
            })
            .collect();
        let whole = words.join(" ");
        let mut communes: Vec<(&Commune, &String)> = self
            .communes
            .iter()
            .zip(&self.searched_names)
            .filter(|(commune, searched)| {
                searched.starts_with(&whole)
                    || (is_code
                        && (commune.insee_code == digits
                            || commune.postcodes.iter().any(|postcode| postcode == digits)))
            })
            .collect();
        // The name itself first, then the names it starts as whole words, then the others,
        // shortest first: "romans" finds Romans, then Romans-sur-Isère, then Romanswiller.
        communes.sort_by_key(|(commune, searched)| {
            let rank = if **searched == whole {
                0
            } else if searched.starts_with(&format!("{whole} ")) {
                1
            } else {
                2
            };
            (rank, commune.name.len(), commune.insee_code.clone())
        });
        CommuneSearch {
            epcis,
            departements,
            communes: communes
                .into_iter()
                .take(SEARCH_LIMIT)
                .map(|(commune, _)| commune.clone())
                .collect(),
        }
    }
}

/// A name as searched: folded, cut at spaces, hyphens and apostrophes, "st" read as "saint".
fn search_words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| match word {
            "st" => "saint".to_string(),
            "ste" => "sainte".to_string(),
            word => word.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::territory::DEFAULT_EPCI;

    #[test]
    fn valence_romans_agglo_has_its_54_communes_with_their_postcodes() {
        let (name, members) = official().epci(DEFAULT_EPCI).unwrap();
        assert_eq!(name, "CA Valence Romans Agglo");
        assert_eq!(members.len(), 54);
        let romans = members
            .iter()
            .find(|commune| commune.insee_code == "26281")
            .unwrap();
        assert_eq!(romans.name, "Romans-sur-Isère");
        assert_eq!(romans.postcodes, vec!["26100"]);
        assert!(members.iter().any(|commune| commune.name == "Peyrins"));
        assert!(members.iter().all(|commune| commune.departement == "26"));
    }

    #[test]
    fn search_finds_by_name_postcode_and_group_accents_aside() {
        let list = official();
        let found = list.search("romans sur isere");
        assert_eq!(found.communes[0].insee_code, "26281");
        // The name, then the names it begins as whole words, then the rest.
        let romans = list.search("Romans");
        let names: Vec<&str> = romans.communes.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["Romans", "Romans", "Romans-sur-Isère", "Romanswiller"]
        );
        // A postcode, or an INSEE code: 26100 is Romans's postcode and Combovin's code.
        let by_code = list.search("26100");
        let by_code: Vec<&str> = by_code
            .communes
            .iter()
            .map(|commune| commune.name.as_str())
            .collect();
        assert_eq!(by_code, vec!["Combovin", "Romans-sur-Isère"]);
        let agglo = list.search("valence romans");
        assert_eq!(agglo.epcis.len(), 1);
        assert_eq!(agglo.epcis[0].code, DEFAULT_EPCI);
        assert_eq!(agglo.epcis[0].communes, 54);
        let drome = list.search("drome");
        assert_eq!(drome.departements[0].code, "26");
        assert!(drome.departements[0].communes > 300);
        assert_eq!(list.search("26").departements[0].name, "Drôme");
        // "St" is "Saint", and a name is not cut at its hyphens.
        assert!(list
            .search("st paul les romans")
            .communes
            .iter()
            .any(|commune| commune.name == "Saint-Paul-lès-Romans"));
        assert_eq!(list.search("  ").communes.len(), 0);
        assert_eq!(list.search("saint").communes.len(), SEARCH_LIMIT);
    }

    #[test]
    fn a_departement_lists_its_communes() {
        let (name, communes) = official().departement("26").unwrap();
        assert_eq!(name, "Drôme");
        assert!(communes.iter().any(|commune| commune.name == "Génissieux"));
        assert!(official().departement("99").is_none());
    }
}
