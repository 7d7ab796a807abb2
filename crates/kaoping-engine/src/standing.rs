//! Where a bank stands in one result: its total, rank, band, interview and public-fund share. What
//! the solver reports now and at the figure it finds, and what the comparison of two scenarios puts
//! side by side: one type, so that both say the same thing the same way.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::evaluation::BankResult;
use crate::format::format_fixed2;
use crate::items::Band;

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
        }
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
        json!({
            "total": self.total.map_or(Value::Null, exact),
            "rank": self.rank,
            "band": self.band.key(),
            "interview": self.interview,
            "composite": exact(self.composite),
            "share_pct": exact(self.share_pct),
        })
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
        };
        assert_eq!(standing.sentence("农发行"), "农发行：总分 86.78 分，第 1 名，贡献突出单位。");
        standing.rank = None;
        standing.band = Band::Disqualified;
        assert_eq!(standing.sentence("农发行"), "农发行：取消考评资格，排名不适用。");
    }
}
