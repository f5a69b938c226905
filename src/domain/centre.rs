/// One of the three social centres (*maisons de quartier*) that run the cannery: where jars are
/// stocked and sold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Centre {
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub commune: String,
}
