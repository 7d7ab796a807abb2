//! 他行假设与抽样's draws, run a few milliseconds at a time between frames so that typing never waits
//! for them. Each slice reports what the draws so far say; a newer run (or `stop`) ends the one going.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use kaoping_engine::{Rivals, Scenario, Scheme, Simulation, SimulationSpec, SimulationSummary};

thread_local! {
    /// Which run is current: a slice of an older run does nothing.
    static RUN: Cell<u64> = const { Cell::new(0) };
}

/// About a frame's worth of draws per slice, in milliseconds.
const SLICE_MS: f64 = 12.0;

/// Starts drawing for `bank`; `report` gets the summary after each slice (the last one when done).
pub fn start(
    scheme: &'static Scheme,
    scenario: &Scenario,
    bank: &str,
    rivals: Rivals,
    spec: SimulationSpec,
    report: impl Fn(SimulationSummary) + 'static,
) {
    let run = RUN.with(|r| {
        r.set(r.get().wrapping_add(1));
        r.get()
    });
    let Some(simulation) = Simulation::new(scheme, scenario, bank, rivals, spec) else { return };
    slice(run, Rc::new(RefCell::new(simulation)), Rc::new(report));
}

/// Ends the run going, if any.
pub fn stop() {
    RUN.with(|r| r.set(r.get().wrapping_add(1)));
}

fn slice(run: u64, simulation: Rc<RefCell<Simulation<'static>>>, report: Rc<dyn Fn(SimulationSummary)>) {
    Timeout::new(0, move || {
        if RUN.with(Cell::get) != run {
            return;
        }
        let started = js_sys::Date::now();
        let (finished, summary) = {
            let mut simulation = simulation.borrow_mut();
            let mut finished = false;
            while !finished && js_sys::Date::now() - started < SLICE_MS {
                finished = simulation.run(1);
            }
            (finished, simulation.summary())
        };
        report(summary);
        if !finished {
            slice(run, simulation, report);
        }
    })
    .forget();
}
