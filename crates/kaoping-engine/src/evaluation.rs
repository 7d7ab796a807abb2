//! What the engine returns: for every bank, every item's points with the figures that produced them,
//! the total, rank, band and public-fund weighting, plus what is missing and what to watch.
//!
//! The workings are kept as figures, not text, so that evaluating stays cheap for callers that run it
//! thousands of times; [`ItemScore::explain`] turns one into a Chinese sentence when it is shown.

use rust_decimal::Decimal;

use crate::exact::{checked_div, growth_of_increment, hundred_times};
use crate::fields::{AnnexLine, FieldSet};
use crate::format::{format_amount, format_fixed2};
use crate::items::{Band, Item};

/// How an achieved figure compares with its task or bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Against {
    /// At or above: full points plus a bonus.
    Reached {
        /// How far above.
        above: Decimal,
        /// Bonus points, after the cap.
        bonus: Decimal,
        /// Whether the cap cut the bonus.
        capped: bool,
    },
    /// Below: full points times the share reached, between 0 and 1.
    Below {
        /// Achieved / task, clamped to [0, 1].
        ratio: Decimal,
    },
}

/// A growth rate against the city average.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GrowthWorking {
    /// 2023 figure.
    pub base: Decimal,
    /// 2024 figure.
    pub current: Decimal,
    /// The bank's growth, percent.
    pub growth_pct: Decimal,
    /// The city average, percent.
    pub average_pct: Decimal,
    /// Points added (positive) or deducted (negative) from full marks, after cap and floor.
    pub adjustment: Decimal,
    /// Whether the bonus cap or the zero floor cut the adjustment.
    pub limited: bool,
}

/// The figures behind one item's points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Working {
    /// An achieved figure against a task (增量 items, 东楚融通).
    Task {
        /// 2023 balance, for increment items.
        base: Option<Decimal>,
        /// 2024 figure.
        current: Decimal,
        /// What counts against the task: the increment, or the amount or households.
        achieved: Decimal,
        /// The task.
        task: Decimal,
        /// How it compares.
        against: Against,
    },
    /// A growth against the city average (增速 items).
    Growth(GrowthWorking),
    /// A growth against a fixed bar (扩面).
    Bar {
        /// 2023 count.
        base: Decimal,
        /// 2024 count.
        current: Decimal,
        /// Growth, percent.
        growth_pct: Decimal,
        /// How it compares with the bar.
        against: Against,
    },
    /// Points per step of a quantity (降成本, 碳金融产品, 平台债券).
    Steps {
        /// The quantity (a rate decrease in percentage points, a count, an amount).
        quantity: Decimal,
        /// Points before the cap.
        raw_points: Decimal,
        /// Whether the cap applied.
        capped: bool,
    },
    /// 降成本: the rate at the start of the year and now.
    Rate {
        /// 年初 rate, percent.
        start_pct: Decimal,
        /// 当期 rate, percent.
        now_pct: Decimal,
        /// Points before the cap.
        raw_points: Decimal,
        /// Whether the cap applied.
        capped: bool,
    },
    /// 科创金融.
    Tech {
        /// The bank's new tech-enterprise loans, if entered.
        own: Option<Decimal>,
        /// The city average used, if there is one.
        average: Option<Decimal>,
        /// Points for the loans, before products.
        loan_points: Decimal,
        /// Products entered.
        products: u32,
        /// Whether the item cap applied.
        capped: bool,
    },
    /// 养老金融.
    Pension {
        /// The bank's growth, percent, when it has the figures.
        growth_pct: Option<Decimal>,
        /// The city average used.
        average_pct: Option<Decimal>,
        /// Rank of the bank's growth among the banks with one.
        growth_rank: Option<u32>,
        /// Points for reaching the average.
        average_points: Decimal,
        /// Points for the top five.
        top_points: Decimal,
        /// Products entered.
        products: u32,
        /// Whether the item cap applied.
        capped: bool,
    },
    /// 金融政策: the panel's grade.
    Policy {
        /// The score.
        score: Decimal,
        /// The grade the score falls in: its index in the scheme's `rules.items.policy.grades`
        /// (an index rather than the name, so that scoring allocates no text).
        grade: Option<usize>,
    },
    /// 不良贷款核销.
    Npl {
        /// 核销 amount.
        written_off: Decimal,
        /// 打包等 amount.
        other: Decimal,
        /// Weighted disposal.
        disposal: Decimal,
        /// Points before the cap.
        raw_points: Decimal,
        /// Whether the cap applied.
        capped: bool,
    },
    /// 创业担保贷款和新型政银担: two programmes, twice the figures of any other working, so they
    /// are kept apart. Every item's working is as large as the largest, and an evaluation moves
    /// 16 × 18 of them: inline, these two would double what it copies.
    Guarantee(Box<GuaranteeWorking>),
    /// The figures the item needs are not entered: 0 points.
    Missing {
        /// The figures that are missing.
        fields: FieldSet,
    },
    /// The item cannot be worked out from what is entered: 0 points.
    Undefined {
        /// Why, in Chinese.
        reason: &'static str,
    },
}

/// 创业担保贷款和新型政银担 (二(四)4): both programmes and their capped sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuaranteeWorking {
    /// 创业担保贷款.
    pub startup: Programme,
    /// 新型政银担.
    pub govbank: Programme,
    /// Points before the cap.
    pub raw_points: Decimal,
    /// Whether the cap applied.
    pub capped: bool,
}

/// One programme of 二(四)4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Programme {
    /// Target, if entered.
    pub target: Option<Decimal>,
    /// Reached, if entered.
    pub actual: Option<Decimal>,
    /// How it compares, when both are entered.
    pub against: Option<Against>,
    /// Points for the programme, newly-joined points included.
    pub points: Decimal,
    /// Newly joined in 2024.
    pub newly_included: bool,
}

/// One item's points and working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemScore {
    /// The item.
    pub item: Item,
    /// Points, unrounded.
    pub points: Decimal,
    /// The figures behind them.
    pub working: Working,
}

/// A balance line of the form: base, projected figure, task, and what follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Line {
    /// 2023 balance (0 for targets that are not increments).
    pub base: Decimal,
    /// 2024 figure used (entered, or on task).
    pub current: Decimal,
    /// The task (an increment, or a target).
    pub task: Decimal,
    /// current − base.
    pub increment: Decimal,
    /// Whether the 2024 figure was entered (false: on task by default).
    pub entered: bool,
}

impl Line {
    /// Growth in percent, when the base is positive (a target line has none).
    ///
    /// Worked out when asked, like [`Line::completion_pct`]: of the six lines of every bank only the
    /// loan and manufacturing lines' growth scores, so `evaluate` divides only for those.
    pub fn growth_pct(&self) -> Option<Decimal> {
        // `increment` is `current - base`, worked out once for the line.
        growth_of_increment(self.base, self.increment)
    }

    /// increment / task in percent, when the task is positive.
    pub fn completion_pct(&self) -> Option<Decimal> {
        if crate::exact::is_positive(self.task) {
            checked_div(self.increment, self.task).and_then(hundred_times)
        } else {
            None
        }
    }

    /// How far the figure is from the task: positive is still needed, negative is beyond it.
    pub fn distance(&self) -> Decimal {
        self.task - self.increment
    }

    /// How the figure stands against another task of the same line (a milestone).
    pub fn against(&self, task: Decimal) -> Progress {
        let achieved = self.increment;
        let completion_pct = (task > Decimal::ZERO)
            .then(|| achieved.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(task)))
            .flatten();
        Progress { task, achieved, remaining: task - achieved, completion_pct, reached: achieved >= task }
    }

    /// The distance to the task in words: `还差 1.20 亿元`, `恰好完成`, `超出 3.00 亿元`.
    pub fn distance_zh(&self, unit: &str) -> String {
        let distance = self.distance();
        let show = |v: Decimal| {
            if unit == "户" {
                format!("{} {unit}", v.normalize())
            } else {
                format_amount(v, unit)
            }
        };
        match distance.cmp(&Decimal::ZERO) {
            std::cmp::Ordering::Greater => format!("还差 {}", show(distance)),
            std::cmp::Ordering::Equal => "恰好完成".to_owned(),
            std::cmp::Ordering::Less => format!("超出 {}", show(-distance)),
        }
    }
}

/// A figure against one task: what is reached and what remains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The task.
    pub task: Decimal,
    /// What counts against it (the increment).
    pub achieved: Decimal,
    /// task − achieved: positive is still needed.
    pub remaining: Decimal,
    /// achieved / task in percent, when the task is positive.
    pub completion_pct: Option<Decimal>,
    /// Whether the task is reached.
    pub reached: bool,
}

/// One of 附件1's three loan tasks for a bank, and where the bank stands against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    /// A stable key: `q1_task`, `task`, `stretch_task`.
    pub key: &'static str,
    /// The task's name with its rate, from the annex: `一季度“开门红”（10%）`.
    pub label: String,
    /// Whether it is the task that scores (二(一)1's 确保 task).
    pub scores: bool,
    /// Where the bank stands.
    pub progress: Progress,
}

/// The balance lines of a bank, for showing what follows from the figures entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Figures {
    /// 贷款 (附件1).
    pub loans: Line,
    /// 中小微 (附件2).
    pub sme: Line,
    /// 制造业 (附件3).
    pub manufacturing: Line,
    /// 绿色 (附件4).
    pub green: Line,
    /// 东楚融通金额 (附件5), base 0.
    pub dongchu_amount: Line,
    /// 东楚融通户数 (附件5), base 0.
    pub dongchu_households: Line,
}

impl Figures {
    /// The balance line of an annex.
    pub fn line(&self, annex: AnnexLine) -> &Line {
        match annex {
            AnnexLine::Loans => &self.loans,
            AnnexLine::Sme => &self.sme,
            AnnexLine::Manufacturing => &self.manufacturing,
            AnnexLine::Green => &self.green,
            AnnexLine::DongchuAmount => &self.dongchu_amount,
            AnnexLine::DongchuHouseholds => &self.dongchu_households,
        }
    }
}

/// The public-fund composite of 四(四).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Deposit {
    /// The 70% part.
    pub evaluation_points: Decimal,
    /// evaluation points + 30% × department score.
    pub composite: Decimal,
    /// The bank's share of the ranked banks' composite sum, percent.
    pub share_pct: Decimal,
}

/// Something a bank should know about its result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// Ranked last, and last in 2023 too: 取消财政对公账户.
    LastPlaceTwice,
    /// Disqualified by 一票否决.
    Vetoed,
    /// An item could not be worked out.
    ItemUndefined {
        /// The item.
        item: Item,
        /// Why.
        reason: &'static str,
    },
    /// The total is at or below zero, so the evaluation points are 0.
    NonPositiveTotal,
    /// Another bank's total reads the same at two decimals, but the exact totals put a band edge or
    /// the interview line between the two.
    NearTie {
        /// The other banks' short names.
        others: Vec<String>,
        /// The total both show at two decimals.
        shown: Decimal,
    },
}

impl Warning {
    /// The warning in Chinese.
    pub fn zh(&self) -> String {
        match self {
            Warning::LastPlaceTwice => "连续两年排名倒数第一：将取消财政对公账户（四(三)）".to_owned(),
            Warning::Vetoed => "一票否决：取消考评资格，不计总分和排名（二(四)5）".to_owned(),
            Warning::ItemUndefined { item, reason } => format!("{}：{}，本项记 0 分", item.title(), reason),
            Warning::NonPositiveTotal => "总分不高于 0：公共性资金存放的考评部分记 0 分".to_owned(),
            Warning::NearTie { others, shown } => format!(
                "总分按两位小数与{}同为 {}，但按精确分数分属不同档次或约谈线两侧；正式名单若按两位小数公布，结果可能不同",
                others.join("、"),
                format_fixed2(*shown)
            ),
        }
    }
}

/// One bank's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankResult {
    /// Index of the bank in annex order.
    pub index: usize,
    /// The bank's id.
    pub id: String,
    /// Sum of the items; `None` when disqualified.
    pub total: Option<Decimal>,
    /// Competition rank among the ranked banks; `None` when disqualified.
    pub rank: Option<u32>,
    /// Place counted from the bottom (倒数第几), ties sharing; `None` when disqualified.
    pub from_bottom: Option<u32>,
    /// The band.
    pub band: Band,
    /// Among the last three counted from the bottom, ties included: 约谈、通报. False when
    /// disqualified (not applicable: see [`BankResult::is_ranked`]).
    pub interview: bool,
    /// Last two years running.
    pub last_place_twice: bool,
    /// The 18 items, in [`Item::ALL`] order.
    pub items: [ItemScore; Item::ALL.len()],
    /// The public-fund composite.
    pub deposit: Deposit,
    /// Figures not entered that would score, in the field table's order.
    pub missing: FieldSet,
    /// What to watch.
    pub warnings: Vec<Warning>,
    /// Balance lines.
    pub figures: Figures,
}

impl BankResult {
    /// Whether the bank is ranked; for a disqualified bank rank, band, interview and share do not apply.
    pub fn is_ranked(&self) -> bool {
        self.rank.is_some()
    }

    /// The score of one item.
    pub fn item(&self, item: Item) -> Option<&ItemScore> {
        self.items.get(item.index()).filter(|s| s.item == item)
    }
}

/// A city figure and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CityFigure {
    /// The figure used; `None` when no bank has the data and none is typed in.
    pub value: Option<Decimal>,
    /// Typed in by the user rather than worked out.
    pub typed_in: bool,
    /// How many banks it was worked out from.
    pub banks: usize,
}

/// The city figures the items were scored against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CityFigures {
    /// 全市新增贷款平均增速, percent.
    pub loan_growth_pct: CityFigure,
    /// 全市普惠小微贷款平均增速, percent.
    pub inclusive_growth_pct: CityFigure,
    /// 制造业贷款平均增速, percent.
    pub manufacturing_growth_pct: CityFigure,
    /// 养老产业贷款全市平均增速, percent.
    pub pension_growth_pct: CityFigure,
    /// 新增科技型企业贷款平均, 亿元.
    pub tech_new_loans_avg: CityFigure,
}

/// What placing the funds needs beyond the evaluation (四(四)): each fund's amount and each bank's department
/// score for it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct DepositInputs {
    /// Per fund, in the scheme's order (`outcomes.funds`): the amount to place, 亿元, when it is given.
    pub amounts: Vec<Option<Decimal>>,
    /// Per fund, in the scheme's order, per bank in annex order: the department's score that counts
    /// (the bank's score for that fund, else its one score for every fund), when there is one.
    pub scores: Vec<Vec<Option<Decimal>>>,
}

/// The result of scoring a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// City figures used.
    pub city: CityFigures,
    /// Every bank, in annex order.
    pub banks: Vec<BankResult>,
    /// How many banks are ranked (not disqualified).
    pub ranked: usize,
    /// What placing the public funds needs beyond the scores (四(四)): each fund's amount and the
    /// department score that counts for each bank; [`Evaluation::placement`] works the funds out.
    pub deposit_inputs: DepositInputs,
}

impl Evaluation {
    /// A bank's result by id.
    pub fn bank(&self, id: &str) -> Option<&BankResult> {
        self.banks.iter().find(|b| b.id == id)
    }
}
