//! The city figures the growth items and 科创金融 are scored against: "全市……平均增速", "全市新增科技型企业
//! 贷款平均余额", and the ranking of pension-loan growth for "增速前5名".
//!
//! The text does not say how the average is formed. By default it is the aggregate growth of the
//! scored banks that are not disqualified and have the data, (Σ 2024 − Σ 2023) / Σ 2023; the
//! `city_average` setting switches to the simple mean of the banks' growths, and a typed-in city figure
//! (the official city-wide one, which also counts institutions outside the 16) replaces either.
//! A bank whose 2023 base is 0 has no growth and is left out.

use rust_decimal::Decimal;

use crate::document::{CityAverage, Scenario};
use crate::evaluation::{CityFigure, CityFigures, Figures};
use crate::exact::{add, checked_div, growth_pct, is_positive};
use crate::fields::BankInput;
use crate::sections::outcomes::competition_ranks;
use crate::values::{Amount, Percent};

/// Works out the city figures from the banks that count, or takes the typed-in ones.
pub(crate) fn figures(scenario: &Scenario, inputs: &[&BankInput], lines: &[Figures]) -> CityFigures {
    let mode = scenario.settings.city_average;
    let counts = |i: usize| !inputs[i].vetoed;
    let n = inputs.len();
    let counted = |i: &usize| counts(*i);
    let loans = average_growth((0..n).filter(counted).map(|i| (lines[i].loans.base, lines[i].loans.current)), mode);
    let manufacturing = average_growth(
        (0..n).filter(counted).map(|i| (lines[i].manufacturing.base, lines[i].manufacturing.current)),
        mode,
    );
    let pair = |a: Option<Amount>, b: Option<Amount>| a.zip(b).map(|(a, b)| (a.get(), b.get()));
    let inclusive = average_growth(
        (0..n).filter(counted).filter_map(|i| pair(inputs[i].inclusive_loans_2023, inputs[i].inclusive_loans)),
        mode,
    );
    let pension = average_growth(
        (0..n).filter(counted).filter_map(|i| pair(inputs[i].pension_loans_2023, inputs[i].pension_loans)),
        mode,
    );
    let (tech, banks) = mean((0..n).filter(|&i| counts(i)).filter_map(|i| inputs[i].tech_new_loans.map(Amount::get)));
    let tech = CityFigure { value: tech, typed_in: false, banks };
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

fn average_growth(pairs: impl Iterator<Item = (Decimal, Decimal)>, mode: CityAverage) -> CityFigure {
    let pairs = pairs.filter(|(base, _)| is_positive(*base));
    let (value, banks) = match mode {
        CityAverage::Aggregate => {
            // Σ 2023 and Σ 2024, each added up from zero in bank order.
            let (mut base, mut current, mut banks) = (Decimal::ZERO, Decimal::ZERO, 0);
            for (b, c) in pairs {
                base = add(base, b);
                current = add(current, c);
                banks += 1;
            }
            (growth_pct(base, current), banks)
        }
        CityAverage::Mean => {
            let mut banks = 0;
            let (value, _) = mean(pairs.filter_map(|(b, c)| {
                banks += 1;
                growth_pct(b, c)
            }));
            (value, banks)
        }
    };
    CityFigure { value, typed_in: false, banks }
}

/// The mean of the values (added up from zero in order, then divided by their number), and their
/// number.
fn mean(values: impl Iterator<Item = Decimal>) -> (Option<Decimal>, usize) {
    let (mut sum, mut count) = (Decimal::ZERO, 0usize);
    for value in values {
        sum = add(sum, value);
        count += 1;
    }
    let mean = if count == 0 { None } else { checked_div(sum, Decimal::from(count)) };
    (mean, count)
}
