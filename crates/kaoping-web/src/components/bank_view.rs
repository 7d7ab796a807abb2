//! 本行测算: one bank's figures, following the sections of the scheme, beside a sticky summary.
//!
//! The form is generated from the engine's field table: one part per `Section`, one row per run of
//! consecutive fields that feed the same items, a box or a checkbox per field with the table's label,
//! unit and note. An annex figure's row also shows what the annex fixes (2023 base, task) and what
//! follows from the figure (increment, growth, completion, distance to the task), all from the
//! engine's balance line. Every row shows the points of the items it feeds, each with the engine's
//! working one click away. Nothing here computes a score or a distance.

use kaoping_engine::{doubts, AnnexLine, BankInput, BankResult, Doubt, Field, Item, Kind, Line, Scheme, Section};
use yew::prelude::*;

use crate::components::item_points::ItemPoints;
use crate::components::number_field::NumberField;
use crate::components::summary::Summary;
use crate::components::target_panel::TargetPanel;
use crate::format::{maybe, number, still_counting, with_unit};
use crate::hooks::use_scenario;
use crate::state::FieldId;

/// A row of the form: consecutive fields of a section that feed the same items (a balance and its
/// 2023 base, a rate at the start of the year and now, the six figures of the guarantee
/// programmes). A field that feeds no item is a row of its own.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    fields: Vec<Field>,
    items: &'static [Item],
}

impl Row {
    /// The rows of a section, in the table's order.
    fn of(section: Section) -> Vec<Row> {
        let mut rows: Vec<Row> = Vec::new();
        for field in section.fields() {
            let items = field.spec().items;
            match rows.last_mut() {
                Some(row) if !items.is_empty() && row.items == items => row.fields.push(field),
                _ => rows.push(Row { fields: vec![field], items }),
            }
        }
        rows
    }

    /// The row's heading: the items it feeds, or the field's short name when it feeds none.
    fn title(&self) -> String {
        if self.items.is_empty() {
            self.fields.iter().map(|f| f.spec().short).collect::<Vec<_>>().join("、")
        } else {
            self.items.iter().map(|i| i.title()).collect::<Vec<_>>().join("、")
        }
    }

    /// The notes of the row's fields, each once.
    fn notes(&self) -> Vec<&'static str> {
        let mut notes: Vec<&'static str> = Vec::new();
        for note in self.fields.iter().filter_map(|f| f.spec().note) {
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
        notes
    }
}

/// 本行测算. It has no props: it shows the bank selected in the shared state.
#[component]
pub fn BankView() -> Html {
    let scenario = use_scenario();
    let scheme = scenario.scheme;
    let bank_id = scenario.bank.clone();
    let Some(result) = scenario.evaluation.bank(&bank_id).cloned() else {
        return html! { <p class="empty">{ "请选择一家银行。" }</p> };
    };
    let info = scheme.banks.iter().find(|b| b.id == bank_id);
    // The engine's doubts about what was typed, shown beside each box (本行输入核对).
    let input = scenario.scenario.bank(&bank_id).cloned().unwrap_or_else(|| BankInput::new(&bank_id));
    let doubts = doubts(scheme, &input);
    let full_name = info.map(|b| b.full_name.clone()).unwrap_or_default();

    let on_bank = {
        let scenario = scenario.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                scenario.select_bank(select.value());
            }
        })
    };

    html! {
        <div class="bank-view">
            <div class="bank-picker">
                <label for="bank-select">{ "本行" }</label>
                <select id="bank-select" onchange={on_bank}>
                    { for scheme.banks.iter().map(|b| html! {
                        <option value={b.id.clone()} selected={b.id == bank_id}>{ b.short_name.clone() }</option>
                    }) }
                </select>
                <span class="full-name">{ full_name }</span>
            </div>
            <div class="bank-layout">
                <Summary result={result.clone()} />
                <div class="bank-form">
                    { for Section::ALL.iter().map(|&section| html! {
                        <section class="form-section" id={format!("section-{}", section_key(section))}>
                            <h2>{ section.title() }</h2>
                            { for Row::of(section).iter().map(|row| render_row(scheme, row, &result, &bank_id, &doubts)) }
                        </section>
                    }) }
                    <TargetPanel bank={bank_id.clone()} />
                </div>
            </div>
        </div>
    }
}

/// A stable key for a section's element id.
fn section_key(section: Section) -> String {
    format!("{section:?}").to_lowercase()
}

/// The doubts about one figure, as one sentence; `None` when it looks right.
pub fn doubt_text(doubts: &[Doubt], field: Field) -> Option<String> {
    let messages: Vec<&str> = doubts.iter().filter(|d| d.field == field).map(|d| d.message.as_str()).collect();
    (!messages.is_empty()).then(|| messages.join("；"))
}

fn render_row(scheme: &Scheme, row: &Row, result: &BankResult, bank_id: &str, doubts: &[Doubt]) -> Html {
    // The rule of each item comes from the engine's parameters, so that no rule number is written here.
    let composite = row.fields.contains(&Field::DepartmentScore);
    html! {
        <div class="form-row">
            <div class="row-head">
                <h3>{ row.title() }</h3>
                { for row.notes().into_iter().map(|note| html! { <p class="note">{ format!("{note}。") }</p> }) }
                { for row.items.iter().map(|&item| html! { <p class="note rule">{ scheme.rules.rule_text(item) }</p> }) }
                if composite {
                    <p class="note rule">{ scheme.rules.composite_text() }</p>
                }
            </div>
            <div class="row-cells">
                { for row.fields.iter().map(|&field| html! {
                    <CellView {field} bank={bank_id.to_owned()} result={result.clone()} doubt={doubt_text(doubts, field)} />
                }) }
            </div>
            <div class="row-points">
                { for row.items.iter().filter_map(|&item| result.item(item)).map(|score| html! {
                    <ItemPointsFor score={score.clone()} bank={bank_id.to_owned()} />
                }) }
            </div>
        </div>
    }
}

/// Props of [`ItemPointsFor`].
#[derive(Properties, PartialEq, Debug)]
struct ItemPointsForProps {
    /// The item's score.
    score: kaoping_engine::ItemScore,
    /// The bank's id, for element ids.
    bank: AttrValue,
}

/// [`ItemPoints`] with the scheme from the context.
#[component]
fn ItemPointsFor(props: &ItemPointsForProps) -> Html {
    let scenario = use_scenario();
    let item = props.score.item;
    html! {
        <ItemPoints
            id={format!("pts-{}-{}", props.bank, item.key())}
            key_name={item.key()}
            title={item.title()}
            clause={scenario.scheme.rules.clause(item).to_owned()}
            points={props.score.points}
            explanation={props.score.explain(scenario.scheme)}
        />
    }
}

/// Props of [`CellView`].
#[derive(Properties, PartialEq, Debug)]
struct CellViewProps {
    /// The figure the cell edits.
    field: Field,
    /// The bank's id.
    bank: AttrValue,
    /// The bank's result, for the balance lines.
    result: BankResult,
    /// The engine's doubt about the figure, if any.
    doubt: Option<String>,
}

/// One field of a row: a checkbox for a flag, a box for a figure, and for an annex figure the
/// annex's base and task around the box and what follows from it.
#[component]
fn CellView(props: &CellViewProps) -> Html {
    let scenario = use_scenario();
    let bank = props.bank.to_string();
    let field = props.field;
    let spec = field.spec();
    let id = FieldId::Bank(bank.clone(), field);
    if spec.kind == Kind::Flag {
        let checked = scenario.scenario.bank(&bank).is_some_and(|b| field.is_entered(b));
        let onchange = {
            let (scenario, bank) = (scenario.clone(), bank.clone());
            Callback::from(move |e: Event| {
                if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                    scenario.set_flag(&bank, field, input.checked());
                }
            })
        };
        let element_id = id.element_id();
        return html! {
            <div class="cell flag">
                <input type="checkbox" id={element_id.clone()} {checked} {onchange} />
                <label for={element_id}>{ spec.label }</label>
            </div>
        };
    }
    let line = spec.annex.map(|annex| (annex, *props.result.figures.line(annex)));
    // An empty annex box means "exactly on task": say which figure that is.
    let placeholder = match line {
        Some((_, line)) if !line.entered => format!("按任务 {}", number(line.current, spec.unit)),
        _ => "未填".to_owned(),
    };
    let oninput = {
        let (scenario, bank) = (scenario.clone(), bank.clone());
        Callback::from(move |text: String| scenario.edit_bank(&bank, field, text))
    };
    let counting = still_counting(
        scenario.scenario.bank(&bank).and_then(|b| field.get(b)),
        line.filter(|(_, line)| !line.entered).map(|(_, line)| line.current),
        spec.unit,
    );
    let input = html! {
        <div class="cell input">
            <NumberField
                id={id.element_id()}
                label={spec.label}
                text={scenario.text(&id)}
                error={scenario.error(&id)}
                {counting}
                doubt={props.doubt.clone()}
                unit={Some(spec.unit)}
                {placeholder}
                {oninput}
            />
        </div>
    };
    match line {
        Some((annex, line)) => annex_cells(annex, line, field, input),
        None => input,
    }
}

/// The read-only figures of an annex line around the figure's box.
fn annex_cells(annex: AnnexLine, line: Line, field: Field, input: Html) -> Html {
    let unit = field.unit();
    let figure = |caption: &'static str, text: String, class: &'static str| {
        html! {
            <div class={classes!("cell", "figure", class)}>
                <span class="caption">{ caption }</span>
                <span class="value">{ text }</span>
            </div>
        }
    };
    let distance = line.distance_zh(unit.symbol());
    if annex.is_target() {
        html! {
            <>
                { figure("全年目标", with_unit(line.task, unit), "task") }
                { input }
                { figure("完成率", maybe(line.completion_pct(), kaoping_engine::Unit::Percent), "completion") }
                { figure("距目标", distance, "distance") }
            </>
        }
    } else {
        html! {
            <>
                { figure("2023年末余额", with_unit(line.base, unit), "base") }
                { figure("增量任务", with_unit(line.task, unit), "task") }
                { input }
                { figure("增量", with_unit(line.increment, unit), "increment") }
                { figure("增速", maybe(line.growth_pct(), kaoping_engine::Unit::Percent), "growth") }
                { figure("完成率", maybe(line.completion_pct(), kaoping_engine::Unit::Percent), "completion") }
                { figure("距任务", distance, "distance") }
            </>
        }
    }
}
