//! The wallet's ledger: tic-tac (one minute volunteered = one tic-tac), the jar deposit
//! (*consigne*, 2 EUR unless the cannery set another rate) and the centres' jar stock, as
//! double-entry postings.
//!
//! Every operation becomes postings between books; per unit they sum to zero, so nothing is
//! created or lost: tic-tac come from the cooperative, full jars from the kitchen, deposit money
//! from outside (cash). Balances are sums of postings. Three balances may never go below zero:
//! a participant's tic-tac, the jars a participant holds on deposit, and a centre's stock of a
//! product. The storage applies `check` inside a write transaction, so this holds under
//! concurrency too. Entries are never edited: a mistake is reversed by the negated postings.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The highest deposit rate of one glass jar an admin may set (20 EUR).
pub const MAX_DEPOSIT_CENTS: i64 = 2000;
/// Volunteering recorded in one entry: a long day at most.
pub const MAX_MINUTES_PER_ENTRY: i64 = 1440;
/// Jars in one operation at the counter.
pub const MAX_JARS_PER_ENTRY: i64 = 100;
/// Jars received into a centre's stock at once (a big batch).
pub const MAX_JARS_RECEIVED: i64 = 5000;
/// A jar's price in tic-tac: ten hours at most.
pub const MAX_PRICE_TICTAC: i64 = 600;
/// The note of a counter operation ("Tri des bocaux"), in characters.
pub const MAX_NOTE_CHARS: usize = 200;
/// Why an operation is undone, in characters.
pub const UNDO_REASON_CHARS: std::ops::RangeInclusive<usize> = 3..=300;

/// A kind of full jar: a recipe in one jar size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Product {
    pub recipe_id: i64,
    pub jar_ml: u32,
}

/// Full jars as the ledger counts them: a product from one production batch, so that a recall
/// finds exactly who received its jars and a centre's stock of each batch never goes negative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BatchProduct {
    pub product: Product,
    /// `None`: jars stocked before the ledger counted them by batch, or received at the counter
    /// without one.
    pub batch: Option<i64>,
}

impl BatchProduct {
    pub fn new(product: Product, batch: Option<i64>) -> BatchProduct {
        BatchProduct { product, batch }
    }
}

/// What a posting counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// Minutes of volunteering.
    TicTac,
    /// Euro cents of deposit money.
    Cents,
    /// Empty glasses a participant must bring back (or a centre is owed, negative).
    DepositJars,
    /// Full jars of one product from one batch.
    Jars(BatchProduct),
}

/// Whose balance a posting moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Book {
    /// Issues tic-tac: minus the tic-tac in circulation.
    Cooperative,
    /// Where full jars come from (production) and where written-off jars go.
    Kitchen,
    /// Cash outside the tills: deposits come from there and go back there.
    Outside,
    /// A centre: its jar stock, its till, the tic-tac spent there.
    Centre(i64),
    /// A participant's account: tic-tac, glasses on deposit, jars received.
    Participant(i64),
}

impl Book {
    /// The balances that may never go below zero.
    fn must_stay_positive(self, unit: Unit) -> bool {
        matches!(
            (self, unit),
            (Book::Participant(_), Unit::TicTac | Unit::DepositJars)
                | (Book::Centre(_), Unit::Jars(_))
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    pub book: Book,
    pub unit: Unit,
    pub amount: i64,
}

/// What an animator (or an admin) records. Amounts are checked by `Operation::check_amounts`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// Minutes given: as many tic-tac credited (negative: an attendance corrected down).
    Volunteering { participant: i64, minutes: i64 },
    /// Full jars paid in tic-tac, from a centre's stock.
    BuyJars {
        participant: i64,
        centre: i64,
        product: BatchProduct,
        count: i64,
        price_each: i64,
    },
    /// Full jars taken against the deposit, paid in cash into the centre's till at the rate of
    /// the day (`deposit_each`, in cents).
    DepositJars {
        participant: i64,
        centre: i64,
        product: BatchProduct,
        count: i64,
        deposit_each: i64,
    },
    /// Empty glasses brought back, deposit refunded from the till: `refund` cents in all, what
    /// `deposit_refund` gives for the glasses the participant holds.
    ReturnJars {
        participant: i64,
        centre: i64,
        count: i64,
        refund: i64,
    },
    /// Empty glasses brought back for as many full jars: the deposit carries over.
    SwapJars {
        participant: i64,
        centre: i64,
        product: BatchProduct,
        count: i64,
    },
    /// Full jars arriving in a centre's stock from the kitchen.
    ReceiveStock {
        centre: i64,
        product: BatchProduct,
        count: i64,
    },
    /// An admin's correction of a participant's tic-tac (plus or minus).
    AdjustTicTac { participant: i64, minutes: i64 },
    /// An admin's correction of a centre's stock (a broken jar, a count).
    AdjustStock {
        centre: i64,
        product: BatchProduct,
        count: i64,
    },
}

/// Why the ledger refuses an operation (French, for the counter).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A count or amount out of bounds; the field at fault.
    Amount {
        field: &'static str,
        message: String,
    },
    InsufficientTicTac {
        balance: i64,
        needed: i64,
    },
    InsufficientStock {
        in_stock: i64,
        needed: i64,
    },
    InsufficientDepositJars {
        held: i64,
        needed: i64,
    },
}

impl Refusal {
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Refusal::Amount { field, .. } => Some(field),
            _ => None,
        }
    }

    pub fn message(&self) -> String {
        match self {
            Refusal::Amount { message, .. } => message.clone(),
            Refusal::InsufficientTicTac { balance, needed } => format!(
                "Solde insuffisant : {}, il en faut {needed}.",
                tictac_phrase(*balance)
            ),
            Refusal::InsufficientStock { in_stock, needed } => format!(
                "Stock insuffisant : {} en stock, il en faut {needed}.",
                jars_phrase(*in_stock)
            ),
            Refusal::InsufficientDepositJars { held, needed } => format!(
                "Cette personne n'a que {} en consigne, pas {needed}.",
                jars_phrase(*held)
            ),
        }
    }
}

impl Operation {
    /// The participant whose wallet the operation concerns, if any.
    pub fn participant(&self) -> Option<i64> {
        match *self {
            Operation::Volunteering { participant, .. }
            | Operation::BuyJars { participant, .. }
            | Operation::DepositJars { participant, .. }
            | Operation::ReturnJars { participant, .. }
            | Operation::SwapJars { participant, .. }
            | Operation::AdjustTicTac { participant, .. } => Some(participant),
            Operation::ReceiveStock { .. } | Operation::AdjustStock { .. } => None,
        }
    }

    /// The centre where it happens, if any.
    pub fn centre(&self) -> Option<i64> {
        match *self {
            Operation::BuyJars { centre, .. }
            | Operation::DepositJars { centre, .. }
            | Operation::ReturnJars { centre, .. }
            | Operation::SwapJars { centre, .. }
            | Operation::ReceiveStock { centre, .. }
            | Operation::AdjustStock { centre, .. } => Some(centre),
            Operation::Volunteering { .. } | Operation::AdjustTicTac { .. } => None,
        }
    }

    /// Bounds on the numbers typed at the counter. Negative volunteering is allowed here: it is
    /// how a corrected attendance takes minutes back (the counter form asks for 1 or more).
    pub fn check_amounts(&self) -> Result<(), Refusal> {
        let amount = |field: &'static str, message: String| Refusal::Amount { field, message };
        let jar_count = |count: i64, max: i64| {
            if (1..=max).contains(&count) {
                Ok(())
            } else {
                Err(amount("count", format!("Entre 1 et {max} bocaux.")))
            }
        };
        match *self {
            Operation::Volunteering { minutes, .. } | Operation::AdjustTicTac { minutes, .. } => {
                if minutes == 0 || minutes.abs() > MAX_MINUTES_PER_ENTRY {
                    return Err(amount(
                        "minutes",
                        format!("Entre 1 et {MAX_MINUTES_PER_ENTRY} minutes."),
                    ));
                }
                Ok(())
            }
            Operation::BuyJars {
                count, price_each, ..
            } => {
                jar_count(count, MAX_JARS_PER_ENTRY)?;
                if !(1..=MAX_PRICE_TICTAC).contains(&price_each) {
                    return Err(amount(
                        "price",
                        format!("Un prix entre 1 et {MAX_PRICE_TICTAC} tic-tac."),
                    ));
                }
                Ok(())
            }
            Operation::DepositJars {
                count,
                deposit_each,
                ..
            } => {
                jar_count(count, MAX_JARS_PER_ENTRY)?;
                if !(0..=MAX_DEPOSIT_CENTS).contains(&deposit_each) {
                    return Err(amount("deposit", "Montant de consigne invalide.".into()));
                }
                Ok(())
            }
            Operation::ReturnJars { count, refund, .. } => {
                jar_count(count, MAX_JARS_PER_ENTRY)?;
                if !(0..=count * MAX_DEPOSIT_CENTS).contains(&refund) {
                    return Err(amount("refund", "Remboursement invalide.".into()));
                }
                Ok(())
            }
            Operation::SwapJars { count, .. } => jar_count(count, MAX_JARS_PER_ENTRY),
            Operation::ReceiveStock { count, .. } => jar_count(count, MAX_JARS_RECEIVED),
            Operation::AdjustStock { count, .. } => {
                if count == 0 || count.abs() > MAX_JARS_RECEIVED {
                    return Err(amount(
                        "count",
                        format!("Entre 1 et {MAX_JARS_RECEIVED} bocaux, en plus ou en moins."),
                    ));
                }
                Ok(())
            }
        }
    }

    /// The postings that record the operation. Per unit they sum to zero.
    pub fn postings(&self) -> Vec<Posting> {
        let mut postings = Vec::new();
        let mut transfer = |unit: Unit, from: Book, to: Book, amount: i64| {
            postings.push(Posting {
                book: from,
                unit,
                amount: -amount,
            });
            postings.push(Posting {
                book: to,
                unit,
                amount,
            });
        };
        match *self {
            Operation::Volunteering {
                participant,
                minutes,
            }
            | Operation::AdjustTicTac {
                participant,
                minutes,
            } => transfer(
                Unit::TicTac,
                Book::Cooperative,
                Book::Participant(participant),
                minutes,
            ),
            Operation::BuyJars {
                participant,
                centre,
                product,
                count,
                price_each,
            } => {
                let (participant, centre) = (Book::Participant(participant), Book::Centre(centre));
                transfer(Unit::TicTac, participant, centre, count * price_each);
                transfer(Unit::Jars(product), centre, participant, count);
            }
            Operation::DepositJars {
                participant,
                centre,
                product,
                count,
                deposit_each,
            } => {
                let (participant, centre) = (Book::Participant(participant), Book::Centre(centre));
                transfer(Unit::Jars(product), centre, participant, count);
                transfer(Unit::DepositJars, centre, participant, count);
                transfer(Unit::Cents, Book::Outside, centre, count * deposit_each);
            }
            Operation::ReturnJars {
                participant,
                centre,
                count,
                refund,
            } => {
                let (participant, centre) = (Book::Participant(participant), Book::Centre(centre));
                transfer(Unit::DepositJars, participant, centre, count);
                transfer(Unit::Cents, centre, Book::Outside, refund);
            }
            Operation::SwapJars {
                participant,
                centre,
                product,
                count,
            } => {
                // The glasses come back and as many go out again: the deposit balance does not
                // move, so `check` asks separately that the participant holds them.
                let (participant, centre) = (Book::Participant(participant), Book::Centre(centre));
                transfer(Unit::Jars(product), centre, participant, count);
            }
            Operation::ReceiveStock {
                centre,
                product,
                count,
            }
            | Operation::AdjustStock {
                centre,
                product,
                count,
            } => transfer(
                Unit::Jars(product),
                Book::Kitchen,
                Book::Centre(centre),
                count,
            ),
        }
        postings
    }

    /// The balances `check` reads: those the postings move, and for a swap the glasses the
    /// participant holds.
    pub fn balances_read(&self) -> Vec<(Book, Unit)> {
        let mut read: Vec<(Book, Unit)> = self
            .postings()
            .iter()
            .map(|posting| (posting.book, posting.unit))
            .collect();
        if let Operation::SwapJars { participant, .. } = *self {
            read.push((Book::Participant(participant), Unit::DepositJars));
        }
        read
    }

    /// Refuses the operation if its amounts are out of bounds, or if applying it to `balance`
    /// would take a protected balance below zero.
    pub fn check(&self, balance: impl Fn(Book, Unit) -> i64) -> Result<Vec<Posting>, Refusal> {
        self.check_amounts()?;
        if let Operation::SwapJars {
            participant, count, ..
        } = *self
        {
            let held = balance(Book::Participant(participant), Unit::DepositJars);
            if held < count {
                return Err(Refusal::InsufficientDepositJars {
                    held,
                    needed: count,
                });
            }
        }
        let postings = self.postings();
        check_postings(&postings, balance)?;
        Ok(postings)
    }
}

/// The postings that undo `postings`.
pub fn reversal(postings: &[Posting]) -> Vec<Posting> {
    postings
        .iter()
        .map(|posting| Posting {
            amount: -posting.amount,
            ..*posting
        })
        .collect()
}

/// Refuses postings that would take a protected balance below zero.
pub fn check_postings(
    postings: &[Posting],
    balance: impl Fn(Book, Unit) -> i64,
) -> Result<(), Refusal> {
    let mut moves: BTreeMap<(Book, Unit), i64> = BTreeMap::new();
    for posting in postings {
        *moves.entry((posting.book, posting.unit)).or_default() += posting.amount;
    }
    for ((book, unit), change) in moves {
        if change >= 0 || !book.must_stay_positive(unit) {
            continue;
        }
        let before = balance(book, unit);
        if before + change < 0 {
            let needed = -change;
            return Err(match unit {
                Unit::TicTac => Refusal::InsufficientTicTac {
                    balance: before,
                    needed,
                },
                Unit::DepositJars => Refusal::InsufficientDepositJars {
                    held: before,
                    needed,
                },
                _ => Refusal::InsufficientStock {
                    in_stock: before,
                    needed,
                },
            });
        }
    }
    Ok(())
}

/// What `count` glasses brought back are refunded, for a participant who holds `held` glasses
/// on which `owed` cents of deposit were paid. Each glass keeps the deposit it went out with:
/// glasses taken at one rate come back at that rate; glasses taken at two rates (the deposit
/// changed in between) come back at their average, rounded down, the last glass getting the
/// rest, so that a participant who brings every glass back gets exactly what was paid.
pub fn deposit_refund(count: i64, held: i64, owed: i64) -> i64 {
    if held <= 0 || count <= 0 {
        return 0;
    }
    let count = count.min(held);
    if count == held {
        owed.max(0)
    } else {
        (owed.max(0) * count) / held
    }
}

/// "1 tic-tac", "40 tic-tac" (the word is invariable).
pub fn tictac_phrase(minutes: i64) -> String {
    format!("{minutes} tic-tac")
}

/// "1 bocal", "3 bocaux".
pub fn jars_phrase(count: i64) -> String {
    if count.abs() <= 1 {
        format!("{count} bocal")
    } else {
        format!("{count} bocaux")
    }
}

/// A balance in tic-tac read as time: "3 h 05", "45 min".
pub fn as_hours(minutes: i64) -> String {
    let sign = if minutes < 0 { "−" } else { "" };
    let minutes = minutes.abs();
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{sign}{m} min"),
        (h, 0) => format!("{sign}{h} h"),
        (h, m) => format!("{sign}{h} h {m:02}"),
    }
}

/// Signed amount for a history line: "+180", "−60".
pub fn signed(amount: i64) -> String {
    if amount < 0 {
        format!("−{}", -amount)
    } else {
        format!("+{amount}")
    }
}

/// Balances kept in memory: what the storage sums in SQL, for tests and the domain's own checks.
#[derive(Clone, Debug, Default)]
pub struct Balances(BTreeMap<(Book, Unit), i64>);

impl Balances {
    pub fn get(&self, book: Book, unit: Unit) -> i64 {
        self.0.get(&(book, unit)).copied().unwrap_or(0)
    }

    pub fn apply(&mut self, postings: &[Posting]) {
        for posting in postings {
            *self.0.entry((posting.book, posting.unit)).or_default() += posting.amount;
        }
    }

    /// Checks `operation` against these balances and applies it.
    pub fn record(&mut self, operation: &Operation) -> Result<Vec<Posting>, Refusal> {
        let postings = operation.check(|book, unit| self.get(book, unit))?;
        self.apply(&postings);
        Ok(postings)
    }

    /// Every balance, for invariants.
    pub fn iter(&self) -> impl Iterator<Item = (Book, Unit, i64)> + '_ {
        self.0
            .iter()
            .map(|(&(book, unit), &amount)| (book, unit, amount))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JAM: BatchProduct = BatchProduct {
        product: Product {
            recipe_id: 1,
            jar_ml: 370,
        },
        batch: Some(1),
    };

    fn stocked(centre: i64, count: i64) -> Balances {
        let mut balances = Balances::default();
        balances
            .record(&Operation::ReceiveStock {
                centre,
                product: JAM,
                count,
            })
            .unwrap();
        balances
    }

    #[test]
    fn volunteering_credits_one_tictac_a_minute_from_the_cooperative() {
        let mut balances = Balances::default();
        balances
            .record(&Operation::Volunteering {
                participant: 7,
                minutes: 90,
            })
            .unwrap();
        assert_eq!(balances.get(Book::Participant(7), Unit::TicTac), 90);
        assert_eq!(balances.get(Book::Cooperative, Unit::TicTac), -90);
    }

    #[test]
    fn a_purchase_beyond_the_balance_is_refused_with_both_figures() {
        let mut balances = stocked(1, 5);
        balances
            .record(&Operation::Volunteering {
                participant: 7,
                minutes: 40,
            })
            .unwrap();
        let refusal = balances
            .record(&Operation::BuyJars {
                participant: 7,
                centre: 1,
                product: JAM,
                count: 1,
                price_each: 60,
            })
            .unwrap_err();
        assert_eq!(
            refusal.message(),
            "Solde insuffisant : 40 tic-tac, il en faut 60."
        );
        assert_eq!(balances.get(Book::Participant(7), Unit::TicTac), 40);
    }

    #[test]
    fn a_centre_cannot_hand_out_jars_it_does_not_have() {
        let mut balances = stocked(1, 2);
        let refusal = balances
            .record(&Operation::DepositJars {
                participant: 7,
                centre: 1,
                product: JAM,
                count: 3,
                deposit_each: 200,
            })
            .unwrap_err();
        assert_eq!(
            refusal,
            Refusal::InsufficientStock {
                in_stock: 2,
                needed: 3
            }
        );
        // Another centre's stock does not count.
        let refusal = stocked(2, 10)
            .record(&Operation::DepositJars {
                participant: 7,
                centre: 1,
                product: JAM,
                count: 1,
                deposit_each: 200,
            })
            .unwrap_err();
        assert_eq!(
            refusal.message(),
            "Stock insuffisant : 0 bocal en stock, il en faut 1."
        );
    }

    #[test]
    fn each_batch_is_a_stock_of_its_own() {
        let other_batch = BatchProduct {
            batch: Some(2),
            ..JAM
        };
        let mut balances = stocked(1, 3);
        let refusal = balances
            .record(&Operation::DepositJars {
                participant: 7,
                centre: 1,
                product: other_batch,
                count: 1,
                deposit_each: 200,
            })
            .unwrap_err();
        assert_eq!(
            refusal,
            Refusal::InsufficientStock {
                in_stock: 0,
                needed: 1
            }
        );
        balances
            .record(&Operation::DepositJars {
                participant: 7,
                centre: 1,
                product: JAM,
                count: 1,
                deposit_each: 200,
            })
            .unwrap();
        // The participant's jars name their batch: who received which is known exactly.
        assert_eq!(balances.get(Book::Participant(7), Unit::Jars(JAM)), 1);
        assert_eq!(
            balances.get(Book::Participant(7), Unit::Jars(other_batch)),
            0
        );
    }

    #[test]
    fn a_deposit_takes_the_rate_of_the_day_and_a_return_gives_it_back() {
        let mut balances = stocked(1, 5);
        balances
            .record(&Operation::DepositJars {
                participant: 7,
                centre: 1,
                product: JAM,
                count: 3,
                deposit_each: 200,
            })
            .unwrap();
        assert_eq!(balances.get(Book::Participant(7), Unit::DepositJars), 3);
        assert_eq!(balances.get(Book::Centre(1), Unit::Cents), 600);
        assert_eq!(balances.get(Book::Centre(1), Unit::Jars(JAM)), 2);
        // Returned at another centre: that till refunds.
        balances
            .record(&Operation::ReturnJars {
                participant: 7,
                centre: 2,
                count: 2,
                refund: 400,
            })
            .unwrap();
        assert_eq!(balances.get(Book::Participant(7), Unit::DepositJars), 1);
        assert_eq!(balances.get(Book::Centre(2), Unit::Cents), -400);
        let refusal = balances
            .record(&Operation::ReturnJars {
                participant: 7,
                centre: 1,
                count: 2,
                refund: 400,
            })
            .unwrap_err();
        assert_eq!(
            refusal.message(),
            "Cette personne n'a que 1 bocal en consigne, pas 2."
        );
    }

    #[test]
    fn a_glass_comes_back_at_the_deposit_it_went_out_with() {
        // Three glasses at 2 EUR: each comes back at 2 EUR.
        assert_eq!(deposit_refund(1, 3, 600), 200);
        assert_eq!(deposit_refund(3, 3, 600), 600);
        // One at 2 EUR, then two at 2,50 EUR: 7 EUR in all, refunded at the average, the last
        // glass taking what rounding left, so that the three give back exactly 7 EUR.
        let owed = 200 + 2 * 250;
        let first = deposit_refund(1, 3, owed);
        let second = deposit_refund(1, 2, owed - first);
        let last = deposit_refund(1, 1, owed - first - second);
        assert_eq!((first, second, last), (233, 233, 234));
        assert_eq!(first + second + last, owed);
        // More glasses than held: only those held (the ledger refuses the operation anyway).
        assert_eq!(deposit_refund(5, 2, 400), 400);
        assert_eq!(deposit_refund(1, 0, 0), 0);
    }

    #[test]
    fn a_swap_needs_the_glasses_and_keeps_the_deposit() {
        let mut balances = stocked(1, 5);
        let swap = Operation::SwapJars {
            participant: 7,
            centre: 1,
            product: JAM,
            count: 1,
        };
        assert_eq!(
            balances.record(&swap).unwrap_err(),
            Refusal::InsufficientDepositJars { held: 0, needed: 1 }
        );
        balances
            .record(&Operation::DepositJars {
                participant: 7,
                centre: 1,
                product: JAM,
                count: 1,
                deposit_each: 200,
            })
            .unwrap();
        balances.record(&swap).unwrap();
        assert_eq!(balances.get(Book::Participant(7), Unit::DepositJars), 1);
        assert_eq!(balances.get(Book::Centre(1), Unit::Jars(JAM)), 3);
        assert_eq!(balances.get(Book::Centre(1), Unit::Cents), 200);
    }

    #[test]
    fn a_reversal_is_refused_when_the_credit_was_spent() {
        let mut balances = stocked(1, 5);
        let credit = balances
            .record(&Operation::Volunteering {
                participant: 7,
                minutes: 60,
            })
            .unwrap();
        balances
            .record(&Operation::BuyJars {
                participant: 7,
                centre: 1,
                product: JAM,
                count: 1,
                price_each: 50,
            })
            .unwrap();
        let undo = reversal(&credit);
        assert_eq!(
            check_postings(&undo, |book, unit| balances.get(book, unit)),
            Err(Refusal::InsufficientTicTac {
                balance: 10,
                needed: 60
            })
        );
    }

    #[test]
    fn amounts_out_of_bounds_name_their_field() {
        let refusals = [
            Operation::Volunteering {
                participant: 7,
                minutes: 0,
            },
            Operation::Volunteering {
                participant: 7,
                minutes: 1441,
            },
            Operation::BuyJars {
                participant: 7,
                centre: 1,
                product: JAM,
                count: 0,
                price_each: 30,
            },
            Operation::DepositJars {
                participant: 7,
                centre: 1,
                product: JAM,
                count: 101,
                deposit_each: 200,
            },
            Operation::AdjustStock {
                centre: 1,
                product: JAM,
                count: 0,
            },
        ];
        for operation in refusals {
            let refusal = operation.check_amounts().unwrap_err();
            assert!(refusal.field().is_some(), "{operation:?}");
        }
        let price = Operation::BuyJars {
            participant: 7,
            centre: 1,
            product: JAM,
            count: 1,
            price_each: 0,
        };
        assert_eq!(price.check_amounts().unwrap_err().field(), Some("price"));
    }

    #[test]
    fn balances_read_as_time_and_signed_amounts() {
        assert_eq!(as_hours(90), "1 h 30");
        assert_eq!(as_hours(180), "3 h");
        assert_eq!(as_hours(45), "45 min");
        assert_eq!(as_hours(65), "1 h 05");
        assert_eq!(signed(180), "+180");
        assert_eq!(signed(-60), "−60");
        assert_eq!(jars_phrase(3), "3 bocaux");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        const PARTICIPANTS: i64 = 3;
        const CENTRES: i64 = 2;
        const PRODUCTS: [BatchProduct; 3] = [
            JAM,
            // The same product from another batch: a stock of its own.
            BatchProduct {
                batch: Some(2),
                ..JAM
            },
            BatchProduct {
                product: Product {
                    recipe_id: 2,
                    jar_ml: 720,
                },
                batch: None,
            },
        ];

        fn product() -> impl Strategy<Value = BatchProduct> {
            prop::sample::select(PRODUCTS.to_vec())
        }

        /// Operations as a counter might record them, amounts sometimes out of bounds.
        fn operation() -> impl Strategy<Value = Operation> {
            let p = 1..=PARTICIPANTS;
            let c = 1..=CENTRES;
            prop_oneof![
                (p.clone(), -60i64..=300).prop_map(|(participant, minutes)| {
                    Operation::Volunteering {
                        participant,
                        minutes,
                    }
                }),
                (p.clone(), c.clone(), product(), 0i64..=4, 0i64..=90).prop_map(
                    |(participant, centre, product, count, price_each)| Operation::BuyJars {
                        participant,
                        centre,
                        product,
                        count,
                        price_each,
                    }
                ),
                (
                    p.clone(),
                    c.clone(),
                    product(),
                    0i64..=4,
                    prop::sample::select(vec![0i64, 200, 250])
                )
                    .prop_map(
                        |(participant, centre, product, count, deposit_each)| {
                            Operation::DepositJars {
                                participant,
                                centre,
                                product,
                                count,
                                deposit_each,
                            }
                        }
                    ),
                (p.clone(), c.clone(), 0i64..=4).prop_map(|(participant, centre, count)| {
                    Operation::ReturnJars {
                        participant,
                        centre,
                        count,
                        refund: count * 200,
                    }
                }),
                (p.clone(), c.clone(), product(), 0i64..=4).prop_map(
                    |(participant, centre, product, count)| Operation::SwapJars {
                        participant,
                        centre,
                        product,
                        count,
                    }
                ),
                (c.clone(), product(), 0i64..=12).prop_map(|(centre, product, count)| {
                    Operation::ReceiveStock {
                        centre,
                        product,
                        count,
                    }
                }),
                (c, product(), -6i64..=6).prop_map(|(centre, product, count)| {
                    Operation::AdjustStock {
                        centre,
                        product,
                        count,
                    }
                }),
                (p, -100i64..=100).prop_map(|(participant, minutes)| Operation::AdjustTicTac {
                    participant,
                    minutes,
                }),
            ]
        }

        fn units() -> Vec<Unit> {
            let mut units = vec![Unit::TicTac, Unit::Cents, Unit::DepositJars];
            units.extend(PRODUCTS.map(Unit::Jars));
            units
        }

        proptest! {
            #[test]
            fn every_unit_sums_to_zero_and_no_protected_balance_goes_negative(
                operations in prop::collection::vec(operation(), 1..60),
            ) {
                let mut balances = Balances::default();
                for operation in &operations {
                    let before = balances.clone();
                    match balances.record(operation) {
                        Ok(postings) => {
                            for unit in units() {
                                let sum: i64 = postings.iter().filter(|p| p.unit == unit).map(|p| p.amount).sum();
                                prop_assert_eq!(sum, 0);
                            }
                        }
                        // A refusal changes nothing.
                        Err(_) => prop_assert_eq!(format!("{before:?}"), format!("{balances:?}")),
                    }
                    for (book, unit, amount) in balances.iter() {
                        prop_assert!(!book.must_stay_positive(unit) || amount >= 0, "{book:?} {unit:?} {amount}");
                    }
                }
                for unit in units() {
                    let total: i64 = balances.iter().filter(|(_, u, _)| *u == unit).map(|(_, _, a)| a).sum();
                    prop_assert_eq!(total, 0);
                }
                // Tic-tac in circulation is what the participants and centres hold.
                let held: i64 = balances.iter()
                    .filter(|(book, unit, _)| *unit == Unit::TicTac && *book != Book::Cooperative)
                    .map(|(_, _, amount)| amount).sum();
                prop_assert_eq!(held, -balances.get(Book::Cooperative, Unit::TicTac));
            }

            #[test]
            fn a_reversal_right_after_an_operation_restores_every_balance(
                setup in prop::collection::vec(operation(), 0..30),
                operation in operation(),
            ) {
                let mut balances = Balances::default();
                for earlier in &setup {
                    let _ = balances.record(earlier);
                }
                let before = format!("{balances:?}");
                if let Ok(postings) = balances.record(&operation) {
                    let undo = reversal(&postings);
                    // Nothing happened in between, so undoing is always allowed.
                    prop_assert!(check_postings(&undo, |book, unit| balances.get(book, unit)).is_ok());
                    balances.apply(&undo);
                    let after: BTreeMap<_, _> = balances.iter().filter(|(_, _, a)| *a != 0).map(|(b, u, a)| ((b, u), a)).collect();
                    let mut expected = Balances::default();
                    for earlier in &setup { let _ = expected.record(earlier); }
                    let expected: BTreeMap<_, _> = expected.iter().filter(|(_, _, a)| *a != 0).map(|(b, u, a)| ((b, u), a)).collect();
                    prop_assert_eq!(after, expected, "before: {}", before);
                }
            }
        }
    }
}
