//! A message log as staff read it: what each message said, to whom, and where it stands (sent,
//! waiting and why, given up, stopped). A workshop's, on its editor; a person's, on the
//! accounts page.

use leptos::prelude::*;

use crate::api::messages::MessageRow;
use crate::domain::account::format_phone;

/// `show_about`: name the workshop or farm of each line (a person's log spans several).
#[component]
pub fn MessageLog(rows: Vec<MessageRow>, #[prop(optional)] show_about: bool) -> impl IntoView {
    view! {
        <ul class="staff-list message-rows">
            {rows.into_iter().map(|row| {
                let to = if row.recipient.contains('@') {
                    format!("à {}", row.recipient)
                } else {
                    format!("au {}", format_phone(&row.recipient))
                };
                let heading = if show_about && !row.about.is_empty() {
                    format!("{} · {}", row.notice, row.about)
                } else {
                    format!("{} · {}", row.notice, row.first_name)
                };
                view! {
                    <li class="message-row">
                        <div class="staff-item-main">
                            <strong>{heading}</strong>
                            <span class="muted">{format!("{} {to}", row.channel)}</span>
                        </div>
                        <p class="message-body">{row.body}</p>
                        <p class=format!("message-status is-{}", row.status.code())>
                            {row.reason.unwrap_or_else(|| row.status.label_fr().to_string())}
                        </p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
