//! 规则与设置: the engine's settings table as the page shows it — every reading of the text (a choice)
//! and every setting typed as a number (the green task rate, the city figures), each with what it
//! decides and its default; department scores for the department's part of 四(四); and the reset.
//!
//! The rows come from `kaoping_engine::Setting`: a new row of the table is a new row here, drawn by its
//! kind (choices as radio buttons, a number as a box read by `Setting::enter`), with no change to this
//! file.

use std::rc::Rc;

use kaoping_app::derived::Derived;
use kaoping_app::drafts::Drafts;
use kaoping_app::scheme::{SchemeFile, SchemeSummary};
use kaoping_app::{Action, FieldId};
use kaoping_engine::{city_figure_source, Field, Group, Scenario, Setting, SettingKind, SettingValue};
use yew::prelude::*;

use crate::components::number_field::NumberField;
use crate::components::scheme_view::scheme_view;
use crate::components::SchemeRef;
use crate::format::still_counting;

/// Props of [`ChoiceSetting`].
#[derive(Properties, PartialEq, Debug)]
struct ChoiceSettingProps {
    /// The setting (a reading of the text with choices).
    setting: Setting,
    /// The file value of the choice in force.
    current: &'static str,
    /// What it decides, with the year's numbers (the engine's words).
    explanation: AttrValue,
    /// Called with the file value of the choice picked (`whole_units`).
    onchange: Callback<&'static str>,
}

/// A reading of the text as a group of radio buttons, in a fieldset with its explanation. The group's
/// name and ids come from the setting's key (`bonus_mode` → `bonus-mode-1`).
#[component]
fn ChoiceSetting(props: &ChoiceSettingProps) -> Html {
    let setting = props.setting;
    let name = setting.key().replace('_', "-");
    let explanation_id = format!("{name}-why");
    html! {
        <fieldset class="setting" aria-describedby={explanation_id.clone()}>
            <legend>{ setting.label() }</legend>
            <p class="explanation" id={explanation_id}>{ props.explanation.clone() }</p>
            <div class="choices">
                { for setting.choices().iter().enumerate().map(|(i, choice)| {
                    let id = format!("{name}-{i}");
                    let value = choice.value;
                    let onchange = props.onchange.reform(move |_: Event| value);
                    html! {
                        <label for={id.clone()} class="choice">
                            <input type="radio" {id} name={name.clone()} {value} checked={value == props.current} {onchange} />
                            { choice.label }
                            // The table lists the default first.
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
    /// The scheme in force, in words.
    pub in_force: Rc<SchemeSummary>,
    /// The scheme file picked in 考评方案, if any.
    pub scheme_file: Option<Rc<SchemeFile>>,
    /// Called with the scheme file the user picked.
    pub onscheme: Callback<web_sys::File>,
    /// Which ranks the last switch of a reading moved: the reading and the engine's words.
    pub rank_shift: Option<(Setting, AttrValue)>,
    /// Changes the state.
    pub dispatch: Callback<Action>,
}

/// 规则与设置.
#[component]
pub fn SettingsView(props: &SettingsViewProps) -> Html {
    let scheme = props.scheme;
    let onedit = use_memo(props.dispatch.clone(), |dispatch| {
        dispatch.reform(|(id, text): (FieldId, String)| Action::Edit(id, text))
    });
    let drafts = &props.drafts;
    let scenario = &props.scenario;
    let city = &props.derived.evaluation.city;
    // Nothing unsaved is lost without a question: with unsaved changes the document asks 保存 / 不保存 /
    // 取消 first; without, everything is in a saved scenario or is the baseline already.
    let on_reset = props.dispatch.reform(|_: MouseEvent| Action::Reset);

    // One row of the settings table, drawn by its kind.
    let row = |setting: Setting| -> Html {
        match setting.spec().kind {
            SettingKind::Choice(_) => {
                let current = match setting.get(scenario) {
                    SettingValue::Choice(value) => value,
                    SettingValue::Number(_) => "",
                };
                let onchange = props.dispatch.reform(move |value: &'static str| Action::Choose(setting, value));
                let shift = props.rank_shift.as_ref().filter(|(s, _)| *s == setting).map(|(_, text)| text.clone());
                html! {
                    <>
                        <ChoiceSetting {setting} {current} explanation={setting.explanation(&scheme)} {onchange} />
                        <p class="rank-shift" id={format!("{}-shift", setting.key().replace('_', "-"))} role="status">
                            { shift.unwrap_or_default() }
                        </p>
                    </>
                }
            }
            SettingKind::Number { unit, .. } => {
                let id = FieldId::Setting(setting);
                let figure = setting.figure(city);
                // The engine's doubts about the figure: warnings beside the box, never refusals.
                let doubts: Vec<&str> = props
                    .derived
                    .setting_doubts
                    .iter()
                    .filter(|d| d.setting == setting)
                    .map(|d| d.message.as_str())
                    .collect();
                html! {
                    <div class="setting" id={format!("{}-{}", setting.spec().group.key(), setting.key())}>
                        <NumberField
                            id={id.element_id()}
                            field={id.clone()}
                            label={setting.label()}
                            text={drafts.text(&id, scenario)}
                            error={drafts.error(&id).map(AttrValue::from)}
                            counting={setting.counting(scenario, city)}
                            doubt={(!doubts.is_empty()).then(|| AttrValue::from(doubts.join("；")))}
                            unit={Some(unit)}
                            placeholder={setting.placeholder(&scheme, city)}
                            onedit={(*onedit).clone()}
                        />
                        <p class="explanation">{ setting.explanation(&scheme) }</p>
                        if let Some(figure) = figure.filter(|f| !f.typed_in) {
                            <p class="explanation source">{ format!("{}。", city_figure_source(&scheme, &figure)) }</p>
                        }
                    </div>
                }
            }
        }
    };

    html! {
        <div class="settings-view">
            { scheme_view(&props.in_force, props.scheme_file.as_deref(), &props.onscheme, &props.dispatch) }
            <section class="settings-section">
                <h2>{ "计分口径" }</h2>
                <p class="hint">{ "办法原文未写明的地方，测算器按下列口径计算；每项都可切换，切换后全部得分立即重算。" }</p>
                { for Setting::of(Group::Settings).map(row) }
            </section>

            <section class="settings-section">
                <h2>{ "全市数字" }</h2>
                <p class="hint">{ "人民银行掌握的全市口径数字（含未参评机构）可在此直接填写；空白则由参评银行的数据计算。" }</p>
                <div class="city-fields">
                    { for Setting::of(Group::City).map(row) }
                </div>
            </section>

            <section class="settings-section">
                <h2>{ scheme.rules.department_part_text() }</h2>
                <p class="hint">{ scheme.rules.department_score_hint() }</p>
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
                                text={drafts.text(&id, scenario)}
                                error={drafts.error(&id).map(AttrValue::from)}
                                counting={still_counting(scenario.bank(&bank.id).and_then(|b| field.get(b)), None, field.unit())}
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
