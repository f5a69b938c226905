//! The pages the server writes itself, without the app: the first answer, the stop page, the programme and the widget.

mod first_answer;
pub mod html;
mod programme;
mod stop_page;

use std::path::Path;

use axum::Router;

use crate::server::state::AppState;

/// Every page of this folder, each at its own path.
pub fn router(state: AppState, dist: &Path) -> Router {
    first_answer::router(state.clone(), dist)
        .merge(stop_page::router(state.clone(), dist))
        .merge(programme::router(state))
}
