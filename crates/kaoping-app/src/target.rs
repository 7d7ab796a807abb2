//! 目标测算: what the user asks (a goal, a lever, what to assume about the other banks, which view) and
//! the engine's answers, worked out once typing settles rather than at every keystroke (each answer
//! scores the scenario tens of times). The simulation runs in slices outside the reducer (an effect),
//! and reports what it has drawn.

use std::rc::Rc;

use kaoping_engine::{
    common_kinds, marginal, margins, sensitivity_around, solve, Answer, Field, Goal, GoalForm, Lever, Marginal,
    Margins, RivalLines, Rivals, Scenario, Scheme, Sensitivity, SimulationSpec, SimulationSummary,
};

/// The views below the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TargetView {
    /// 名次安全边际.
    Margins,
    /// 一分的价值.
    Marginal,
    /// 敏感性.
    Chart,
    /// 他行假设与抽样.
    Rivals,
}

impl TargetView {
    /// Every view, in the order of its tabs.
    pub const ALL: [TargetView; 4] = [TargetView::Margins, TargetView::Marginal, TargetView::Chart, TargetView::Rivals];

    /// Its Chinese title.
    pub fn title(self) -> &'static str {
        match self {
            TargetView::Margins => "名次安全边际",
            TargetView::Marginal => "一分的价值",
            TargetView::Chart => "敏感性",
            TargetView::Rivals => "他行假设与抽样",
        }
    }

    /// A stable key for element ids.
    pub fn key(self) -> &'static str {
        match self {
            TargetView::Margins => "margins",
            TargetView::Marginal => "marginal",
            TargetView::Chart => "chart",
            TargetView::Rivals => "rivals",
        }
    }
}

/// What 填入本行情景 replaced, to take it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The bank the answer was entered for.
    pub bank: String,
    /// (figure, the box's text before) for each figure entered.
    pub before: Vec<(Field, String)>,
    /// What was entered, in words.
    pub what: String,
}

/// What the user asked of 目标测算, as typed and chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetInputs {
    /// The form of goal picked from the list (the engine's `GoalForm`).
    pub goal: GoalForm,
    /// The figure the form takes, as typed (a rank, points, a share; a bank's id for `above=`).
    pub goal_figure: String,
    /// The lever's key (`loans`).
    pub lever: String,
    /// What to assume about the other banks.
    pub rivals: Rivals,
    /// The K of `above:K` as typed.
    pub rival_k: String,
    /// The view shown below the answer.
    pub view: TargetView,
    /// The simulation's spread (± percentage points), as typed.
    pub spread: String,
    /// The number of draws, as typed.
    pub draws: String,
    /// The seed, as typed.
    pub seed: String,
    /// Whether the rivals' entered lines are drawn too.
    pub entered_too: bool,
}

impl Default for TargetInputs {
    /// The panel as it opens: the first goal and lever, the engine's own readings of the rivals, and the
    /// simulation's defaults.
    fn default() -> TargetInputs {
        TargetInputs {
            goal: GoalForm::ALL[0],
            goal_figure: String::new(),
            // The first of `all_levers`, which starts with the common kinds: found without making
            // every lever, at every start of the page.
            lever: common_kinds().first().map(|(_, _, lever)| lever.key()).unwrap_or_default(),
            rivals: Rivals::default(),
            rival_k: String::new(),
            view: TargetView::Margins,
            spread: SimulationSpec::SPREAD_DEFAULT_PP.normalize().to_string(),
            draws: SimulationSpec::DRAWS_DEFAULT.to_string(),
            seed: SimulationSpec::SEED_DEFAULT.to_string(),
            entered_too: false,
        }
    }
}

impl TargetInputs {
    /// The goal as the engine reads it from the form and the figure typed beside it, or why not (the
    /// engine's words).
    pub fn goal(&self, scheme: &Scheme) -> Result<Goal, String> {
        self.goal.goal(&self.goal_figure, scheme)
    }

    /// Why the goal's figure is refused, once one is typed.
    pub fn goal_error(&self, scheme: &Scheme) -> Option<String> {
        let typed = self.goal.figure().is_some() && !self.goal_figure.trim().is_empty();
        typed.then(|| self.goal(scheme).err()).flatten()
    }

    /// The lever as the engine reads it.
    pub fn lever(&self) -> Option<Lever> {
        Lever::parse(&self.lever).ok()
    }

    /// The simulation's settings as the engine reads them, or which box is wrong and what it takes.
    pub fn simulation(&self) -> Result<SimulationSpec, String> {
        SimulationSpec::parse(&self.spread, &self.draws, &self.seed, self.entered_too).map_err(|e| e.zh())
    }
}

/// What the answers are worked out for: the document revision, the bank and everything asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetKey {
    /// The document revision.
    pub revision: u64,
    /// The bank.
    pub bank: String,
    /// The goal, when it can be read.
    pub goal: Option<Goal>,
    /// The lever, when it can be read.
    pub lever: Option<Lever>,
    /// The rivals' assumptions.
    pub rivals: Rivals,
    /// The view shown.
    pub view: TargetView,
}

/// The data of the view shown below the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ViewAnswer {
    /// 名次安全边际.
    Margins(Option<Box<Margins>>),
    /// 一分的价值.
    Marginal(Option<Marginal>),
    /// 敏感性 (`None` without a lever).
    Chart(Option<Sensitivity>),
    /// 他行假设与抽样: its figures are the simulation's.
    Rivals,
}

/// The engine's answers for one [`TargetKey`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetAnswers {
    /// What they were worked out for.
    pub key: TargetKey,
    /// The solver's answer (`None` when the goal or the lever cannot be read, or the goal is to pass
    /// the bank itself).
    pub answer: Option<Rc<Answer>>,
    /// The view's data.
    pub view: Rc<ViewAnswer>,
}

impl TargetAnswers {
    /// Works the answers out; `previous` answers for the same question are reused.
    pub fn work_out(scheme: &Scheme, scenario: &Scenario, key: TargetKey, previous: Option<&TargetAnswers>) -> Self {
        let same_question = previous.filter(|p| {
            p.key.revision == key.revision
                && p.key.bank == key.bank
                && p.key.goal == key.goal
                && p.key.lever == key.lever
                && p.key.rivals == key.rivals
        });
        let answer = match same_question {
            Some(p) => p.answer.clone(),
            None => match (&key.goal, &key.lever) {
                (Some(goal), Some(lever)) if *goal != Goal::Above(key.bank.clone()) => {
                    Some(Rc::new(solve(scheme, scenario, &key.bank, lever, goal, key.rivals)))
                }
                _ => None,
            },
        };
        let same_view = previous.filter(|p| {
            p.key.view == key.view
                && p.key.revision == key.revision
                && p.key.bank == key.bank
                && p.key.rivals == key.rivals
                && (key.view != TargetView::Chart || (p.key.lever == key.lever && p.answer == answer))
        });
        let view = match same_view {
            Some(p) => p.view.clone(),
            None => Rc::new(match key.view {
                TargetView::Margins => {
                    ViewAnswer::Margins(margins(scheme, scenario, &key.bank, key.rivals, false).map(Box::new))
                }
                TargetView::Marginal => ViewAnswer::Marginal(marginal(scheme, scenario, &key.bank, key.rivals)),
                TargetView::Chart => ViewAnswer::Chart(key.lever.as_ref().and_then(|lever| {
                    let to = answer.as_ref().and_then(|a| a.to());
                    sensitivity_around(scheme, scenario, &key.bank, lever, key.rivals, to, 41)
                })),
                TargetView::Rivals => ViewAnswer::Rivals,
            }),
        };
        TargetAnswers { key, answer, view }
    }
}

/// The simulation as far as it has run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulationRun {
    /// What it was started for: the document revision, the bank, the rivals and the settings.
    pub key: SimulationKey,
    /// What the draws so far say (`None` before the first slice).
    pub summary: Option<SimulationSummary>,
    /// How many draws it will make.
    pub total: u32,
}

/// What a simulation is run for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimulationKey {
    /// The document revision.
    pub revision: u64,
    /// The bank, by index in the scheme.
    pub bank: usize,
    /// The rivals' assumptions.
    pub rivals: Rivals,
    /// The settings.
    pub spec: SimulationSpec,
}

/// 目标测算's state: what is asked, what was entered from it, and the answers so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Target {
    /// What the user asked.
    pub inputs: TargetInputs,
    /// What 填入本行情景 entered, to take it back (`撤销`).
    pub applied: Option<Applied>,
    /// The answers, for the key they were worked out for (shown dimmed while the key is older).
    pub answers: Option<Rc<TargetAnswers>>,
    /// The simulation, when the rivals' view is shown.
    pub simulation: Option<Rc<SimulationRun>>,
}

impl Target {
    /// The panel as it opens.
    pub fn new() -> Target {
        Target { inputs: TargetInputs::default(), applied: None, answers: None, simulation: None }
    }

    /// The key the answers should be for now.
    pub fn key(&self, scheme: &Scheme, revision: u64, bank: &str) -> TargetKey {
        TargetKey {
            revision,
            bank: bank.to_owned(),
            goal: self.inputs.goal(scheme).ok(),
            lever: self.inputs.lever(),
            rivals: self.inputs.rivals,
            view: self.inputs.view,
        }
    }
}

/// What the user changes in 目标测算.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetAction {
    /// A form of goal from the list.
    Goal(GoalForm),
    /// The figure a goal takes, as typed (or a bank's id for `above=`).
    GoalFigure(String),
    /// A lever from the list (its key).
    Lever(String),
    /// The rivals' unentered lines: `on-task` or `above:`.
    RivalLines(String),
    /// The K of `above:K`, as typed.
    RivalK(String),
    /// The rivals' items without figures: `zero`, `bar` or `ours`.
    RivalUnentered(String),
    /// Whether "+K over task" applies to the rivals' entered lines too.
    RivalEnteredLinesToo(bool),
    /// The view below the answer.
    View(TargetView),
    /// The simulation's spread, as typed.
    Spread(String),
    /// The number of draws, as typed.
    Draws(String),
    /// The seed, as typed.
    Seed(String),
    /// Whether the rivals' entered lines are drawn too.
    EnteredToo(bool),
}

impl TargetInputs {
    /// Applies a change; returns whether anything changed.
    pub fn apply(&mut self, action: TargetAction) -> bool {
        let before = self.clone();
        match action {
            TargetAction::Goal(form) => {
                if form != self.goal {
                    self.goal = form;
                    self.goal_figure.clear();
                }
            }
            TargetAction::GoalFigure(text) => self.goal_figure = text,
            TargetAction::Lever(key) => self.lever = key,
            TargetAction::RivalLines(key) => {
                self.rivals.lines = if key == "on-task" {
                    RivalLines::OnTask
                } else {
                    Rivals::parse_lines(&format!("above:{}", self.rival_k.trim()))
                        .unwrap_or(RivalLines::AboveTask(rust_decimal::Decimal::ZERO))
                };
            }
            TargetAction::RivalK(text) => {
                if let Ok(lines) = Rivals::parse_lines(&format!("above:{}", text.trim())) {
                    self.rivals.lines = lines;
                }
                self.rival_k = text;
            }
            TargetAction::RivalUnentered(key) => {
                if let Ok(unentered) = Rivals::parse_unentered(&key) {
                    self.rivals.unentered = unentered;
                }
            }
            TargetAction::RivalEnteredLinesToo(on) => self.rivals.entered_lines_too = on,
            TargetAction::View(view) => self.view = view,
            TargetAction::Spread(text) => self.spread = text,
            TargetAction::Draws(text) => self.draws = text,
            TargetAction::Seed(text) => self.seed = text,
            TargetAction::EnteredToo(on) => self.entered_too = on,
        }
        *self != before
    }
}
