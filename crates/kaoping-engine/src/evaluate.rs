//! The engine's entry point: scores a scenario under a scheme.
//!
//! Two passes: first every bank's balance lines and the city figures they imply, then every bank's
//! items against those figures, then 四's outcomes over all banks. Nothing here does I/O, and nothing
//! can panic: every figure entered went through a bounded type, and every division is checked.

use crate::city;
use crate::document::Scenario;
use crate::evaluation::{BankResult, Deposit, Evaluation, Figures, Warning, Working};
use crate::fields;
use crate::fields::{BankInput, FieldSet, FundFigure};
use crate::items::Band;
use crate::scheme::Scheme;
use crate::scoring::{line, target_line};
use crate::sections::{adjustments, deposits, dongchu, loan_input, loan_structure, outcomes};
use crate::values::{Amount, Count};
use rust_decimal::Decimal;

/// Scores a scenario: every bank's items, total, rank, band and public-fund composite, with the
/// working of every point.
///
/// A pure function of its two arguments. A scenario's banks may be in any order and may name banks
/// the scheme does not have (they are ignored: [`Scenario::from_json`] refuses them).
pub fn evaluate(scheme: &Scheme, scenario: &Scenario) -> Evaluation {
    let empty = BankInput::default();
    let inputs: Vec<&BankInput> = scheme.banks.iter().map(|bank| scenario.bank(&bank.id).unwrap_or(&empty)).collect();
    let lines: Vec<Figures> = (0..scheme.banks.len()).map(|i| bank_lines(scheme, scenario, i, inputs[i])).collect();
    let city = city::figures(scenario, &inputs, &lines);
    let pension_growths: Vec<Option<Decimal>> = inputs.iter().map(|input| city::pension_growth(input)).collect();
    let pension_ranks = city::pension_growth_ranks(&inputs, &pension_growths);
    let mode = scenario.settings.bonus_mode;
    let rules = &scheme.rules.items;

    let mut banks: Vec<BankResult> = scheme
        .banks
        .iter()
        .enumerate()
        .map(|(i, bank)| {
            let input = inputs[i];
            let figures = &lines[i];
            let items = [
                loan_input::loan_increment(&figures.loans, rules, mode),
                loan_input::loan_growth(&figures.loans, city.loan_growth_pct.value, rules, mode),
                loan_structure::sme_increment(&figures.sme, rules, mode),
                loan_structure::sme_customers(input, rules, mode),
                loan_structure::sme_rate(input, rules, mode),
                loan_structure::inclusive_growth(input, city.inclusive_growth_pct.value, rules, mode),
                loan_structure::manufacturing_increment(&figures.manufacturing, rules, mode),
                loan_structure::manufacturing_growth(
                    &figures.manufacturing,
                    city.manufacturing_growth_pct.value,
                    rules,
                    mode,
                ),
                loan_structure::green_increment(&figures.green, rules, mode),
                loan_structure::carbon_products(input, rules, mode),
                loan_structure::tech(input, city.tech_new_loans_avg.value, rules),
                loan_structure::pension(
                    input,
                    pension_growths[i],
                    city.pension_growth_pct.value,
                    pension_ranks[i],
                    rules,
                ),
                dongchu::amount(&figures.dongchu_amount, rules, mode),
                dongchu::households(&figures.dongchu_households, rules, mode),
                adjustments::policy(input, rules),
                adjustments::npl(input, rules, mode),
                adjustments::platform_bonds(input, rules, mode),
                adjustments::guarantee(input, rules, mode),
            ];
            let mut warnings: Vec<Warning> = items
                .iter()
                .filter_map(|s| match s.working {
                    Working::Undefined { reason } => Some(Warning::ItemUndefined { item: s.item, reason }),
                    _ => None,
                })
                .collect();
            if input.vetoed {
                warnings.insert(0, Warning::Vetoed);
            }
            let total = (!input.vetoed).then(|| crate::exact::sum(items.iter().map(|s| s.points)));
            BankResult {
                index: i,
                id: bank.id.clone(),
                total,
                rank: None,
                from_bottom: None,
                band: Band::Disqualified,
                interview: false,
                last_place_twice: false,
                items,
                deposit: Deposit::default(),
                missing: missing(scheme, input),
                warnings,
                figures: *figures,
            }
        })
        .collect();
    let names: Vec<&str> = scheme.banks.iter().map(|b| b.short_name.as_str()).collect();
    let ranked =
        outcomes::apply(&scheme.rules.outcomes, scenario.settings.deposit_normalization, &inputs, &names, &mut banks);
    let deposit_inputs = deposits::inputs(scheme, scenario, &inputs);
    Evaluation { city, banks, ranked, deposit_inputs }
}

/// What the bank has not entered that would score. A figure given per fund (四(四)'s department scores)
/// stands in for the bank's one figure for every fund, which is then not missing when every fund has
/// its own.
fn missing(scheme: &Scheme, input: &BankInput) -> FieldSet {
    let mut missing = fields::missing_all(input);
    for figure in FundFigure::ALL {
        let funds = &scheme.rules.outcomes.funds;
        if missing.contains(figure.every()) && funds.iter().all(|f| figure.get(input, &f.id).is_some()) {
            missing.remove(figure.every());
        }
    }
    missing
}

/// A bank's balance lines: the annex base and task, and the figure entered or, absent one, on task.
fn bank_lines(scheme: &Scheme, scenario: &Scenario, i: usize, input: &BankInput) -> Figures {
    let a = &scheme.annexes;
    let get = |v: Option<Amount>| v.map(Amount::get);
    // 附件4 备注: "年末按不低于全国或全省平均增速进行考评" — the setting replaces the 15% tasks.
    let green_task = match scenario.settings.green_target_growth_pct {
        Some(rate) => a.green[i].balance_2023 * rate.get() / rust_decimal::Decimal::ONE_HUNDRED,
        None => a.green[i].task,
    };
    Figures {
        loans: line(a.loans[i].balance_2023, a.loans[i].task, get(input.loans)),
        sme: line(a.sme[i].balance_2023, a.sme[i].task, get(input.sme_loans)),
        manufacturing: line(a.manufacturing[i].balance_2023, a.manufacturing[i].task, get(input.manufacturing_loans)),
        green: line(a.green[i].balance_2023, green_task, get(input.green_loans)),
        dongchu_amount: target_line(a.dongchu[i].amount_target, get(input.dongchu_amount)),
        dongchu_households: target_line(a.dongchu[i].households_target, input.dongchu_households.map(Count::decimal)),
    }
}
