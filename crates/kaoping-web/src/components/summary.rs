//! The summary of one bank: total, rank, band, warnings, the public-fund composite, the loan balance
//! that reaches the next band, the year's loan milestones, the engine's doubts about what was typed
//! and the city figures the items were scored against. Every figure and every sentence with a rule
//! number in it is the engine's; the page only writes them out.
//!
//! On a phone the summary is a compact strip (total, rank, band, share) with a button that unfolds
//! everything else and a link to 目标测算; unfolded, it no longer sticks to the top of the screen, so it
//! never covers the form. On a desktop and on paper it is always unfolded.

use std::rc::Rc;

use kaoping_engine::{format_shown as shown, Doubt, Evaluation, Field, Line, Placement, Unit, Warning};
use rust_decimal::Decimal;
use yew::prelude::*;

use crate::components::city_averages::{averages, CityAverages};
use crate::components::readings_badge::ReadingsBadge;
use crate::components::skip_link::focus_target_panel;
use crate::components::SchemeRef;
use crate::format::{fixed2, maybe, maybe_fixed2, with_unit, NOT_APPLICABLE};

/// Props of [`Summary`].
#[derive(Properties, PartialEq, Debug)]
pub struct SummaryProps {
    /// The scheme.
    pub scheme: SchemeRef,
    /// The evaluation (the bank's result, how many banks are ranked, the city figures).
    pub evaluation: Rc<Evaluation>,
    /// The public funds placed (四(四)): the bank's share and amount of each.
    pub placement: Rc<Placement>,
    /// The bank shown, by index in the scheme.
    pub index: usize,
    /// The engine's doubts about the bank's typed figures.
    pub doubts: Rc<Vec<Doubt>>,
    /// The labels of the boxes whose text is refused.
    pub refused: Rc<Vec<String>>,
    /// The readings in force that are not the default, in the engine's words.
    pub non_default: Rc<Vec<String>>,
    /// The loan balance that reaches the next band, in the engine's words (`None`: nothing to say).
    pub next_band: Option<AttrValue>,
    /// Whether [`SummaryProps::next_band`] is for the figures before the last change (shown dimmed
    /// until typing settles).
    pub next_band_stale: bool,
    /// Show 规则与设置 (the badge of non-default readings).
    pub onopen_settings: Callback<()>,
}

/// The summary panel; it stays in view while the form scrolls.
#[component]
pub fn Summary(props: &SummaryProps) -> Html {
    let expanded = use_state(|| false);
    let scheme = props.scheme;
    let Some(result) = props.evaluation.banks.get(props.index) else { return Html::default() };
    // A disqualified bank has no rank, band, interview or share: they do not apply, and the page says
    // so rather than showing a false or a zero.
    let ranked = result.is_ranked();
    let rank = match result.rank {
        Some(rank) => format!("第 {rank} 名 / {} 家", props.evaluation.ranked),
        None => NOT_APPLICABLE.to_owned(),
    };
    let band = if ranked { result.band.label() } else { NOT_APPLICABLE };
    let share = if ranked { with_unit(result.deposit.share_pct, Unit::Percent) } else { NOT_APPLICABLE.to_owned() };
    let missing: Vec<&str> = result.missing.iter().map(|field| field.label()).collect();
    let mut doubted: Vec<&str> = Vec::new();
    for doubt in props.doubts.iter() {
        if !doubted.contains(&doubt.field.label()) {
            doubted.push(doubt.field.label());
        }
    }
    let warnings: Vec<&Warning> = result.warnings.iter().filter(|w| !matches!(w, Warning::LastPlaceTwice)).collect();
    let ontoggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let ontarget = {
        let expanded = expanded.clone();
        Callback::from(move |event: MouseEvent| {
            // Folded again, so that the strip does not cover the panel it leads to.
            expanded.set(false);
            if focus_target_panel() {
                event.prevent_default();
            }
        })
    };
    // What the folded strip says is behind the button, so that a phone user knows to open it.
    let mut folded = vec![format!("存放份额 {share}")];
    if !props.doubts.is_empty() {
        folded.push(format!("{} 处待核对", props.doubts.len()));
    }
    if !warnings.is_empty() {
        folded.push(format!("{} 条提醒", warnings.len()));
    }
    if !missing.is_empty() {
        folded.push(format!("{} 项未填", missing.len()));
    }
    html! {
        <aside class={classes!("summary", format!("band-{}", result.band.key()), expanded.then_some("expanded"))}
            aria-label="本行考评结果" id="summary">
            <ReadingsBadge id="summary-readings" readings={props.non_default.clone()} onopen={props.onopen_settings.clone()} />
            <div class="summary-main">
                <div class="total">
                    <span class="caption">{ "总分" }</span>
                    <span class="total-figure">
                        <span class="value" id="summary-total">{ maybe_fixed2(result.total) }</span>
                        <span class="unit">{ Unit::Fen.symbol() }</span>
                    </span>
                </div>
                <div class="rank">
                    <span class="caption">{ "排名" }</span>
                    <span class="value" id="summary-rank">{ rank }</span>
                </div>
                <div class="band">
                    <span class="caption">{ "档次" }</span>
                    <span class={classes!("band-chip", format!("band-{}", result.band.key()))} id="summary-band">
                        { band }
                    </span>
                </div>
            </div>
            <ul class="alerts">
                if result.interview {
                    <li class="alert" id="summary-interview">{ format!("⚠ {}", scheme.rules.interview_text()) }</li>
                } else if !ranked {
                    <li class="not-applicable" id="summary-interview">{ format!("约谈、通报：{NOT_APPLICABLE}") }</li>
                }
                if result.last_place_twice {
                    <li class="alert" id="summary-last-place">{ format!("⚠ {}", scheme.rules.last_place_text()) }</li>
                }
                if !props.refused.is_empty() {
                    <li class="alert" id="summary-input-errors">
                        { format!("{} 个输入框内容无效，按其上一个有效值计算：{}", props.refused.len(), props.refused.join("、")) }
                    </li>
                }
            </ul>
            <div class="summary-actions">
                <button type="button" class="summary-toggle" id="summary-toggle" aria-expanded={expanded.to_string()}
                    aria-controls="summary-details" onclick={ontoggle}>
                    <span class="toggle-label">{ if *expanded { "收起详情" } else { "展开详情" } }</span>
                    <span class="toggle-folded">{ folded.join(" · ") }</span>
                </button>
                <a class="summary-target-link" id="summary-target-link" href="#section-target" onclick={ontarget}>
                    { "目标测算" }
                </a>
            </div>
            <div class="summary-details" id="summary-details">
                <ul class="alerts">
                    { for warnings.iter().map(|w| html! {
                        <li class={classes!("warning", matches!(w, Warning::NearTie { .. }).then_some("near-tie"))}>{ w.zh() }</li>
                    }) }
                </ul>
                if !props.doubts.is_empty() {
                    // The labels only: the engine's words stand beside each box and under 数据核对.
                    <p class="doubts" id="summary-doubts">
                        { format!("⚠ {} 处数字请核对（见输入框旁及“数据核对”）：{}", props.doubts.len(), doubted.join("、")) }
                    </p>
                }
                <dl class="deposit">
                    <div>
                        <dt>{ "公共性资金存放综合得分" }</dt>
                        <dd id="summary-composite">{ fixed2(result.deposit.composite) }</dd>
                    </div>
                    <div>
                        <dt>{ format!("其中{}", scheme.rules.evaluation_part_text()) }</dt>
                        <dd>{ fixed2(result.deposit.evaluation_points) }</dd>
                    </div>
                    <div>
                        <dt>{ "存放份额" }</dt>
                        <dd id="summary-share">{ share }</dd>
                    </div>
                </dl>
                if ranked {
                    <ul class="fund-shares" id="summary-funds" aria-label="各项资金存放测算">
                        { for scheme.rules.outcomes.funds.iter().zip(props.placement.funds.iter()).map(|(fund, placed)| {
                            let share = placed.banks.get(props.index);
                            let pct = share.and_then(|s| s.share_pct_shown).map_or_else(|| "—".to_owned(), |v| format!("{}%", shown(v)));
                            let amount = share.and_then(|s| s.amount_shown).map(|v| format!("，{} 亿元", shown(v))).unwrap_or_default();
                            html! { <li id={format!("summary-fund-{}", fund.id)}>{ format!("{}：{pct}{amount}", fund.short) }</li> }
                        }) }
                    </ul>
                }
                if let Some(text) = &props.next_band {
                    <p class={classes!("next-band", props.next_band_stale.then_some("stale"))} id="summary-next-band"
                        aria-busy={props.next_band_stale.to_string()}>{ text.clone() }</p>
                }
                { milestones(scheme, result.index, &result.figures.loans) }
                <details class="averages-used">
                    <summary>{ "计分使用的全市平均" }</summary>
                    <CityAverages id="summary-averages" averages={averages(&scheme, &props.evaluation.city)} />
                </details>
                if !missing.is_empty() {
                    <details class="missing" id="summary-missing">
                        <summary>{ format!("{} 项数据未填（相应项目不得分）", missing.len()) }</summary>
                        <p id="summary-missing-list">{ missing.join("、") }</p>
                    </details>
                }
            </div>
        </aside>
    }
}

/// Progress of the loan increment against 附件1's three tasks (一季度“开门红”, 确保, 力争), as the
/// engine reports it. Only 确保 scores; bank managers track the other two. A function rather than a
/// component: the summary is drawn on every change anyway, and a component of its own would be code of
/// its own in the page's first load.
fn milestones(scheme: SchemeRef, index: usize, loans: &Line) -> Html {
    let milestones = scheme.loan_milestones(index, loans);
    if milestones.is_empty() {
        return Html::default();
    }
    let unit = Field::Loans.unit();
    html! {
        <div class="milestones" role="group" aria-label="贷款增量任务进度">
            // The summary comes before the form's sections (h2), so its heading is an h2 too.
            <h2 class="milestones-title">{ "贷款增量进度" }</h2>
            { for milestones.iter().map(|milestone| {
                let progress = milestone.progress;
                // The bar is the engine's completion, kept within the bar.
                let width = progress.completion_pct.unwrap_or(Decimal::ZERO).clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
                let completion = maybe(progress.completion_pct, Unit::Percent);
                html! {
                    <div class={classes!("milestone", progress.reached.then_some("reached"), milestone.scores.then_some("scores"))}
                        id={format!("milestone-{}", milestone.key)}>
                        <div class="milestone-label">
                            <span>{ milestone.label.clone() }</span>
                            <span>{ format!("{} / {}", with_unit(progress.achieved, unit), with_unit(progress.task, unit)) }</span>
                        </div>
                        <div class="bar" role="progressbar" aria-label={milestone.label.clone()}
                            aria-valuemin="0" aria-valuemax="100" aria-valuenow={fixed2(width)}>
                            <span style={format!("width: {}%", fixed2(width))}></span>
                        </div>
                        <div class="milestone-pct">
                            { if progress.reached { format!("已完成 {completion}") } else { format!("完成 {completion}") } }
                        </div>
                    </div>
                }
            }) }
        </div>
    }
}
