//! What a printed sheet carries beyond the screen: that these are projections and not the official
//! result, which scenario, when it was printed, the readings of the text and the city figures the
//! scores rest on. Shown only on paper (`.print-only`); on screen the same facts sit in the scenario
//! bar, the badge and 规则与设置.

use std::rc::Rc;

use gloo::events::EventListener;
use kaoping_app::view::Tab;
use kaoping_engine::{Evaluation, Group, Scenario, Setting, SettingValue};
use yew::prelude::*;

use crate::components::city_averages::averages;
use crate::components::SchemeRef;
use crate::format::NOT_APPLICABLE;

/// What every printout says of itself.
pub const NOT_OFFICIAL: &str = "测算结果，非正式考评结论";

/// The local date and time now, `2024-12-31 17:05`.
fn now() -> String {
    let date = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// Props of [`PrintHeader`].
#[derive(Properties, PartialEq, Debug)]
pub struct PrintHeaderProps {
    /// The scheme.
    pub scheme: SchemeRef,
    /// The document's name, if it has one.
    pub name: Option<AttrValue>,
    /// Whether it has unsaved changes.
    pub modified: bool,
    /// The page shown.
    pub tab: Tab,
    /// The bank shown on 本行测算.
    pub bank: AttrValue,
    /// The scenario (the readings in force).
    pub scenario: Rc<Scenario>,
    /// The evaluation (the city figures the scores rest on).
    pub evaluation: Rc<Evaluation>,
}

/// The header of a printed sheet; hidden on screen.
#[component]
pub fn PrintHeader(props: &PrintHeaderProps) -> Html {
    let scheme = props.scheme;
    let stamp = use_state(now);
    {
        // Printing can come long after the last redraw: the time is taken again just before it.
        let stamp = stamp.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "beforeprint", move |_| stamp.set(now()));
            move || drop(listener)
        });
    }
    let name = props.name.clone().unwrap_or_else(|| "未命名".into());
    let unsaved = if props.modified { "（已修改，未另存）" } else { "" };
    let page = match props.tab {
        Tab::Bank => {
            let bank = scheme.banks.iter().find(|b| b.id == props.bank.as_str());
            format!("{}：{}", Tab::Bank.title(), bank.map_or(NOT_APPLICABLE, |b| b.full_name.as_str()))
        }
        tab => tab.title().to_owned(),
    };
    // Every reading in force, from the settings table: a choice's label, a number with its unit, or
    // what counts while it is empty.
    let in_force: Vec<String> = Setting::of(Group::Settings)
        .map(|setting| {
            let shown = match setting.get(&props.scenario) {
                SettingValue::Number(None) => setting.spec().when_empty.to_owned(),
                value => setting.show(value),
            };
            format!("{}：{shown}", setting.label())
        })
        .collect();
    let city: Vec<String> = averages(&scheme, &props.evaluation.city)
        .into_iter()
        .map(|a| {
            let how = if a.source.is_some() { "推算" } else { "已填入" };
            match a.value {
                Some(value) => format!("{} {value}（{how}）", a.label),
                None => format!("{} —", a.label),
            }
        })
        .collect();
    html! {
        <section class="print-only print-header" id="print-header" aria-hidden="true">
            <p class="print-warning">{ NOT_OFFICIAL }</p>
            <p class="print-meta">
                <span id="print-scenario">{ format!("测算：{name}{unsaved}") }</span>
                <span id="print-page">{ page }</span>
                <span id="print-time">{ format!("打印时间：{}", *stamp) }</span>
            </p>
            <p class="print-settings" id="print-settings">
                { format!("考评方案：{}，方案指纹 {}。计分口径：{}。", scheme.label(), scheme.fingerprint, in_force.join("；")) }
            </p>
            <p class="print-city" id="print-city">{ format!("计分使用的全市数字：{}。", city.join("；")) }</p>
        </section>
    }
}

/// The foot of a printed sheet; hidden on screen.
#[component]
pub fn PrintFooter() -> Html {
    html! {
        <p class="print-only print-footer" aria-hidden="true">
            { format!("{NOT_OFFICIAL}。以考评领导小组办公室正式通报为准；本表由考评测算器在本机浏览器中生成。") }
        </p>
    }
}
