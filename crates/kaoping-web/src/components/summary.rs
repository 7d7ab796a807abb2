//! The sticky summary of one bank: total, rank, band, warnings, the public-fund composite, the loan
//! balance that reaches the next band, the year's loan milestones, the engine's doubts about what was
//! typed and the city figures the items were scored against. Every figure and every sentence with a
//! rule number in it is the engine's; the page only writes them out.
//!
//! On a phone the summary is a compact strip (total, rank, band, share) with a button that unfolds
//! everything else, so that nothing the desktop shows is out of reach; on a desktop and on paper it
//! is always unfolded.

use kaoping_engine::{doubts, next_band_answer, non_default, BankInput, BankResult, Field, Unit, Warning};
use rust_decimal::Decimal;
use yew::prelude::*;

use crate::components::city_averages::{averages, CityAverages};
use crate::components::readings_badge::ReadingsBadge;
use crate::format::{fixed2, maybe, maybe_fixed2, with_unit, NOT_APPLICABLE};
use crate::hooks::use_scenario;
use crate::state::{FieldId, State, Tab};

/// Props of [`Summary`].
#[derive(Properties, PartialEq, Debug)]
pub struct SummaryProps {
    /// The bank's result.
    pub result: BankResult,
}

/// The label of a box whose text is refused, in the page's words: the figure's label, with the
/// bank's short name when it is not the bank shown.
pub fn refused_label(state: &State, id: &FieldId) -> String {
    match id {
        FieldId::Bank(bank, field) if *bank == state.bank => field.label().to_owned(),
        FieldId::Bank(bank, field) => {
            let name =
                state.scheme.banks.iter().find(|b| &b.id == bank).map_or(bank.as_str(), |b| b.short_name.as_str());
            format!("{name}·{}", field.label())
        }
        FieldId::City(field) => field.label().to_owned(),
        FieldId::GreenTarget => "绿色贷款年末考核增速".to_owned(),
    }
}

/// The summary panel; it stays in view while the form scrolls.
#[component]
pub fn Summary(props: &SummaryProps) -> Html {
    let scenario = use_scenario();
    let expanded = use_state(|| false);
    let scheme = scenario.scheme;
    let result = &props.result;
    // A disqualified bank has no rank, band, interview or share: they do not apply, and the page says
    // so rather than showing a false or a zero.
    let ranked = result.is_ranked();
    let rank = match result.rank {
        Some(rank) => format!("第 {rank} 名 / {} 家", scenario.evaluation.ranked),
        None => NOT_APPLICABLE.to_owned(),
    };
    let band = if ranked { result.band.label() } else { NOT_APPLICABLE };
    let share = if ranked { with_unit(result.deposit.share_pct, Unit::Percent) } else { NOT_APPLICABLE.to_owned() };
    let refused: Vec<String> = scenario
        .drafts
        .keys()
        .filter(|id| scenario.error(id).is_some())
        .map(|id| refused_label(&scenario, id))
        .collect();
    let missing: Vec<&str> = result.missing.iter().map(|field| field.label()).collect();
    let input = scenario.scenario.bank(&result.id).cloned().unwrap_or_else(|| BankInput::new(&result.id));
    let doubts = doubts(scheme, &input);
    let mut doubted: Vec<&str> = Vec::new();
    for doubt in &doubts {
        if !doubted.contains(&doubt.field.label()) {
            doubted.push(doubt.field.label());
        }
    }
    let warnings: Vec<&Warning> = result.warnings.iter().filter(|w| !matches!(w, Warning::LastPlaceTwice)).collect();
    let readings = non_default(scheme, &scenario.scenario.settings);
    let onopen_settings = {
        let scenario = scenario.clone();
        Callback::from(move |()| scenario.select_tab(Tab::Settings))
    };
    let ontoggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    // What the folded strip says is behind the button, so that a phone user knows to open it.
    let mut folded = vec![format!("存放份额 {share}")];
    if !doubts.is_empty() {
        folded.push(format!("{} 处待核对", doubts.len()));
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
            <ReadingsBadge id="summary-readings" {readings} onopen={onopen_settings} />
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
                if !refused.is_empty() {
                    <li class="alert" id="summary-input-errors">
                        { format!("{} 个输入框内容无效，按其上一个有效值计算：{}", refused.len(), refused.join("、")) }
                    </li>
                }
            </ul>
            <button type="button" class="summary-toggle" id="summary-toggle" aria-expanded={expanded.to_string()}
                aria-controls="summary-details" onclick={ontoggle}>
                <span class="toggle-label">{ if *expanded { "收起详情" } else { "展开详情" } }</span>
                <span class="toggle-folded">{ folded.join(" · ") }</span>
            </button>
            <div class="summary-details" id="summary-details">
                <ul class="alerts">
                    { for warnings.iter().map(|w| html! {
                        <li class={classes!("warning", matches!(w, Warning::NearTie { .. }).then_some("near-tie"))}>{ w.zh() }</li>
                    }) }
                </ul>
                if !doubts.is_empty() {
                    // The labels only: the engine's words stand beside each box and under 数据核对.
                    <p class="doubts" id="summary-doubts">
                        { format!("⚠ {} 处数字请核对（见输入框旁及“数据核对”）：{}", doubts.len(), doubted.join("、")) }
                    </p>
                }
                <dl class="deposit">
                    <div>
                        <dt>{ "公共性资金存放综合得分" }</dt>
                        <dd id="summary-composite">{ fixed2(result.deposit.composite) }</dd>
                    </div>
                    <div>
                        <dt>{ format!("其中考评结果（{}%）", scheme.rules.outcomes.evaluation_weight.value.normalize()) }</dt>
                        <dd>{ fixed2(result.deposit.evaluation_points) }</dd>
                    </div>
                    <div>
                        <dt>{ "存放份额" }</dt>
                        <dd id="summary-share">{ share }</dd>
                    </div>
                </dl>
                <NextBand bank={result.id.clone()} />
                <Milestones result={result.clone()} />
                <details class="averages-used">
                    <summary>{ "计分使用的全市平均" }</summary>
                    <CityAverages id="summary-averages" averages={averages(scheme, &scenario.evaluation.city)} />
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

/// Props of [`NextBand`].
#[derive(Properties, PartialEq, Debug)]
pub struct NextBandProps {
    /// The bank's id.
    pub bank: String,
}

/// What loan balance would lift the bank into the next better band, all else unchanged: the
/// engine's target solver answers and words it (stating the rank actually reached).
#[component]
pub fn NextBand(props: &NextBandProps) -> Html {
    let scenario = use_scenario();
    // The solver runs about twenty evaluations: worth keeping until the scenario or the bank changes.
    let answer = use_memo((scenario.revision, props.bank.clone()), {
        let scenario = scenario.clone();
        move |(_, bank): &(u64, String)| {
            next_band_answer(scenario.scheme, &scenario.scenario, bank).and_then(|answer| answer.zh())
        }
    });
    match answer.as_ref() {
        Some(text) => html! { <p class="next-band" id="summary-next-band">{ text.clone() }</p> },
        None => Html::default(),
    }
}

/// Props of [`Milestones`].
#[derive(Properties, PartialEq, Debug)]
pub struct MilestonesProps {
    /// The bank's result (its loan line).
    pub result: BankResult,
}

/// Progress of the loan increment against 附件1's three tasks (一季度“开门红”, 确保, 力争), as the
/// engine reports it. Only 确保 scores; bank managers track the other two.
#[component]
pub fn Milestones(props: &MilestonesProps) -> Html {
    let scenario = use_scenario();
    let milestones = scenario.scheme.loan_milestones(props.result.index, &props.result.figures.loans);
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
