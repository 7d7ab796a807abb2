//! 本行测算: one bank's figures, following the sections of the scheme, beside a sticky summary.
//!
//! Every row shows what the annexes fix (2023 base, task) read-only, the 2024 figures the user
//! projects as boxes, what follows from them, and the points of the items they feed, each with the
//! engine's working one click away. Nothing here computes a score: the points, totals and lines
//! all come from the engine's evaluation in the state.

use kaoping_engine::{BankResult, Item, Line, Scheme};
use rust_decimal::Decimal;
use yew::prelude::*;

use crate::components::item_points::ItemPoints;
use crate::components::number_field::NumberField;
use crate::components::summary::Summary;
use crate::fields::{BankField, BankFlag};
use crate::format::{maybe, with_unit, Unit};
use crate::hooks::use_scenario;
use crate::state::FieldId;

/// Which balance line of the evaluation a row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineOf {
    Loans,
    Sme,
    Manufacturing,
    Green,
    DongchuAmount,
    DongchuHouseholds,
}

impl LineOf {
    fn of(self, result: &BankResult) -> Line {
        let f = &result.figures;
        match self {
            LineOf::Loans => f.loans,
            LineOf::Sme => f.sme,
            LineOf::Manufacturing => f.manufacturing,
            LineOf::Green => f.green,
            LineOf::DongchuAmount => f.dongchu_amount,
            LineOf::DongchuHouseholds => f.dongchu_households,
        }
    }

    /// 东楚融通 has a target for the year's total rather than a 2023 base and an increment task.
    fn is_target(self) -> bool {
        matches!(self, LineOf::DongchuAmount | LineOf::DongchuHouseholds)
    }
}

/// One cell of a row.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cell {
    /// An annex line: base and task read-only, the 2024 box, and what follows.
    Annex(LineOf, BankField, Unit),
    /// A box with its short caption.
    Input(BankField, &'static str),
    /// A checkbox.
    Flag(BankFlag),
}

/// A row of the form: a title, its cells and the items it feeds.
#[derive(Debug, Clone)]
struct Row {
    title: &'static str,
    cells: &'static [Cell],
    items: &'static [Item],
    /// What the scheme says the figure covers, when it is not obvious.
    note: Option<&'static str>,
}

/// A section of the scheme.
#[derive(Debug, Clone)]
struct Section {
    title: &'static str,
    rows: &'static [Row],
}

const FORM: &[Section] = &[
    Section {
        title: "一、贷款投入（二(一)）",
        rows: &[Row {
            title: "各项贷款",
            cells: &[Cell::Annex(LineOf::Loans, BankField::Loans, Unit::Yi)],
            items: &[Item::LoanIncrement, Item::LoanGrowth],
            note: None,
        }],
    },
    Section {
        title: "二、贷款结构 · 中小微企业（二(二)1）",
        rows: &[
            Row {
                title: "中小微企业贷款",
                cells: &[Cell::Annex(LineOf::Sme, BankField::SmeLoans, Unit::Yi)],
                items: &[Item::SmeIncrement],
                note: Some("含小微企业主和个体工商户经营性贷款（附件2）。"),
            },
            Row {
                title: "扩面：贷款户数",
                cells: &[
                    Cell::Input(BankField::SmeCustomers2023, "2023年末"),
                    Cell::Input(BankField::SmeCustomers, "2024年末"),
                ],
                items: &[Item::SmeCustomers],
                note: None,
            },
            Row {
                title: "降成本：新发放贷款综合利率",
                cells: &[Cell::Input(BankField::SmeRateStart, "年初"), Cell::Input(BankField::SmeRate, "当前")],
                items: &[Item::SmeRate],
                note: None,
            },
            Row {
                title: "普惠小微贷款",
                cells: &[
                    Cell::Input(BankField::Inclusive2023, "2023年末"),
                    Cell::Input(BankField::Inclusive, "2024年末"),
                ],
                items: &[Item::InclusiveGrowth],
                note: Some("单户授信 2000 万元以下小微企业贷款及小微企业主、个体工商户经营性贷款。"),
            },
        ],
    },
    Section {
        title: "二、贷款结构 · 制造业（二(二)2）",
        rows: &[Row {
            title: "制造业贷款（含贴现）",
            cells: &[Cell::Annex(LineOf::Manufacturing, BankField::ManufacturingLoans, Unit::Yi)],
            items: &[Item::ManufacturingIncrement, Item::ManufacturingGrowth],
            note: None,
        }],
    },
    Section {
        title: "二、贷款结构 · 绿色金融（二(二)3）",
        rows: &[
            Row {
                title: "绿色信贷",
                cells: &[Cell::Annex(LineOf::Green, BankField::GreenLoans, Unit::Yi)],
                items: &[Item::GreenIncrement],
                note: Some("附件4 的任务为暂定；年末考核增速可在“规则与设置”中修改。"),
            },
            Row {
                title: "碳金融产品创新",
                cells: &[Cell::Input(BankField::CarbonProducts, "首创引入产品数")],
                items: &[Item::CarbonProducts],
                note: None,
            },
        ],
    },
    Section {
        title: "二、贷款结构 · 科创金融（二(二)4）",
        rows: &[Row {
            title: "科技型企业贷款",
            cells: &[
                Cell::Input(BankField::TechNewLoans, "当年新增贷款"),
                Cell::Input(BankField::TechProducts, "首创产品数"),
            ],
            items: &[Item::Tech],
            note: None,
        }],
    },
    Section {
        title: "二、贷款结构 · 养老金融（二(二)5）",
        rows: &[Row {
            title: "养老产业贷款",
            cells: &[
                Cell::Input(BankField::Pension2023, "2023年末"),
                Cell::Input(BankField::Pension, "2024年末"),
                Cell::Input(BankField::PensionProducts, "首创产品或模式数"),
            ],
            items: &[Item::Pension],
            note: None,
        }],
    },
    Section {
        title: "三、东楚融通（二(三)）",
        rows: &[
            Row {
                title: "融资金额",
                cells: &[Cell::Annex(LineOf::DongchuAmount, BankField::DongchuAmount, Unit::Yi)],
                items: &[Item::DongchuAmount],
                note: None,
            },
            Row {
                title: "融资户数",
                cells: &[Cell::Annex(LineOf::DongchuHouseholds, BankField::DongchuHouseholds, Unit::Hu)],
                items: &[Item::DongchuHouseholds],
                note: Some("附件5中的“融资金数”应为“融资户数”。"),
            },
        ],
    },
    Section {
        title: "四、加减分项（二(四)）",
        rows: &[
            Row {
                title: "金融政策争取、落实",
                cells: &[Cell::Input(BankField::PolicyScore, "评分（-10 至 10）")],
                items: &[Item::Policy],
                note: None,
            },
            Row {
                title: "不良贷款核销",
                cells: &[
                    Cell::Input(BankField::NplWrittenOff, "核销"),
                    Cell::Input(BankField::NplOtherDisposal, "打包转让等其他处置"),
                ],
                items: &[Item::Npl],
                note: None,
            },
            Row {
                title: "认购融资平台债券",
                cells: &[Cell::Input(BankField::PlatformBonds, "认购金额")],
                items: &[Item::PlatformBonds],
                note: None,
            },
            Row {
                title: "创业担保贷款、新型政银担",
                cells: &[
                    Cell::Input(BankField::StartupTarget, "创业担保 目标"),
                    Cell::Input(BankField::StartupActual, "创业担保 实际"),
                    Cell::Flag(BankFlag::StartupNew),
                    Cell::Input(BankField::GovbankTarget, "政银担 目标"),
                    Cell::Input(BankField::GovbankActual, "政银担 实际"),
                    Cell::Flag(BankFlag::GovbankNew),
                ],
                items: &[Item::Guarantee],
                note: Some("目标由市里另行下达。"),
            },
            Row {
                title: "一票否决",
                cells: &[Cell::Flag(BankFlag::Vetoed)],
                items: &[],
                note: Some("取消考评资格：不计总分、不参与排名。"),
            },
        ],
    },
    Section {
        title: "五、考评结果运用（四）",
        rows: &[
            Row {
                title: "上年排名",
                cells: &[Cell::Flag(BankFlag::LastPlace2023)],
                items: &[],
                note: Some("连续两年排名末位的，取消财政对公账户。"),
            },
            Row {
                title: "市级公共性资金存放",
                cells: &[Cell::Input(BankField::DepartmentScore, "存款主管部门指标得分（0–100）")],
                items: &[],
                note: None,
            },
        ],
    },
];

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
                    { for FORM.iter().map(|section| html! {
                        <section class="form-section">
                            <h2>{ section.title }</h2>
                            { for section.rows.iter().map(|row| render_row(scheme, row, &result, &bank_id)) }
                        </section>
                    }) }
                </div>
            </div>
        </div>
    }
}

fn render_row(scheme: &Scheme, row: &Row, result: &BankResult, bank_id: &str) -> Html {
    // The rule of each item comes from the engine's parameters, so that no rule number is written here.
    let composite = row.cells.iter().any(|c| matches!(c, Cell::Input(BankField::DepartmentScore, _)));
    html! {
        <div class="form-row">
            <div class="row-head">
                <h3>{ row.title }</h3>
                if let Some(note) = row.note {
                    <p class="note">{ note }</p>
                }
                { for row.items.iter().map(|&item| html! { <p class="note rule">{ scheme.rules.rule_text(item) }</p> }) }
                if composite {
                    <p class="note rule">{ scheme.rules.composite_text() }</p>
                }
            </div>
            <div class="row-cells">
                { for row.cells.iter().map(|&cell| html! { <CellView {cell} bank={bank_id.to_owned()} result={result.clone()} /> }) }
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
    /// What the cell shows.
    cell: Cell,
    /// The bank's id.
    bank: AttrValue,
    /// The bank's result, for the lines.
    result: BankResult,
}

#[component]
fn CellView(props: &CellViewProps) -> Html {
    let scenario = use_scenario();
    let bank = props.bank.to_string();
    match props.cell {
        Cell::Annex(line_of, field, unit) => {
            let line = line_of.of(&props.result);
            let input = number_input(&scenario, &bank, field, "2024年末（预计）", Some(line));
            annex_cells(line_of, line, unit, input)
        }
        Cell::Input(field, caption) => number_input(&scenario, &bank, field, caption, None),
        Cell::Flag(flag) => {
            let checked = scenario.scenario.bank(&bank).is_some_and(|b| flag.get(b));
            let id = format!("f-{bank}-{}", flag.key().replace('.', "-"));
            let onchange = {
                let (scenario, bank) = (scenario.clone(), bank.clone());
                Callback::from(move |e: Event| {
                    if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                        scenario.set_flag(&bank, flag, input.checked());
                    }
                })
            };
            html! {
                <div class="cell flag">
                    <input type="checkbox" id={id.clone()} {checked} {onchange} />
                    <label for={id}>{ flag.label() }</label>
                </div>
            }
        }
    }
}

fn number_input(
    scenario: &crate::hooks::ScenarioHandle,
    bank: &str,
    field: BankField,
    caption: &'static str,
    line: Option<Line>,
) -> Html {
    let id = FieldId::Bank(bank.to_owned(), field);
    // An empty annex box means "exactly on task": say which figure that is.
    let placeholder = match line {
        Some(line) if !line.entered && field.unit() == Unit::Hu => {
            format!("按任务 {}", crate::format::whole(line.current))
        }
        Some(line) if !line.entered => format!("按任务 {}", crate::format::fixed2(line.current)),
        _ => "未填".to_owned(),
    };
    let oninput = {
        let (scenario, bank) = (scenario.clone(), bank.to_owned());
        Callback::from(move |text: String| scenario.edit_bank(&bank, field, text))
    };
    html! {
        <div class="cell input">
            <NumberField
                id={id.element_id()}
                label={caption}
                context={field.label()}
                text={scenario.text(&id)}
                error={scenario.error(&id)}
                unit={field.unit()}
                {placeholder}
                {oninput}
            />
        </div>
    }
}

fn annex_cells(line_of: LineOf, line: Line, unit: Unit, input: Html) -> Html {
    let figure = |caption: &'static str, text: String, class: &'static str| {
        html! {
            <div class={classes!("cell", "figure", class)}>
                <span class="caption">{ caption }</span>
                <span class="value">{ text }</span>
            </div>
        }
    };
    // Distance to the task, in the row's unit: how much is still needed, or how far beyond. The
    // engine bounds every figure far inside Decimal's range; checked arithmetic keeps that a
    // matter of display rather than of a panic.
    let distance = match line.task.checked_sub(line.increment) {
        Some(gap) if gap > Decimal::ZERO => format!("还差 {}", with_unit(gap, unit)),
        Some(gap) if gap.is_zero() => "恰好完成".to_owned(),
        Some(gap) => format!("超出 {}", with_unit(gap.abs(), unit)),
        None => "—".to_owned(),
    };
    if line_of.is_target() {
        html! {
            <>
                { figure("全年目标（附件5）", with_unit(line.task, unit), "task") }
                { input }
                { figure("完成率", maybe(line.completion_pct, Unit::Percent), "completion") }
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
                { figure("增速", maybe(line.growth_pct, Unit::Percent), "growth") }
                { figure("完成率", maybe(line.completion_pct, Unit::Percent), "completion") }
                { figure("距任务", distance, "distance") }
            </>
        }
    }
}
