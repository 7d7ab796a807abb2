//! One scored item: its title, its points, and the engine's explanation (clause and working) one
//! click away in a `<details>`, and on hover in its title.

use kaoping_engine::Unit;
use yew::prelude::*;

use crate::format::with_unit;

/// Props of [`ItemPoints`].
#[derive(Properties, PartialEq, Debug)]
pub struct ItemPointsProps {
    /// The element id.
    pub id: AttrValue,
    /// The item's key (`loan_increment`), for tests and styles.
    pub key_name: AttrValue,
    /// The item's title (`贷款增量`).
    pub title: AttrValue,
    /// The clause it implements (`二(一)1`).
    pub clause: AttrValue,
    /// The points, unrounded; written with two decimals.
    pub points: rust_decimal::Decimal,
    /// The engine's working in Chinese.
    pub explanation: AttrValue,
}

/// The points of one item with their explanation.
#[component]
pub fn ItemPoints(props: &ItemPointsProps) -> Html {
    html! {
        <div class="item-points" id={props.id.clone()} data-item={props.key_name.clone()}>
            <details>
                <summary title={format!("{} {}：{}", props.clause, props.title, props.explanation)}>
                    <span class="item-title">{ props.title.clone() }</span>
                    <span class="points">{ with_unit(props.points, Unit::Fen) }</span>
                </summary>
                <p class="working">
                    <span class="clause">{ props.clause.clone() }</span>
                    { " " }
                    { props.explanation.clone() }
                </p>
            </details>
            // Printed sheets cannot be clicked open: the working is printed beside the points.
            <p class="working print-working">
                <span class="clause">{ props.clause.clone() }</span>
                { " " }
                { props.explanation.clone() }
            </p>
        </div>
    }
}
