//! Levers: what a bank can do more of. A manager plans loans, not balances, so a lever is an amount
//! (or a count) added to one or more of the bank's figures at once: a new 1亿 loan to a small green
//! manufacturer counts in 各项贷款 (附件1), 中小微 (附件2), 制造业 (附件3) and 绿色 (附件4) together.
//!
//! Which figures are levers is read from the field table: a figure a bank can raise is an amount or
//! a count of 2024 that feeds an item (not a 2023 base, whose key ends in `_2023`; not a rate, a grade,
//! a city target or a flag, which a bank does not raise to score more). A lever figure that is not
//! entered starts from what the engine uses for it: an annex line from its on-task value, any other
//! figure from 0.

use rust_decimal::Decimal;

use crate::document::Scenario;
use crate::error::{Error, LeverProblem};
use crate::evaluation::Figures;
use crate::fields::{is_lever, lever_fields, BankInput, Field, Unit};
use crate::items::Item;

/// Which lines a loan counted in a line is also counted in: every loan line is part of 各项贷款, and a
/// 普惠小微 loan is a 中小微 loan. Adding to a part always adds to the whole, so that no part can outgrow
/// its whole without saying so.
const PART_OF: &[(Field, &[Field])] = &[
    (Field::SmeLoans, &[Field::Loans]),
    (Field::Inclusive, &[Field::SmeLoans, Field::Loans]),
    (Field::ManufacturingLoans, &[Field::Loans]),
    (Field::GreenLoans, &[Field::Loans]),
    (Field::TechNewLoans, &[Field::Loans]),
    (Field::Pension, &[Field::Loans]),
];

/// The lines a figure is part of (its wholes), nearest first.
pub fn wholes_of(field: Field) -> &'static [Field] {
    PART_OF.iter().find(|(part, _)| *part == field).map_or(&[], |(_, wholes)| wholes)
}

/// Every pair (part, whole) of loan lines, for checking that no part exceeds its whole.
pub(crate) fn part_whole_pairs() -> impl Iterator<Item = (Field, Field)> {
    PART_OF.iter().flat_map(|(part, wholes)| wholes.iter().map(move |whole| (*part, *whole)))
}

/// Where a lever figure starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// The figure entered.
    Entered(Decimal),
    /// Not entered: an annex line's on-task value (附件1–5).
    OnTask(Decimal),
    /// Not entered and not an annex line: 0, and the item scores nothing until it is entered.
    Zero,
}

impl Start {
    /// The value started from.
    pub fn value(self) -> Decimal {
        match self {
            Start::Entered(v) | Start::OnTask(v) => v,
            Start::Zero => Decimal::ZERO,
        }
    }

    /// The starting value of a figure of a bank, given the lines the engine worked out for it.
    pub fn of(field: Field, input: Option<&BankInput>, figures: &Figures) -> Start {
        if let Some(v) = input.and_then(|b| field.get(b)) {
            return Start::Entered(v);
        }
        match field.spec().annex {
            // A task worked out from a typed-in rate may have more decimals than a figure holds.
            Some(line) => Start::OnTask(crate::solve::to_the_yuan(figures.line(line).current)),
            None => Start::Zero,
        }
    }
}

/// A lever: an amount added to each of a set of figures at once. The figures a user named come first,
/// in their order; the wholes they are part of follow (see [`Lever::added`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Lever {
    fields: Vec<Field>,
    named: usize,
}

impl Lever {
    /// A lever on these figures (the wholes they are part of are added). Refuses an empty list, a
    /// figure that is not a lever, and figures in different units.
    pub fn new(fields: &[Field]) -> Result<Lever, Error> {
        let Some(&first) = fields.first() else {
            return Err(Error::Lever { text: String::new(), problem: LeverProblem::Empty });
        };
        let mut all: Vec<Field> = Vec::new();
        for &field in fields {
            if !is_lever(field) {
                return Err(Error::Lever { text: field.key().to_owned(), problem: LeverProblem::NotALever });
            }
            if field.unit() != first.unit() {
                return Err(Error::Lever {
                    text: fields.iter().map(|f| f.key()).collect::<Vec<_>>().join("+"),
                    problem: LeverProblem::MixedUnits,
                });
            }
            if !all.contains(&field) {
                all.push(field);
            }
        }
        let named = all.len();
        for &field in fields {
            for &whole in wholes_of(field) {
                if !all.contains(&whole) {
                    all.push(whole);
                }
            }
        }
        Ok(Lever { fields: all, named })
    }

    /// A lever on one figure.
    pub fn single(field: Field) -> Result<Lever, Error> {
        Lever::new(&[field])
    }

    /// Reads `loans`, `sme_loans+manufacturing_loans`, … (keys of the field table joined by `+`).
    pub fn parse(text: &str) -> Result<Lever, Error> {
        let mut fields = Vec::new();
        for key in text.split('+').map(str::trim) {
            if key.is_empty() {
                return Err(Error::Lever { text: text.to_owned(), problem: LeverProblem::Empty });
            }
            let field = Field::from_key(key)
                .ok_or_else(|| Error::Lever { text: key.to_owned(), problem: LeverProblem::UnknownField })?;
            fields.push(field);
        }
        Lever::new(&fields)
    }

    /// Every figure the lever adds to: the named ones first, then the wholes added.
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// The figures the user named.
    pub fn named(&self) -> &[Field] {
        self.fields.get(..self.named).unwrap_or(&self.fields)
    }

    /// The wholes added because a named figure is part of them (a 中小微 loan is also a loan).
    pub fn added(&self) -> &[Field] {
        self.fields.get(self.named..).unwrap_or(&[])
    }

    /// The first figure named: `from` and `to` of an answer are its values.
    pub fn first(&self) -> Field {
        self.fields.first().copied().unwrap_or(Field::Loans)
    }

    /// The keys, named first, joined by `+`: `sme_loans+loans`.
    pub fn key(&self) -> String {
        self.fields.iter().map(|f| f.key()).collect::<Vec<_>>().join("+")
    }

    /// The unit of the amount added (亿元 or 户/单).
    pub fn unit(&self) -> Unit {
        self.first().unit()
    }

    /// Whether the lever adds whole numbers (counts).
    pub fn is_whole(&self) -> bool {
        self.first().kind().is_whole()
    }

    /// The step the solver answers to: 0.01亿元, or 1 for counts.
    pub fn step(&self) -> Decimal {
        if self.is_whole() {
            Decimal::ONE
        } else {
            Decimal::new(1, 2)
        }
    }

    /// The items the lever's figures feed, in scheme order.
    pub fn items(&self) -> Vec<Item> {
        Item::ALL.into_iter().filter(|item| self.fields.iter().any(|f| f.spec().items.contains(item))).collect()
    }

    /// Whether two levers add to the same figures, in whatever order they were named.
    pub fn same_figures(&self, other: &Lever) -> bool {
        // The same fields as many times each: a lever has a few, so counting beats sorting copies
        // (every lever listed is compared with those before it, 370 times when the page starts).
        let count = |fields: &[Field], field: &Field| fields.iter().filter(|f| *f == field).count();
        self.fields.len() == other.fields.len()
            && self.fields.iter().all(|f| count(&self.fields, f) == count(&other.fields, f))
    }

    /// The lever in Chinese: `贷款余额`, or `同时计入中小微贷款、贷款余额的贷款`.
    pub fn label(&self) -> String {
        if let Some((_, name, _)) = common_kinds().iter().find(|(_, _, lever)| lever.same_figures(self)) {
            return (*name).to_owned();
        }
        let shorts = |fields: &[Field]| fields.iter().map(|f| f.spec().short).collect::<Vec<_>>().join("、");
        if let ([named], false) = (self.named(), self.added().is_empty()) {
            return format!("{}（同时计入{}）", named.spec().short, shorts(self.added()));
        }
        match self.fields.as_slice() {
            [only] => only.spec().short.to_owned(),
            many => {
                format!("同时计入{}的{}", many.iter().map(|f| f.spec().short).collect::<Vec<_>>().join("、"), {
                    if self.unit() == Unit::Yi {
                        "贷款"
                    } else {
                        "数量"
                    }
                })
            }
        }
    }

    /// Where each figure starts for `bank` in `scenario`, given the lines the engine worked out.
    pub(crate) fn starts(&self, input: Option<&BankInput>, figures: &Figures) -> Vec<Start> {
        self.fields.iter().map(|f| Start::of(*f, input, figures)).collect()
    }

    /// The most steps that keep every figure within its type's bounds.
    pub(crate) fn max_ticks(&self, starts: &[Start]) -> u64 {
        let max = if self.is_whole() { Decimal::from(crate::values::Count::MAX) } else { crate::values::Amount::MAX };
        let room = starts.iter().map(|s| max - s.value()).min().unwrap_or(Decimal::ZERO).max(Decimal::ZERO);
        let ticks = room.checked_div(self.step()).unwrap_or(Decimal::ZERO).floor();
        u64::try_from(ticks).unwrap_or(0)
    }

    /// The amount `ticks` steps make.
    pub(crate) fn amount(&self, ticks: u64) -> Decimal {
        Decimal::from(ticks) * self.step()
    }

    /// Sets each figure of `bank` to its start plus `amount`; a value outside a figure's bounds is
    /// refused and leaves that figure as it was.
    pub(crate) fn apply(&self, scenario: &mut Scenario, bank: &str, starts: &[Start], amount: Decimal) {
        let entry = scenario.bank_mut(bank);
        for (field, start) in self.fields.iter().zip(starts) {
            let _ = field.set_exact(entry, start.value() + amount);
        }
    }
}

/// The common kinds of loan, for the value-of-a-point table: a plain loan, and loans that count in
/// 中小微, 制造业 and 绿色 too. (key, Chinese name, lever)
pub fn common_kinds() -> &'static [(&'static str, &'static str, Lever)] {
    static KINDS: std::sync::LazyLock<Vec<(&'static str, &'static str, Lever)>> = std::sync::LazyLock::new(|| {
        let lever = |fields: &[Field]| Lever::new(fields).ok();
        [
            ("plain", "一般贷款", lever(&[Field::Loans])),
            ("sme", "中小微企业贷款", lever(&[Field::SmeLoans])),
            ("manufacturing", "制造业贷款", lever(&[Field::ManufacturingLoans])),
            ("green", "绿色贷款", lever(&[Field::GreenLoans])),
            ("sme_manufacturing", "中小微制造业贷款", lever(&[Field::SmeLoans, Field::ManufacturingLoans])),
            (
                "sme_manufacturing_green",
                "中小微绿色制造业贷款",
                lever(&[Field::SmeLoans, Field::ManufacturingLoans, Field::GreenLoans]),
            ),
        ]
        .into_iter()
        .filter_map(|(key, name, lever)| lever.map(|l| (key, name, l)))
        .collect()
    });
    &KINDS
}

/// The common loan kinds, then every other lever figure on its own (with its wholes), each once.
pub fn all_levers() -> Vec<Lever> {
    let mut out: Vec<Lever> = common_kinds().iter().map(|(_, _, l)| l.clone()).collect();
    for field in lever_fields() {
        if let Ok(lever) = Lever::single(field) {
            if !out.iter().any(|l| l.same_figures(&lever)) {
                out.push(lever);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levers_come_from_the_field_table() {
        let keys: Vec<&str> = lever_fields().map(|f| f.key()).collect();
        for key in ["loans", "sme_loans", "manufacturing_loans", "green_loans", "dongchu_amount", "dongchu_households"]
        {
            assert!(keys.contains(&key), "{key} is a lever");
        }
        for key in ["sme_customers", "inclusive_loans", "tech_new_loans", "pension_loans", "platform_bonds"] {
            assert!(keys.contains(&key), "{key} is a lever");
        }
        for key in ["sme_customers_2023", "inclusive_loans_2023", "sme_rate_pct", "policy_score", "vetoed"] {
            assert!(!keys.contains(&key), "{key} is not a lever");
        }
        assert!(!keys.contains(&"startup_guarantee.target") && !keys.contains(&"department_score"));
    }

    #[test]
    fn a_part_brings_its_wholes() {
        let lever = Lever::parse("inclusive_loans").expect("a lever");
        assert_eq!(lever.fields(), [Field::Inclusive, Field::SmeLoans, Field::Loans]);
        assert_eq!(lever.named(), [Field::Inclusive]);
        assert_eq!(lever.added(), [Field::SmeLoans, Field::Loans]);
        let four = Lever::parse("loans+sme_loans+manufacturing_loans+green_loans").expect("a lever");
        assert_eq!(four.fields().len(), 4);
        assert!(four.added().is_empty());
        assert_eq!(four.label(), "中小微绿色制造业贷款");
        assert_eq!(Lever::parse("sme_loans").map(|l| l.label()).as_deref(), Ok("中小微企业贷款"));
    }

    #[test]
    fn bad_levers_are_refused() {
        let problem = |text: &str| match Lever::parse(text) {
            Err(Error::Lever { problem, .. }) => Some(problem),
            _ => None,
        };
        assert_eq!(problem("nonsense"), Some(LeverProblem::UnknownField));
        assert_eq!(problem("sme_rate_pct"), Some(LeverProblem::NotALever));
        assert_eq!(problem("loans+dongchu_households"), Some(LeverProblem::MixedUnits));
        assert_eq!(problem("loans+"), Some(LeverProblem::Empty));
        assert_eq!(problem("loans"), None);
    }
}
