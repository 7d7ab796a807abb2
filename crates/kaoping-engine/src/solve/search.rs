//! The search under every answer: the smallest number of steps at which a goal is met.
//!
//! The scheme turns lending into points, points into a rank and a rank into a band: a step function
//! with caps, so no derivative helps and a goal may be out of reach. The search doubles the steps until
//! the goal is met (or the figure's bound is reached), then bisects. Bisection is only right if the
//! goal, once met, stays met; rather than assume it, the search keeps every probe and checks that the
//! goal's quantity (rank, total, share) never got worse as the steps grew. When it did, it scans
//! instead: every step up to the first probe that met the goal, or, past a budget, in strides and then
//! every step in the first stride that meets it.

use rust_decimal::Decimal;

/// What one probe found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Probe {
    /// The goal is met.
    pub met: bool,
    /// The goal's quantity, larger is better; `None` when the bank is not ranked.
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

/// Finds the smallest `k` in `0..=max` with `probe(k).met`, doubling from `first` then bisecting, and
/// scanning when the probes show the goal is not monotone.
pub(crate) fn smallest(first: u64, max: u64, mut probe: impl FnMut(u64) -> Probe) -> Found {
    let mut seen: Vec<(u64, Probe)> = Vec::new();
    let mut look = |k: u64, seen: &mut Vec<(u64, Probe)>| {
        let p = probe(k);
        seen.push((k, p));
        p
    };
    let mut low = 0u64;
    let mut high = None;
    if look(0, &mut seen).met {
        high = Some(0);
    } else {
        let mut k = first.clamp(1, max.max(1)).min(max);
        while k > low {
            if look(k, &mut seen).met {
                high = Some(k);
                break;
            }
            low = k;
            k = k.saturating_mul(2).min(max);
        }
    }
    if let Some(mut h) = high {
        while h > low.saturating_add(1) {
            let mid = low + (h - low) / 2;
            if look(mid, &mut seen).met {
                h = mid;
            } else {
                low = mid;
            }
        }
        high = Some(h);
    }
    let monotone = consistent(&mut seen);
    let mut probes = u32::try_from(seen.len()).unwrap_or(u32::MAX);
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

/// Whether the probes, in order of `k`, never go from met to not met and never lose progress.
fn consistent(seen: &mut [(u64, Probe)]) -> bool {
    seen.sort_by_key(|(k, _)| *k);
    seen.windows(2).all(|pair| match pair {
        [(_, a), (_, b)] => (!a.met || b.met) && a.progress <= b.progress,
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

    fn monotone_at(edge: u64) -> impl FnMut(u64) -> Probe {
        move |k| Probe { met: k >= edge, progress: Some(Decimal::from(k.min(edge))) }
    }

    #[test]
    fn finds_the_edge_exactly() {
        for edge in [0, 1, 2, 99, 100, 101, 1_247, 5_000_000] {
            let found = smallest(100, 10_000_000_000, monotone_at(edge));
            assert_eq!(found.steps, Some(edge), "edge {edge}");
            assert!(found.monotone);
            assert!(found.probes < 80, "edge {edge}: {} probes", found.probes);
        }
    }

    #[test]
    fn out_of_reach_up_to_the_bound() {
        let found = smallest(100, 10_000, |_| Probe { met: false, progress: Some(Decimal::ONE) });
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
        let found = smallest(100, 100_000, probe);
        assert!(!found.monotone);
        assert_eq!(found.steps, Some(150), "bisection alone would answer 1000");
        assert_eq!(found.stride, 1, "within the budget every step is scanned");
    }

    #[test]
    fn a_dip_between_probes_is_not_seen() {
        // What the probes do not touch they cannot check: a window of success the doubling steps over
        // is missed. This is why the check is a check, not a proof.
        let probe = |k: u64| Probe { met: (120..=130).contains(&k) || k >= 5_000, progress: Some(Decimal::ONE) };
        let found = smallest(100, 100_000, probe);
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
        let found = smallest(100, 1_000_000, probe);
        assert!(!found.monotone);
        assert_eq!(found.steps, Some(123_456));
        assert!(found.stride > 1);
    }
}
