//! 规则与设置: every interpretation setting of the engine, each with the clause it affects and the
//! default reading; city figures typed in; department scores for the department's part of 四(四); and the
//! reset.

use std::rc::Rc;

use kaoping_app::derived::Derived;
use kaoping_app::drafts::Drafts;
use kaoping_app::{Action, FieldId};
use kaoping_engine::{
    city_figure_source, green_annex_rate, green_target_text, readings, CityField, DepartmentScore, Field, Reading,
    Scenario, Unit,
};
use yew::prelude::*;

use crate::components::number_field::NumberField;
use crate::components::SchemeRef;
use crate::format::{still_counting, with_unit};

/// Props of [`RadioSetting`].
#[derive(Properties, PartialEq, Debug)]
struct RadioSettingProps {
    /// The reading, as the engine words it with the year's numbers.
    reading: Reading,
    /// Called with the file value of the choice picked (`whole_units`).
    onchange: Callback<&'static str>,
}

/// A reading of the text as a group of radio buttons, in a fieldset with its explanation. The group's
/// name and ids come from the reading's key (`bonus_mode` → `bonus-mode-1`).
#[component]
fn RadioSetting(props: &RadioSettingProps) -> Html {
    let reading = &props.reading;
    let name = reading.key.replace('_', "-");
    let explanation_id = format!("{name}-why");
    html! {
        <fieldset class="setting" aria-describedby={explanation_id.clone()}>
            <legend>{ reading.title.clone() }</legend>
            <p class="explanation" id={explanation_id}>{ reading.explanation.clone() }</p>
            <div class="choices">
                { for reading.choices.iter().enumerate().map(|(i, (value, label))| {
                    let id = format!("{name}-{i}");
                    let value: &'static str = value;
                    let onchange = props.onchange.reform(move |_: Event| value);
                    html! {
                        <label for={id.clone()} class="choice">
                            <input type="radio" {id} name={name.clone()} value={value} checked={i == reading.current} {onchange} />
                            { label.clone() }
                            // The engine lists the default reading first.
                            if i == 0 { <span class="default-tag">{ "（默认）" }</span> }
                        </label>
                    }
                }) }
            </div>
        </fieldset>
    }
}

/// Props of [`SettingsView`].
#[derive(Properties, PartialEq, Debug)]
pub struct SettingsViewProps {
    /// The scheme.
    pub scheme: SchemeRef,
    /// The scenario.
    pub scenario: Rc<Scenario>,
    /// What was typed into the boxes.
    pub drafts: Rc<Drafts>,
    /// What follows from the scenario (the city figures used).
    pub derived: Rc<Derived>,
    /// Which ranks the last switch of a reading moved: the reading's key and the engine's words.
    pub rank_shift: Option<(&'static str, AttrValue)>,
    /// Changes the state.
    pub dispatch: Callback<Action>,
}

/// 规则与设置.
#[component]
pub fn SettingsView(props: &SettingsViewProps) -> Html {
    let scheme = props.scheme;
    let settings = props.scenario.settings;
    let onedit = use_memo(props.dispatch.clone(), |dispatch| {
        dispatch.reform(|(id, text): (FieldId, String)| Action::Edit(id, text))
    });
    let drafts = &props.drafts;
    let green_id = FieldId::GreenTarget;
    // The annex's own rate, so that a new year's annex rewrites this setting's help.
    let green_rate = green_annex_rate(&scheme).map_or_else(String::new, |r| r.normalize().to_string());
    // Nothing unsaved is lost without a question: with unsaved changes the document asks 保存 / 不保存 /
    // 取消 first; without, everything is in a saved scenario or is the baseline already.
    let on_reset = props.dispatch.reform(|_: MouseEvent| Action::Reset);
    let city = &props.derived.evaluation.city;

    html! {
        <div class="settings-view">
            <section class="settings-section">
                <h2>{ "计分口径" }</h2>
                <p class="hint">{ "办法原文未写明的地方，测算器按下列口径计算；每项都可切换，切换后全部得分立即重算。" }</p>
                { for readings(&scheme, &settings).into_iter().map(|reading| {
                    let key = reading.key;
                    let onchange = props.dispatch.reform(move |value: &'static str| Action::Choose(key, value));
                    let shift = props.rank_shift.as_ref().filter(|(k, _)| *k == key).map(|(_, text)| text.clone());
                    html! {
                        <>
                            <RadioSetting {reading} {onchange} />
                            <p class="rank-shift" id={format!("{}-shift", key.replace('_', "-"))} role="status">
                                { shift.unwrap_or_default() }
                            </p>
                        </>
                    }
                }) }
                <div class="setting">
                    <NumberField
                        id={green_id.element_id()}
                        field={green_id.clone()}
                        label={green_id.label()}
                        text={drafts.text(&green_id, &props.scenario)}
                        error={drafts.error(&green_id).map(AttrValue::from)}
                        counting={match settings.green_target_growth_pct {
                            Some(rate) => still_counting(Some(rate.get()), None, Unit::Percent),
                            None => "仍为空：按附件4 公布的任务".to_owned(),
                        }}
                        unit={Some(Unit::Percent)}
                        placeholder={format!("空白：按附件4（{green_rate}%）")}
                        onedit={(*onedit).clone()}
                    />
                    <p class="explanation">{ green_target_text(&scheme) }</p>
                </div>
            </section>

            <section class="settings-section">
                <h2>{ "全市数字" }</h2>
                <p class="hint">{ "人民银行掌握的全市口径数字（含未参评机构）可在此直接填写；空白则由参评银行的数据计算。" }</p>
                <div class="city-fields">
                    { for CityField::ALL.iter().map(|&field| {
                        let id = FieldId::City(field);
                        let figure = field.figure(city);
                        // The placeholder shows what the engine works out when the box is empty, and the
                        // line under it where that figure comes from.
                        let placeholder = match figure.value.filter(|_| !figure.typed_in) {
                            Some(value) => format!("空白：计算得 {}", crate::format::fixed2(value)),
                            None => "空白：由各行数据计算".to_owned(),
                        };
                        let counting = match (field.get(&props.scenario.city), figure.value) {
                            // Empty, the figure worked out from the banks counts.
                            (None, Some(value)) => format!("仍为空：按推算的 {}计算", with_unit(value, field.unit())),
                            (typed, _) => still_counting(typed, None, field.unit()),
                        };
                        html! {
                            <div class="setting" id={format!("city-{}", field.key())}>
                                <NumberField
                                    id={id.element_id()}
                                    field={id.clone()}
                                    label={field.label()}
                                    text={drafts.text(&id, &props.scenario)}
                                    error={drafts.error(&id).map(AttrValue::from)}
                                    {counting}
                                    unit={Some(field.unit())}
                                    {placeholder}
                                    onedit={(*onedit).clone()}
                                />
                                <p class="explanation">{ field.usage(&scheme) }</p>
                                if !figure.typed_in {
                                    <p class="explanation source">{ format!("{}。", city_figure_source(&scheme, &figure)) }</p>
                                }
                            </div>
                        }
                    }) }
                </div>
            </section>

            <section class="settings-section">
                // FIXME(issue 14): the weight's wording and the score's range come from the engine (branch
                // engine-doc).
                <h2>{ format!("{}（{}%）", Field::DepartmentScore.label(), scheme.rules.outcomes.department_weight.value.normalize()) }</h2>
                <p class="hint">{ format!(
                    "四(四)：公共性资金存放{}按 {}–{} {}填写。",
                    scheme.rules.composite_text(),
                    DepartmentScore::MIN.normalize(),
                    DepartmentScore::MAX.normalize(),
                    Field::DepartmentScore.unit().symbol()
                ) }</p>
                <div class="department-scores">
                    { for scheme.banks.iter().map(|bank| {
                        let field = Field::DepartmentScore;
                        let id = FieldId::Bank(bank.id.clone(), field);
                        html! {
                            <NumberField
                                id={format!("d{}", id.element_id())}
                                field={id.clone()}
                                label={bank.short_name.clone()}
                                context={field.label()}
                                text={drafts.text(&id, &props.scenario)}
                                error={drafts.error(&id).map(AttrValue::from)}
                                counting={still_counting(props.scenario.bank(&bank.id).and_then(|b| field.get(b)), None, field.unit())}
                                unit={Some(field.unit())}
                                placeholder="未填"
                                onedit={(*onedit).clone()}
                            />
                        }
                    }) }
                </div>
            </section>

            <section class="settings-section">
                <h2>{ "重置" }</h2>
                <p class="hint">{ "回到基准情景：清空所有输入，各行均按附件任务完成，口径恢复默认。已保存的测算不受影响；有未保存的修改时，会先问是否保存。" }</p>
                <button type="button" id="reset" onclick={on_reset}>{ "重置为基准情景" }</button>
            </section>
        </div>
    }
}
