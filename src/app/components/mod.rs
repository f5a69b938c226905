pub mod icons;
pub mod map_link;
pub mod shell;
pub mod states;
pub mod workshop_card;
