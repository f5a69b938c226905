pub mod form;
pub mod icons;
pub mod map_link;
pub mod shell;
pub mod signup_box;
pub mod states;
pub mod subscribe_link;
pub mod workshop_card;
