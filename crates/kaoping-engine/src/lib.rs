//! Kaoping's scoring engine for 《2024年度黄石市银行业金融机构支持地方经济发展考评办法》
//! (黄政办发〔2024〕10号): sixteen banks scored on how they lend to the local economy, ranked into bands,
//! and weighted for 70% of the city's public-fund deposits.
//!
//! The engine is one pure function, [`evaluate`]`(scheme, scenario)`, that returns every bank's items
//! with the clause and working of every point, the totals, ranks, bands and public-fund composite.
//! It does no I/O, never panics on any input, and uses exact decimal arithmetic throughout (numbers
//! in files are read from their text, never through binary floating point).
//!
//! ```
//! use kaoping_engine::{evaluate, Scheme, Scenario};
//! let scheme = Scheme::builtin(2024).expect("the 2024 data is built in");
//! let scenario = Scenario::from_json(r#"{"format": "kaoping-scenario/1", "year": 2024,
//!     "banks": [{"id": "icbc", "loans": "300.00"}]}"#).expect("a valid scenario");
//! let result = evaluate(scheme, &scenario);
//! let icbc = result.bank("icbc").expect("icbc is scored");
//! assert_eq!(icbc.items[0].explain(scheme), "增量 43.95 亿元，任务 38.41 亿元，超 5.54 亿元 → 40 + 5.54 = 45.54 分");
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod city;
mod collect;
mod compare;
mod compare_ranks;
mod date;
mod document;
mod error;
mod evaluate;
mod evaluation;
mod exact;
mod explain;
mod fields;
mod fingerprint;
mod format;
mod input;
mod items;
mod keyed;
mod notice;
pub mod order;
mod parameters;
mod plausibility;
mod provenance;
mod readings;
mod result;
mod scenario;
mod scheme;
mod scheme_diff;
mod scheme_file;
mod scheme_problem;
mod scheme_roll;
mod scoring;
mod sections;
mod settings;
mod solve;
mod standing;
mod values;
mod verify;

pub use collect::{
    bank_named_by_file, collect, Collection, Conflict, Declaration, DeclaredRow, FigureDiff, NamedBy, Receipt,
    Resolution,
};
pub use compare::{
    compare, BandMove, BankChange, BankDetail, Comparison, FigureChange, FundChange, FundFigureChange, ItemChange,
    SettingChange,
};
pub use compare_ranks::{compare_ranks, rank_changes_zh, RankChange};
pub use date::{Date, DateError};
pub use document::{
    BonusMode, CityAverage, CityOverrides, DepositNormalization, Deposits, Scenario, SchemeMark, Settings, FORMAT,
};
pub use error::{Assumption, Error, LeverProblem};
pub use evaluate::evaluate;
pub use evaluation::{
    Against, BankResult, CityFigure, CityFigures, Deposit, DepositInputs, Evaluation, Figures, GrowthWorking,
    GuaranteeWorking, ItemScore, Line, Milestone, Programme, Progress, Warning, Working,
};
pub use fields::{
    is_lever, lever_fields, AnnexLine, BankInput, ByFund, Field, FieldSet, FieldSpec, FundFigure, FundFigureSpec,
    Guarantee, Kind, Section, Supplier, Unit, FIELDS, FUND_FIGURES,
};
pub use format::{display_columns, format_amount, format_fixed2, format_shown, group_digits, round2};
pub use input::{normalize, Reading as TypedText};
pub use items::{Band, Item};
pub use keyed::ByKey;
pub use notice::{
    notice, Notice, NoticeEntry, NoticeFund, NoticeList, NoticeSection, SchemeDocument, FUNDS_HEADING, NOTICE_FORMAT,
    PROVISIONAL_MARK,
};
pub use parameters::{Fund, Param, Parameters};
pub use plausibility::{doubts, setting_doubts, Doubt, SettingDoubt};
pub use provenance::{Source, SourceField, SourceKind, SourceSpec, Verification, SOURCE_FIELDS};
pub use readings::{
    city_figure_source, green_annex_rate, green_target_text, non_default, readings, CityField, Reading,
};
pub use scenario::{bank_keys, Dropped};
pub use scheme::{
    AnnexCheck, AnnexTable, Annexes, BankInfo, Document, DongchuRow, LoanRow, Scheme, SchemeMismatch, TaskRow,
    SCHEME_FORMAT,
};
pub use scheme_diff::{AnnexChange, RuleChange, SchemeDiff};
pub use scheme_file::{RULE_NUMBER_MAX, WORDS_YEAR};
pub use scheme_problem::SchemeProblem;
pub use sections::deposits::{
    missing_key, missing_score_zh, not_shared_zh, place, place_fund, readings_zh, round_to_total, rounding_zh,
    BankPlacement, FundPlacement, FundShare, Placement, DEPOSITS_FORMAT, PLACES, SHOWN_PLACES,
};
pub use settings::{Group, Setting, SettingKind, SettingSpec, SettingValue, SETTINGS};
pub use solve::{
    all_levers, chart_range, common_kinds, loans_for_rank, marginal, margins, next_band, next_band_answer, sensitivity,
    sensitivity_around, simulate, solve, wholes_of, Answer, Goal, GoalFigure, GoalForm, ItemEffect, ItemState, Lever,
    LoanTarget, Marginal, MarginalRow, Margins, NextBandAnswer, Note, Outcome, RivalLines, RivalMargin, RivalUnentered,
    Rivals, Sensitivity, SensitivityPoint, Simulation, SimulationSpec, SimulationSummary, Start,
};
pub use standing::{FundStanding, Standing};
pub use values::{
    parse_exact, Amount, Choice, Count, DepartmentScore, Percent, PolicyScore, Range, Target, ValueError,
};
pub use verify::{verification_effect, VerificationEffect, VerifiedFigure, VerifyError};
