//! 规则与设置: every interpretation setting of the engine, each with the clause it affects and the
//! default reading; city figures typed in; department scores for the 30% part; and the reset.

use kaoping_engine::{BonusMode, CityAverage, DepositNormalization, Settings};
use yew::prelude::*;

use crate::components::number_field::NumberField;
use crate::fields::{BankField, CityField};
use crate::format::Unit;
use crate::hooks::use_scenario;
use crate::state::FieldId;

/// One choice of a setting: its value, its label, whether it is the default.
type Choice<T> = (T, &'static str, bool);

/// Props of [`RadioSetting`].
#[derive(Properties, PartialEq, Debug)]
struct RadioSettingProps<T: PartialEq + Copy + 'static> {
    /// The group's name and id prefix.
    name: AttrValue,
    /// The question the setting answers.
    title: AttrValue,
    /// Which clause it affects and what the default reading is, in a sentence.
    explanation: AttrValue,
    /// The choices.
    choices: Vec<Choice<T>>,
    /// The value chosen now.
    value: T,
    /// Called with the value picked.
    onchange: Callback<T>,
}

/// A setting as a group of radio buttons, in a fieldset with its explanation.
#[component]
fn RadioSetting<T: PartialEq + Copy + 'static>(props: &RadioSettingProps<T>) -> Html {
    let explanation_id = format!("{}-why", props.name);
    html! {
        <fieldset class="setting" aria-describedby={explanation_id.clone()}>
            <legend>{ props.title.clone() }</legend>
            <p class="explanation" id={explanation_id}>{ props.explanation.clone() }</p>
            <div class="choices">
                { for props.choices.iter().enumerate().map(|(i, &(value, label, default))| {
                    let id = format!("{}-{i}", props.name);
                    let onchange = props.onchange.reform(move |_: Event| value);
                    html! {
                        <label for={id.clone()} class="choice">
                            <input type="radio" id={id} name={props.name.clone()} checked={value == props.value} {onchange} />
                            { label }
                            if default { <span class="default-tag">{ "（默认）" }</span> }
                        </label>
                    }
                }) }
            </div>
        </fieldset>
    }
}

/// 规则与设置. It has no props: it works on the shared scenario.
#[component]
pub fn SettingsView() -> Html {
    let scenario = use_scenario();
    let settings = scenario.scenario.settings;
    let confirm_reset = use_state(|| false);

    let change = |edit: fn(Settings, u8) -> Settings| {
        let scenario = scenario.clone();
        move |choice: u8| scenario.set_settings(edit(settings, choice))
    };
    let on_bonus = Callback::from(change(|s, c| Settings {
        bonus_mode: if c == 0 { BonusMode::ProRata } else { BonusMode::WholeUnits },
        ..s
    }));
    let on_average = Callback::from(change(|s, c| Settings {
        city_average: if c == 0 { CityAverage::Aggregate } else { CityAverage::Mean },
        ..s
    }));
    let on_deposit = Callback::from(change(|s, c| Settings {
        deposit_normalization: if c == 0 { DepositNormalization::TopScorer } else { DepositNormalization::Raw },
        ..s
    }));

    let green_id = FieldId::GreenTarget;
    // The annex's own words and rate, so that a new year's annex rewrites this setting's help.
    let green_table = scenario.scheme.annexes.table("green");
    let green_rate =
        green_table.and_then(|t| t.rate_pct("task")).map_or_else(String::new, |r| r.normalize().to_string());
    let green_note = green_table.map_or_else(String::new, |t| t.note.clone());
    let on_green = {
        let scenario = scenario.clone();
        Callback::from(move |text: String| scenario.edit_green_target(text))
    };

    let on_reset = {
        let confirm_reset = confirm_reset.clone();
        Callback::from(move |_: MouseEvent| confirm_reset.set(true))
    };
    let on_reset_confirmed = {
        let (scenario, confirm_reset) = (scenario.clone(), confirm_reset.clone());
        Callback::from(move |_: MouseEvent| {
            scenario.reset();
            confirm_reset.set(false);
        })
    };
    let on_reset_cancelled = {
        let confirm_reset = confirm_reset.clone();
        Callback::from(move |_: MouseEvent| confirm_reset.set(false))
    };

    html! {
        <div class="settings-view">
            <section class="settings-section">
                <h2>{ "计分口径" }</h2>
                <p class="hint">{ "办法原文未写明的地方，测算器按下列口径计算；每项都可切换，切换后全部得分立即重算。" }</p>
                <RadioSetting<u8>
                    name="bonus-mode"
                    title="“每……加（减）……分”按比例还是按整档"
                    explanation="影响二(一)至二(四)所有按档加减分的条款：超任务加分（如“每高于任务数1亿元加1分”）、增速每 2 个百分点的加减分、利率每下降 0.1 个百分点、核销每 0.2 亿元、东楚融通每 15 户、平台债每 1 亿元等。默认按比例折算：超出 0.5 亿元得 0.5 分；选“按整档”则不足一档不计分。"
                    choices={vec![(0, "按比例折算", true), (1, "只计完整的档", false)]}
                    value={u8::from(settings.bonus_mode == BonusMode::WholeUnits)}
                    onchange={on_bonus}
                />
                <RadioSetting<u8>
                    name="city-average"
                    title="“全市平均增速”的算法"
                    explanation="影响二(一)2 贷款增速、二(二)1(4) 普惠小微增速、二(二)2(2) 制造业增速和二(二)5 养老金融。默认按汇总口径：（参评且未被否决、数据齐全银行的 2024 年末余额合计 − 2023 年末余额合计）÷ 2023 年末余额合计；也可取各行增速的简单平均。下方填写了全市数字的，以所填数字为准。"
                    choices={vec![(0, "汇总计算", true), (1, "各行增速简单平均", false)]}
                    value={u8::from(settings.city_average == CityAverage::Mean)}
                    onchange={on_average}
                />
                <RadioSetting<u8>
                    name="deposit-normalization"
                    title="公共性资金存放中“考评结果 70%”的折算"
                    explanation="影响四(四) 市级公共性资金存放的综合得分。默认按最高分折算：考评部分 = 本行总分 ÷ 最高总分 × 70（第一名得 70 分）；也可直接取总分 × 70%。"
                    choices={vec![(0, "按最高分折算为 70 分", true), (1, "总分 × 0.7", false)]}
                    value={u8::from(settings.deposit_normalization == DepositNormalization::Raw)}
                    onchange={on_deposit}
                />
                <div class="setting">
                    <NumberField
                        id={green_id.element_id()}
                        label="绿色信贷年末考核增速"
                        text={scenario.text(&green_id)}
                        error={scenario.error(&green_id)}
                        unit={Unit::Percent}
                        placeholder={format!("空白：按附件4（{}%）", green_rate)}
                        oninput={on_green}
                    />
                    <p class="explanation">{ format!("影响二(二)3(1) 绿色信贷增量。附件4 备注：{}。默认（空白）使用附件4 公布的任务；填写增速后，各行任务 = 2023 年末余额 × 该增速。", green_note) }</p>
                </div>
            </section>

            <section class="settings-section">
                <h2>{ "全市数字" }</h2>
                <p class="hint">{ "人民银行掌握的全市口径数字（含未参评机构）可在此直接填写；空白则由参评银行的数据计算。" }</p>
                <div class="city-fields">
                    { for CityField::ALL.iter().map(|&field| {
                        let id = FieldId::City(field);
                        // The placeholder shows what the engine works out when the box is empty.
                        let city = &scenario.evaluation.city;
                        let computed = match field {
                            CityField::LoanGrowth => city.loan_growth_pct,
                            CityField::InclusiveGrowth => city.inclusive_growth_pct,
                            CityField::ManufacturingGrowth => city.manufacturing_growth_pct,
                            CityField::PensionGrowth => city.pension_growth_pct,
                            CityField::TechNewLoansAvg => city.tech_new_loans_avg,
                        };
                        let placeholder = match computed.value.filter(|_| !computed.typed_in) {
                            Some(value) => format!("空白：计算得 {}", crate::format::fixed2(value)),
                            None => "空白：由各行数据计算".to_owned(),
                        };
                        let oninput = {
                            let scenario = scenario.clone();
                            Callback::from(move |text: String| scenario.edit_city(field, text))
                        };
                        html! {
                            <div class="setting">
                                <NumberField
                                    id={id.element_id()}
                                    label={field.label()}
                                    text={scenario.text(&id)}
                                    error={scenario.error(&id)}
                                    unit={field.unit()}
                                    {placeholder}
                                    {oninput}
                                />
                                <p class="explanation">{ field.clause() }</p>
                            </div>
                        }
                    }) }
                </div>
            </section>

            <section class="settings-section">
                <h2>{ format!("存款主管部门指标得分（{}%）", scenario.scheme.rules.outcomes.department_weight.value.normalize()) }</h2>
                <p class="hint">{ format!("四(四)：公共性资金存放{}按 0–100 分填写。", scenario.scheme.rules.composite_text()) }</p>
                <div class="department-scores">
                    { for scenario.scheme.banks.iter().map(|bank| {
                        let id = FieldId::Bank(bank.id.clone(), BankField::DepartmentScore);
                        let oninput = {
                            let (scenario, bank_id) = (scenario.clone(), bank.id.clone());
                            Callback::from(move |text: String| scenario.edit_bank(&bank_id, BankField::DepartmentScore, text))
                        };
                        html! {
                            <NumberField
                                id={format!("d{}", id.element_id())}
                                label={bank.short_name.clone()}
                                context="存款主管部门指标得分"
                                text={scenario.text(&id)}
                                error={scenario.error(&id)}
                                unit={Unit::Fen}
                                placeholder="未填"
                                {oninput}
                            />
                        }
                    }) }
                </div>
            </section>

            <section class="settings-section">
                <h2>{ "重置" }</h2>
                <p class="hint">{ "回到基准情景：清空所有输入，各行均按附件任务完成，口径恢复默认。已保存的测算不受影响。" }</p>
                if *confirm_reset {
                    <div class="confirm" role="group" aria-label="确认重置">
                        <span>{ "确定要清空当前测算吗？此操作不能撤销（可先“另存为”或“导出文件”）。" }</span>
                        <button type="button" id="reset-confirm" class="danger" onclick={on_reset_confirmed}>{ "确定重置" }</button>
                        <button type="button" id="reset-cancel" onclick={on_reset_cancelled}>{ "取消" }</button>
                    </div>
                } else {
                    <button type="button" id="reset" onclick={on_reset}>{ "重置为基准情景…" }</button>
                }
            </section>
        </div>
    }
}
