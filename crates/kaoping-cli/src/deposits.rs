//! `kaoping deposits FILE [--json]`: the public funds of 四(四) placed among the banks, one composite
//! per depositing department. The JSON is the engine's `kaoping-deposits/1`; the table is the same
//! figures in Chinese, each fund a block (banks by rank), then what each bank holds in all.

use kaoping_engine::{format_fixed2, format_shown, rounding_zh, Evaluation, Placement, Scheme};
use rust_decimal::Decimal;

use crate::{pad, pad_left};

/// What `kaoping deposits` prints.
pub(crate) fn render(scheme: &Scheme, evaluation: &Evaluation, json: bool) -> String {
    let placement = evaluation.placement(scheme);
    if json {
        return placement.to_json(scheme) + "\n";
    }
    table(scheme, evaluation, &placement)
}

/// A placed figure as every view shows it (two decimals, or the fund amount's own digits where finer), or
/// a dash.
fn fixed(value: Option<Decimal>) -> String {
    value.map_or_else(|| "—".to_owned(), format_shown)
}

fn table(scheme: &Scheme, evaluation: &Evaluation, placement: &Placement) -> String {
    let rules = &scheme.rules.outcomes;
    let name = |i: usize| scheme.banks.get(i).map_or("", |b| b.short_name.as_str());
    // Banks by rank, the vetoed last, as `kaoping score --table` lists them.
    let mut order: Vec<usize> = (0..evaluation.banks.len()).collect();
    order.sort_by_key(|&i| (evaluation.banks[i].rank.is_none(), evaluation.banks[i].rank, i));
    let mut out = format!(
        "公共性资金存放（四(四)）：每项资金按其存放主体部门的综合评分分配，综合评分 = 考评结果 {}% + 主体部门个性指标 {}%\n",
        rules.evaluation_weight.value.normalize(),
        rules.department_weight.value.normalize()
    );
    for placed in &placement.funds {
        let Some(fund) = rules.funds.get(placed.fund) else { continue };
        let amount =
            placed.amount.map_or_else(|| "未填写金额，只列占比".to_owned(), |a| format!("{} 亿元", format_fixed2(a)));
        out.push_str(&format!("\n{}（{}）：{amount}\n", fund.name, fund.department));
        out.push_str(&format!(
            "{}{}{}{}{}{}\n",
            pad("银行", 10),
            pad_left("考评部分", 10),
            pad_left("部门得分", 10),
            pad_left("综合评分", 10),
            pad_left("占比%", 9),
            pad_left("金额(亿元)", 12)
        ));
        for &i in &order {
            let Some(share) = placed.banks.get(i) else { continue };
            let ranked = evaluation.banks[i].is_ranked();
            let not_applicable = |v: Option<Decimal>| if ranked { fixed(v) } else { "不适用".to_owned() };
            out.push_str(&format!(
                "{}{}{}{}{}{}\n",
                pad(name(i), 10),
                pad_left(&format_fixed2(share.evaluation_points), 10),
                pad_left(&share.department_score.map_or_else(|| "未给出".to_owned(), format_fixed2), 10),
                pad_left(&format_fixed2(share.composite), 10),
                pad_left(&not_applicable(share.share_pct_shown), 9),
                pad_left(&not_applicable(share.amount_shown), 12)
            ));
        }
        let shares: Option<Decimal> =
            placed.is_shared().then(|| placed.banks.iter().filter_map(|s| s.share_pct_shown).sum());
        let amounts: Vec<Decimal> = placed.banks.iter().filter_map(|s| s.amount_shown).collect();
        let amounts = (!amounts.is_empty()).then(|| amounts.into_iter().sum());
        out.push_str(&format!("{}{}{}\n", pad("合计", 40), pad_left(&fixed(shares), 9), pad_left(&fixed(amounts), 12)));
        let missing: Vec<&str> = order
            .iter()
            .filter(|&&i| placement.banks.get(i).is_some_and(|b| b.missing.contains(&placed.fund)))
            .map(|&i| name(i))
            .collect();
        if !missing.is_empty() {
            out.push_str(&format!(
                "{}未给出个性指标得分（部门部分按 0 计）：{}\n",
                fund.department,
                missing.join("、")
            ));
        }
        if !placed.is_shared() {
            out.push_str(&format!("注意：{}\n", kaoping_engine::not_shared_zh(fund)));
        }
    }
    let with_amount: Vec<usize> = placement.funds.iter().filter(|f| f.amount.is_some()).map(|f| f.fund).collect();
    if !with_amount.is_empty() {
        out.push_str("\n各行存放合计（亿元）\n");
        out.push_str(&pad("银行", 10));
        for &f in &with_amount {
            out.push_str(&pad_left(rules.funds.get(f).map_or("", |fund| fund.short.as_str()), 12));
        }
        out.push_str(&format!("{}\n", pad_left("合计", 12)));
        for &i in &order {
            let ranked = evaluation.banks[i].is_ranked();
            let cell = |v: Option<Decimal>| if ranked { fixed(v) } else { "不适用".to_owned() };
            out.push_str(&pad(name(i), 10));
            for &f in &with_amount {
                let shown = placement.funds.get(f).and_then(|p| p.banks.get(i)).and_then(|s| s.amount_shown);
                out.push_str(&pad_left(&cell(shown), 12));
            }
            let total = placement.banks.get(i).and_then(|b| b.total_shown);
            out.push_str(&format!("{}\n", pad_left(&cell(total), 12)));
        }
    }
    out.push_str(&format!("\n说明：{}。\n", rounding_zh()));
    out
}

/// What `kaoping diff` adds for the public funds: each fund with an amount, and every bank whose
/// amount moved, at 0.01 亿元 (each column adding up by largest remainder).
pub(crate) fn render_diff(scheme: &Scheme, comparison: &kaoping_engine::Comparison) -> String {
    let mut out = String::new();
    for change in &comparison.funds {
        let Some(fund) = scheme.rules.outcomes.funds.get(change.fund) else { continue };
        let amount = |v: Option<Decimal>| v.map_or_else(|| "未填写".to_owned(), format_fixed2);
        let moved: Vec<String> = change
            .moved()
            .filter_map(|i| {
                let (x, y) = (change.before.banks.get(i)?, change.after.banks.get(i)?);
                let (a, b) = (fixed(x.amount_shown), fixed(y.amount_shown));
                if a == b {
                    return None;
                }
                let name = scheme.banks.get(i).map_or("", |b| b.short_name.as_str());
                let by = change.amount_change(i).map(|d| {
                    let shown = format_fixed2(d);
                    if d > Decimal::ZERO {
                        format!("（+{shown}）")
                    } else {
                        format!("（{shown}）")
                    }
                });
                Some(format!("{name} {a} → {b}{}", by.unwrap_or_default()))
            })
            .collect();
        out.push_str(&format!(
            "\n{}存放金额（亿元）：A {} → B {}{}",
            fund.name,
            amount(change.before.amount),
            amount(change.after.amount),
            if moved.is_empty() { "，各行金额不变".to_owned() } else { format!("\n  {}", moved.join("\n  ")) }
        ));
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// One bank's per-fund figures that `kaoping diff --bank` lists beside its other figures.
pub(crate) fn render_fund_figures(scheme: &Scheme, detail: &kaoping_engine::BankDetail) -> String {
    let mut out = String::new();
    for change in &detail.fund_figures {
        let fund = scheme.rules.outcomes.funds.iter().find(|f| f.id == change.fund);
        let show = |v: Option<Decimal>| v.map_or_else(|| "（未单独给出）".to_owned(), |v| v.normalize().to_string());
        out.push_str(&format!(
            "  {}（{}）：{} → {} {}\n",
            change.figure.every().label(),
            fund.map_or(change.fund.as_str(), |f| f.department.as_str()),
            show(change.before),
            show(change.after),
            change.figure.every().unit().symbol()
        ));
    }
    out
}

/// The lines `kaoping explain` adds for one bank: its composite, share and amount of each fund.
pub(crate) fn render_bank(scheme: &Scheme, evaluation: &Evaluation, bank: usize) -> String {
    let placement = evaluation.placement(scheme);
    let mut out = String::new();
    for placed in &placement.funds {
        let (Some(fund), Some(share)) = (scheme.rules.outcomes.funds.get(placed.fund), placed.banks.get(bank)) else {
            continue;
        };
        let score = share.department_score.map_or_else(|| "未给出，按 0 计".to_owned(), format_fixed2);
        let part = match (evaluation.banks.get(bank).is_some_and(|b| b.is_ranked()), share.share_pct_shown) {
            (false, _) => "占比、金额不适用".to_owned(),
            (true, None) => "无法按比例测算".to_owned(),
            (true, Some(pct)) => match share.amount_shown {
                Some(amount) => format!(
                    "占比 {}%，{} 亿元（共 {} 亿元）",
                    format_fixed2(pct),
                    format_fixed2(amount),
                    fixed(placed.amount)
                ),
                None => format!("占比 {}%", format_fixed2(pct)),
            },
        };
        out.push_str(&format!(
            "  {}（{}得分 {score}）：综合评分 {}，{part}\n",
            fund.name,
            fund.department,
            format_fixed2(share.composite)
        ));
    }
    if let Some(total) = placement.banks.get(bank).and_then(|b| b.total_shown) {
        out.push_str(&format!("  合计存放 {} 亿元\n", format_fixed2(total)));
    }
    out
}
