//! 目标测算, under 本行测算: a goal and a lever chosen from lists, the engine's answer as the user types,
//! one click to enter it into the scenario (and one to take it back), and four views of the same
//! questions: the margins to the other banks, the value of +1 of each kind of lending, the total
//! against the lever as a chart, and the rivals' assumptions with the distribution of our rank.
//!
//! Every figure and sentence comes from the engine (`solve`, `margins`, `marginal`, `sensitivity`,
//! `Simulation`); the page only lays them out. The simulation runs a few milliseconds at a time
//! between frames, so typing never waits for it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use kaoping_engine::{
    all_levers, marginal, margins, sensitivity_around, solve, Answer, Band, Goal, ItemState, Lever, Outcome,
    RivalLines, Rivals, Scheme, Simulation, SimulationSpec, SimulationSummary,
};
use rust_decimal::Decimal;
use yew::prelude::*;

use crate::components::target_chart::TargetChart;
use crate::format::{fixed2, plain, with_unit};
use crate::hooks::use_scenario;
use crate::state::FieldId;

/// The views below the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    /// 名次安全边际.
    Margins,
    /// 一分的价值.
    Marginal,
    /// 敏感性.
    Chart,
    /// 他行假设与抽样.
    Rivals,
}

impl View {
    const ALL: [View; 4] = [View::Margins, View::Marginal, View::Chart, View::Rivals];

    fn title(self) -> &'static str {
        match self {
            View::Margins => "名次安全边际",
            View::Marginal => "一分的价值",
            View::Chart => "敏感性",
            View::Rivals => "他行假设与抽样",
        }
    }

    fn key(self) -> &'static str {
        match self {
            View::Margins => "margins",
            View::Marginal => "marginal",
            View::Chart => "chart",
            View::Rivals => "rivals",
        }
    }
}

/// The goals in the list, as the engine reads them (`band=outstanding`, …) with its words for them;
/// a goal that needs a figure (`rank<=`, `total>=`, `share>=`, `above=`) takes it from a box beside
/// the list.
fn goal_choices(scheme: &Scheme) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = [Band::Outstanding, Band::Positive, Band::General]
        .into_iter()
        .chain(std::iter::once(Band::Bottom))
        .map(|band| match band {
            Band::Bottom => Goal::NotInterviewed,
            band => Goal::Band(band),
        })
        .map(|goal| (goal.key(), goal.zh(scheme)))
        .collect();
    out.extend(
        [
            ("rank<=", "进入前 N 名"),
            ("total>=", "总分达到……"),
            ("share>=", "存放占比达到……"),
            ("above=", "总分超过某家银行"),
        ]
        .map(|(key, label)| (key.to_owned(), label.to_owned())),
    );
    out
}

/// How long the panel waits after the last change before it asks the engine (each answer scores
/// the scenario tens of times): while someone types, only the summary is worked out again.
const SETTLE_MS: u32 = 150;

/// The value of `compute(deps)`, worked out `SETTLE_MS` after `deps` last changed rather than while
/// the page is drawn: the last value (if any) and whether it is for older `deps`.
#[hook]
fn use_settled<D, T, F>(deps: D, compute: F) -> (Option<Rc<T>>, bool)
where
    D: PartialEq + Clone + 'static,
    T: 'static,
    F: FnOnce(&D) -> T + 'static,
{
    let value = use_state(|| None::<(D, Rc<T>)>);
    {
        let value = value.clone();
        use_effect_with(deps.clone(), move |deps: &D| {
            let deps = deps.clone();
            let pending = Timeout::new(SETTLE_MS, move || {
                let computed = compute(&deps);
                value.set(Some((deps, Rc::new(computed))));
            });
            // A newer change drops the pending one.
            move || drop(pending)
        });
    }
    let stale = !value.as_ref().is_some_and(|(d, _)| *d == deps);
    (value.as_ref().map(|(_, v)| v.clone()), stale)
}

/// Props of [`TargetPanel`].
#[derive(Properties, PartialEq, Debug)]
pub struct TargetPanelProps {
    /// The bank shown on 本行测算.
    pub bank: AttrValue,
}

/// The values an applied answer replaced, to take it back.
#[derive(Debug, Clone, PartialEq)]
struct Applied {
    bank: String,
    /// (field, the box's text before) for each figure entered.
    before: Vec<(kaoping_engine::Field, String)>,
    /// What was entered, in words.
    what: String,
}

/// 目标测算.
#[component]
pub fn TargetPanel(props: &TargetPanelProps) -> Html {
    let scenario = use_scenario();
    let scheme = scenario.scheme;
    let bank = props.bank.to_string();
    let goals = goal_choices(scheme);
    let goal_kind = use_state(|| goals.first().map(|(key, _)| key.clone()).unwrap_or_default());
    let goal_figure = use_state(String::new);
    let lever_key = use_state(|| all_levers().first().map(Lever::key).unwrap_or_default());
    let rivals = use_state(Rivals::default);
    let view = use_state(|| View::Margins);
    let applied = use_state(|| None::<Applied>);

    let goal_text =
        if goal_kind.ends_with('=') { format!("{}{}", *goal_kind, goal_figure.trim()) } else { (*goal_kind).clone() };
    let goal = Goal::parse(&goal_text, scheme);
    let lever = Lever::parse(&lever_key).ok();
    let (answer, answer_stale) =
        use_settled((scenario.revision, bank.clone(), goal.clone().ok(), lever.clone(), *rivals), {
            let scenario = scenario.clone();
            move |(_, bank, goal, lever, rivals): &(u64, String, Option<Goal>, Option<Lever>, Rivals)| {
                let (goal, lever) = (goal.as_ref()?, lever.as_ref()?);
                (*goal != Goal::Above(bank.clone()))
                    .then(|| solve(scenario.scheme, &scenario.scenario, bank, lever, goal, *rivals))
            }
        });
    let answer: Option<Answer> = answer.and_then(|a| (*a).clone());

    let on_goal = {
        let goal_kind = goal_kind.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                goal_kind.set(select.value());
            }
        })
    };
    let on_figure = {
        let goal_figure = goal_figure.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                goal_figure.set(input.value());
            }
        })
    };
    let on_rival_goal = {
        let goal_figure = goal_figure.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                goal_figure.set(select.value());
            }
        })
    };
    let on_lever = {
        let lever_key = lever_key.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                lever_key.set(select.value());
            }
        })
    };
    let on_apply = {
        let (scenario, applied, answer, bank) = (scenario.clone(), applied.clone(), answer.clone(), bank.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(answer) = answer.as_ref() else { return };
            let entries = answer.entries();
            if entries.is_empty() {
                return;
            }
            let before: Vec<_> = entries
                .iter()
                .map(|(field, _)| (*field, scenario.text(&FieldId::Bank(bank.clone(), *field))))
                .collect();
            let what = entries
                .iter()
                .map(|(field, value)| format!("{} {}", field.spec().short, with_unit(*value, field.unit())))
                .collect::<Vec<_>>()
                .join("、");
            for (field, value) in entries {
                scenario.edit_bank(&bank, field, plain(value));
            }
            applied.set(Some(Applied { bank: bank.clone(), before, what }));
        })
    };
    let on_undo = {
        let (scenario, applied) = (scenario.clone(), applied.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(done) = applied.as_ref() {
                for (field, text) in &done.before {
                    scenario.edit_bank(&done.bank, *field, text.clone());
                }
            }
            applied.set(None);
        })
    };

    let figure_box = match goal_kind.as_str() {
        "above=" => html! {
            <select id="target-goal-bank" aria-label="要超过的银行" onchange={on_rival_goal}>
                <option value="" selected={goal_figure.is_empty()}>{ "（选择银行）" }</option>
                { for scheme.banks.iter().filter(|b| b.id != bank).map(|b| html! {
                    <option value={b.id.clone()} selected={*goal_figure == b.id}>{ b.short_name.clone() }</option>
                }) }
            </select>
        },
        kind if kind.ends_with('=') => html! {
            <input type="text" id="target-goal-figure" inputmode="decimal" aria-label="目标数值"
                value={(*goal_figure).clone()} oninput={on_figure} />
        },
        _ => Html::default(),
    };
    let goal_error = match (&goal, goal_kind.ends_with('=') && !goal_figure.trim().is_empty()) {
        (Err(e), true) => Some(e.zh()),
        _ => None,
    };
    let levers = all_levers();
    // An answer for an older scenario is shown dimmed and cannot be entered.
    let answer_html = match answer.as_ref() {
        Some(answer) => {
            answer_view(scheme, answer, answer_stale, (applied.is_none() && !answer_stale).then_some(on_apply))
        }
        None if answer_stale => {
            html! { <p class="target-answer muted" id="target-answer-pending">{ "正在测算……" }</p> }
        }
        None => html! { <p class="target-answer muted" id="target-answer">{ "请选择目标。" }</p> },
    };

    html! {
        <section class="form-section target-panel" id="section-target" aria-labelledby="target-title">
            <h2 id="target-title">{ "目标测算" }</h2>
            <div class="target-controls">
                <label for="target-goal">{ "目标" }</label>
                <select id="target-goal" onchange={on_goal}>
                    { for goals.iter().map(|(key, label)| html! {
                        <option value={key.clone()} selected={*goal_kind == *key}>{ label.clone() }</option>
                    }) }
                </select>
                { figure_box }
                <label for="target-lever">{ "手段" }</label>
                <select id="target-lever" onchange={on_lever}>
                    { for levers.iter().map(|l| html! {
                        <option value={l.key()} selected={*lever_key == l.key()}>{ l.label() }</option>
                    }) }
                </select>
            </div>
            if let Some(message) = goal_error {
                <p class="error" id="target-goal-error">{ message }</p>
            }
            <div aria-live="polite">{ answer_html }</div>
            if let Some(done) = applied.as_ref() {
                <p class="target-applied" id="target-applied">
                    { format!("已填入：{}。", done.what) }
                    <button type="button" id="target-undo" onclick={on_undo}>{ "撤销" }</button>
                </p>
            }
            <div class="target-views" role="tablist" aria-label="目标测算的其他视角">
                { for View::ALL.iter().map(|&v| {
                    let onclick = { let view = view.clone(); Callback::from(move |_: MouseEvent| view.set(v)) };
                    html! {
                        <button type="button" role="tab" id={format!("target-view-{}", v.key())}
                            aria-selected={(*view == v).to_string()} class={classes!((*view == v).then_some("active"))}
                            {onclick}>{ v.title() }</button>
                    }
                }) }
            </div>
            <div role="tabpanel" aria-labelledby={format!("target-view-{}", view.key())}>
                { match *view {
                    View::Margins => html! { <MarginsView bank={bank.clone()} rivals={*rivals} /> },
                    View::Marginal => html! { <MarginalView bank={bank.clone()} rivals={*rivals} /> },
                    View::Chart => html! { <ChartView bank={bank.clone()} rivals={*rivals} lever={lever.clone()}
                        to={answer.as_ref().and_then(|a| a.to())} /> },
                    View::Rivals => html! { <RivalsView bank={bank.clone()} rivals={rivals.clone()} /> },
                } }
            </div>
        </section>
    }
}

/// The solver's answer: its sentence, its notes, and the button that enters it.
fn answer_view(scheme: &Scheme, answer: &Answer, stale: bool, apply: Option<Callback<MouseEvent>>) -> Html {
    let class = match answer.outcome {
        Outcome::Reached => "reached",
        Outcome::Needs { .. } => "needs",
        Outcome::OutOfReach { .. } => "out-of-reach",
        Outcome::NotRanked => "not-ranked",
    };
    html! {
        <div class={classes!("target-answer", class, stale.then_some("stale"))} aria-busy={stale.to_string()}>
            <p id="target-answer">{ answer.zh(scheme) }</p>
            if !answer.notes.is_empty() {
                <ul class="target-notes">
                    { for answer.notes.iter().map(|n| html! { <li>{ n.zh() }</li> }) }
                </ul>
            }
            if let (Outcome::Needs { .. }, Some(onclick)) = (&answer.outcome, apply) {
                <button type="button" id="target-apply" {onclick}>{ "填入本行情景" }</button>
            }
        </div>
    }
}

/// Props of the views.
#[derive(Properties, PartialEq, Debug)]
struct ViewProps {
    bank: AttrValue,
    rivals: Rivals,
}

/// 名次安全边际: every other bank's gap, the lending that changes the order for the neighbours, the
/// band above and the interview line.
#[component]
fn MarginsView(props: &ViewProps) -> Html {
    let scenario = use_scenario();
    let scheme = scenario.scheme;
    let (m, stale) = use_settled((scenario.revision, props.bank.to_string(), props.rivals), {
        let scenario = scenario.clone();
        move |(_, bank, rivals): &(u64, String, Rivals)| {
            margins(scenario.scheme, &scenario.scenario, bank, *rivals, false)
        }
    });
    let Some(m) = m.as_deref().and_then(Option::as_ref) else { return pending() };
    let name = |id: &str| scheme.banks.iter().find(|b| b.id == id).map_or(id.to_owned(), |b| b.short_name.clone());
    html! {
        <div class={classes!("target-margins", stale.then_some("stale"))} aria-busy={stale.to_string()}>
            <table id="target-margins-table">
                <caption>{ format!("本行目前：{}", m.now.zh()) }</caption>
                <thead><tr>
                    <th scope="col">{ "名次" }</th><th scope="col">{ "银行" }</th><th scope="col">{ "总分" }</th>
                    <th scope="col">{ "与本行分差" }</th><th scope="col">{ "改变先后所需增贷" }</th>
                </tr></thead>
                <tbody>
                    if m.just_above.is_none() { { ours_row(scheme, &m.bank, &m.now) } }
                    { for m.rivals.iter().map(|r| {
                        let lending = r.lending.as_ref().map(|a| match (a.more(), r.is_above()) {
                            (Some(more), true) => format!("本行再增 {}", with_unit(more, kaoping_engine::Unit::Yi)),
                            (Some(more), false) => format!("它再增 {}", with_unit(more, kaoping_engine::Unit::Yi)),
                            (None, true) => "本行仅靠增贷无法超过".to_owned(),
                            (None, false) => "它仅靠增贷无法超过本行".to_owned(),
                        }).unwrap_or_default();
                        let neighbour = Some(&r.id) == m.just_above.as_ref() || Some(&r.id) == m.just_below.as_ref();
                        let ours_next = Some(&r.id) == m.just_above.as_ref();
                        html! {
                            <>
                                <tr class={classes!(neighbour.then_some("neighbour"))}>
                                    <td>{ r.standing.rank.map_or_else(|| "—".to_owned(), |x| x.to_string()) }</td>
                                    <th scope="row">{ name(&r.id) }</th>
                                    <td class="num">{ r.standing.total.map_or_else(|| "—".to_owned(), fixed2) }</td>
                                    <td class="num">{ signed(r.gap) }</td>
                                    <td>{ lending }</td>
                                </tr>
                                if ours_next { { ours_row(scheme, &m.bank, &m.now) } }
                            </>
                        }
                    }) }
                </tbody>
            </table>
            { for m.lines_zh(scheme).into_iter().map(|line| html! { <p class="target-line">{ line }</p> }) }
            { for m.notes.iter().map(|n| html! { <p class="note">{ n.zh() }</p> }) }
        </div>
    }
}

/// Our own row of the margins table, between the banks above and below.
fn ours_row(scheme: &Scheme, bank: &str, now: &kaoping_engine::Standing) -> Html {
    let name = scheme.banks.iter().find(|b| b.id == bank).map_or(bank.to_owned(), |b| b.short_name.clone());
    html! {
        <tr class="ours" id="target-margins-ours">
            <td>{ now.rank.map_or_else(|| "—".to_owned(), |x| x.to_string()) }</td>
            <th scope="row">{ format!("{name}（本行）") }</th>
            <td class="num">{ now.total.map_or_else(|| "—".to_owned(), fixed2) }</td>
            <td class="num">{ "—" }</td>
            <td></td>
        </tr>
    }
}

/// What a view shows until its first figures arrive.
fn pending() -> Html {
    html! { <p class="muted" aria-busy="true">{ "正在测算……" }</p> }
}

/// A difference with its sign: `+0.86`, `-0.26`, `0.00`.
fn signed(value: Decimal) -> String {
    if value > Decimal::ZERO {
        format!("+{}", fixed2(value))
    } else {
        fixed2(value)
    }
}

/// 一分的价值: points and deposit share per unit of each lever.
#[component]
fn MarginalView(props: &ViewProps) -> Html {
    let scenario = use_scenario();
    let (table, stale) = use_settled((scenario.revision, props.bank.to_string(), props.rivals), {
        let scenario = scenario.clone();
        move |(_, bank, rivals): &(u64, String, Rivals)| marginal(scenario.scheme, &scenario.scenario, bank, *rivals)
    });
    let Some(table) = table.as_deref().and_then(Option::as_ref) else { return pending() };
    html! {
        <table class={classes!("target-marginal", stale.then_some("stale"))} id="target-marginal-table"
            aria-busy={stale.to_string()}>
            <caption>{ "再投放一个单位（一亿元，或一户、一单）的得分与存放占比变化" }</caption>
            <thead><tr>
                <th scope="col">{ "手段" }</th><th scope="col">{ "每单位加分" }</th>
                <th scope="col">{ "存放占比（百分点）" }</th><th scope="col">{ "说明" }</th>
            </tr></thead>
            <tbody>
                { for table.rows.iter().map(|row| {
                    let states: Vec<String> = row.items.iter()
                        .filter(|e| e.state != ItemState::Open)
                        .map(|e| format!("{}：{}", e.item.title(), e.state.zh()))
                        .collect();
                    html! {
                        <tr>
                            <th scope="row">{ row.label.clone() }<span class="unit">{ format!("（{}）", row.lever.unit().symbol()) }</span></th>
                            <td class="num">{ signed(row.points) }</td>
                            <td class="num">{ signed(row.share_pp) }</td>
                            <td class="note">{ states.join("；") }{ if row.starts_at_zero { "（未填写，按 0 起算）" } else { "" } }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

/// Props of [`ChartView`].
#[derive(Properties, PartialEq, Debug)]
struct ChartProps {
    bank: AttrValue,
    rivals: Rivals,
    lever: Option<Lever>,
    /// The answer's figure, when one is needed: the range reaches past it.
    to: Option<Decimal>,
}

/// 敏感性: total and rank against the chosen lever.
#[component]
fn ChartView(props: &ChartProps) -> Html {
    let scenario = use_scenario();
    let (curve, stale) =
        use_settled((scenario.revision, props.bank.to_string(), props.rivals, props.lever.clone(), props.to), {
            let scenario = scenario.clone();
            move |(_, bank, rivals, lever, to): &(u64, String, Rivals, Option<Lever>, Option<Decimal>)| {
                let lever = lever.as_ref()?;
                sensitivity_around(scenario.scheme, &scenario.scenario, bank, lever, *rivals, *to, 41)
            }
        });
    match curve.as_deref() {
        Some(Some(curve)) => html! {
            <div class={classes!(stale.then_some("stale"))} aria-busy={stale.to_string()}>
                <TargetChart curve={curve.clone()} />
            </div>
        },
        Some(None) => html! { <p class="muted">{ "请选择手段。" }</p> },
        None => pending(),
    }
}

/// Props of [`RivalsView`].
#[derive(Properties, PartialEq, Debug)]
struct RivalsProps {
    bank: AttrValue,
    rivals: UseStateHandle<Rivals>,
}

/// 他行假设与抽样: what to assume about the other banks, and where we land when their lending is
/// drawn around it.
#[component]
fn RivalsView(props: &RivalsProps) -> Html {
    let scenario = use_scenario();
    let scheme = scenario.scheme;
    let rivals = props.rivals.clone();
    let above_text = use_state(|| match rivals.lines {
        RivalLines::AboveTask(k) => plain(k),
        RivalLines::OnTask => String::new(),
    });
    let spread = use_state(|| "3".to_owned());
    let draws = use_state(|| "1000".to_owned());
    let seed = use_state(|| "1".to_owned());
    let summary = use_state(|| None::<(SimulationSummary, u32)>);
    let entered_too = use_state(|| false);
    let on_entered_too = {
        let entered_too = entered_too.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                entered_too.set(input.checked());
            }
        })
    };

    let on_lines = {
        let (rivals, above_text) = (rivals.clone(), above_text.clone());
        Callback::from(move |e: Event| {
            let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else { return };
            let lines = if select.value() != "on-task" {
                Rivals::parse_lines(&format!("above:{}", above_text.trim()))
                    .unwrap_or(RivalLines::AboveTask(Decimal::ZERO))
            } else {
                RivalLines::OnTask
            };
            rivals.set(Rivals { lines, ..*rivals });
        })
    };
    let on_above = {
        let (rivals, above_text) = (rivals.clone(), above_text.clone());
        Callback::from(move |e: InputEvent| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
            above_text.set(input.value());
            if let Ok(lines) = Rivals::parse_lines(&format!("above:{}", input.value().trim())) {
                rivals.set(Rivals { lines, ..*rivals });
            }
        })
    };
    let on_unentered = {
        let rivals = rivals.clone();
        Callback::from(move |e: Event| {
            let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else { return };
            if let Ok(unentered) = Rivals::parse_unentered(&select.value()) {
                rivals.set(Rivals { unentered, ..*rivals });
            }
        })
    };
    let text_box = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                state.set(input.value());
            }
        })
    };
    let spec = (|| {
        let spread = kaoping_engine::parse_exact(spread.trim()).ok()?;
        SimulationSpec::new(spread, draws.trim().parse().ok()?, seed.trim().parse().ok()?, *entered_too).ok()
    })();

    // The simulation runs in slices of a few milliseconds, each after the browser has drawn; a change
    // of anything it depends on drops the run and starts again.
    {
        let summary = summary.clone();
        let snapshot = scenario.scenario.clone();
        use_effect_with((scenario.revision, props.bank.to_string(), *rivals, spec), move |(_, bank, rivals, spec)| {
            let stopped = Rc::new(Cell::new(false));
            summary.set(None);
            let (bank, rivals, spec, flag) = (bank.clone(), *rivals, *spec, stopped.clone());
            // Started once the changes settle, like the answers.
            let pending = Timeout::new(SETTLE_MS, move || {
                let Some(spec) = spec else { return };
                if let Some(simulation) = Simulation::new(scheme, &snapshot, &bank, rivals, spec) {
                    slice(Rc::new(RefCell::new(simulation)), spec.draws, flag, summary);
                }
            });
            move || {
                stopped.set(true);
                drop(pending);
            }
        });
    }

    html! {
        <div class="target-rivals">
            <p class="note">{ "他行没有填写的数据如何估计。这些假设只用于目标测算，不写入情景文件。" }</p>
            <div class="target-controls">
                <label for="target-rival-lines">{ "他行未填的贷款余额" }</label>
                <select id="target-rival-lines" onchange={on_lines}>
                    { for Rivals::lines_choices().into_iter().map(|(key, label)| html! {
                        <option value={key} selected={rivals.lines_key() == key}>{ label }</option>
                    }) }
                </select>
                if matches!(rivals.lines, RivalLines::AboveTask(_)) {
                    <input type="text" id="target-rival-above" inputmode="decimal" aria-label="K（%）"
                        value={(*above_text).clone()} oninput={on_above} />
                }
                <label for="target-rival-unentered">{ "他行未填的其他项目" }</label>
                <select id="target-rival-unentered" onchange={on_unentered}>
                    { for Rivals::unentered_choices().into_iter().map(|(key, label)| html! {
                        <option value={key} selected={rivals.unentered_key() == key}>{ label }</option>
                    }) }
                </select>
            </div>
            <p class="target-line">{ format!("目前的假设：{}", rivals.zh()) }</p>
            <h3>{ "抽样：他行贷款增速在假设上下浮动" }</h3>
            <div class="target-controls">
                <label for="target-spread">{ "浮动（± 个百分点）" }</label>
                <input type="text" id="target-spread" inputmode="decimal" value={(*spread).clone()} oninput={text_box(&spread)} />
                <label for="target-draws">{ "次数" }</label>
                <input type="text" id="target-draws" inputmode="numeric" value={(*draws).clone()} oninput={text_box(&draws)} />
                <label for="target-seed">{ "种子" }</label>
                <input type="text" id="target-seed" inputmode="numeric" value={(*seed).clone()} oninput={text_box(&seed)} />
                <input type="checkbox" id="target-entered-too" checked={*entered_too} onchange={on_entered_too} />
                <label for="target-entered-too">{ "他行已填的贷款余额也围绕所填数字浮动" }</label>
            </div>
            { match (spec, summary.as_ref()) {
                (None, _) => html! { <p class="error">{ "浮动须为不超过一百的非负数（最多两位小数），次数为不超过十万的正整数，种子为非负整数。" }</p> },
                (Some(_), None) => html! { <p class="muted" id="target-simulation">{ "正在抽样……" }</p> },
                (Some(spec), Some((s, _))) => simulation_view(scheme, s, spec.draws),
            } }
        </div>
    }
}

/// Runs a few milliseconds of draws, shows what they say, and asks for the next slice after the
/// browser has had a turn.
fn slice(
    run: Rc<RefCell<Simulation<'static>>>,
    total: u32,
    stopped: Rc<Cell<bool>>,
    summary: UseStateHandle<Option<(SimulationSummary, u32)>>,
) {
    Timeout::new(0, move || {
        if stopped.get() {
            return;
        }
        let started = js_sys::Date::now();
        let finished = {
            let mut simulation = run.borrow_mut();
            let mut finished = false;
            // About a frame's worth of work, then let the page draw and take keystrokes.
            while !finished && js_sys::Date::now() - started < 12.0 {
                finished = simulation.run(1);
            }
            summary.set(Some((simulation.summary(), total)));
            finished
        };
        if !finished {
            slice(run, total, stopped, summary);
        }
    })
    .forget();
}

fn simulation_view(scheme: &Scheme, s: &SimulationSummary, total: u32) -> Html {
    let done = s.draws;
    html! {
        <div class="target-simulation" id="target-simulation" aria-busy={(done < total).to_string()}>
            <p id="target-simulation-summary">{ s.zh(scheme) }</p>
            if done < total {
                <p class="muted">{ format!("已抽样 {done} / {total}") }</p>
            }
            if s.lines_drawn == 0 {
                <p class="note">{ "他行的贷款余额都已填写，没有可抽样的数据。" }</p>
            }
            <table class="target-distribution">
                <caption class="sr-only">{ "名次分布" }</caption>
                <thead><tr><th scope="col">{ "名次" }</th><th scope="col">{ "占抽样次数" }</th></tr></thead>
                <tbody>
                    { for s.rank_counts.iter().map(|(rank, count)| {
                        let pct = s.percent(*count);
                        html! {
                            <tr>
                                <th scope="row">{ format!("第 {rank} 名") }</th>
                                <td><span class="bar" style={format!("width: {}%", fixed2(pct))}></span>
                                    <span class="num">{ format!("{}%", fixed2(pct)) }</span></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <p class="note">{ format!("进入贡献突出单位 {}%，贡献积极单位及以上 {}%", fixed2(s.at_least(Band::Outstanding)), fixed2(s.at_least(Band::Positive))) }</p>
            { for s.notes.iter().map(|n| html! { <p class="note">{ n.zh() }</p> }) }
        </div>
    }
}
