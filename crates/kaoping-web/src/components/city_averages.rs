//! The city figures the items were scored against, and where each came from: typed in, or worked out
//! from the banks' figures, in the engine's words (`city_figure_source`).

use kaoping_engine::{city_figure_source, CityField, CityFigures, Scheme};
use yew::prelude::*;

use crate::format::with_unit;

/// One city figure as shown: its label, its value, and where it came from when it was worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Average {
    /// The figure's key (`loan_growth_pct`), for element ids.
    pub key: &'static str,
    /// Its label, in the scheme's words.
    pub label: &'static str,
    /// The value with its unit, when there is one.
    pub value: Option<String>,
    /// Where it came from, when it was worked out rather than typed in.
    pub source: Option<String>,
}

/// Every city figure the engine used, in the scheme's order.
pub fn averages(scheme: &Scheme, city: &CityFigures) -> Vec<Average> {
    CityField::ALL
        .iter()
        .map(|&field| {
            let figure = field.figure(city);
            Average {
                key: field.key(),
                label: field.label(),
                value: figure.value.map(|v| with_unit(v, field.unit())),
                source: (!figure.typed_in).then(|| city_figure_source(scheme, &figure)),
            }
        })
        .collect()
}

/// Props of [`CityAverages`].
#[derive(Properties, PartialEq, Debug)]
pub struct CityAveragesProps {
    /// The element id of the list; each figure's id is this plus its key.
    pub id: AttrValue,
    /// The figures.
    pub averages: Vec<Average>,
}

/// The figures as a list, then where the worked-out ones came from, each source written once with
/// the figures it applies to (they often share one).
#[component]
pub fn CityAverages(props: &CityAveragesProps) -> Html {
    let mut sources: Vec<(String, Vec<&'static str>)> = Vec::new();
    for average in &props.averages {
        if let Some(source) = &average.source {
            match sources.iter_mut().find(|(s, _)| s == source) {
                Some((_, labels)) => labels.push(average.label),
                None => sources.push((source.clone(), vec![average.label])),
            }
        }
    }
    html! {
        <div class="averages-block" id={props.id.clone()}>
            <dl class="averages" aria-label="计分使用的全市平均">
                { for props.averages.iter().map(|a| html! {
                    <div class="average" id={format!("{}-{}", props.id, a.key)}>
                        <dt>{ a.label }</dt>
                        <dd>
                            { a.value.clone().unwrap_or_else(|| "—".to_owned()) }
                            if a.value.is_some() {
                                <span class="source">{ if a.source.is_some() { "（推算）" } else { "（已填入）" } }</span>
                            }
                        </dd>
                    </div>
                }) }
            </dl>
            if !sources.is_empty() {
                <ul class="average-sources">
                    { for sources.iter().map(|(source, labels)| html! {
                        <li>{ format!("{}：{source}。", labels.join("、")) }</li>
                    }) }
                </ul>
            }
        </div>
    }
}
