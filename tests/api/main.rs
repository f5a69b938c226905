//! The API's tests, in one binary (one link instead of one per file): each file is a module,
//! and `common` is what they share, the real router on a temporary SQLite file and the real
//! `bocal-server` binary in a child process.

mod common;

mod accounts_api;
mod batches_api;
mod calendar_api;
mod email_api;
mod farm_messages;
mod first_day;
mod hostile_input;
mod impact_api;
mod logs_and_proxies;
mod marketplace_api;
mod messages_api;
mod openapi;
mod personal_data;
mod programme_pages;
mod push_api;
mod recall_api;
mod recipes_api;
mod reliability;
mod retention;
mod sender_process;
mod server_process;
mod settings_api;
mod signups_api;
mod waiting_list;
mod wallet_api;
mod workshop_editor_api;
