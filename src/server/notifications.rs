//! How the server tells people: the SMS gateway, the SMTP server and the push key it was given
//! (`--sms-gateway-url`, `--smtp-url`, `--vapid-private-key`), and what is missing. The sender
//! (`tasks::sender`) sends through them.

use std::time::Duration;

use base64::Engine;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use web_push::{
    PartialVapidSignatureBuilder, SubscriptionInfo, VapidSignature, VapidSignatureBuilder,
};

use crate::domain::notify::Channel;

/// How to reach the SMS gateway.
#[derive(Clone, Debug)]
pub struct SmsGateway {
    pub url: String,
    /// Sent as `Authorization: Bearer <token>`.
    pub token: Option<String>,
    /// A gateway that has not answered by then has failed this attempt.
    pub timeout: Duration,
}

/// How to send e-mail: an SMTP server, and who the e-mails are from.
#[derive(Clone, Debug)]
pub struct Mailer {
    pub transport: AsyncSmtpTransport<Tokio1Executor>,
    pub from: Mailbox,
}

impl Mailer {
    /// `url`: lettre's form, `smtp://host:port` (plain, for loopback), `smtp://host?tls=required`
    /// (STARTTLS) or `smtps://user:password@host` (TLS); `timeout` per attempt.
    pub fn new(url: &str, from: &str, timeout: Duration) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|error| format!("--smtp-url : {error}"))?
            .timeout(Some(timeout))
            .build();
        let from = from
            .parse()
            .map_err(|_| format!("--mail-from : adresse illisible « {from} »"))?;
        Ok(Mailer { transport, from })
    }
}

/// How to send notifications of the installed app: the server's VAPID key.
#[derive(Clone)]
pub struct PushSender {
    vapid: PartialVapidSignatureBuilder,
    /// Who the push services may contact about these messages ("mailto:…").
    subject: String,
    pub timeout: Duration,
}

impl std::fmt::Debug for PushSender {
    // Never the private key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PushSender")
            .field("public_key", &self.public_key())
            .field("subject", &self.subject)
            .finish()
    }
}

impl PushSender {
    /// `private_key`: the P-256 private key, 32 bytes in base64url (see the README to make
    /// one); `subject`: a "mailto:" or "https:" address.
    pub fn new(
        private_key: &str,
        subject: String,
        timeout: Duration,
    ) -> Result<PushSender, String> {
        let unreadable =
            || "--vapid-private-key : clé illisible (32 octets en base64url attendus)".to_string();
        // The signing library panics on a key of another length: refuse it here, said.
        use base64::Engine;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(private_key.trim().trim_end_matches('='))
            .map_err(|_| unreadable())?;
        if bytes.len() != 32 {
            return Err(unreadable());
        }
        let vapid = VapidSignatureBuilder::from_base64_no_sub(private_key.trim())
            .map_err(|_| unreadable())?;
        Ok(PushSender {
            vapid,
            subject,
            timeout,
        })
    }

    /// The VAPID signature of a message to `subscription`, for its push service's origin
    /// (`audience`).
    pub fn signature(
        &self,
        subscription: &SubscriptionInfo,
        audience: &str,
    ) -> Result<VapidSignature, String> {
        let mut signature = self.vapid.clone().add_sub_info(subscription);
        signature.add_claim("sub", self.subject.as_str());
        signature.add_claim("aud", audience);
        signature
            .build()
            .map_err(|error| format!("signature VAPID : {error}"))
    }

    /// What a browser subscribes with (base64url of the uncompressed public key).
    pub fn public_key(&self) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(self.vapid.get_public_key())
    }
}

/// What the server tells people with, and when.
#[derive(Clone, Debug)]
pub struct Notifications {
    /// `None`: SMS are kept, and shown to staff as not sent.
    pub sms: Option<SmsGateway>,
    /// `None`: e-mails are kept, and shown to staff as not sent.
    pub email: Option<Mailer>,
    /// `None`: notifications are kept, and shown to staff as not sent.
    pub push: Option<PushSender>,
    /// The address people reach Bocal at ("https://bocal.example.org"), for the links in
    /// e-mails.
    pub public_url: String,
    /// The evening-before reminder's hour, Paris time.
    pub reminder_hour: u32,
}

impl Default for Notifications {
    fn default() -> Self {
        Notifications {
            sms: None,
            email: None,
            push: None,
            public_url: "http://127.0.0.1:8080".into(),
            reminder_hour: 18,
        }
    }
}

impl Notifications {
    /// The channels the sender can send on.
    pub fn configured(&self) -> Vec<Channel> {
        let mut channels = Vec::new();
        if self.sms.is_some() {
            channels.push(Channel::Sms);
        }
        if self.email.is_some() {
            channels.push(Channel::Email);
        }
        if self.push.is_some() {
            channels.push(Channel::Push);
        }
        channels
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vapid_key_of_another_length_than_32_bytes_is_refused_not_a_panic() {
        use base64::Engine;
        let encode = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        let timeout = Duration::from_secs(1);
        let subject = || "mailto:bocal@exemple.fr".to_string();
        let refused = PushSender::new(&encode(&[7u8; 31]), subject(), timeout).unwrap_err();
        assert!(refused.contains("32 octets"), "{refused}");
        assert!(PushSender::new("pas une clé !", subject(), timeout).is_err());
        assert!(PushSender::new(&encode(&[7u8; 32]), subject(), timeout).is_ok());
    }
}
