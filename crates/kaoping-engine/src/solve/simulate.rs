//! 他行情况未知: where a bank lands if the others do better or worse than their tasks. Each rival's
//! annex balance line that is not entered (附件1–4) has its growth drawn uniformly within ±k
//! percentage points of the growth it is assumed at (its task growth, or the `above:` assumption's),
//! independently per line and per draw; every draw is scored, and our rank, band and share collected:
//! "第 2–5 名；进入前三 71%".
//!
//! Draws are exact decimals: an integer number of 0.01 percentage points drawn from a splitmix64
//! generator (by rejection, so every value is equally likely), then scaled, never a float. The same
//! seed gives the same draws, however the run is split into chunks (the page runs it a few hundred
//! draws at a time so that typing never waits for it).

use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::document::Scenario;
use crate::error::{Assumption, Error};
use crate::fields::Field;
use crate::items::{Band, Item};
use crate::scheme::Scheme;
use crate::solve::rivals::balance_lines;
use crate::solve::{exact, thin_city_figures, to_the_yuan, Note, Rivals, Standing};

/// The simulation format's name.
pub const SIMULATE_FORMAT: &str = "kaoping-simulate/1";

/// How to draw the rivals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimulationSpec {
    /// ±k percentage points of growth around each line's assumed growth (0 to 100, two decimals).
    pub spread_pp: Decimal,
    /// How many draws (1 to 100,000; 1000 by default).
    pub draws: u32,
    /// The generator's seed.
    pub seed: u64,
    /// Draw the lines a rival has entered too, around their entered growth.
    pub entered_too: bool,
}

impl SimulationSpec {
    /// The widest spread, in percentage points of growth.
    pub const SPREAD_MAX_PP: Decimal = Decimal::ONE_HUNDRED;
    /// The most decimals a spread may have (draws are whole 0.01 percentage points).
    pub const SPREAD_DECIMALS: u32 = 2;
    /// The most draws.
    pub const DRAWS_MAX: u32 = 100_000;
    /// The draws when none are asked for.
    pub const DRAWS_DEFAULT: u32 = 1000;
    /// The seed when none is given.
    pub const SEED_DEFAULT: u64 = 1;
    /// The spread a page offers first, in percentage points.
    pub const SPREAD_DEFAULT_PP: Decimal = Decimal::from_parts(3, 0, 0, false, 0);
    /// What `entered_too` means, for beside its checkbox.
    pub const ENTERED_TOO_LABEL: &'static str = "他行已填的贷款余额也围绕所填数字浮动";
    /// The boxes' labels: spread, draws, seed.
    pub const LABELS: [&'static str; 3] = ["浮动（± 个百分点）", "次数", "种子"];

    /// Reads the spread, the number of draws and the seed as typed (a page's boxes, the command
    /// line's options) and checks them; the error says which one and what it accepts.
    pub fn parse(spread_pp: &str, draws: &str, seed: &str, entered_too: bool) -> Result<SimulationSpec, Error> {
        let spread = crate::values::parse_exact(spread_pp.trim()).map_err(|_| Error::Assumption {
            what: Assumption::Spread { max: Self::SPREAD_MAX_PP },
            text: spread_pp.trim().to_owned(),
        })?;
        let draws_n: u32 = draws.trim().parse().map_err(|_| Error::Assumption {
            what: Assumption::Draws { max: Self::DRAWS_MAX },
            text: draws.trim().to_owned(),
        })?;
        let seed_n: u64 = seed
            .trim()
            .parse()
            .map_err(|_| Error::Assumption { what: Assumption::Seed, text: seed.trim().to_owned() })?;
        SimulationSpec::new(spread, draws_n, seed_n, entered_too)
    }

    /// Checks the spread and the number of draws.
    pub fn new(spread_pp: Decimal, draws: u32, seed: u64, entered_too: bool) -> Result<SimulationSpec, Error> {
        if spread_pp < Decimal::ZERO
            || spread_pp > Self::SPREAD_MAX_PP
            || spread_pp.normalize().scale() > Self::SPREAD_DECIMALS
        {
            return Err(Error::Assumption {
                what: Assumption::Spread { max: Self::SPREAD_MAX_PP },
                text: spread_pp.to_string(),
            });
        }
        if draws == 0 || draws > Self::DRAWS_MAX {
            return Err(Error::Assumption {
                what: Assumption::Draws { max: Self::DRAWS_MAX },
                text: draws.to_string(),
            });
        }
        Ok(SimulationSpec { spread_pp, draws, seed, entered_too })
    }
}

/// splitmix64 (Steele, Lea and Flood): a tiny generator whose output is fixed by its seed.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `0..n`, every one equally likely (rejection of the uneven top of the range).
    pub fn below(&mut self, n: u64) -> u64 {
        if n <= 1 {
            return 0;
        }
        // 2^64 mod n: values under it would make the low residues likelier.
        let threshold = n.wrapping_neg() % n;
        loop {
            let x = self.next_u64();
            if x >= threshold {
                return x % n;
            }
        }
    }
}

/// One rival's line that is drawn.
#[derive(Debug, Clone)]
struct Drawn {
    /// The bank's place in the scenario's list.
    slot: usize,
    field: Field,
    /// The value at the assumed growth.
    centre: Decimal,
    /// What 0.01 percentage point of growth is: the 2023 balance ÷ 10,000 (exact: the annex balances
    /// have two decimals).
    per_step: Decimal,
}

/// A simulation that can be run in chunks.
#[derive(Debug, Clone)]
pub struct Simulation<'a> {
    scheme: &'a Scheme,
    base: Scenario,
    index: usize,
    bank: String,
    rivals: Rivals,
    spec: SimulationSpec,
    drawn: Vec<Drawn>,
    rng: SplitMix64,
    done: u32,
    ranks: Vec<u32>,
    bands: Vec<Band>,
    interviewed: u32,
    shares: Vec<Decimal>,
    now: Standing,
    notes: Vec<Note>,
}

impl<'a> Simulation<'a> {
    /// Sets up the draws for `bank`; `None` when the scheme has no such bank.
    pub fn new(
        scheme: &'a Scheme,
        scenario: &Scenario,
        bank: &str,
        rivals: Rivals,
        spec: SimulationSpec,
    ) -> Option<Simulation<'a>> {
        let index = scheme.bank_index(bank)?;
        let mut base = rivals.prepare(scheme, scenario, index);
        let evaluation = rivals.assess(scheme, &base, index);
        let now = Standing::of(evaluation.banks.get(index)?);
        let mut drawn = Vec::new();
        for (i, info) in scheme.banks.iter().enumerate() {
            let Some(result) = evaluation.banks.get(i).filter(|b| i != index && b.is_ranked()) else { continue };
            for (field, line) in balance_lines() {
                // A line entered for a rival is drawn when asked, or when the assumption set it aside.
                let kept = !spec.entered_too && !rivals.entered_lines_too;
                if kept && scenario.bank(&info.id).is_some_and(|b| field.is_entered(b)) {
                    continue;
                }
                let line = result.figures.line(line);
                // List the bank, so that every draw finds it at the same place.
                base.bank_mut(&info.id);
                let slot = base.banks.iter().position(|b| b.id == info.id)?;
                let per_step = line.base / Decimal::from(10_000);
                drawn.push(Drawn { slot, field, centre: line.current, per_step });
            }
        }
        let mut notes = thin_city_figures(scheme, &evaluation, &Item::ALL);
        if !rivals.is_default() {
            notes.push(Note::Assumed { rivals });
        }
        Some(Simulation {
            scheme,
            base,
            index,
            bank: bank.to_owned(),
            rivals,
            spec,
            drawn,
            rng: SplitMix64::new(spec.seed),
            done: 0,
            ranks: Vec::new(),
            bands: Vec::new(),
            interviewed: 0,
            shares: Vec::new(),
            now,
            notes,
        })
    }

    /// Runs up to `n` more draws; returns whether all draws are done.
    pub fn run(&mut self, n: u32) -> bool {
        let k = (self.spec.spread_pp * Decimal::ONE_HUNDRED).trunc();
        let k = u64::try_from(k).unwrap_or(0);
        let width = k.saturating_mul(2).saturating_add(1);
        let end = self.done.saturating_add(n).min(self.spec.draws);
        // One scenario for every draw: each draw rewrites every drawn figure, so nothing carries over.
        let mut scenario = self.base.clone();
        while self.done < end {
            for d in &self.drawn {
                // An offset in 0.01 percentage points, from −k to +k.
                let offset = i128::from(self.rng.below(width)) - i128::from(k);
                let value = (d.centre + d.per_step * Decimal::from_i128_with_scale(offset, 0)).max(Decimal::ZERO);
                if let Some(bank) = scenario.banks.get_mut(d.slot) {
                    let _ = d.field.set_exact(bank, to_the_yuan(value));
                }
            }
            let evaluation = self.rivals.assess(self.scheme, &scenario, self.index);
            if let Some(ours) = evaluation.banks.get(self.index) {
                if let Some(rank) = ours.rank {
                    self.ranks.push(rank);
                    self.bands.push(ours.band);
                    self.interviewed += u32::from(ours.interview);
                    self.shares.push(ours.deposit.share_pct);
                }
            }
            self.done += 1;
        }
        self.done >= self.spec.draws
    }

    /// How many draws are done.
    pub fn done(&self) -> u32 {
        self.done
    }

    /// What the draws so far show.
    pub fn summary(&self) -> SimulationSummary {
        let mut ranks = self.ranks.clone();
        crate::order::sort(&mut ranks);
        let mut shares = self.shares.clone();
        crate::order::sort(&mut shares);
        let mut rank_counts: Vec<(u32, u32)> = Vec::new();
        for r in &ranks {
            match rank_counts.last_mut() {
                Some((rank, count)) if rank == r => *count += 1,
                _ => rank_counts.push((*r, 1)),
            }
        }
        let band_counts = Band::ALL
            .into_iter()
            .map(|band| (band, u32::try_from(self.bands.iter().filter(|b| **b == band).count()).unwrap_or(0)))
            .filter(|(_, n)| *n > 0)
            .collect();
        let middle = |v: &[u32]| v.get(v.len() / 2).copied();
        SimulationSummary {
            bank: self.bank.clone(),
            spread_pp: self.spec.spread_pp,
            seed: self.spec.seed,
            draws: self.done,
            ranked: u32::try_from(ranks.len()).unwrap_or(0),
            lines_drawn: self.drawn.len(),
            now: self.now,
            rank_min: ranks.first().copied(),
            rank_median: middle(&ranks),
            rank_max: ranks.last().copied(),
            rank_counts,
            band_counts,
            interviewed: self.interviewed,
            share_min: shares.first().copied(),
            share_median: shares.get(shares.len() / 2).copied(),
            share_max: shares.last().copied(),
            notes: self.notes.clone(),
        }
    }
}

/// The distribution of a bank's place over the draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulationSummary {
    /// The bank's id.
    pub bank: String,
    /// ± percentage points drawn.
    pub spread_pp: Decimal,
    /// The seed.
    pub seed: u64,
    /// Draws done.
    pub draws: u32,
    /// Draws in which the bank was ranked.
    pub ranked: u32,
    /// How many rival lines were drawn (0: every rival line is entered, the draws are all alike).
    pub lines_drawn: usize,
    /// Where the bank stands with the rivals as assumed.
    pub now: Standing,
    /// Best rank drawn.
    pub rank_min: Option<u32>,
    /// Median rank.
    pub rank_median: Option<u32>,
    /// Worst rank drawn.
    pub rank_max: Option<u32>,
    /// (rank, draws), best rank first.
    pub rank_counts: Vec<(u32, u32)>,
    /// (band, draws), best band first.
    pub band_counts: Vec<(Band, u32)>,
    /// Draws in which the bank is among the last three.
    pub interviewed: u32,
    /// Smallest deposit share drawn, percent.
    pub share_min: Option<Decimal>,
    /// Median share.
    pub share_median: Option<Decimal>,
    /// Largest share.
    pub share_max: Option<Decimal>,
    /// What to say beside it.
    pub notes: Vec<Note>,
}

impl SimulationSummary {
    /// The percentage of draws, exact: `count × 100 / draws`.
    pub fn percent(&self, count: u32) -> Decimal {
        Decimal::from(count)
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|x| x.checked_div(Decimal::from(self.draws)))
            .unwrap_or(Decimal::ZERO)
    }

    /// The share of draws in a band or a better one, percent.
    pub fn at_least(&self, band: Band) -> Decimal {
        self.percent(self.band_counts.iter().filter(|(b, _)| *b <= band).map(|(_, n)| *n).sum())
    }

    /// How often the bank reached each band or better, in words:
    /// `进入贡献突出单位 33.00%，贡献积极单位及以上 100.00%`.
    pub fn bands_zh(&self) -> String {
        format!(
            "进入{} {}%，{}及以上 {}%",
            Band::Outstanding.label(),
            crate::format::format_fixed2(self.at_least(Band::Outstanding)),
            Band::Positive.label(),
            crate::format::format_fixed2(self.at_least(Band::Positive))
        )
    }

    /// `第 2–5 名（中位第 3 名）；进入前三 71%；贡献积极及以上 100%；约谈 0%`.
    pub fn zh(&self, scheme: &Scheme) -> String {
        let (Some(min), Some(max), Some(median)) = (self.rank_min, self.rank_max, self.rank_median) else {
            return "取消考评资格，不参与排名".to_owned();
        };
        let places = if min == max { format!("第 {min} 名") } else { format!("第 {min}–{max} 名") };
        let top = scheme
            .rules
            .outcomes
            .bands
            .iter()
            .find(|b| b.band == Band::Outstanding)
            .and_then(|b| b.to_rank)
            .unwrap_or(3);
        let pct = |d: Decimal| format!("{}%", round0(d));
        format!(
            "{places}（中位第 {median} 名）；进入前{} {}；贡献积极及以上 {}；约谈 {}（{} 次抽样，±{} 个百分点，种子 {}）",
            chinese_number(top),
            pct(self.at_least(Band::Outstanding)),
            pct(self.at_least(Band::Positive)),
            pct(self.percent(self.interviewed)),
            self.draws,
            self.spread_pp.normalize(),
            self.seed
        )
    }

    /// As a `kaoping-simulate/1` object.
    pub fn to_value(&self, scheme: &Scheme) -> Value {
        json!({
            "format": SIMULATE_FORMAT,
            "bank": self.bank,
            "spread_pp": exact(self.spread_pp),
            "seed": self.seed,
            "draws": self.draws,
            "lines_drawn": self.lines_drawn,
            "now": self.now.to_value(),
            "rank": { "min": self.rank_min, "median": self.rank_median, "max": self.rank_max },
            "rank_counts": self.rank_counts.iter().map(|(r, n)| json!({"rank": r, "draws": n})).collect::<Vec<_>>(),
            "band_pct": self.band_counts.iter().map(|(b, n)| (b.key().to_owned(), exact(self.percent(*n)))).collect::<serde_json::Map<_, _>>(),
            "interview_pct": exact(self.percent(self.interviewed)),
            "share_pct": {
                "min": self.share_min.map_or(Value::Null, exact),
                "median": self.share_median.map_or(Value::Null, exact),
                "max": self.share_max.map_or(Value::Null, exact),
            },
            "summary": self.zh(scheme),
            "notes": self.notes.iter().map(|n| n.zh()).collect::<Vec<_>>(),
        })
    }
}

fn round0(d: Decimal) -> String {
    d.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero).normalize().to_string()
}

fn chinese_number(n: u32) -> String {
    const DIGITS: [&str; 11] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    usize::try_from(n).ok().and_then(|i| DIGITS.get(i)).map_or_else(|| n.to_string(), |d| (*d).to_owned())
}

/// Runs every draw at once.
pub fn simulate(
    scheme: &Scheme,
    scenario: &Scenario,
    bank: &str,
    rivals: Rivals,
    spec: SimulationSpec,
) -> Option<SimulationSummary> {
    let mut simulation = Simulation::new(scheme, scenario, bank, rivals, spec)?;
    simulation.run(spec.draws);
    Some(simulation.summary())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_its_reference_values() {
        // The first outputs for seed 1234567 from the reference implementation (Vigna, prng.di.unimi.it).
        let mut rng = SplitMix64::new(1_234_567);
        assert_eq!(rng.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(rng.next_u64(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut rng = SplitMix64::new(7);
        let mut seen = [0u32; 5];
        for _ in 0..5_000 {
            let x = rng.below(5);
            assert!(x < 5);
            if let Some(s) = usize::try_from(x).ok().and_then(|i| seen.get_mut(i)) {
                *s += 1;
            }
        }
        assert!(seen.iter().all(|&n| n > 800), "{seen:?}");
    }

    #[test]
    fn chunks_do_not_change_the_draws() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let spec = SimulationSpec::new(Decimal::from(5), 40, 42, false).expect("valid");
        let scenario = scheme.baseline();
        let whole = simulate(scheme, &scenario, "cgb", Rivals::default(), spec).expect("a bank");
        let mut chunked = Simulation::new(scheme, &scenario, "cgb", Rivals::default(), spec).expect("a bank");
        while !chunked.run(7) {}
        assert_eq!(chunked.summary(), whole);
        assert_eq!(whole.draws, 40);
        assert_eq!(whole.lines_drawn, 60, "15 rivals × 4 balance lines");
    }
}
