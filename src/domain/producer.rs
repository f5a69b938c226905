/// A farm that gives or sells its surplus to the cannery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Producer {
    pub farm_name: String,
    pub contact_name: String,
    pub commune: String,
    /// Where lots are picked up by default (staff only). May be empty.
    pub address: String,
    /// Staff only: never shown to the public.
    pub phone: String,
    /// What the farm grows, in a few words ("pommes, poires").
    pub produce: String,
}
