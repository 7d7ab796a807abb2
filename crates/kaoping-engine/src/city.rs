//! The city figures the growth items and 科创金融 are scored against: "全市……平均增速", "全市新增科技型企业
//! 贷款平均余额", and the ranking of pension-loan growth for "增速前5名".
//!
//! The text does not say how the average is formed. By default it is the aggregate growth of the
//! scored banks that are not disqualified and have the data, (Σ 2024 − Σ 2023) / Σ 2023; the
//! `city_average` setting switches to the simple mean of the banks' growths, and a typed-in city figure
//! (the official city-wide one, which also counts institutions outside the 16) replaces either.
//! A bank whose 2023 base is 0 has no growth and is left out.

use rust_decimal::Decimal;

use crate::evaluation::{CityFigure, CityFigures, Figures};
use crate::scenario::{BankInput, CityAverage, Scenario};
use crate::scoring::growth_pct;
use crate::sections::outcomes::competition_ranks;
use crate::values::{Amount, Percent};

/// Works out the city figures from the banks that count, or takes the typed-in ones.
pub(crate) fn figures(scenario: &Scenario, inputs: &[&BankInput], lines: &[Figures]) -> CityFigures {
    let mode = scenario.settings.city_average;
    let counts = |i: usize| !inputs[i].vetoed;
    let n = inputs.len();
    let growth = |pairs: &mut dyn Iterator<Item = (Decimal, Decimal)>| average_growth(pairs, mode);
    let loans = growth(&mut (0..n).filter(|&i| counts(i)).map(|i| (lines[i].loans.base, lines[i].loans.current)));
    let manufacturing = growth(
        &mut (0..n).filter(|&i| counts(i)).map(|i| (lines[i].manufacturing.base, lines[i].manufacturing.current)),
    );
    let pair = |a: Option<Amount>, b: Option<Amount>| a.zip(b).map(|(a, b)| (a.get(), b.get()));
    let inclusive = growth(
        &mut (0..n)
            .filter(|&i| counts(i))
            .filter_map(|i| pair(inputs[i].inclusive_loans_2023, inputs[i].inclusive_loans)),
    );
    let pension = growth(
        &mut (0..n).filter(|&i| counts(i)).filter_map(|i| pair(inputs[i].pension_loans_2023, inputs[i].pension_loans)),
    );
    let tech: Vec<Decimal> =
        (0..n).filter(|&i| counts(i)).filter_map(|i| inputs[i].tech_new_loans.map(Amount::get)).collect();
    let tech = CityFigure { value: mean(&tech), typed_in: false, banks: tech.len() };
    let city = &scenario.city;
    CityFigures {
        loan_growth_pct: typed(city.loan_growth_pct, loans),
        inclusive_growth_pct: typed(city.inclusive_growth_pct, inclusive),
        manufacturing_growth_pct: typed(city.manufacturing_growth_pct, manufacturing),
        pension_growth_pct: typed(city.pension_growth_pct, pension),
        tech_new_loans_avg: match city.tech_new_loans_avg {
            Some(v) => CityFigure { value: Some(v.get()), typed_in: true, banks: 0 },
            None => tech,
        },
    }
}

/// A bank's pension-loan growth in percent, when it has both balances and a positive 2023 one.
pub(crate) fn pension_growth(input: &BankInput) -> Option<Decimal> {
    match (input.pension_loans_2023, input.pension_loans) {
        (Some(base), Some(current)) => growth_pct(base.get(), current.get()),
        _ => None,
    }
}

/// Each bank's competition rank of pension-loan growth (from [`pension_growth`], worked out once for
/// the ranks and the item) among the banks that count and have one.
pub(crate) fn pension_growth_ranks(inputs: &[&BankInput], growths: &[Option<Decimal>]) -> Vec<Option<u32>> {
    let counted: Vec<Option<Decimal>> =
        inputs.iter().zip(growths).map(|(input, growth)| if input.vetoed { None } else { *growth }).collect();
    competition_ranks(&counted)
}

fn typed(value: Option<Percent>, computed: CityFigure) -> CityFigure {
    match value {
        Some(v) => CityFigure { value: Some(v.get()), typed_in: true, banks: 0 },
        None => computed,
    }
}

fn average_growth(pairs: &mut dyn Iterator<Item = (Decimal, Decimal)>, mode: CityAverage) -> CityFigure {
    let pairs: Vec<(Decimal, Decimal)> = pairs.filter(|(base, _)| *base > Decimal::ZERO).collect();
    let value = match mode {
        CityAverage::Aggregate => {
            let base: Decimal = pairs.iter().map(|p| p.0).sum();
            let current: Decimal = pairs.iter().map(|p| p.1).sum();
            growth_pct(base, current)
        }
        CityAverage::Mean => mean(&pairs.iter().filter_map(|(b, c)| growth_pct(*b, *c)).collect::<Vec<_>>()),
    };
    CityFigure { value, typed_in: false, banks: pairs.len() }
}

fn mean(values: &[Decimal]) -> Option<Decimal> {
    if values.is_empty() {
        return None;
    }
    let sum: Decimal = values.iter().sum();
    sum.checked_div(Decimal::from(values.len()))
}
