//! A few banks' loan balances and a question "which balance reaches this rank?" for the solver.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: kaoping_fuzz::SolveInput| kaoping_fuzz::solve(&input));
