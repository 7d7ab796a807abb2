//! One scored item: its title, its points, and the engine's explanation (clause and working) one
//! click away in a `<details>`, and on hover in its title.

use kaoping_engine::{ItemScore, Unit};
use yew::prelude::*;

use crate::components::SchemeRef;
use crate::format::with_unit;

/// The points of one item with their explanation, written from its score. A function rather than a
/// component: it is drawn by the form's row, which is drawn again only when its items' scores changed
/// (a component of its own would be code of its own in the page's first load).
pub fn item_points(scheme: SchemeRef, bank: &str, score: &ItemScore) -> Html {
    let (title, key) = (score.item.title(), score.item.key());
    let clause = scheme.rules.clause(score.item);
    let explanation = score.explain(&scheme);
    html! {
        <div class="item-points" id={format!("pts-{bank}-{key}")} data-item={key}>
            <details>
                <summary title={format!("{clause} {title}：{explanation}")}>
                    <span class="item-title">{ title }</span>
                    <span class="points">{ with_unit(score.points, Unit::Fen) }</span>
                </summary>
                <p class="working">
                    <span class="clause">{ clause.to_owned() }</span>
                    { " " }
                    { explanation.clone() }
                </p>
            </details>
            // Printed sheets cannot be clicked open: the working is printed beside the points.
            <p class="working print-working">
                <span class="clause">{ clause.to_owned() }</span>
                { " " }
                { explanation }
            </p>
        </div>
    }
}
