//! 名次安全边际: how safe a bank's place is. Each other ranked bank's point gap to it; for the rivals
//! below, how much more lending would take them past it (the solver run on the rival), and for the
//! rivals above, how much more it must lend to pass them; how far it is from the band above and from
//! the interview line (后3名, 四(三)).
//!
//! "Lending" is the `loans` lever: a rival's plain loans, everything else as it is. Passing means a
//! total strictly above: equal totals share a rank.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::document::Scenario;
use crate::fields::Field;
use crate::fields::Unit;
use crate::format::{format_amount, format_fixed2};
use crate::items::{Band, Item};
use crate::scheme::Scheme;
use crate::solve::{
    exact, goal, next_band, solve_from, thin_city_figures, Answer, Goal, Lever, Note, Rivals, Standing,
};

/// The margins format's name.
pub const MARGINS_FORMAT: &str = "kaoping-margins/1";

/// One other ranked bank against ours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RivalMargin {
    /// Its id.
    pub id: String,
    /// Its standing.
    pub standing: Standing,
    /// Its total minus ours: positive when it is above.
    pub gap: Decimal,
    /// For a bank below (or level): the solver on it, loans to pass us. For a bank above: the solver on
    /// us, loans to pass it. Worked out for the neighbours, or every rival when asked.
    pub lending: Option<Answer>,
}

impl RivalMargin {
    /// Whether the rival is above us.
    pub fn is_above(&self) -> bool {
        self.gap > Decimal::ZERO
    }

    /// The lending that changes the order, for a table's cell: `本行再增 0.72 亿元`, `它再增 1.41 亿元`,
    /// `本行仅靠增贷无法超过`; `None` when it was not worked out.
    pub fn lending_zh(&self) -> Option<String> {
        let answer = self.lending.as_ref()?;
        Some(match (answer.more(), self.is_above()) {
            (Some(more), true) => format!("本行再增 {}", format_amount(more, Unit::Yi.symbol())),
            (Some(more), false) => format!("它再增 {}", format_amount(more, Unit::Yi.symbol())),
            (None, true) => "本行仅靠增贷无法超过".to_owned(),
            (None, false) => "它仅靠增贷无法超过本行".to_owned(),
        })
    }
}

/// How safe a bank's place is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Margins {
    /// The bank's id.
    pub bank: String,
    /// Where it stands.
    pub now: Standing,
    /// Every other ranked bank, highest total first.
    pub rivals: Vec<RivalMargin>,
    /// The bank just above (the lowest total above ours).
    pub just_above: Option<String>,
    /// The bank just below (the highest total at or below ours).
    pub just_below: Option<String>,
    /// The band above ours, the rank that enters it, the points to the bank at that rank and the
    /// loans that take us there.
    pub band_above: Option<(Band, u32, Decimal, Answer)>,
    /// Points above the interview line (our total minus the highest total among the interviewed), or,
    /// when interviewed, points below the lowest total not interviewed (negative).
    pub interview_margin: Option<Decimal>,
    /// When interviewed: the loans that take us off the list.
    pub interview_lending: Option<Answer>,
    /// What to say beside the figures.
    pub notes: Vec<Note>,
}

/// Works out the margins of `bank`. With `every_rival`, the lending to pass is worked out for every
/// rival; otherwise for the banks just above and just below.
pub fn margins(scheme: &Scheme, scenario: &Scenario, bank: &str, rivals: Rivals, every_rival: bool) -> Option<Margins> {
    let index = scheme.bank_index(bank)?;
    let loans = Lever::single(Field::Loans).ok()?;
    let base = rivals.prepare(scheme, scenario, index);
    let evaluation = rivals.assess(scheme, &base, index);
    let ours = evaluation.banks.get(index)?;
    let now = Standing::of(ours);
    let mut notes = thin_city_figures(scheme, &evaluation, &Item::ALL);
    if !rivals.is_default() {
        notes.push(Note::Assumed { rivals });
    }
    let Some(total) = ours.total else {
        return Some(Margins {
            bank: bank.to_owned(),
            now,
            rivals: Vec::new(),
            just_above: None,
            just_below: None,
            band_above: None,
            interview_margin: None,
            interview_lending: None,
            notes,
        });
    };
    let mut others: Vec<&crate::evaluation::BankResult> =
        evaluation.banks.iter().filter(|b| b.index != index && b.is_ranked()).collect();
    crate::order::sort_by(&mut others, |a, b| b.total.cmp(&a.total).then(a.index.cmp(&b.index)));
    let gap = |b: &crate::evaluation::BankResult| b.total.unwrap_or_default() - total;
    let just_above = others.iter().rev().find(|b| gap(b) > Decimal::ZERO).map(|b| b.id.clone());
    let just_below = others.iter().find(|b| gap(b) <= Decimal::ZERO).map(|b| b.id.clone());
    // The rivals are solved on the prepared scenario, their assumptions seen from our bank.
    let passing = |rival: &str, above: bool| -> Answer {
        if above {
            solve_from(scheme, &base, bank, &loans, &Goal::Above(rival.to_owned()), rivals, Some(index))
        } else {
            solve_from(scheme, &base, rival, &loans, &Goal::Above(bank.to_owned()), rivals, Some(index))
        }
    };
    let rows = others
        .iter()
        .map(|b| {
            let wanted = every_rival || Some(&b.id) == just_above.as_ref() || Some(&b.id) == just_below.as_ref();
            RivalMargin {
                id: b.id.clone(),
                standing: Standing::of(b),
                gap: gap(b),
                lending: wanted.then(|| passing(&b.id, gap(b) > Decimal::ZERO)),
            }
        })
        .collect();
    let band_above = now.rank.and_then(|r| next_band(scheme, r)).map(|(band, to_rank)| {
        let edge = others
            .iter()
            .filter(|b| b.rank.is_some_and(|r| r <= to_rank))
            .filter_map(|b| b.total)
            .min()
            .unwrap_or(total);
        let answer = solve_from(scheme, &base, bank, &loans, &Goal::Band(band), rivals, Some(index));
        (band, to_rank, edge - total, answer)
    });
    let interview_margin = if ours.interview {
        others.iter().filter(|b| !b.interview).filter_map(|b| b.total).min().map(|t| total - t)
    } else {
        others.iter().filter(|b| b.interview).filter_map(|b| b.total).max().map(|t| total - t)
    };
    let interview_lending =
        ours.interview.then(|| solve_from(scheme, &base, bank, &loans, &Goal::NotInterviewed, rivals, Some(index)));
    Some(Margins {
        bank: bank.to_owned(),
        now,
        rivals: rows,
        just_above,
        just_below,
        band_above,
        interview_margin,
        interview_lending,
        notes,
    })
}

impl Margins {
    /// One Chinese line per rival: its place, the gap, and the lending that changes the order.
    pub fn rival_zh(&self, scheme: &Scheme, rival: &RivalMargin) -> String {
        let name = goal::short_name(scheme, &rival.id);
        let gap = match rival.gap.cmp(&Decimal::ZERO) {
            std::cmp::Ordering::Greater => format!("比本行高 {} 分", format_fixed2(rival.gap)),
            std::cmp::Ordering::Equal => "与本行同分".to_owned(),
            std::cmp::Ordering::Less => format!("比本行低 {} 分", format_fixed2(-rival.gap)),
        };
        let lending = rival.lending.as_ref().map(|a| {
            let more = a.more().map(|m| crate::format::format_amount(m, "亿元"));
            match (rival.is_above(), &a.outcome, more) {
                (true, crate::solve::Outcome::Needs { .. }, Some(m)) => format!("；本行再增贷 {m}可超过它"),
                (false, crate::solve::Outcome::Needs { .. }, Some(m)) => format!("；它再增贷 {m}即超过本行"),
                (true, crate::solve::Outcome::OutOfReach { .. }, _) => "；本行仅靠增贷无法超过它".to_owned(),
                (false, crate::solve::Outcome::OutOfReach { .. }, _) => "；它仅靠增贷无法超过本行".to_owned(),
                _ => String::new(),
            }
        });
        format!(
            "{name}：第 {} 名，总分 {}，{gap}{}",
            rival.standing.rank.map_or_else(|| "—".to_owned(), |r| r.to_string()),
            rival.standing.total.map_or_else(|| "—".to_owned(), format_fixed2),
            lending.unwrap_or_default()
        )
    }

    /// The band above and the interview line, in Chinese.
    pub fn lines_zh(&self, scheme: &Scheme) -> Vec<String> {
        let mut out = Vec::new();
        if let Some((band, to_rank, points, answer)) = &self.band_above {
            out.push(format!(
                "距{}（第 {to_rank} 名）差 {} 分；{}",
                band.label(),
                format_fixed2(*points),
                answer.zh(scheme)
            ));
        }
        let last = scheme.rules.outcomes.interview_last.value.normalize();
        match (self.now.interview, self.interview_margin) {
            (false, Some(m)) => out.push(format!("高出约谈线（后{last}名）{} 分", format_fixed2(m))),
            (true, Some(m)) => out.push(format!("列后{last}名（约谈）：距离脱离还差 {} 分", format_fixed2(-m))),
            _ => {}
        }
        if let Some(answer) = &self.interview_lending {
            out.push(answer.zh(scheme));
        }
        out
    }

    /// As a `kaoping-margins/1` object.
    pub fn to_value(&self, scheme: &Scheme) -> Value {
        let answer = |a: &Answer| a.to_value(scheme);
        json!({
            "format": MARGINS_FORMAT,
            "bank": self.bank,
            "now": self.now.to_value(),
            "just_above": self.just_above,
            "just_below": self.just_below,
            "rivals": self.rivals.iter().map(|r| json!({
                "bank": r.id,
                "rank": r.standing.rank,
                "total": r.standing.total.map_or(Value::Null, exact),
                "gap": exact(r.gap),
                "lending": r.lending.as_ref().map_or(Value::Null, answer),
            })).collect::<Vec<_>>(),
            "band_above": self.band_above.as_ref().map_or(Value::Null, |(band, to_rank, points, a)| json!({
                "band": band.key(), "to_rank": to_rank, "points": exact(*points), "lending": answer(a),
            })),
            "interview_margin": self.interview_margin.map_or(Value::Null, exact),
            "interview_lending": self.interview_lending.as_ref().map_or(Value::Null, answer),
            "notes": self.notes.iter().map(|n| n.zh()).collect::<Vec<_>>(),
        })
    }
}
