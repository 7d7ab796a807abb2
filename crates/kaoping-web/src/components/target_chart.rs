//! 敏感性 as an inline SVG: the bank's total against one lever, with the totals that enter each band
//! and clear the interview line at each point, the figure now, its task and the values where the
//! lever's items reach their caps. The drawing is for the eye; the same figures are in a table
//! below it for keyboards and screen readers. All figures come from the engine's `Sensitivity`; the
//! page only places them (in decimal arithmetic, checked, like every figure it shows).

use kaoping_engine::{round2, Band, Sensitivity};
use rust_decimal::Decimal;
use yew::prelude::*;

use crate::format::{fixed2, maybe_fixed2, with_unit};

/// The drawing's size in SVG units, and the room left for the axes' words.
const WIDTH: i64 = 640;
const HEIGHT: i64 = 260;
const LEFT: i64 = 56;
const RIGHT: i64 = 96;
const TOP: i64 = 12;
const BOTTOM: i64 = 40;
/// The least vertical room between two names of lines.
const LABEL_GAP: i64 = 12;

/// Props of [`TargetChart`].
#[derive(Properties, PartialEq, Debug)]
pub struct TargetChartProps {
    /// The curve and its marks, from the engine.
    pub curve: Sensitivity,
}

/// Maps `value` in `from..to` onto `a..b`, as SVG text; the middle when the range is empty.
fn place(value: Decimal, from: Decimal, to: Decimal, a: i64, b: i64) -> String {
    let (a, b) = (Decimal::from(a), Decimal::from(b));
    let share = (value - from).checked_div(to - from).unwrap_or(Decimal::new(5, 1));
    let at = a.checked_add((b - a).checked_mul(share).unwrap_or(Decimal::ZERO)).unwrap_or(a);
    round2(at).normalize().to_string()
}

/// The total against the lever.
#[component]
pub fn TargetChart(props: &TargetChartProps) -> Html {
    let curve = &props.curve;
    let unit = curve.lever.unit();
    let (Some(first), Some(last)) = (curve.points.first(), curve.points.last()) else {
        return Html::default();
    };
    let (x_low, x_high) = (first.value, last.value);
    // The vertical range covers our totals and every line drawn.
    let mut totals: Vec<Decimal> = curve.points.iter().filter_map(|p| p.total).collect();
    totals.extend(curve.points.iter().flat_map(|p| p.band_edges.iter().map(|(_, t)| *t)));
    totals.extend(curve.points.iter().filter_map(|p| p.interview_line));
    let (Some(&y_low), Some(&y_high)) = (totals.iter().min(), totals.iter().max()) else {
        return Html::default();
    };
    let x = |v: Decimal| place(v, x_low, x_high, LEFT, WIDTH - RIGHT);
    let y = |t: Decimal| place(t, y_high, y_low, TOP, HEIGHT - BOTTOM);
    let line = |values: Vec<(Decimal, Decimal)>| {
        values.into_iter().map(|(v, t)| format!("{},{}", x(v), y(t))).collect::<Vec<_>>().join(" ")
    };
    let ours = line(curve.points.iter().filter_map(|p| p.total.map(|t| (p.value, t))).collect());
    let bands: Vec<Band> = first.band_edges.iter().map(|(b, _)| *b).collect();
    let edge = |band: Band| {
        line(
            curve
                .points
                .iter()
                .filter_map(|p| p.band_edges.iter().find(|(b, _)| *b == band).map(|(_, t)| (p.value, *t)))
                .collect(),
        )
    };
    let interview = line(curve.points.iter().filter_map(|p| p.interview_line.map(|t| (p.value, t))).collect());
    // The lines' names at the right end, pushed apart where the lines end close together.
    let mut names: Vec<(Decimal, String)> = last.band_edges.iter().map(|(b, t)| (*t, b.label().to_owned())).collect();
    names.extend(last.interview_line.map(|t| (t, "约谈线".to_owned())));
    kaoping_engine::order::sort_by_key(&mut names, |name| std::cmp::Reverse(name.0));
    let mut below = Decimal::from(i64::MIN);
    let names: Vec<(String, String)> = names
        .into_iter()
        .map(|(t, name)| {
            let at = y(t).parse::<Decimal>().unwrap_or(Decimal::ZERO).max(below + Decimal::from(LABEL_GAP));
            below = at;
            (at.normalize().to_string(), name)
        })
        .collect();
    let marker = |value: Decimal, class: &'static str, label: String| {
        (value >= x_low && value <= x_high).then(|| {
            html! {
                <g class={classes!("marker", class)}>
                    <line x1={x(value)} x2={x(value)} y1={TOP.to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
                    <text x={x(value)} y={(HEIGHT - BOTTOM + 28).to_string()} text-anchor="middle">{ label }</text>
                </g>
            }
        })
    };
    let lever = curve.lever.label();
    let description = format!(
        "横轴为{lever}（{} 至 {}），纵轴为本行总分；虚线为各档次和约谈线所需的总分。",
        with_unit(x_low, unit),
        with_unit(x_high, unit)
    );
    html! {
        <figure class="target-chart">
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-labelledby="target-chart-title target-chart-desc"
                focusable="false">
                <title id="target-chart-title">{ format!("本行总分随{lever}的变化") }</title>
                <desc id="target-chart-desc">{ description.clone() }</desc>
                <line class="axis" x1={LEFT.to_string()} x2={LEFT.to_string()} y1={TOP.to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
                <line class="axis" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={(HEIGHT - BOTTOM).to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
                <text class="tick" x={(LEFT - 6).to_string()} y={y(y_high)} text-anchor="end">{ fixed2(y_high) }</text>
                <text class="tick" x={(LEFT - 6).to_string()} y={y(y_low)} text-anchor="end">{ fixed2(y_low) }</text>
                <text class="tick" x={x(x_low)} y={(HEIGHT - BOTTOM + 14).to_string()} text-anchor="start">{ fixed2(x_low) }</text>
                <text class="tick" x={x(x_high)} y={(HEIGHT - BOTTOM + 14).to_string()} text-anchor="end">{ with_unit(x_high, unit) }</text>
                { for bands.iter().map(|&band| html! {
                    <g class={classes!("edge", format!("band-{}", band.key()))}>
                        <polyline points={edge(band)} />
                    </g>
                }) }
                if !interview.is_empty() {
                    <g class="edge interview">
                        <polyline points={interview.clone()} />
                    </g>
                }
                { for names.iter().map(|(at, name)| html! {
                    <text class="edge-name" x={(WIDTH - RIGHT + 4).to_string()} y={at.clone()}>{ name.clone() }</text>
                }) }
                { marker(curve.current, "current", "目前".to_owned()).unwrap_or_default() }
                { curve.task.and_then(|t| marker(t, "task", "任务".to_owned())).unwrap_or_default() }
                { for curve.caps.iter().filter_map(|(item, v)| marker(*v, "cap", format!("{}封顶", item.title()))) }
                <polyline class="ours" points={ours} />
                { for curve.points.iter().filter_map(|p| p.total.map(|t| html! {
                    <circle class={classes!("point", format!("band-{}", p.band.key()))} cx={x(p.value)} cy={y(t)} r="3">
                        <title>{ format!("{} {}：总分 {}，{}", curve.lever.first().spec().short, with_unit(p.value, unit), fixed2(t),
                            p.rank.map_or_else(String::new, |r| format!("第 {r} 名"))) }</title>
                    </circle>
                })) }
            </svg>
            <figcaption>{ description }</figcaption>
            <details class="target-chart-data">
                <summary>{ "图表数据" }</summary>
                <table id="target-chart-table">
                    <thead><tr>
                        <th scope="col">{ lever.clone() }</th>
                        <th scope="col">{ "总分" }</th>
                        <th scope="col">{ "名次" }</th>
                        <th scope="col">{ "档次" }</th>
                        { for bands.iter().map(|b| html! { <th scope="col">{ format!("{}所需", b.label()) }</th> }) }
                        <th scope="col">{ "约谈线" }</th>
                    </tr></thead>
                    <tbody>
                        { for curve.points.iter().map(|p| html! {
                            <tr class={classes!((p.value == curve.current).then_some("current"))}>
                                <th scope="row">{ with_unit(p.value, unit) }</th>
                                <td class="num">{ maybe_fixed2(p.total) }</td>
                                <td class="num">{ p.rank.map_or_else(|| "—".to_owned(), |r| r.to_string()) }</td>
                                <td>{ p.band.label() }</td>
                                { for bands.iter().map(|b| html! {
                                    <td class="num">{ maybe_fixed2(p.band_edges.iter().find(|(x, _)| x == b).map(|(_, t)| *t)) }</td>
                                }) }
                                <td class="num">{ maybe_fixed2(p.interview_line) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                if !curve.caps.is_empty() || !curve.capped_now.is_empty() {
                    <p class="note">
                        { curve.caps.iter().map(|(item, v)| format!("{}在 {} 封顶", item.title(), with_unit(*v, unit)))
                            .chain(curve.capped_now.iter().map(|item| format!("{}已封顶", item.title())))
                            .collect::<Vec<_>>().join("；") }
                    </p>
                }
            </details>
        </figure>
    }
}
