//! The search under every answer: the smallest number of steps at which a goal is met.
//!
//! The scheme turns lending into points, points into a rank and a rank into a band: a step function
//! with caps, so a goal may be out of reach and no derivative helps. But every goal has a distance
//! behind it that moves smoothly between the steps — our total minus the total of the bank at the
//! rank we want, our share minus the share we want — and the search uses it: it extrapolates along
//! the distance (at most eightfold per probe) until the goal is met or the figure's bound is reached,
//! then narrows the bracket by interpolating, with a bisection whenever an interpolation fails to
//! halve it. On a straight stretch that is two or three scorings; at worst about twice bisection's.
//!
//! Narrowing is only right if the goal, once met, stays met. Rather than assume it, the search keeps
//! every probe and checks that the distance never shrank as the steps grew. When it did, it scans
//! instead: every step up to the first probe that met the goal, or, past a budget, in strides and
//! then every step in the first stride that meets it.

use rust_decimal::Decimal;

/// What one probe found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Probe {
    /// The goal is met.
    pub met: bool,
    /// The distance to the goal (met around 0), larger is better; `None` when there is none (the
    /// bank is not ranked, or the goal is a yes/no).
    pub progress: Option<Decimal>,
}

/// What the search found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// The smallest number of steps that meets the goal; `None` when none up to the bound does.
    pub steps: Option<u64>,
    /// Whether the probes were consistent with a goal that stays met (else the answer was scanned).
    pub monotone: bool,
    /// When scanning had to stride past its budget, the stride of the coarsest pass: the answer is
    /// then the smallest step found, not provably the smallest there is.
    pub stride: u64,
    /// How many probes it took.
    pub probes: u32,
}

/// Probes at most this many points when scanning.
const SCAN_BUDGET: u64 = 1_000;

/// A fall in the distance smaller than this is the last digit of 28-digit arithmetic, not a fall.
fn noise() -> Decimal {
    Decimal::new(1, 18)
}

/// The next move while narrowing a bracket.
#[derive(Debug, Clone, Copy)]
enum Narrow {
    /// Where the line between the bracket's ends reaches the goal.
    Interpolate,
    /// Beside the last guess: one step below it when it met the goal, one above when it did not.
    Beside(u64, bool),
    /// The middle.
    Bisect,
}

/// Where the line through two probes reaches 0, rounded up to a whole step: `None` when the line
/// does not rise.
fn root(a: (u64, Option<Decimal>), b: (u64, Option<Decimal>)) -> Option<Decimal> {
    let (Some(pa), Some(pb)) = (a.1, b.1) else { return None };
    if pb <= pa {
        return None;
    }
    let (ka, kb) = (Decimal::from(a.0), Decimal::from(b.0));
    let at = ka.checked_add((kb.checked_sub(ka)?).checked_mul(-pa)?.checked_div(pb.checked_sub(pa)?)?)?;
    Some(at.ceil())
}

fn ticks(d: Decimal) -> Option<u64> {
    u64::try_from(d.max(Decimal::ZERO)).ok()
}

/// Finds the smallest `k` in `0..=max` with `probe(k).met`. `zero` is the probe at 0 when the caller
/// already has it (the scenario as it is).
pub(crate) fn smallest(first: u64, max: u64, zero: Option<Probe>, mut probe: impl FnMut(u64) -> Probe) -> Found {
    let mut seen: Vec<(u64, Probe)> = Vec::new();
    let mut look = |k: u64, seen: &mut Vec<(u64, Probe)>| {
        let p = probe(k);
        seen.push((k, p));
        p
    };
    let p0 = match zero {
        Some(p) => {
            seen.push((0, p));
            p
        }
        None => look(0, &mut seen),
    };
    let mut high = None;
    let (mut low, mut p_low) = (0u64, p0);
    if p0.met {
        high = Some((0, p0));
    } else if max > 0 {
        // Bracket: extrapolate along the distance, never more than eightfold, doubling when it does
        // not rise.
        let mut k = first.clamp(1, max);
        loop {
            let p = look(k, &mut seen);
            if p.met {
                high = Some((k, p));
                break;
            }
            let (before, p_before) = (low, p_low);
            (low, p_low) = (k, p);
            if k == max {
                break;
            }
            let guess = root((before, p_before.progress), (k, p.progress)).and_then(ticks);
            let next = match guess {
                // A little past the line's root: curves bend down past a task or a cap.
                Some(g) if g > k => g.saturating_add((g - k) / 8).saturating_add(1).min(k.saturating_mul(8)),
                _ => k.saturating_mul(2),
            };
            k = next.clamp(k + 1, max);
        }
    }
    if let Some((mut h, mut p_high)) = high {
        // Narrow in rounds: interpolate; check the step beside the guess (on a straight stretch that
        // settles it); bisect, so that every round at least halves the bracket.
        let mut step = Narrow::Interpolate;
        while h > low.saturating_add(1) {
            let middle = low + (h - low) / 2;
            let k = match step {
                Narrow::Interpolate => {
                    match root((low, p_low.progress), (h, p_high.progress)).and_then(ticks) {
                        // A guess at the very end of the bracket says the curve is bent (flat at a
                        // cap, say): the middle tells more.
                        Some(g) if g > low + 1 && g < h - 1 => g,
                        _ => middle,
                    }
                }
                Narrow::Beside(g, true) => g.saturating_sub(1),
                Narrow::Beside(g, false) => g.saturating_add(1),
                Narrow::Bisect => middle,
            }
            .clamp(low + 1, h - 1);
            let p = look(k, &mut seen);
            if p.met {
                (h, p_high) = (k, p);
            } else {
                (low, p_low) = (k, p);
            }
            step = match step {
                Narrow::Interpolate => Narrow::Beside(k, p.met),
                Narrow::Beside(..) => Narrow::Bisect,
                Narrow::Bisect => Narrow::Interpolate,
            };
        }
        high = Some((h, p_high));
    }
    let high = high.map(|(h, _)| h);
    let monotone = consistent(&mut seen);
    let mut probes = u32::try_from(seen.len()).unwrap_or(u32::MAX);
    if zero.is_some() {
        probes = probes.saturating_sub(1);
    }
    if monotone {
        return Found { steps: high, monotone, stride: 1, probes };
    }
    // Not monotone: scan from the start up to the first probe that met the goal (or the bound).
    let mut scan = |k: u64| {
        probes = probes.saturating_add(1);
        probe(k).met
    };
    let (steps, stride) = scan_range(0, high.unwrap_or(max), high.is_some(), &mut scan);
    Found { steps, monotone: false, stride, probes }
}

/// Whether the probes, in order of `k`, never go from met to not met and never lose distance.
fn consistent(seen: &mut [(u64, Probe)]) -> bool {
    crate::order::sort_by_key(seen, |(k, _)| *k);
    seen.windows(2).all(|pair| match pair {
        [(_, a), (_, b)] => {
            let kept = match (a.progress, b.progress) {
                (Some(pa), Some(pb)) => pb >= pa - noise(),
                (None, None) => true,
                _ => false,
            };
            (!a.met || b.met) && kept
        }
        _ => true,
    })
}

/// Scans `(from, to]` for the smallest met `k`: every step when that is within the budget, otherwise in
/// strides, then within the first stride that met. `to_met` says `to` is known to meet the goal.
/// Returns the step found and the largest stride used.
fn scan_range(from: u64, to: u64, to_met: bool, met: &mut impl FnMut(u64) -> bool) -> (Option<u64>, u64) {
    let (mut from, mut to, mut to_met) = (from, to, to_met);
    let mut widest = 1;
    loop {
        let span = to.saturating_sub(from);
        if span <= SCAN_BUDGET {
            let found = (from.saturating_add(1)..=to).find(|&k| (k == to && to_met) || met(k));
            return (found, widest);
        }
        let stride = span.div_ceil(SCAN_BUDGET);
        widest = widest.max(stride);
        let mut k = from;
        let mut hit = None;
        while k < to {
            k = k.saturating_add(stride).min(to);
            if (k == to && to_met) || met(k) {
                hit = Some(k);
                break;
            }
        }
        let Some(hit) = hit else { return (None, widest) };
        from = hit.saturating_sub(stride).max(from);
        to = hit;
        to_met = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A distance that rises by `slope` per step until `cap`, met from `edge` on.
    fn line(edge: u64, slope: i64, cap: u64) -> impl FnMut(u64) -> Probe {
        move |k| {
            let reach = Decimal::from(k.min(cap)) - Decimal::from(edge);
            Probe { met: k >= edge, progress: Some(reach * Decimal::from(slope)) }
        }
    }

    /// A distance that moves in whole steps of `width` (a rank), met from `edge` on.
    fn stairs(edge: u64, width: u64) -> impl FnMut(u64) -> Probe {
        move |k| Probe { met: k >= edge, progress: Some(Decimal::from(k / width) - Decimal::from(edge / width)) }
    }

    #[test]
    fn finds_the_edge_exactly() {
        for edge in [0, 1, 2, 99, 100, 101, 1_247, 5_000_000] {
            let straight = smallest(100, 10_000_000_000, None, line(edge, 3, u64::MAX));
            assert_eq!(straight.steps, Some(edge), "edge {edge}");
            assert!(straight.monotone);
            // Eightfold at most per probe out, then an interpolation and its neighbour.
            assert!(straight.probes <= 11, "edge {edge}: {} probes on a straight line", straight.probes);
            let bent = smallest(100, 10_000_000_000, None, line(edge, 1, edge / 2 + 1));
            assert!(bent.probes < 100, "edge {edge}: {} probes on a bent line", bent.probes);
            let stepped = smallest(100, 10_000_000_000, None, stairs(edge, 37));
            assert_eq!(stepped.steps, Some(edge), "edge {edge}, in stairs");
            assert!(stepped.probes < 100, "edge {edge}: {} probes on stairs", stepped.probes);
        }
    }

    #[test]
    fn the_probe_at_zero_can_be_given() {
        let mut count = 0;
        let mut inner = line(250, 2, u64::MAX);
        let found = smallest(100, 1_000_000, Some(inner(0)), |k| {
            count += 1;
            inner(k)
        });
        assert_eq!(found.steps, Some(250));
        assert_eq!(found.probes, count);
        assert!(count <= 4, "{count} probes");
    }

    #[test]
    fn out_of_reach_up_to_the_bound() {
        let found = smallest(100, 10_000, None, |_| Probe { met: false, progress: Some(Decimal::ONE) });
        assert_eq!(found.steps, None);
        assert!(found.monotone);
    }

    #[test]
    fn a_goal_that_is_met_then_lost_is_scanned() {
        // Met in 150..=180 and again from 1000 on; the rank-like progress falls in between, where the
        // doubling probes (200, 400, 800) see it fall, so bisection is not trusted.
        let probe = |k: u64| {
            let met = (150..=180).contains(&k) || k >= 1_000;
            let progress = if (181..1_000).contains(&k) { Decimal::ZERO } else { Decimal::ONE };
            Probe { met, progress: Some(progress) }
        };
        let found = smallest(100, 100_000, None, probe);
        assert!(!found.monotone);
        assert_eq!(found.steps, Some(150), "bisection alone would answer 1000");
        assert_eq!(found.stride, 1, "within the budget every step is scanned");
    }

    #[test]
    fn a_dip_between_probes_is_not_seen() {
        // What the probes do not touch they cannot check: a window of success the doubling steps over
        // is missed. This is why the check is a check, not a proof.
        let probe = |k: u64| Probe { met: (120..=130).contains(&k) || k >= 5_000, progress: Some(Decimal::ONE) };
        let found = smallest(100, 100_000, None, probe);
        assert!(found.monotone);
        assert_eq!(found.steps, Some(5_000));
    }

    #[test]
    fn a_long_non_monotone_scan_strides_then_scans_the_stride() {
        let probe = |k: u64| {
            let met = k >= 123_456;
            // Progress dips once, far away, so the probes catch a loss.
            let progress = if k == 25_600 { Decimal::ZERO } else { Decimal::ONE };
            Probe { met, progress: Some(progress) }
        };
        let found = smallest(100, 1_000_000, None, probe);
        assert!(!found.monotone);
        assert_eq!(found.steps, Some(123_456));
        assert!(found.stride > 1);
    }
}
