//! The sticky summary of one bank: total, rank, band, warnings, the public-fund composite, and the
//! year's loan milestones. Every figure is the engine's; the page only writes them out.

use kaoping_engine::{BankResult, LoanTarget};
use rust_decimal::Decimal;
use yew::prelude::*;

use crate::format::{fixed2, maybe, with_unit, Unit};
use crate::hooks::use_scenario;

/// Props of [`Summary`].
#[derive(Properties, PartialEq, Debug)]
pub struct SummaryProps {
    /// The bank's result.
    pub result: BankResult,
}

/// The summary panel; it stays in view while the form scrolls.
#[component]
pub fn Summary(props: &SummaryProps) -> Html {
    let scenario = use_scenario();
    let result = &props.result;
    let ranked = scenario.evaluation.ranked;
    let rank = match result.rank {
        Some(rank) => format!("第 {rank} 名 / {ranked} 家"),
        None => "不参与排名".to_owned(),
    };
    let errors = scenario.error_count();
    let missing: Vec<&str> = result.missing.iter().map(|key| kaoping_engine::field_label(key)).collect();
    html! {
        <aside class={classes!("summary", format!("band-{}", result.band.key()))} aria-label="本行考评结果" id="summary">
            <div class="summary-main">
                <div class="total">
                    <span class="caption">{ "总分" }</span>
                    <span class="value" id="summary-total">{ maybe(result.total, Unit::None) }</span>
                    <span class="unit">{ "分" }</span>
                </div>
                <div class="rank">
                    <span class="caption">{ "排名" }</span>
                    <span class="value" id="summary-rank">{ rank }</span>
                </div>
                <div class="band">
                    <span class="caption">{ "档次" }</span>
                    <span class={classes!("band-chip", format!("band-{}", result.band.key()))} id="summary-band">
                        { result.band.label() }
                    </span>
                </div>
            </div>
            <ul class="alerts">
                if result.interview {
                    <li class="alert" id="summary-interview">{ "⚠ 排名后三位：将被约谈、通报（四(三)）" }</li>
                }
                if result.last_place_twice {
                    <li class="alert" id="summary-last-place">{ "⚠ 连续两年末位：取消财政对公账户（四(三)）" }</li>
                }
                { for result.warnings.iter().filter(|w| !matches!(w, kaoping_engine::Warning::LastPlaceTwice)).map(|w| html! {
                    <li class="warning">{ w.zh() }</li>
                }) }
                if errors > 0 {
                    <li class="warning" id="summary-input-errors">
                        { format!("{errors} 个输入框内容无效，按其上一个有效值计算") }
                    </li>
                }
            </ul>
            <dl class="deposit">
                <div>
                    <dt>{ "公共性资金存放综合得分" }</dt>
                    <dd id="summary-composite">{ fixed2(result.deposit.composite) }</dd>
                </div>
                <div>
                    <dt>{ format!("其中考评结果（{}%）", scenario.scheme.rules.outcomes.evaluation_weight.value.normalize()) }</dt>
                    <dd>{ fixed2(result.deposit.evaluation_points) }</dd>
                </div>
                <div>
                    <dt>{ "存放份额" }</dt>
                    <dd id="summary-share">{ with_unit(result.deposit.share_pct, Unit::Percent) }</dd>
                </div>
            </dl>
            <NextBand result={result.clone()} />
            <Milestones result={result.clone()} />
            if !missing.is_empty() {
                <details class="missing">
                    <summary>{ format!("{} 项数据未填（相应项目记 0 分）", missing.len()) }</summary>
                    <p>{ missing.join("、") }</p>
                </details>
            }
        </aside>
    }
}

/// Props of [`NextBand`].
#[derive(Properties, PartialEq, Debug)]
pub struct NextBandProps {
    /// The bank's result (its rank).
    pub result: BankResult,
}

/// What loan balance would lift the bank into the next better band, all else unchanged: the
/// engine's target solver answers, the page only words it.
#[component]
pub fn NextBand(props: &NextBandProps) -> Html {
    let scenario = use_scenario();
    let scheme = scenario.scheme;
    let bank = props.result.id.clone();
    let rank = props.result.rank;
    // The solver runs about twenty evaluations: worth keeping until the scenario changes.
    let answer = use_memo((scenario.revision, bank.clone(), rank), {
        let working = scenario.scenario.clone();
        move |(_, bank, rank)| {
            let (band, to_rank) = (*rank).and_then(|r| kaoping_engine::next_band(scheme, r))?;
            Some((band, to_rank, kaoping_engine::loans_for_rank(scheme, &working, bank, to_rank)))
        }
    });
    let Some((band, to_rank, target)) = *answer else {
        return Html::default();
    };
    let text = match target {
        LoanTarget::Needs { loans, more } => format!(
            "贷款余额达到 {}（再增 {}）可升至第 {to_rank} 名，进入{}（其他数据不变）",
            with_unit(loans, Unit::Yi),
            with_unit(more, Unit::Yi),
            band.label()
        ),
        LoanTarget::OutOfReach => {
            format!("仅靠增加贷款已无法升至第 {to_rank} 名（{}）：贷款两项加分已封顶", band.label())
        }
        LoanTarget::Reached | LoanTarget::NotRanked => return Html::default(),
    };
    html! { <p class="next-band" id="summary-next-band">{ text }</p> }
}

/// Props of [`Milestones`].
#[derive(Properties, PartialEq, Debug)]
pub struct MilestonesProps {
    /// The bank's result (its loan line).
    pub result: BankResult,
}

/// Progress of the loan increment against 附件1's three tasks: the Q1 开门红 (10%), the task that
/// scores (确保, 15%) and the stretch task (力争, 18%). Only the 15% task scores; bank managers track
/// the other two.
#[component]
pub fn Milestones(props: &MilestonesProps) -> Html {
    let scenario = use_scenario();
    let Some(row) = scenario.scheme.annexes.loans.get(props.result.index) else {
        return Html::default();
    };
    let increment = props.result.figures.loans.increment;
    // The rates come from 附件1 as built in, so next year's annex relabels the bars by itself.
    let rate = |column: &str| {
        scenario
            .scheme
            .annexes
            .table("loans")
            .and_then(|t| t.rate_pct(column))
            .map_or_else(String::new, |r| format!("{}%", r.normalize()))
    };
    let stages = [
        (format!("一季度“开门红”（{}）", rate("q1_task")), row.q1_task, "q1"),
        (format!("确保（{}，计分）", rate("task")), row.task, "task"),
        (format!("力争（{}）", rate("stretch_task")), row.stretch_task, "stretch"),
    ];
    html! {
        <div class="milestones" aria-label="贷款增量任务进度">
            <h3>{ "贷款增量进度" }</h3>
            { for stages.iter().map(|(label, task, key)| {
                let (task, key) = (*task, *key);
                // The share of a task reached, for the bar only; it scores nothing.
                let pct = increment
                    .checked_mul(Decimal::ONE_HUNDRED)
                    .and_then(|x| x.checked_div(task))
                    .filter(|_| task > Decimal::ZERO)
                    .unwrap_or(Decimal::ZERO);
                let width = pct.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
                let reached = task > Decimal::ZERO && increment >= task;
                html! {
                    <div class={classes!("milestone", reached.then_some("reached"))} id={format!("milestone-{key}")}>
                        <div class="milestone-label">
                            <span>{ label }</span>
                            <span>{ format!("{} / {}", with_unit(increment, Unit::Yi), with_unit(task, Unit::Yi)) }</span>
                        </div>
                        <div class="bar" role="progressbar" aria-label={label.clone()}
                            aria-valuemin="0" aria-valuemax="100" aria-valuenow={fixed2(width)}>
                            <span style={format!("width: {}%", fixed2(width))}></span>
                        </div>
                        <div class="milestone-pct">{ if reached { format!("已完成 {}", with_unit(pct, Unit::Percent)) } else { format!("完成 {}", with_unit(pct, Unit::Percent)) } }</div>
                    </div>
                }
            }) }
        </div>
    }
}
