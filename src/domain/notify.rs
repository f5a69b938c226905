//! Telling people about their workshops: what each message says, and when it may leave.
//!
//! An SMS must fit one segment (160 characters of the GSM 7-bit alphabet): a phone bill
//! counts segments, and a cheap phone may show a split message in the wrong order. Texts are
//! folded to that alphabet (no "ê", no no-break space) and the workshop's title is shortened
//! before anything else is.

use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::lang::Lang;
use crate::domain::lot::format_kilos;
use crate::domain::time::{local, local_date, local_instant};
use crate::domain::validation::FieldError;
use crate::domain::when::{date_phrase, time_range_phrase};
use crate::domain::Workshop;

/// How a message reaches a person, as the person chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Sms,
    Email,
    /// A notification of the installed app (web push).
    Push,
}

impl Channel {
    pub fn code(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
            Channel::Push => "push",
        }
    }

    pub fn parse(code: &str) -> Option<Channel> {
        match code {
            "sms" => Some(Channel::Sms),
            "email" => Some(Channel::Email),
            "push" => Some(Channel::Push),
            _ => None,
        }
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            Channel::Sms => "SMS",
            Channel::Email => "e-mail",
            Channel::Push => "notification",
        }
    }
}

/// Why a person is told something about a workshop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Their sign-up is taken.
    Confirmed,
    /// A place freed and they, first in the waiting list, took it.
    Promoted,
    /// The evening before.
    Reminder,
    /// Its day, hours or place changed.
    Moved,
    Cancelled,
    /// A few words from the animators to everyone signed up ("30 minutes de retard").
    Broadcast,
}

impl Notice {
    pub fn code(self) -> &'static str {
        match self {
            Notice::Confirmed => "confirmed",
            Notice::Promoted => "promoted",
            Notice::Reminder => "reminder",
            Notice::Moved => "moved",
            Notice::Cancelled => "cancelled",
            Notice::Broadcast => "broadcast",
        }
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            Notice::Confirmed => "Confirmation",
            Notice::Promoted => "Place libérée",
            Notice::Reminder => "Rappel",
            Notice::Moved => "Changement",
            Notice::Cancelled => "Annulation",
            Notice::Broadcast => "Message de l'équipe",
        }
    }

    pub fn parse(code: &str) -> Option<Notice> {
        [
            Notice::Confirmed,
            Notice::Promoted,
            Notice::Reminder,
            Notice::Moved,
            Notice::Cancelled,
            Notice::Broadcast,
        ]
        .into_iter()
        .find(|notice| notice.code() == code)
    }

    /// Whether people still in the waiting list are told too: of a move or a cancellation,
    /// which change whether they want or can get a place; not of what concerns those coming.
    pub fn reaches_waiting_list(self) -> bool {
        matches!(self, Notice::Moved | Notice::Cancelled)
    }
}

/// What a farm is told, by SMS: its approval, and its lots' reservation and collection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FarmNews<'a> {
    Approved {
        farm: &'a str,
    },
    LotReserved {
        produce: &'a str,
        grams: u64,
        collect_on: NaiveDate,
    },
    LotCollected {
        produce: &'a str,
        grams: u64,
    },
}

/// The codes of `FarmNews`, as messages store them.
const FARM_NEWS: [(&str, &str); 3] = [
    ("farm_approved", "Ferme validée"),
    ("lot_reserved", "Lot réservé"),
    ("lot_collected", "Lot collecté"),
];

impl FarmNews<'_> {
    pub fn code(&self) -> &'static str {
        let index = match self {
            FarmNews::Approved { .. } => 0,
            FarmNews::LotReserved { .. } => 1,
            FarmNews::LotCollected { .. } => 2,
        };
        FARM_NEWS[index].0
    }

    /// The SMS, in one segment.
    pub fn sms(&self) -> String {
        let text = match *self {
            FarmNews::Approved { farm } => format!(
                "Bocal : votre ferme {farm} est validée. Vos lots sont proposés à l'équipe de la \
                 conserverie."
            ),
            FarmNews::LotReserved {
                produce,
                grams,
                collect_on,
            } => format!(
                "Bocal : votre lot de {produce} ({}) est réservé. Collecte le {}.",
                format_kilos(grams),
                date_phrase(Lang::Fr, collect_on, collect_on)
            ),
            FarmNews::LotCollected { produce, grams } => format!(
                "Bocal : lot de {produce} collecté, {} pesés. Merci !",
                format_kilos(grams)
            ),
        };
        cut_to_segment(&to_gsm(&text))
    }
}

/// A recalled batch, as its holders are told: by SMS and by e-mail, whatever they chose for
/// their workshops, since a recall is about their health, and at once, night or day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecallNotice<'a> {
    pub title: &'a str,
    pub batch_number: &'a str,
    pub best_before: NaiveDate,
    pub reason: &'a str,
}

/// The code of a recall notice, as messages store it, and what staff read for it.
pub const RECALL_NOTICE: (&str, &str) = ("batch_recall", "Rappel de lot");

impl RecallNotice<'_> {
    /// The SMS, in one segment: the recipe's title is shortened first.
    pub fn sms(&self) -> String {
        let number = self.batch_number;
        one_segment(self.title, |title| {
            format!(
                "Bocal, RAPPEL : ne consommez pas les bocaux {title} du lot {number}. \
                 Rapportez-les, meme entames, a votre centre social."
            )
        })
    }

    pub fn email(&self) -> Email {
        let (title, number) = (self.title, self.batch_number);
        Email {
            subject: format!("Bocal : rappel du lot {number} ({title})"),
            body: format!(
                "Bonjour,\n\nPar précaution, nous rappelons les bocaux « {title} » du lot \
                 {number} (à consommer de préférence avant le {}), dont vous avez reçu au moins \
                 un.\n\nNe les consommez pas. Rapportez-les, même entamés, à votre centre \
                 social.\n\nMotif du rappel : {}",
                self.best_before.format("%d/%m/%Y"),
                self.reason
            ),
        }
    }
}

/// Farms are told by SMS (at the phone the farm signed up with), or not at all.
pub fn check_farm_channel(notify_by: Option<Channel>) -> Result<(), FieldError> {
    match notify_by {
        Some(Channel::Email) => Err(FieldError::new(
            "notify_by",
            "Les fermes sont prévenues par SMS, au numéro de la ferme.",
        )),
        _ => Ok(()),
    }
}

/// What staff read for a message's notice code, of a workshop or of a farm.
pub fn notice_label_fr(code: &str) -> &'static str {
    match Notice::parse(code) {
        Some(notice) => notice.label_fr(),
        None => FARM_NEWS
            .iter()
            .chain([&RECALL_NOTICE])
            .find(|(known, _)| *known == code)
            .map_or("Message", |(_, label)| label),
    }
}

/// Characters an SMS segment counts once; `EXTENDED` ones count twice (an escape first).
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
     ¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED: &str = "^{}\\[~]|€";
/// Septets in one segment.
pub const SMS_SEGMENT: usize = 160;

/// The text in the GSM alphabet: French letters it lacks lose their accent, typographic
/// signs become plain ones, anything else becomes "?".
pub fn to_gsm(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if GSM_BASIC.contains(c) || GSM_EXTENDED.contains(c) => c.to_string(),
            'â' | 'á' => "a".into(),
            'ê' | 'ë' => "e".into(),
            'î' | 'ï' | 'í' => "i".into(),
            'ô' | 'ó' => "o".into(),
            'û' | 'ú' => "u".into(),
            'ç' => "c".into(),
            'ÿ' => "y".into(),
            'À' | 'Â' => "A".into(),
            'È' | 'Ê' | 'Ë' => "E".into(),
            'Î' | 'Ï' => "I".into(),
            'Ô' => "O".into(),
            'Ù' | 'Û' => "U".into(),
            'œ' => "oe".into(),
            'Œ' => "OE".into(),
            '\u{a0}' | '\u{202f}' | '\t' => " ".into(),
            '–' | '—' | '‑' => "-".into(),
            '’' | '‘' => "'".into(),
            '«' | '»' | '“' | '”' => "\"".into(),
            '…' => "...".into(),
            '·' => ".".into(),
            _ => "?".into(),
        })
        .collect()
}

/// Septets `text` (already in the GSM alphabet) takes.
pub fn septets(text: &str) -> usize {
    text.chars()
        .map(|c| if GSM_EXTENDED.contains(c) { 2 } else { 1 })
        .sum()
}

/// One segment's text: `compose` is given the title, shortened (with "...") until the whole
/// fits; a text that does not fit even with a three-letter title is cut.
fn one_segment(title: &str, compose: impl Fn(&str) -> String) -> String {
    let title = to_gsm(title);
    let mut kept: Vec<char> = title.chars().collect();
    let mut shortened = title.clone();
    loop {
        let text = to_gsm(&compose(&shortened));
        if septets(&text) <= SMS_SEGMENT || kept.len() <= 3 {
            return cut_to_segment(&text);
        }
        kept.pop();
        shortened = format!("{}...", kept.iter().collect::<String>().trim_end());
    }
}

fn cut_to_segment(text: &str) -> String {
    let mut used = 0;
    text.chars()
        .take_while(|c| {
            used += if GSM_EXTENDED.contains(*c) { 2 } else { 1 };
            used <= SMS_SEGMENT
        })
        .collect()
}

/// Most characters of an animators' message: with "Bocal, <title> : " it fits one segment.
pub const MAX_BROADCAST_CHARS: usize = 120;

/// An animators' message as it is sent (`text` checked by `check_broadcast`): the workshop's
/// title, shortened if need be, then the text whole.
pub fn broadcast_sms(workshop: &Workshop, text: &str) -> String {
    let text = to_gsm(text.trim());
    one_segment(&workshop.title, |title| format!("Bocal, {title} : {text}"))
}

/// The animators' message, trimmed, or why it cannot be sent.
pub fn check_broadcast(text: &str) -> Result<String, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::new("text", "Écrivez le message à envoyer."));
    }
    if septets(&to_gsm(text)) > MAX_BROADCAST_CHARS {
        return Err(FieldError::new(
            "text",
            format!("{MAX_BROADCAST_CHARS} caractères au plus : un SMS doit suffire."),
        ));
    }
    Ok(text.to_string())
}

/// The SMS that tells of `notice` about `workshop` (as it now stands). Not for
/// `Notice::Broadcast`, whose words are the animators' (`broadcast_sms`).
pub fn sms_text(notice: Notice, workshop: &Workshop) -> String {
    let date = local_date(workshop.starts_at);
    let day = date_phrase(Lang::Fr, date, date);
    let hours = time_range_phrase(Lang::Fr, workshop.starts_at, workshop.ends_at);
    let place = format!("{} ({})", workshop.place.name, workshop.place.commune);
    one_segment(&workshop.title, |title| match notice {
        Notice::Confirmed => {
            format!("Bocal : inscription confirmée. {title}, {day}, {hours}, {place}.")
        }
        Notice::Promoted => {
            format!("Bocal : une place s'est libérée, vous êtes inscrit·e ! {title}, {day}, {hours}, {place}.")
        }
        Notice::Reminder => format!("Bocal : rappel, demain {hours} : {title}, {place}."),
        Notice::Moved => {
            format!("Bocal : changement ! {title} aura lieu {day}, {hours}, {place}.")
        }
        Notice::Cancelled => {
            format!("Bocal : {title} du {day} est annulé. Toutes nos excuses.")
        }
        Notice::Broadcast => format!("Bocal, {title} : {day}, {hours}, {place}."),
    })
}

/// An e-mail's words, before the sender adds the links (the workshop's page, "stop these
/// messages"), which need the server's public address.
#[derive(Clone, Debug, PartialEq)]
pub struct Email {
    pub subject: String,
    pub body: String,
}

/// The e-mail that tells of `notice` about `workshop` (as it now stands): what happened, then
/// the workshop whole, address included. Not for `Notice::Broadcast` (`broadcast_email`).
pub fn email_text(notice: Notice, workshop: &Workshop) -> Email {
    let title = &workshop.title;
    let (subject, lead) = match notice {
        Notice::Confirmed => (
            format!("Inscription confirmée : {title}"),
            "Votre inscription est confirmée.".to_string(),
        ),
        Notice::Promoted => (
            format!("Une place pour vous : {title}"),
            "Une place s'est libérée : vous êtes inscrit·e.".to_string(),
        ),
        Notice::Reminder => (
            format!("Rappel, c'est demain : {title}"),
            "Petit rappel : c'est demain.".to_string(),
        ),
        Notice::Moved => (
            format!("Changement : {title}"),
            "L'atelier a changé de jour, d'horaire ou de lieu. Le voici tel qu'il aura lieu :"
                .to_string(),
        ),
        Notice::Cancelled => (
            format!("Annulé : {title}"),
            "L'atelier est annulé. Toutes nos excuses.".to_string(),
        ),
        Notice::Broadcast => (format!("Message de l'équipe : {title}"), String::new()),
    };
    Email {
        subject: format!("Bocal : {subject}"),
        body: format!("Bonjour,\n\n{lead}\n\n{}", workshop_lines(workshop)),
    }
}

/// The animators' `text` (checked by `check_broadcast`) by e-mail.
pub fn broadcast_email(workshop: &Workshop, text: &str) -> Email {
    let Email { subject, .. } = email_text(Notice::Broadcast, workshop);
    Email {
        subject,
        body: format!(
            "Bonjour,\n\nUn message de l'équipe : « {} »\n\n{}",
            text.trim(),
            workshop_lines(workshop)
        ),
    }
}

/// The workshop as an e-mail gives it: title, day and hours, place and its address.
fn workshop_lines(workshop: &Workshop) -> String {
    let date = local_date(workshop.starts_at);
    let day = date_phrase(Lang::Fr, date, date);
    let mut day = day.chars();
    let day = day
        .next()
        .map(|first| first.to_uppercase().chain(day).collect::<String>())
        .unwrap_or_default();
    let hours = time_range_phrase(Lang::Fr, workshop.starts_at, workshop.ends_at);
    let place = &workshop.place;
    format!(
        "{}\n{day}, {hours}\n{}\n{}, {} {}",
        workshop.title, place.name, place.address, place.postcode, place.commune
    )
}

/// No SMS leaves between 21 h and 8 h, Paris time: one written at night waits for 8 h.
pub fn sms_send_after(written: DateTime<Utc>) -> DateTime<Utc> {
    let hour = local(written).hour();
    let today = local_date(written);
    let morning = |date| local_instant(date, 8, 0).expect("8 h exists every day in Paris");
    match hour {
        21.. => morning(today.succ_opt().unwrap_or(today)),
        0..=7 => morning(today),
        _ => written,
    }
}

/// When the evening-before reminder of a workshop starting at `starts_at` is due: the day
/// before, at `hour` (Paris time).
pub fn reminder_due(starts_at: DateTime<Utc>, hour: u32) -> DateTime<Utc> {
    let eve = local_date(starts_at)
        .pred_opt()
        .unwrap_or(local_date(starts_at));
    local_instant(eve, hour, 0).unwrap_or(starts_at - Duration::days(1))
}

/// How long to wait before trying a failed sending again: 30 s, doubling, at most an hour.
pub fn retry_delay(attempts: u32) -> Duration {
    Duration::seconds((30i64 << attempts.min(7)).min(3600))
}

/// After this many failed attempts a message is given up (and shown as failed to staff).
pub const MAX_ATTEMPTS: u32 = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recall_sms_fits_one_segment_and_names_the_batch() {
        let notice = RecallNotice {
            title: "Velouté de potimarron aux noix et aux châtaignes de l'Ardèche, recette d'hiver",
            batch_number: "20261128-02",
            best_before: NaiveDate::from_ymd_opt(2027, 11, 28).unwrap(),
            reason: "Couvercles mal sertis",
        };
        let sms = notice.sms();
        assert!(septets(&sms) <= SMS_SEGMENT, "{sms}");
        assert!(sms.contains("lot 20261128-02"), "{sms}");
        assert!(sms.contains("Velout"), "{sms}");
        let email = notice.email();
        assert!(email.subject.contains("20261128-02"));
        assert!(email.body.contains("28/11/2027"), "{}", email.body);
        assert!(email.body.contains("Couvercles mal sertis"));
        assert_eq!(notice_label_fr(RECALL_NOTICE.0), "Rappel de lot");
    }
    use crate::domain::calendar::tests::workshop_at;
    use chrono::TimeZone;

    fn paris(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        chrono_tz::Europe::Paris
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn french_texts_fold_to_the_gsm_alphabet() {
        assert_eq!(to_gsm("Fête à l’œil – 14\u{a0}h"), "Fete à l'oeil - 14 h");
        assert_eq!(septets("€[]"), 6);
        assert_eq!(septets("été"), 3);
    }

    #[test]
    fn every_notice_fits_one_segment_even_with_a_long_title() {
        let mut workshop = workshop_at(1, 2026, 12, 12, 14, 3);
        for title in ["Confitures", &"Atelier très long ".repeat(12)] {
            workshop.title = title.to_string();
            for notice in [
                Notice::Confirmed,
                Notice::Promoted,
                Notice::Reminder,
                Notice::Moved,
                Notice::Cancelled,
            ] {
                let text = sms_text(notice, &workshop);
                assert!(septets(&text) <= SMS_SEGMENT, "{notice:?}: {text}");
                assert_eq!(to_gsm(&text), text, "{notice:?}: {text}");
                assert!(text.contains("samedi 12 décembre") || notice == Notice::Reminder);
            }
        }
        workshop.title = "Confitures".into();
        let text = sms_text(Notice::Confirmed, &workshop);
        assert!(
            text.starts_with(
                "Bocal : inscription confirmée. Confitures, samedi 12 décembre, 14 h - "
            ),
            "{text}"
        );
        workshop.title = "Atelier très long ".repeat(12);
        let text = sms_text(Notice::Moved, &workshop);
        assert!(
            text.contains("...") && text.contains(&workshop.place.commune),
            "{text}"
        );
    }

    #[test]
    fn an_animators_message_is_sent_whole_with_the_title_shortened_if_need_be() {
        let mut workshop = workshop_at(1, 2026, 12, 12, 14, 3);
        workshop.title = "Atelier très long ".repeat(6);
        let words = "Le camion a 30 minutes de retard, à tout à l'heure !";
        let text = broadcast_sms(&workshop, &check_broadcast(words).unwrap());
        assert!(
            text.ends_with(" : Le camion a 30 minutes de retard, à tout à l'heure !"),
            "{text}"
        );
        assert!(septets(&text) <= SMS_SEGMENT, "{text}");
        let longest = "x".repeat(MAX_BROADCAST_CHARS);
        assert!(septets(&broadcast_sms(&workshop, &longest)) <= SMS_SEGMENT);
        assert!(broadcast_sms(&workshop, &longest).ends_with(&longest));
        assert_eq!(check_broadcast("   ").unwrap_err().field, "text");
        assert_eq!(
            check_broadcast(&format!("{longest}x")).unwrap_err().field,
            "text"
        );
    }

    #[test]
    fn an_email_says_what_happened_then_gives_the_workshop_whole() {
        let workshop = workshop_at(1, 2026, 12, 12, 14, 3);
        let email = email_text(Notice::Moved, &workshop);
        assert!(
            email.subject.starts_with("Bocal : Changement : "),
            "{email:?}"
        );
        assert!(email.subject.ends_with(&workshop.title), "{email:?}");
        assert!(
            email.body.contains(&format!(
                "\nSamedi 12 décembre, {}\n",
                time_range_phrase(Lang::Fr, workshop.starts_at, workshop.ends_at)
            )),
            "{}",
            email.body
        );
        assert!(
            email.body.contains(&workshop.place.address),
            "{}",
            email.body
        );
        // The accents stay: an e-mail is not an SMS.
        assert!(email.body.contains("changé de jour"), "{}", email.body);
        let words = broadcast_email(&workshop, " Le camion a 30 minutes de retard. ");
        assert!(
            words
                .body
                .contains("Un message de l'équipe : « Le camion a 30 minutes de retard. »"),
            "{}",
            words.body
        );
        assert_eq!(Channel::parse(Channel::Email.code()), Some(Channel::Email));
    }

    #[test]
    fn a_farm_is_told_of_its_lots_in_one_sms() {
        let collect_on = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let reserved = FarmNews::LotReserved {
            produce: "tomates",
            grams: 40_000,
            collect_on,
        };
        assert_eq!(
            reserved.sms(),
            "Bocal : votre lot de tomates (40 kg) est réservé. Collecte le vendredi 4 décembre."
        );
        let collected = FarmNews::LotCollected {
            produce: "pommes",
            grams: 38_500,
        };
        assert!(
            collected.sms().contains("38,5 kg pesés"),
            "{}",
            collected.sms()
        );
        let long_farm = "Ferme ".repeat(40);
        let approved = FarmNews::Approved { farm: &long_farm };
        assert!(septets(&approved.sms()) <= SMS_SEGMENT);
        assert_eq!(notice_label_fr(reserved.code()), "Lot réservé");
        assert_eq!(notice_label_fr("promoted"), "Place libérée");
    }

    #[test]
    fn no_sms_leaves_at_night_in_paris_time() {
        let day = paris(2026, 12, 12, 14, 30);
        assert_eq!(sms_send_after(day), day);
        assert_eq!(
            sms_send_after(paris(2026, 12, 12, 21, 0)),
            paris(2026, 12, 13, 8, 0)
        );
        assert_eq!(
            sms_send_after(paris(2026, 12, 13, 2, 0)),
            paris(2026, 12, 13, 8, 0)
        );
        assert_eq!(
            sms_send_after(paris(2026, 12, 13, 8, 0)),
            paris(2026, 12, 13, 8, 0)
        );
        // The night the clocks go back (25 October 2026) still ends at 8 h local.
        assert_eq!(
            sms_send_after(paris(2026, 10, 24, 23, 0)),
            paris(2026, 10, 25, 8, 0)
        );
    }

    #[test]
    fn the_reminder_is_due_the_evening_before_in_local_time() {
        assert_eq!(
            reminder_due(paris(2026, 12, 12, 9, 0), 18),
            paris(2026, 12, 11, 18, 0)
        );
        // Over the spring change (29 March 2026): still 18 h the day before.
        assert_eq!(
            reminder_due(paris(2026, 3, 29, 10, 0), 18),
            paris(2026, 3, 28, 18, 0)
        );
    }

    #[test]
    fn retries_back_off_to_an_hour() {
        assert_eq!(retry_delay(0), Duration::seconds(30));
        assert_eq!(retry_delay(1), Duration::seconds(60));
        assert_eq!(retry_delay(20), Duration::seconds(3600));
    }
}
