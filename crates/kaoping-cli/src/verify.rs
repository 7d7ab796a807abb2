//! 核实 on the command line: `kaoping score --declared FILE` (the figures as the banks declared them)
//! and `kaoping diff FILE` with one file (as declared against as verified: every verified figure,
//! the banks whose rank or band moved, and the whole table).

use kaoping_engine::{verification_effect, Scheme};

use crate::{load, pretty, render_diff, unknown_bank, Failure};

/// `kaoping diff FILE [--bank B] [--json]`: the scenario as declared (A) against as verified (B).
pub(crate) fn diff(file: &str, bank: Option<&str>, json: bool) -> Result<String, Failure> {
    let (scheme, scenario) = load(file)?;
    let effect = verification_effect(scheme, &scenario);
    let declared = scenario.declared();
    let detail = match bank {
        Some(id) => {
            Some(effect.comparison.bank(scheme, &declared, &scenario, id).ok_or_else(|| unknown_bank(scheme, id))?)
        }
        None => None,
    };
    if json {
        let mut value = effect.to_value(scheme);
        if let (Some(detail), Some(map)) = (&detail, value.as_object_mut()) {
            map.insert("bank".to_owned(), detail.to_value());
        }
        return Ok(pretty(&value));
    }
    let mut out = header(scheme, &effect);
    out.push_str("\nA：按申报数　B：按核实数\n");
    out.push_str(&render_diff(scheme, &effect.comparison, detail.as_ref()));
    Ok(out)
}

/// The verified figures, one a line, and what they moved.
fn header(scheme: &Scheme, effect: &kaoping_engine::VerificationEffect) -> String {
    if effect.figures.is_empty() {
        return "没有核实调整的数字：按申报数与按核实数的结果相同\n".to_owned();
    }
    let mut out = format!("申报数 → 核实数（{} 项）：\n", effect.figures.len());
    for figure in &effect.figures {
        let name =
            scheme.bank_index(&figure.bank).and_then(|i| scheme.banks.get(i)).map_or("", |b| b.short_name.as_str());
        out.push_str(&format!("  {name} {}\n", figure.zh()));
    }
    out.push_str(&format!("{}\n", effect.moved_zh()));
    out
}
