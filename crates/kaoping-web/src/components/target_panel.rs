//! 目标测算, under 本行测算: a goal and a lever chosen from lists, the engine's answer once typing
//! settles, one click to enter it into the scenario (and one to take it back), and four views of the
//! same questions: the margins to the other banks, the value of +1 of each kind of lending, the total
//! against the lever as a chart, and the rivals' assumptions with the distribution of our rank.
//!
//! Every figure and sentence comes from the engine, worked out by the reducer (`kaoping_app::target`)
//! once typing settles; the simulation is drawn in slices by the page. This panel only lays them out;
//! an answer for older figures is shown dimmed and cannot be entered.

use std::rc::Rc;

use kaoping_app::target::{SimulationRun, Target, TargetAction, TargetView, ViewAnswer};
use kaoping_app::Action;
use kaoping_engine::{
    all_levers, Answer, GoalFigure, GoalForm, ItemState, Marginal, Margins, Outcome, RivalLines, Rivals, SimulationSpec,
};
use rust_decimal::Decimal;
use yew::prelude::*;

use crate::components::target_chart::TargetChart;
use crate::components::SchemeRef;
use crate::format::fixed2;

/// Props of [`TargetPanel`].
#[derive(Properties, PartialEq, Debug)]
pub struct TargetPanelProps {
    /// The scheme.
    pub scheme: SchemeRef,
    /// The bank shown on 本行测算.
    pub bank: AttrValue,
    /// Whether the answers are for other figures than the document's now (typing has not settled):
    /// a flag rather than the revision, so that the panel is not drawn again on every keystroke.
    pub stale: bool,
    /// What is asked and answered.
    pub target: Rc<Target>,
    /// Changes the state.
    pub dispatch: Callback<Action>,
}

/// A callback that sends a change of 目标测算 made from an event.
fn target_change<E: 'static>(
    dispatch: &Callback<Action>,
    read: impl Fn(E) -> Option<TargetAction> + 'static,
) -> Callback<E> {
    let dispatch = dispatch.clone();
    Callback::from(move |event: E| {
        if let Some(change) = read(event) {
            dispatch.emit(Action::Target(change));
        }
    })
}

/// The value of a list that changed.
fn selected(event: Event) -> Option<String> {
    event.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value())
}

/// The text of a box typed into.
fn typed(event: InputEvent) -> Option<String> {
    event.target_dyn_into::<web_sys::HtmlInputElement>().map(|i| i.value())
}

/// 目标测算.
#[component]
pub fn TargetPanel(props: &TargetPanelProps) -> Html {
    let scheme = props.scheme;
    let target = &props.target;
    let inputs = &target.inputs;
    let bank = props.bank.to_string();
    let answers = target.answers.as_ref();
    let stale = props.stale;
    let answer: Option<&Answer> = answers.and_then(|a| a.answer.as_deref());
    // Every form of this scheme, a share and an amount of each public fund among them (四(四)).
    let forms = GoalForm::all(&scheme);
    let on_goal = target_change(&props.dispatch, move |e: Event| {
        let key = selected(e)?;
        GoalForm::all(&scheme).into_iter().find(|form| form.key(&scheme) == key).map(TargetAction::Goal)
    });
    let on_figure = target_change(&props.dispatch, |e: InputEvent| typed(e).map(TargetAction::GoalFigure));
    let on_rival_goal = target_change(&props.dispatch, |e: Event| selected(e).map(TargetAction::GoalFigure));
    let on_lever = target_change(&props.dispatch, |e: Event| selected(e).map(TargetAction::Lever));
    let on_apply = props.dispatch.reform(|_: MouseEvent| Action::ApplyAnswer);
    let on_undo = props.dispatch.reform(|_: MouseEvent| Action::UndoAnswer);

    // The box beside the list, labelled by the engine (名次, 总分, 存放占比（%）, 要超过的银行).
    let figure_label = inputs.goal.figure_label().unwrap_or_default();
    let figure_box = match inputs.goal.figure() {
        Some(GoalFigure::Bank) => html! {
            <>
                <label for="target-goal-bank" class="sr-only">{ figure_label }</label>
                <select id="target-goal-bank" onchange={on_rival_goal}>
                    <option value="" selected={inputs.goal_figure.is_empty()}>{ "（选择银行）" }</option>
                    { for scheme.banks.iter().filter(|b| b.id != bank).map(|b| html! {
                        <option value={b.id.clone()} selected={inputs.goal_figure == b.id}>{ b.short_name.clone() }</option>
                    }) }
                </select>
            </>
        },
        Some(_) => html! {
            <>
                <label for="target-goal-figure">{ figure_label }</label>
                <input type="text" id="target-goal-figure" inputmode="decimal"
                    value={inputs.goal_figure.clone()} oninput={on_figure} />
            </>
        },
        None => Html::default(),
    };
    let goal_error = inputs.goal_error(&scheme);
    let applied = target.applied.as_ref().filter(|a| a.bank == bank);
    // An answer for older figures is shown dimmed and cannot be entered.
    let can_apply = applied.is_none() && !stale && answer.is_some_and(|a| matches!(a.outcome, Outcome::Needs { .. }));
    let answer_html = match answer {
        Some(answer) => answer_view(&scheme, answer, stale),
        None if stale => html! { <p class="target-answer muted" id="target-answer-pending">{ "正在测算……" }</p> },
        None => html! { <p class="target-answer muted" id="target-answer">{ "请选择目标。" }</p> },
    };
    let view_answer = answers.filter(|a| a.key.view == inputs.view).map(|a| a.view.clone());

    html! {
        <section class="form-section target-panel" id="section-target" aria-labelledby="target-title">
            <h2 id="target-title" tabindex="-1">{ "目标测算" }</h2>
            <div class="target-controls">
                <label for="target-goal">{ "目标" }</label>
                <select id="target-goal" onchange={on_goal}>
                    { for forms.iter().map(|form| html! {
                        <option value={form.key(&scheme)} selected={inputs.goal == *form}>{ form.label(&scheme) }</option>
                    }) }
                </select>
                { figure_box }
                <label for="target-lever">{ "手段" }</label>
                <select id="target-lever" onchange={on_lever}>
                    { for all_levers().iter().map(|l| html! {
                        <option value={l.key()} selected={inputs.lever == l.key()}>{ l.label() }</option>
                    }) }
                </select>
            </div>
            if let Some(message) = goal_error {
                <p class="error" id="target-goal-error">{ message }</p>
            }
            // Not a live region: the main result is what is announced as typing pauses.
            <div class="target-answer-slot">{ answer_html }</div>
            if let Some(done) = applied {
                <p class="target-applied" id="target-applied">{ format!("已填入：{}。", done.what) }</p>
            }
            // 填入本行情景 and 撤销 are one button in one place, so that the keyboard focus stays on it when
            // pressing one puts the other there (two buttons, the focus would fall back to the page).
            if applied.is_some() {
                <button type="button" id="target-undo" onclick={on_undo}>{ "撤销" }</button>
            } else if can_apply {
                <button type="button" id="target-apply" onclick={on_apply}>{ "填入本行情景" }</button>
            }
            <div class="target-views" role="tablist" aria-label="目标测算的其他视角">
                { for TargetView::ALL.iter().map(|&v| {
                    let onclick = props.dispatch.reform(move |_: MouseEvent| Action::Target(TargetAction::View(v)));
                    html! {
                        <button type="button" role="tab" id={format!("target-view-{}", v.key())}
                            aria-selected={(inputs.view == v).to_string()} class={classes!((inputs.view == v).then_some("active"))}
                            {onclick}>{ v.title() }</button>
                    }
                }) }
            </div>
            <div role="tabpanel" aria-labelledby={format!("target-view-{}", inputs.view.key())}>
                { match (inputs.view, view_answer.as_deref()) {
                    (TargetView::Rivals, _) => html! {
                        <RivalsView {scheme} rivals={inputs.rivals} rival_k={inputs.rival_k.clone()}
                            spread={inputs.spread.clone()} draws={inputs.draws.clone()} seed={inputs.seed.clone()}
                            entered_too={inputs.entered_too} invalid={inputs.simulation().err().map(AttrValue::from)}
                            simulation={target.simulation.clone()} dispatch={props.dispatch.clone()} />
                    },
                    (_, Some(ViewAnswer::Margins(Some(m)))) => margins_view(&scheme, m, stale),
                    (_, Some(ViewAnswer::Marginal(Some(table)))) => marginal_view(table, stale),
                    (_, Some(ViewAnswer::Chart(Some(curve)))) => html! {
                        <div class={classes!(stale.then_some("stale"))} aria-busy={stale.to_string()}>
                            <TargetChart curve={curve.clone()} />
                        </div>
                    },
                    (TargetView::Chart, Some(ViewAnswer::Chart(None))) => html! { <p class="muted">{ "请选择手段。" }</p> },
                    _ => pending(),
                } }
            </div>
        </section>
    }
}

/// The solver's answer: its sentence, its notes, and the button that enters it.
fn answer_view(scheme: &SchemeRef, answer: &Answer, stale: bool) -> Html {
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
        </div>
    }
}

/// 名次安全边际: every other bank's gap, the lending that changes the order for the neighbours, the
/// band above and the interview line.
fn margins_view(scheme: &SchemeRef, m: &Margins, stale: bool) -> Html {
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
                        let lending = r.lending_zh().unwrap_or_default();
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
fn ours_row(scheme: &SchemeRef, bank: &str, now: &kaoping_engine::Standing) -> Html {
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
fn marginal_view(table: &Marginal, stale: bool) -> Html {
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

/// Props of [`RivalsView`].
#[derive(Properties, PartialEq, Debug)]
struct RivalsProps {
    scheme: SchemeRef,
    /// The assumptions in force.
    rivals: Rivals,
    /// The K of `above:K` as typed.
    rival_k: AttrValue,
    /// The simulation's settings as typed.
    spread: AttrValue,
    draws: AttrValue,
    seed: AttrValue,
    entered_too: bool,
    /// Why the settings cannot be read (the engine's words), if they cannot.
    invalid: Option<AttrValue>,
    /// The simulation as far as it has run.
    simulation: Option<Rc<SimulationRun>>,
    dispatch: Callback<Action>,
}

/// 他行假设与抽样: what to assume about the other banks, and where we land when their lending is drawn
/// around it.
#[component]
fn RivalsView(props: &RivalsProps) -> Html {
    let dispatch = &props.dispatch;
    let rivals = props.rivals;
    let on_lines = target_change(dispatch, |e: Event| selected(e).map(TargetAction::RivalLines));
    let on_above = target_change(dispatch, |e: InputEvent| typed(e).map(TargetAction::RivalK));
    let on_unentered = target_change(dispatch, |e: Event| selected(e).map(TargetAction::RivalUnentered));
    let on_spread = target_change(dispatch, |e: InputEvent| typed(e).map(TargetAction::Spread));
    let on_draws = target_change(dispatch, |e: InputEvent| typed(e).map(TargetAction::Draws));
    let on_seed = target_change(dispatch, |e: InputEvent| typed(e).map(TargetAction::Seed));
    let on_entered_too = target_change(dispatch, |e: Event| {
        e.target_dyn_into::<web_sys::HtmlInputElement>().map(|i| TargetAction::EnteredToo(i.checked()))
    });
    let on_lines_too = target_change(dispatch, |e: Event| {
        e.target_dyn_into::<web_sys::HtmlInputElement>().map(|i| TargetAction::RivalEnteredLinesToo(i.checked()))
    });
    let [spread_label, draws_label, seed_label] = SimulationSpec::LABELS;
    html! {
        <div class="target-rivals">
            <p class="note">{ Rivals::ABOUT }</p>
            <div class="target-controls">
                <label for="target-rival-lines">{ Rivals::LINES_LABEL }</label>
                <select id="target-rival-lines" onchange={on_lines}>
                    { for Rivals::lines_choices().into_iter().map(|(key, label)| html! {
                        <option value={key} selected={rivals.lines_key() == key}>{ label }</option>
                    }) }
                </select>
                if matches!(rivals.lines, RivalLines::AboveTask(_)) {
                    <label for="target-rival-above">{ Rivals::ABOVE_LABEL }</label>
                    <input type="text" id="target-rival-above" inputmode="decimal"
                        value={props.rival_k.clone()} oninput={on_above} />
                    <input type="checkbox" id="target-rival-lines-too" checked={rivals.entered_lines_too} onchange={on_lines_too} />
                    <label for="target-rival-lines-too">{ Rivals::ENTERED_LINES_TOO_LABEL }</label>
                }
                <label for="target-rival-unentered">{ Rivals::UNENTERED_LABEL }</label>
                <select id="target-rival-unentered" onchange={on_unentered}>
                    { for Rivals::unentered_choices().into_iter().map(|(key, label)| html! {
                        <option value={key} selected={rivals.unentered_key() == key}>{ label }</option>
                    }) }
                </select>
            </div>
            <p class="target-line">{ format!("目前的假设：{}", rivals.zh()) }</p>
            <h3>{ "抽样：他行贷款增速在假设上下浮动" }</h3>
            <div class="target-controls">
                <label for="target-spread">{ spread_label }</label>
                <input type="text" id="target-spread" inputmode="decimal" value={props.spread.clone()} oninput={on_spread} />
                <label for="target-draws">{ draws_label }</label>
                <input type="text" id="target-draws" inputmode="numeric" value={props.draws.clone()} oninput={on_draws} />
                <label for="target-seed">{ seed_label }</label>
                <input type="text" id="target-seed" inputmode="numeric" value={props.seed.clone()} oninput={on_seed} />
                <input type="checkbox" id="target-entered-too" checked={props.entered_too} onchange={on_entered_too} />
                <label for="target-entered-too">{ SimulationSpec::ENTERED_TOO_LABEL }</label>
            </div>
            { match (&props.invalid, props.simulation.as_ref().and_then(|run| run.summary.as_ref().map(|s| (s, run.total)))) {
                (Some(why), _) => html! { <p class="error" id="target-simulation-error">{ why.clone() }</p> },
                (None, None) => html! { <p class="muted" id="target-simulation">{ "正在抽样……" }</p> },
                (None, Some((s, total))) => simulation_view(&props.scheme, s, total),
            } }
        </div>
    }
}

fn simulation_view(scheme: &SchemeRef, s: &kaoping_engine::SimulationSummary, total: u32) -> Html {
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
            <p class="note">{ s.bands_zh() }</p>
            { for s.notes.iter().map(|n| html! { <p class="note">{ n.zh() }</p> }) }
        </div>
    }
}
