//! 本行测算: one bank's figures, following the sections of the scheme, beside the summary, and 目标测算
//! under them.
//!
//! The form is generated from the engine's field table: one part per `Section`, one row per run of
//! consecutive fields that feed the same items, a box or a checkbox per field with the table's label,
//! unit and note. An annex figure's row also shows what the annex fixes (2023 base, task) and what
//! follows from the figure (increment, growth, completion, distance to the task), all from the engine's
//! balance line. Every row shows the points of the items it feeds, each with the engine's working one
//! click away. Nothing here computes a score or a distance.

use std::rc::Rc;

use kaoping_app::derived::Derived;
use kaoping_app::document::Document;
use kaoping_app::drafts::{Draft, Drafts};
use kaoping_app::target::Target;
use kaoping_app::{Action, FieldId};
use kaoping_engine::{AnnexLine, BankResult, Doubt, Evaluation, Field, Item, Kind, Line, Scenario, Section, Unit};
use rust_decimal::Decimal;
use yew::prelude::*;

use crate::components::item_points::item_points;
use crate::components::number_field::NumberField;
use crate::components::summary::Summary;
use crate::components::target_panel::TargetPanel;
use crate::components::SchemeRef;
use crate::format::{maybe, number, still_counting, with_unit};

/// A row of the form: consecutive fields of a section that feed the same items (a balance and its 2023
/// base, a rate at the start of the year and now, the six figures of the guarantee programmes). A
/// field that feeds no item is a row of its own.
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

/// Props of [`BankView`].
#[derive(Properties, PartialEq, Debug)]
pub struct BankViewProps {
    /// The scheme.
    pub scheme: SchemeRef,
    /// The document (the scenario and its revision).
    pub document: Rc<Document>,
    /// What was typed into the boxes.
    pub drafts: Rc<Drafts>,
    /// What follows from the document: the evaluation, the doubts.
    pub derived: Rc<Derived>,
    /// The bank shown.
    pub bank: AttrValue,
    /// The labels of the refused boxes, for the summary.
    pub refused: Rc<Vec<String>>,
    /// The loan balance that reaches the next band, in the engine's words.
    pub next_band: Option<AttrValue>,
    /// Whether the next band is for the figures before the last change.
    pub next_band_stale: bool,
    /// 目标测算.
    pub target: Rc<Target>,
    /// Changes the state.
    pub dispatch: Callback<Action>,
}

/// 本行测算.
#[component]
pub fn BankView(props: &BankViewProps) -> Html {
    // The first draw holds the summary only (see below).
    let whole = crate::hooks::use_painted();
    let scheme = props.scheme;
    let bank = props.bank.to_string();
    // One callback for every box, made once: a box whose text did not change is not drawn again.
    // (One memo for the three: each hook of its own is code of its own in the page's module.)
    let callbacks = use_memo(props.dispatch.clone(), |dispatch| {
        (
            dispatch.reform(|(id, text): (FieldId, String)| Action::Edit(id, text)),
            dispatch.reform(|(bank, field, on): (String, Field, bool)| Action::SetFlag(bank, field, on)),
            dispatch.reform(|()| Action::SelectTab(kaoping_app::view::Tab::Settings)),
        )
    });
    let (onedit, onflag, on_settings) = &*callbacks;
    let Some(index) = scheme.bank_index(&bank) else {
        return html! { <p class="empty">{ "请选择一家银行。" }</p> };
    };
    if props.derived.evaluation.banks.get(index).is_none() {
        return Html::default();
    }
    let full_name = scheme.banks.get(index).map(|b| b.full_name.clone()).unwrap_or_default();
    let on_bank = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                dispatch.emit(Action::SelectBank(select.value()));
            }
        })
    };
    let doubts = props.derived.doubts_of(&scheme, &bank);
    // Whether 目标测算's answers are for other figures than these (shown dimmed until typing settles).
    let target = &props.target;
    let target_stale =
        target.answers.as_ref().is_none_or(|a| a.key != target.key(&scheme, props.document.revision, &bank));

    let parts = Rc::new(FormParts {
        bank: props.bank.clone(),
        index,
        evaluation: props.derived.evaluation.clone(),
        scenario: props.document.scenario.clone(),
        drafts: props.drafts.clone(),
        doubts: doubts.clone(),
        onedit: onedit.clone(),
        onflag: onflag.clone(),
    });

    html! {
        <div class="bank-view">
            <div class="bank-picker">
                <label for="bank-select">{ "本行" }</label>
                <select id="bank-select" onchange={on_bank}>
                    { for scheme.banks.iter().map(|b| html! {
                        <option value={b.id.clone()} selected={b.id == bank}>{ b.short_name.clone() }</option>
                    }) }
                </select>
                <span class="full-name">{ full_name }</span>
            </div>
            <div class="bank-layout">
                <Summary
                    {scheme}
                    evaluation={props.derived.evaluation.clone()}
                    placement={props.derived.placement(&scheme)}
                    {index}
                    doubts={doubts.clone()}
                    refused={props.refused.clone()}
                    non_default={props.derived.non_default.clone()}
                    next_band={props.next_band.clone()}
                    next_band_stale={props.next_band_stale}
                    onopen_settings={on_settings.clone()}
                />
                <div class="bank-form">
                    // The first draw holds the summary only: the form and 目标测算's panel are drawn once
                    // that frame is on screen, so that the first total waits for neither (issue 20; on a
                    // phone the summary fills the screen, on a desktop the form comes a frame after it).
                    if whole {
                        // Keyed, so that a section's boxes stay its own whatever Yew patches first.
                        { for Section::ALL.iter().map(|&section| html! {
                            <section key={section_key(section)} class="form-section" id={format!("section-{}", section_key(section))}>
                                <h2>{ section.title() }</h2>
                                // Each row is drawn again only when its own figures, drafts, doubts or points
                                // changed (FormRowProps' PartialEq), not on every keystroke elsewhere.
                                { for Row::of(section).into_iter().map(|row| html! {
                                    <FormRow {scheme} {row} parts={parts.clone()} />
                                }) }
                            </section>
                        }) }
                        <TargetPanel
                            {scheme}
                            bank={props.bank.clone()}
                            stale={target_stale}
                            target={props.target.clone()}
                            dispatch={props.dispatch.clone()}
                        />
                    }
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
pub fn doubt_text(doubts: &[Doubt], field: Field) -> Option<AttrValue> {
    let messages: Vec<&str> = doubts.iter().filter(|d| d.field == field).map(|d| d.message.as_str()).collect();
    (!messages.is_empty()).then(|| messages.join("；").into())
}

/// What every row of the form draws from: the parts of the state the whole form shows (made once per
/// draw of the form and shared by its rows), of which a row shows only a slice.
#[derive(Debug)]
struct FormParts {
    /// The bank shown.
    bank: AttrValue,
    /// The bank's index in the scheme (its result in the evaluation).
    index: usize,
    /// The engine's evaluation (the bank's points and balance lines).
    evaluation: Rc<Evaluation>,
    /// The scenario (the figures entered).
    scenario: Rc<Scenario>,
    /// What was typed into the boxes.
    drafts: Rc<Drafts>,
    /// The engine's doubts about the bank's typed figures.
    doubts: Rc<Vec<Doubt>>,
    /// Typed into a box.
    onedit: Callback<(FieldId, String)>,
    /// A checkbox changed.
    onflag: Callback<(String, Field, bool)>,
}

impl FormParts {
    fn result(&self) -> Option<&BankResult> {
        self.evaluation.banks.get(self.index)
    }

    /// Everything a row draws of one field: the box's draft (by address: a draft that did not
    /// change is the very same value), the figure entered, the balance line (the doubts are compared
    /// as written, `doubt_text`), and its verification (核实: what was declared and why) if any.
    fn field_slice(
        &self,
        field: Field,
    ) -> (Option<*const Draft>, Option<Decimal>, bool, Option<Line>, Option<&kaoping_engine::Verification>) {
        let draft = self.drafts.get(&FieldId::Bank(self.bank.to_string(), field)).map(Rc::as_ptr);
        let entered = self.scenario.bank(&self.bank);
        let line = field.spec().annex.zip(self.result()).map(|(annex, result)| *result.figures.line(annex));
        let verified = self.scenario.verification(&self.bank, field);
        (draft, entered.and_then(|b| field.get(b)), entered.is_some_and(|b| field.is_entered(b)), line, verified)
    }
}

/// Props of [`FormRow`]; two are equal when the row's slice of the parts is (see the `PartialEq`).
#[derive(Properties, Debug)]
struct FormRowProps {
    scheme: SchemeRef,
    /// The row's fields and items.
    row: Row,
    /// What the form draws from.
    parts: Rc<FormParts>,
}

/// A row is drawn again only when what it shows changed: a keystroke in one box redraws the rows whose
/// figures or points moved, not the whole form. The slices are compared only when the parts they come
/// from are not the very same values, which is cheap beside drawing the row.
impl PartialEq for FormRowProps {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&*self.parts, &*other.parts);
        if !(self.scheme == other.scheme
            // A row's items follow from its fields, and the index from the bank.
            && self.row.fields == other.row.fields
            && a.bank == b.bank
            && a.onedit == b.onedit
            && a.onflag == b.onflag)
        {
            return false;
        }
        if Rc::ptr_eq(&a.evaluation, &b.evaluation)
            && Rc::ptr_eq(&a.scenario, &b.scenario)
            && Rc::ptr_eq(&a.drafts, &b.drafts)
            && Rc::ptr_eq(&a.doubts, &b.doubts)
        {
            return true;
        }
        self.row.fields.iter().all(|&field| {
            a.field_slice(field) == b.field_slice(field) && doubt_text(&a.doubts, field) == doubt_text(&b.doubts, field)
        }) && self
            .row
            .items
            .iter()
            .all(|&item| a.result().and_then(|r| r.item(item)) == b.result().and_then(|r| r.item(item)))
    }
}

/// One row of the form: its heading with the rules of its items, its boxes, and its items' points.
#[component]
fn FormRow(props: &FormRowProps) -> Html {
    let (scheme, row, parts) = (props.scheme, &props.row, &*props.parts);
    let Some(result) = parts.result() else { return Html::default() };
    let cells = Cells {
        bank: parts.bank.as_str(),
        result,
        drafts: &parts.drafts,
        scenario: &parts.scenario,
        doubts: &parts.doubts,
        onedit: &parts.onedit,
        onflag: &parts.onflag,
    };
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
                { for row.fields.iter().map(|&field| cell(field, &cells)) }
            </div>
            <div class="row-points">
                { for row.items.iter().filter_map(|&item| result.item(item)).map(|score| item_points(scheme, &parts.bank, score)) }
            </div>
        </div>
    }
}

/// What every cell of the form draws from.
struct Cells<'a> {
    bank: &'a str,
    result: &'a BankResult,
    drafts: &'a Drafts,
    scenario: &'a kaoping_engine::Scenario,
    doubts: &'a [Doubt],
    onedit: &'a Callback<(FieldId, String)>,
    onflag: &'a Callback<(String, Field, bool)>,
}

/// One field of a row: a checkbox for a flag, a box for a figure, and for an annex figure the annex's
/// base and task around the box and what follows from it.
fn cell(field: Field, cells: &Cells<'_>) -> Html {
    let spec = field.spec();
    let id = FieldId::Bank(cells.bank.to_owned(), field);
    let entered = cells.scenario.bank(cells.bank);
    if spec.kind == Kind::Flag {
        let checked = entered.is_some_and(|b| field.is_entered(b));
        let onchange = {
            let (onflag, bank) = (cells.onflag.clone(), cells.bank.to_owned());
            Callback::from(move |e: Event| {
                if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                    onflag.emit((bank.clone(), field, input.checked()));
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
    let line = spec.annex.map(|annex| (annex, *cells.result.figures.line(annex)));
    // An empty annex box means "exactly on task": say which figure that is.
    let placeholder = match line {
        Some((_, line)) if !line.entered => format!("按任务 {}", number(line.current, spec.unit)),
        _ => "未填".to_owned(),
    };
    let error = cells.drafts.error(&id).map(AttrValue::from);
    let counting = match error {
        Some(_) => still_counting(
            entered.and_then(|b| field.get(b)),
            line.filter(|(_, line)| !line.entered).map(|(_, line)| line.current),
            spec.unit,
        ),
        None => String::new(),
    };
    let input = html! {
        <div class="cell input">
            <NumberField
                id={id.element_id()}
                text={cells.drafts.text(&id, cells.scenario)}
                field={id}
                label={spec.label}
                {error}
                {counting}
                doubt={doubt_text(cells.doubts, field)}
                unit={Some(spec.unit)}
                {placeholder}
                onedit={cells.onedit.clone()}
            />
            if let Some(v) = cells.scenario.verification(cells.bank, field) {
                <p class="verified-note">{ format!("核实数（申报 {}；{}）", v.declared.map_or_else(|| "未填".to_owned(), |d| kaoping_app::format::with_unit(d, spec.unit)), v.reason) }</p>
            }
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
                { figure("完成率", maybe(line.completion_pct(), Unit::Percent), "completion") }
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
                { figure("增速", maybe(line.growth_pct(), Unit::Percent), "growth") }
                { figure("完成率", maybe(line.completion_pct(), Unit::Percent), "completion") }
                { figure("距任务", distance, "distance") }
            </>
        }
    }
}
