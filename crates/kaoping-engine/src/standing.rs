//! Where a bank stands in one result: its total, rank, band, interview and public-fund share. What
//! the solver reports now and at the figure it finds, and what the comparison of two scenarios puts
//! side by side: one type, so that both say the same thing the same way.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::evaluation::BankResult;
use crate::format::{format_amount, format_fixed2};
use crate::items::Band;
use crate::scheme::Scheme;

/// Where a bank stands in one result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The total, `None` when disqualified.
    pub total: Option<Decimal>,
    /// The rank, `None` when disqualified.
    pub rank: Option<u32>,
    /// The place counted from the bottom (倒数第几).
    pub from_bottom: Option<u32>,
    /// The band.
    pub band: Band,
    /// Among the last three: 约谈、通报.
    pub interview: bool,
    /// The public-fund composite (四(四)).
    pub composite: Decimal,
    /// The share of the public-fund deposits, percent (what 四(四) gives a disqualified bank too;
    /// see [`Standing::ranked_share`]).
    pub share_pct: Decimal,
    /// One fund's share and amount, when the question is about that fund (a goal that names it).
    pub fund: Option<FundStanding>,
}

/// A bank's part of one public fund, as its department places it (四(四)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FundStanding {
    /// The fund's index in the scheme's `outcomes.funds`.
    pub fund: usize,
    /// The bank's share of the fund, percent; `None` when it does not apply.
    pub share_pct: Option<Decimal>,
    /// The bank's part of the fund, 亿元; `None` when the fund has no amount.
    pub amount: Option<Decimal>,
}

impl Standing {
    /// A bank's standing in a result.
    pub fn of(result: &BankResult) -> Standing {
        Standing {
            total: result.total,
            rank: result.rank,
            from_bottom: result.from_bottom,
            band: result.band,
            interview: result.interview,
            composite: result.deposit.composite,
            share_pct: result.deposit.share_pct,
            fund: None,
        }
    }

    /// The standing with a bank's share and amount of one fund (the solver works them out).
    pub fn with_fund(self, fund: FundStanding) -> Standing {
        Standing { fund: Some(fund), ..self }
    }

    /// The fund's figures in words (`财政专户资金占比 12.34%，约 7.40 亿元`), when the standing has them.
    pub fn fund_zh(&self, scheme: &Scheme) -> Option<String> {
        let figures = self.fund?;
        let fund = scheme.rules.outcomes.funds.get(figures.fund)?;
        let share = figures.share_pct.map_or_else(|| "不适用".to_owned(), |s| format!("{}%", format_fixed2(s)));
        Some(match figures.amount {
            Some(amount) => format!("{}占比 {share}，约 {}", fund.name, format_amount(amount, "亿元")),
            None => format!("{}占比 {share}", fund.name),
        })
    }

    /// The share, only for a ranked bank: a comparison shows 不适用 for a disqualified one.
    pub fn ranked_share(&self) -> Option<Decimal> {
        self.rank.is_some().then_some(self.share_pct)
    }

    /// `第 3 名，贡献突出单位，总分 120.50，存放占比 7.41%`.
    pub fn zh(&self) -> String {
        let Some(rank) = self.rank else { return "取消考评资格，不参与排名".to_owned() };
        let interview = if self.interview { "（约谈、通报）" } else { "" };
        format!(
            "第 {rank} 名，{}{interview}，总分 {}，存放占比 {}%",
            self.band.label(),
            self.total.map_or_else(|| "—".to_owned(), format_fixed2),
            format_fixed2(self.share_pct)
        )
    }

    /// What a screen reader hears when a bank's result changes: `农发行：总分 86.78 分，第 1 名，贡献突出单位。`,
    /// or `农发行：取消考评资格，排名不适用。`.
    pub fn sentence(&self, name: &str) -> String {
        match (self.rank, self.total) {
            (Some(rank), Some(total)) => format!(
                "{name}：总分 {} {}，第 {rank} 名，{}。",
                format_fixed2(total),
                crate::fields::Unit::Fen.symbol(),
                self.band.label()
            ),
            _ => format!("{name}：{}，排名不适用。", self.band.label()),
        }
    }

    /// As JSON: decimals as exact strings, trailing zeros dropped.
    pub fn to_value(&self) -> Value {
        let exact = |value: Decimal| Value::String(value.normalize().to_string());
        let mut value = json!({
            "total": self.total.map_or(Value::Null, exact),
            "rank": self.rank,
            "band": self.band.key(),
            "interview": self.interview,
            "composite": exact(self.composite),
            "share_pct": exact(self.share_pct),
        });
        // Only for a question about one fund, so that every other answer reads as before.
        if let (Some(fund), Some(map)) = (self.fund, value.as_object_mut()) {
            map.insert("fund_share_pct".to_owned(), fund.share_pct.map_or(Value::Null, exact));
            map.insert("fund_amount".to_owned(), fund.amount.map_or(Value::Null, exact));
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_standing_in_one_sentence_for_a_screen_reader() {
        let mut standing = Standing {
            total: Some(Decimal::new(86775, 3)),
            rank: Some(1),
            from_bottom: Some(16),
            band: Band::Outstanding,
            interview: false,
            composite: Decimal::ZERO,
            share_pct: Decimal::ZERO,
            fund: None,
        };
        assert_eq!(standing.sentence("农发行"), "农发行：总分 86.78 分，第 1 名，贡献突出单位。");
        standing.rank = None;
        standing.band = Band::Disqualified;
        assert_eq!(standing.sentence("农发行"), "农发行：取消考评资格，排名不适用。");
    }
}
