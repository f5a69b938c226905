//! The visitor's language, chosen in the header and kept on the phone. The texts themselves are
//! in `domain::texts`.

use leptos::prelude::*;

use crate::app::local_store;
pub use crate::domain::texts::{ImpactTexts, SignupTexts, Texts, WalletTexts};
use crate::domain::Lang;

const STORAGE_KEY: &str = "bocal.lang";

/// The chosen language, shared through context. French unless the visitor chose English.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    pub fn texts(&self) -> &'static Texts {
        Texts::for_lang(self.lang.get())
    }

    /// The texts of a part of the app, kept apart from `texts()` so that they download with it.
    pub fn wallet(&self) -> &'static WalletTexts {
        WalletTexts::for_lang(self.lang.get())
    }

    pub fn signup(&self) -> &'static SignupTexts {
        SignupTexts::for_lang(self.lang.get())
    }

    pub fn impact(&self) -> &'static ImpactTexts {
        ImpactTexts::for_lang(self.lang.get())
    }

    pub fn toggle(&self) {
        let next = match self.lang.get_untracked() {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        };
        self.lang.set(next);
        local_store::set(STORAGE_KEY, next.code());
    }
}

pub fn provide_i18n() {
    let stored = local_store::get(STORAGE_KEY).and_then(|code| Lang::from_code(&code));
    let lang = RwSignal::new(stored.unwrap_or_default());
    // Screen readers pick their voice from <html lang>.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.get().code());
        }
    });
    provide_context(I18n { lang });
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
