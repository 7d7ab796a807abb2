//! The figures a user enters for one bank, each declared once.
//!
//! Every figure is one row of [`bank_fields!`] below: its key in the `kaoping-scenario/1` file, its
//! Chinese label in the scheme's own words, its unit, the type that bounds its value, the annex line it
//! feeds (if any), the items it feeds, and whether leaving it out is reported as missing. The struct
//! [`BankInput`], the table [`FIELDS`] and the [`Field`] enum are generated from those rows, and
//! everything else — the scenario reader and writer, the template, the missing lists, the labels in
//! explanations, the page's form and table columns, spreadsheet columns — is driven by the table.
//!
//! Adding a figure is one row here plus the rule that uses it.

use rust_decimal::Decimal;

use crate::items::Item;
use crate::values::{Amount, Count, DepartmentScore, Percent, PolicyScore, Target, ValueError};

/// The unit a figure is entered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// 亿元.
    Yi,
    /// Percent.
    Percent,
    /// 户 (customers, households).
    Hu,
    /// 单 (first-of-a-kind products: "每一单").
    Dan,
    /// 分 (a score).
    Fen,
    /// A yes/no mark.
    Flag,
}

impl Unit {
    /// The unit as written after a figure (`亿元`, `%`); empty for a flag.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Yi => "亿元",
            Unit::Percent => "%",
            Unit::Hu => "户",
            Unit::Dan => "单",
            Unit::Fen => "分",
            Unit::Flag => "",
        }
    }
}

/// The value type of a figure: what bounds it and how its text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An [`Amount`]: 亿元, not negative.
    Amount,
    /// A [`Target`]: 亿元, above zero.
    Target,
    /// A [`Count`]: a whole number.
    Count,
    /// A [`Percent`].
    Percent,
    /// A [`PolicyScore`]: a whole grade from -10 to 10.
    Policy,
    /// A [`DepartmentScore`]: 0 to 100.
    Department,
    /// Yes or no.
    Flag,
}

impl Kind {
    /// Reads a figure of this kind exactly from its text (after any forgiving clean-up). A flag reads
    /// `1`/`0`, `true`/`false`, `是`/`否`.
    pub fn parse(self, text: &str) -> Result<Decimal, ValueError> {
        match self {
            Kind::Amount => Amount::parse(text).map(Amount::get),
            Kind::Target => Target::parse(text).map(Target::get),
            Kind::Count => Count::parse(text).map(Count::decimal),
            Kind::Percent => Percent::parse(text).map(Percent::get),
            Kind::Policy => PolicyScore::parse(text).map(PolicyScore::decimal),
            Kind::Department => DepartmentScore::parse(text).map(DepartmentScore::get),
            Kind::Flag => match text.trim() {
                "1" | "true" | "是" | "TRUE" | "True" => Ok(Decimal::ONE),
                "0" | "false" | "否" | "FALSE" | "False" => Ok(Decimal::ZERO),
                _ => Err(ValueError::NotAFlag),
            },
        }
    }

    /// Whether figures of this kind are whole numbers.
    pub fn is_whole(self) -> bool {
        matches!(self, Kind::Count | Kind::Policy | Kind::Flag)
    }
}

/// The annex line a figure is the 2024 value of: its 2023 base and task come from that annex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnnexLine {
    /// 附件1 贷款.
    Loans,
    /// 附件2 中小微企业贷款.
    Sme,
    /// 附件3 制造业贷款.
    Manufacturing,
    /// 附件4 绿色信贷.
    Green,
    /// 附件5 融资金额.
    DongchuAmount,
    /// 附件5 融资户数.
    DongchuHouseholds,
}

impl AnnexLine {
    /// Whether the annex sets a target for the year's total (附件5, 东楚融通) rather than an increment
    /// over the 2023 balance (附件1–4): such a line has no base and no growth.
    pub fn is_target(self) -> bool {
        matches!(self, AnnexLine::DongchuAmount | AnnexLine::DongchuHouseholds)
    }
}

/// The part of the scheme a figure is entered under, for grouping the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// 二(一) 贷款投入.
    LoanInput,
    /// 二(二)1 中小微企业信贷.
    Sme,
    /// 二(二)2 制造业信贷.
    Manufacturing,
    /// 二(二)3 绿色(碳)金融.
    Green,
    /// 二(二)4 科创金融.
    Tech,
    /// 二(二)5 养老金融.
    Pension,
    /// 二(三) “东楚融通”平台推广应用.
    Dongchu,
    /// 二(四) 加减分及一票否决事项.
    Adjustments,
    /// 四 考评结果运用: the 30% part and last year's place.
    Outcomes,
}

impl Section {
    /// Every section, in the scheme's order.
    pub const ALL: [Section; 9] = [
        Section::LoanInput,
        Section::Sme,
        Section::Manufacturing,
        Section::Green,
        Section::Tech,
        Section::Pension,
        Section::Dongchu,
        Section::Adjustments,
        Section::Outcomes,
    ];

    /// The clause and heading, as the scheme writes them (`二(一) 贷款投入`).
    pub fn title(self) -> &'static str {
        match self {
            Section::LoanInput => "二(一) 贷款投入",
            Section::Sme => "二(二)1 中小微企业信贷",
            Section::Manufacturing => "二(二)2 制造业信贷",
            Section::Green => "二(二)3 绿色(碳)金融",
            Section::Tech => "二(二)4 科创金融",
            Section::Pension => "二(二)5 养老金融",
            Section::Dongchu => "二(三) “东楚融通”平台推广应用",
            Section::Adjustments => "二(四) 加减分及一票否决事项",
            Section::Outcomes => "四 考评结果运用",
        }
    }

    /// The fields of the section, in table order.
    pub fn fields(self) -> impl Iterator<Item = Field> {
        Field::ALL.into_iter().filter(move |f| f.section() == self)
    }
}

/// Who supplies a figure. 三、考评组织: "各银行业金融机构申报，考评小组负责核实" — most figures are the
/// banks' declarations; a few come from elsewhere and are never on a bank's 申报表.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Supplier {
    /// The bank declares it (申报).
    Bank,
    /// The 考评小组 sets it: the 金融政策 grade (二(四)1), 一票否决 (二(四)5).
    Panel,
    /// The city issues it: the guarantee programmes' targets ("另行分解", 二(四)4).
    City,
    /// The depositing department scores it (四(四)).
    Department,
    /// Last year's evaluation (四(三) 连续两年).
    LastYear,
}

impl Supplier {
    /// Who, in words (`考评小组评定`).
    pub fn zh(self) -> &'static str {
        match self {
            Supplier::Bank => "银行申报",
            Supplier::Panel => "考评小组评定",
            Supplier::City => "市里另行下达",
            Supplier::Department => "存放主体部门评分",
            Supplier::LastYear => "上年度考评结果",
        }
    }
}

/// One row of the field table.
#[derive(Clone, Copy)]
pub struct FieldSpec {
    /// The field.
    pub field: Field,
    /// The key in the scenario file; a dot nests it in an object (`startup_guarantee.target`).
    pub key: &'static str,
    /// The label, in the scheme's words, with the date it refers to.
    pub label: &'static str,
    /// A short label for table columns.
    pub short: &'static str,
    /// The unit it is entered in.
    pub unit: Unit,
    /// Its value type.
    pub kind: Kind,
    /// The annex line whose 2024 figure it is, if any: absent, it is exactly on task.
    pub annex: Option<AnnexLine>,
    /// The items its value feeds.
    pub items: &'static [Item],
    /// Whether leaving it out is listed under `missing` (annex figures and flags are not: absent,
    /// they are on task or false).
    pub reported_missing: bool,
    /// Where it is entered.
    pub section: Section,
    /// What the scheme or its annex says the figure covers, quoted, when a reader needs it beside the
    /// box (the form shows it under the row).
    pub note: Option<&'static str>,
    /// Other headings the figure is known by in the bureau's and banks' own sheets (the spreadsheet
    /// reader also accepts the label and short label with or without 各项, 余额, a unit or the year).
    pub aliases: &'static [&'static str],
    /// Who supplies it: the bank on its 申报表, or someone else (三、考评组织).
    pub by: Supplier,
    get: fn(&BankInput) -> Option<Decimal>,
    set: fn(&mut BankInput, Option<Decimal>) -> Result<(), ValueError>,
}

impl std::fmt::Debug for FieldSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FieldSpec").field("key", &self.key).finish_non_exhaustive()
    }
}

/// How a bank entry's field stores its value: an optional bounded type, or a flag.
trait Stored: Sized {
    fn to_decimal(&self) -> Option<Decimal>;
    fn from_decimal(value: Option<Decimal>) -> Result<Self, ValueError>;
}

macro_rules! stored_option {
    ($type:ty, |$v:ident| $new:expr, |$s:ident| $get:expr) => {
        impl Stored for Option<$type> {
            fn to_decimal(&self) -> Option<Decimal> {
                self.map(|$s| $get)
            }
            fn from_decimal(value: Option<Decimal>) -> Result<Self, ValueError> {
                value.map(|$v| $new).transpose()
            }
        }
    };
}

stored_option!(Amount, |v| Amount::new(v), |s| s.get());
stored_option!(Target, |v| Target::new(v), |s| s.get());
stored_option!(Percent, |v| Percent::new(v), |s| s.get());
stored_option!(DepartmentScore, |v| DepartmentScore::new(v), |s| s.get());
stored_option!(Count, |v| Count::of(v), |s| s.decimal());
stored_option!(PolicyScore, |v| PolicyScore::of(v), |s| s.decimal());

impl Stored for bool {
    fn to_decimal(&self) -> Option<Decimal> {
        self.then_some(Decimal::ONE)
    }
    fn from_decimal(value: Option<Decimal>) -> Result<Self, ValueError> {
        match value {
            None => Ok(false),
            Some(v) if v.is_zero() => Ok(false),
            Some(v) if v == Decimal::ONE => Ok(true),
            Some(_) => Err(ValueError::NotAFlag),
        }
    }
}

/// A row's note: `None`, or the text given.
macro_rules! note {
    () => {
        None
    };
    ($note:literal) => {
        Some($note)
    };
}

/// A row's supplier: the bank unless the row says otherwise.
macro_rules! by {
    () => {
        Supplier::Bank
    };
    ($by:ident) => {
        Supplier::$by
    };
}

macro_rules! bank_fields {
    ($(
        $(#[$doc:meta])*
        $variant:ident => $name:ident: $type:ty {
            key: $key:literal, label: $label:literal, short: $short:literal, unit: $unit:ident, kind: $kind:ident,
            annex: $annex:expr, items: [$($item:ident),*], missing: $missing:literal, section: $section:ident
            $(, note: $note:literal)? $(, aliases: [$($alias:literal),* $(,)?])? $(, by: $by:ident)? $(,)?
        }
    )*) => {
        /// What a user enters for one bank: every figure optional (a flag is false when absent).
        /// Generated from the field table; see [`FIELDS`] for each figure's key, label and unit.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
        pub struct BankInput {
            /// The bank's id (`icbc`).
            pub id: String,
            $( $(#[$doc])* pub $name: $type, )*
            /// 四(四): the depositing departments' own scores of the bank, by fund id, where they differ
            /// from `department_score` (which is the same score for every fund); see [`FundFigure`].
            pub department_scores: ByFund<DepartmentScore>,
        }

        /// A figure of one bank.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field {
            $( $(#[$doc])* $variant, )*
        }

        impl Field {
            /// Every field, in the scheme's order (the form's and the file's).
            pub const ALL: [Field; FIELDS.len()] = [$(Field::$variant),*];
        }

        /// The field table: one row per figure, in [`Field::ALL`] order.
        pub static FIELDS: [FieldSpec; [$(stringify!($variant)),*].len()] = [$(
            FieldSpec {
                field: Field::$variant,
                key: $key,
                label: $label,
                short: $short,
                unit: Unit::$unit,
                kind: Kind::$kind,
                annex: $annex,
                items: &[$(Item::$item),*],
                reported_missing: $missing,
                section: Section::$section,
                note: note!($($note)?),
                aliases: &[$($($alias),*)?],
                by: by!($($by)?),
                get: |bank| Stored::to_decimal(&bank.$name),
                set: |bank, value| {
                    bank.$name = Stored::from_decimal(value)?;
                    Ok(())
                },
            },
        )*];
    };
}

bank_fields! {
    /// 贷款余额, 2024年末, 亿元; absent = 2023 + 附件1 task.
    Loans => loans: Option<Amount> {
        key: "loans", label: "贷款余额（2024年末）", short: "贷款余额", unit: Yi, kind: Amount,
        annex: Some(AnnexLine::Loans), items: [LoanIncrement, LoanGrowth], missing: false, section: LoanInput,
    }
    /// 中小微企业贷款余额, 2024年末; absent = on task (附件2).
    SmeLoans => sme_loans: Option<Amount> {
        key: "sme_loans", label: "中小微企业贷款余额（2024年末）", short: "中小微贷款", unit: Yi, kind: Amount,
        annex: Some(AnnexLine::Sme), items: [SmeIncrement], missing: false, section: Sme,
        note: "“中小微企业含小微企业主、个体工商户经营性贷款”（二(二)1；附件2 备注）",
        aliases: ["中小微型企业贷款"],
    }
    /// 中小微企业贷款户数, 2023年末.
    SmeCustomers2023 => sme_customers_2023: Option<Count> {
        key: "sme_customers_2023", label: "中小微企业贷款户数（2023年末）", short: "中小微户数2023", unit: Hu,
        kind: Count, annex: None, items: [SmeCustomers], missing: true, section: Sme,
    }
    /// 中小微企业贷款户数, 2024年末.
    SmeCustomers => sme_customers: Option<Count> {
        key: "sme_customers", label: "中小微企业贷款户数（2024年末）", short: "中小微户数", unit: Hu,
        kind: Count, annex: None, items: [SmeCustomers], missing: true, section: Sme,
    }
    /// 新发放的贷款综合利率, 年初, percent.
    SmeRateStart => sme_rate_start_pct: Option<Percent> {
        key: "sme_rate_start_pct", label: "新发放贷款综合利率（年初）", short: "利率年初", unit: Percent,
        kind: Percent, annex: None, items: [SmeRate], missing: true, section: Sme,
    }
    /// 当期新发放的贷款综合利率, percent.
    SmeRate => sme_rate_pct: Option<Percent> {
        key: "sme_rate_pct", label: "新发放贷款综合利率（当期）", short: "利率当期", unit: Percent,
        kind: Percent, annex: None, items: [SmeRate], missing: true, section: Sme,
    }
    /// 普惠小微贷款余额, 2023年末.
    Inclusive2023 => inclusive_loans_2023: Option<Amount> {
        key: "inclusive_loans_2023", label: "普惠小微贷款余额（2023年末）", short: "普惠小微2023", unit: Yi,
        kind: Amount, annex: None, items: [InclusiveGrowth], missing: true, section: Sme,
        note: "“普惠小微贷款按人民银行最新认定标准，包括单户授信2000万元以下小微企业贷款、小微企业主和个体工商户经营性贷款”（二(二)1）",
    }
    /// 普惠小微贷款余额, 2024年末.
    Inclusive => inclusive_loans: Option<Amount> {
        key: "inclusive_loans", label: "普惠小微贷款余额（2024年末）", short: "普惠小微", unit: Yi,
        kind: Amount, annex: None, items: [InclusiveGrowth], missing: true, section: Sme,
        note: "“普惠小微贷款按人民银行最新认定标准，包括单户授信2000万元以下小微企业贷款、小微企业主和个体工商户经营性贷款”（二(二)1）",
    }
    /// 制造业贷款余额 (含贴现), 2024年末; absent = on task (附件3).
    ManufacturingLoans => manufacturing_loans: Option<Amount> {
        key: "manufacturing_loans", label: "制造业贷款余额（含贴现，2024年末）", short: "制造业贷款", unit: Yi,
        kind: Amount, annex: Some(AnnexLine::Manufacturing), items: [ManufacturingIncrement, ManufacturingGrowth],
        missing: false, section: Manufacturing,
        note: "“制造业信贷目标任务含票据贴现额度，年终考核计入任务完成数”（二(二)2）",
        aliases: ["制造业信贷"],
    }
    /// 绿色贷款余额, 2024年末; absent = on task (附件4).
    GreenLoans => green_loans: Option<Amount> {
        key: "green_loans", label: "绿色贷款余额（2024年末）", short: "绿色贷款", unit: Yi, kind: Amount,
        annex: Some(AnnexLine::Green), items: [GreenIncrement], missing: false, section: Green,
        note: "附件4 备注：“绿色信贷暂按……的增速分解，年末按不低于全国或全省平均增速进行考评”；年末的考核增速可在“规则与设置”中填写",
        aliases: ["绿色信贷", "绿色贷款（碳）"],
    }
    /// 第一单创新碳金融融资产品, count.
    CarbonProducts => carbon_products: Option<Count> {
        key: "carbon_products", label: "第一单创新碳金融融资产品", short: "碳金融产品", unit: Dan,
        kind: Count, annex: None, items: [CarbonProducts], missing: true, section: Green,
    }
    /// 新增科技型企业贷款, 2024.
    TechNewLoans => tech_new_loans: Option<Amount> {
        key: "tech_new_loans", label: "新增科技型企业贷款（2024年）", short: "科技型新增", unit: Yi,
        kind: Amount, annex: None, items: [Tech], missing: true, section: Tech,
        aliases: ["科技型企业贷款新增额", "科技型企业贷款增量"],
    }
    /// 第一单科技金融产品, count.
    TechProducts => tech_products: Option<Count> {
        key: "tech_products", label: "第一单科技金融产品", short: "科技金融产品", unit: Dan, kind: Count,
        annex: None, items: [Tech], missing: true, section: Tech,
    }
    /// 养老产业贷款余额, 2023年末.
    Pension2023 => pension_loans_2023: Option<Amount> {
        key: "pension_loans_2023", label: "养老产业贷款余额（2023年末）", short: "养老产业2023", unit: Yi,
        kind: Amount, annex: None, items: [Pension], missing: true, section: Pension,
    }
    /// 养老产业贷款余额, 2024年末.
    Pension => pension_loans: Option<Amount> {
        key: "pension_loans", label: "养老产业贷款余额（2024年末）", short: "养老产业", unit: Yi, kind: Amount,
        annex: None, items: [Pension], missing: true, section: Pension,
    }
    /// 第一单养老金融产品或模式, count.
    PensionProducts => pension_products: Option<Count> {
        key: "pension_products", label: "第一单养老金融产品或模式", short: "养老金融产品", unit: Dan,
        kind: Count, annex: None, items: [Pension], missing: true, section: Pension,
    }
    /// “东楚融通”融资金额, 亿元; absent = 附件5 target.
    DongchuAmount => dongchu_amount: Option<Amount> {
        key: "dongchu_amount", label: "“东楚融通”融资金额", short: "东楚融通金额", unit: Yi, kind: Amount,
        annex: Some(AnnexLine::DongchuAmount), items: [DongchuAmount], missing: false, section: Dongchu,
        aliases: ["东楚融通融资金额", "东楚融通平台融资金额"],
    }
    /// “东楚融通”融资户数; absent = 附件5 target.
    DongchuHouseholds => dongchu_households: Option<Count> {
        key: "dongchu_households", label: "“东楚融通”融资户数", short: "东楚融通户数", unit: Hu, kind: Count,
        annex: Some(AnnexLine::DongchuHouseholds), items: [DongchuHouseholds], missing: false, section: Dongchu,
        note: "附件5 中“融资金数”一行即融资户数（二(三)2），原文笔误",
        aliases: ["东楚融通融资户数", "东楚融通平台融资户数"],
    }
    /// 金融政策争取、落实 grade, -10..=10.
    PolicyScore => policy_score: Option<PolicyScore> {
        key: "policy_score", label: "金融政策争取、落实评分", short: "金融政策", unit: Fen, kind: Policy,
        annex: None, items: [Policy], missing: true, section: Adjustments, by: Panel,
    }
    /// 不良贷款核销额 (不含信用卡), 亿元.
    NplWrittenOff => npl_written_off: Option<Amount> {
        key: "npl_written_off", label: "不良贷款核销额（不含信用卡）", short: "不良核销", unit: Yi,
        kind: Amount, annex: None, items: [Npl], missing: true, section: Adjustments,
    }
    /// 不良贷款打包等方式处置额, 亿元.
    NplOtherDisposal => npl_other_disposal: Option<Amount> {
        key: "npl_other_disposal", label: "不良贷款打包等方式处置额", short: "不良打包处置", unit: Yi,
        kind: Amount, annex: None, items: [Npl], missing: true, section: Adjustments,
    }
    /// 认购2024年度我市平台公司新发行债券, 亿元.
    PlatformBonds => platform_bonds: Option<Amount> {
        key: "platform_bonds", label: "认购融资平台债券金额", short: "平台债券", unit: Yi, kind: Amount,
        annex: None, items: [PlatformBonds], missing: true, section: Adjustments,
    }
    /// 创业担保贷款扩面市定目标任务, 亿元 (issued separately from the scheme; above zero).
    StartupTarget => startup_target: Option<Target> {
        key: "startup_guarantee.target", label: "创业担保贷款扩面目标任务", short: "创业担保目标", unit: Yi,
        kind: Target, annex: None, items: [Guarantee], missing: true, section: Adjustments,
        note: "“全市创业担保贷款、新型政银担业务扩面目标任务另行分解”（二(四)4）：目标由市里另行下达", by: City,
    }
    /// 创业担保贷款扩面完成数, 亿元.
    StartupActual => startup_actual: Option<Amount> {
        key: "startup_guarantee.actual", label: "创业担保贷款扩面完成数", short: "创业担保完成", unit: Yi,
        kind: Amount, annex: None, items: [Guarantee], missing: true, section: Adjustments,
    }
    /// 2024年新纳入创业担保贷款业务合作 (+2).
    StartupNew => startup_new: bool {
        key: "startup_guarantee.newly_included", label: "2024年新纳入创业担保贷款业务合作", short: "创业担保新纳入",
        unit: Flag, kind: Flag, annex: None, items: [Guarantee], missing: false, section: Adjustments,
    }
    /// 新型政银担业务扩面市定目标任务, 亿元 (above zero).
    GovbankTarget => govbank_target: Option<Target> {
        key: "govbank_guarantee.target", label: "新型政银担业务扩面目标任务", short: "政银担目标", unit: Yi,
        kind: Target, annex: None, items: [Guarantee], missing: true, section: Adjustments,
        note: "“全市创业担保贷款、新型政银担业务扩面目标任务另行分解”（二(四)4）：目标由市里另行下达", by: City,
    }
    /// 新型政银担业务扩面完成数, 亿元.
    GovbankActual => govbank_actual: Option<Amount> {
        key: "govbank_guarantee.actual", label: "新型政银担业务扩面完成数", short: "政银担完成", unit: Yi,
        kind: Amount, annex: None, items: [Guarantee], missing: true, section: Adjustments,
    }
    /// 2024年新纳入新型政银担业务合作 (+2).
    GovbankNew => govbank_new: bool {
        key: "govbank_guarantee.newly_included", label: "2024年新纳入新型政银担业务合作", short: "政银担新纳入",
        unit: Flag, kind: Flag, annex: None, items: [Guarantee], missing: false, section: Adjustments,
    }
    /// 一票否决 (二(四)5): disqualified.
    Vetoed => vetoed: bool {
        key: "vetoed", label: "一票否决（取消考评资格）", short: "一票否决", unit: Flag, kind: Flag,
        annex: None, items: [], missing: false, section: Adjustments,
        note: "“无故盲目抽贷、压贷、断贷，而导致企业资金链断裂造成严重社会影响的银行业金融机构，实行一票否决，直接取消考评资格”（二(四)5）：不计总分、不参与排名", by: Panel,
    }
    /// Ranked last in 2023 (for 连续两年排名倒数第一).
    LastPlace2023 => last_place_2023: bool {
        key: "last_place_2023", label: "2023年度考评排名倒数第一", short: "上年倒数第一", unit: Flag, kind: Flag,
        annex: None, items: [], missing: false, section: Outcomes,
        note: "“连续两年排名倒数第一的取消财政对公账户”（四(三)）", by: LastYear,
    }
    /// 市级公共性资金存放主体部门个性指标, 0..=100, for the 30% part of 四(四).
    DepartmentScore => department_score: Option<DepartmentScore> {
        key: "department_score", label: "市级公共性资金存放主体部门个性指标得分", short: "部门指标", unit: Fen,
        kind: Department, annex: None, items: [], missing: true, section: Outcomes, by: Department,
    }
}

impl Field {
    /// The field's row of the table.
    pub fn spec(self) -> &'static FieldSpec {
        &FIELDS[self as usize]
    }

    /// The key in the scenario file (`sme_loans`, `startup_guarantee.target`).
    pub fn key(self) -> &'static str {
        self.spec().key
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// The unit.
    pub fn unit(self) -> Unit {
        self.spec().unit
    }

    /// The value type.
    pub fn kind(self) -> Kind {
        self.spec().kind
    }

    /// Whether a bank declares it on its 申报表.
    pub fn is_declared(self) -> bool {
        self.spec().by == Supplier::Bank
    }

    /// The section it is entered under.
    pub fn section(self) -> Section {
        self.spec().section
    }

    /// The field with this file key.
    pub fn from_key(key: &str) -> Option<Field> {
        FIELDS.iter().find(|f| f.key == key).map(|f| f.field)
    }

    /// The value entered for a bank, or `None` (a flag that is not set is `None`).
    pub fn get(self, bank: &BankInput) -> Option<Decimal> {
        (self.spec().get)(bank)
    }

    /// Sets (or, with `None`, clears) the value for a bank, checked against the field's bounds; a
    /// refused value leaves the bank as it was.
    pub fn set(self, bank: &mut BankInput, value: Option<Decimal>) -> Result<(), ValueError> {
        let value = value.map(|v| self.kind().parse(&v.to_string())).transpose()?;
        (self.spec().set)(bank, value)
    }

    /// Sets a value as it is, without writing it out and reading it back as text (the solver sets
    /// thousands): still checked by the field's type, and a refused value leaves the bank as it was.
    pub(crate) fn set_exact(self, bank: &mut BankInput, value: Decimal) -> Result<(), ValueError> {
        (self.spec().set)(bank, Some(value))
    }

    /// Reads the text (already cleaned up) and sets the value; empty text clears it.
    pub fn set_text(self, bank: &mut BankInput, text: &str) -> Result<(), ValueError> {
        let text = text.trim();
        if text.is_empty() {
            return (self.spec().set)(bank, None);
        }
        let value = self.kind().parse(text)?;
        (self.spec().set)(bank, Some(value))
    }

    /// Whether the bank has this figure entered (a flag: set).
    pub fn is_entered(self, bank: &BankInput) -> bool {
        self.get(bank).is_some()
    }
}

/// A set of a bank's figures (those missing, for one item or the whole bank): one bit per
/// [`Field`], so that listing them allocates nothing. Iterates in the field table's order.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FieldSet(u64);

// One bit per field: a table of more than 64 figures needs a wider set.
const _: () = assert!(Field::ALL.len() <= 64);

impl FieldSet {
    /// No fields.
    pub const EMPTY: FieldSet = FieldSet(0);

    /// Adds a field.
    pub fn insert(&mut self, field: Field) {
        self.0 |= 1 << field as u32;
    }

    /// Whether the set holds the field.
    pub fn contains(self, field: Field) -> bool {
        self.0 & (1 << field as u32) != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Takes a field out.
    pub fn remove(&mut self, field: Field) {
        self.0 &= !(1 << field as u32);
    }

    /// How many fields the set holds.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The fields, in the field table's order.
    pub fn iter(self) -> impl Iterator<Item = Field> {
        Field::ALL.into_iter().filter(move |f| self.contains(*f))
    }
}

impl FromIterator<Field> for FieldSet {
    fn from_iter<I: IntoIterator<Item = Field>>(fields: I) -> Self {
        let mut set = FieldSet::EMPTY;
        for field in fields {
            set.insert(field);
        }
        set
    }
}

impl std::fmt::Debug for FieldSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Whether a figure of the field table is one a bank can raise to score more.
pub fn is_lever(field: Field) -> bool {
    let spec = field.spec();
    matches!(spec.kind, Kind::Amount | Kind::Count) && !spec.items.is_empty() && !spec.key.ends_with("_2023")
}

/// Every lever figure, in table order.
pub fn lever_fields() -> impl Iterator<Item = Field> {
    FIELDS.iter().map(|spec| spec.field).filter(|f| is_lever(*f))
}

/// The figures an item needs that are not entered, in table order.
pub(crate) fn missing_for(item: Item, bank: &BankInput) -> FieldSet {
    FIELDS
        .iter()
        .filter(|f| f.reported_missing && f.items.contains(&item) && !f.field.is_entered(bank))
        .map(|f| f.field)
        .collect()
}

/// Every figure that is reported missing when absent and is not entered, in table order.
pub(crate) fn missing_all(bank: &BankInput) -> FieldSet {
    FIELDS.iter().filter(|f| f.reported_missing && !f.field.is_entered(bank)).map(|f| f.field).collect()
}

impl BankInput {
    /// A bank with nothing entered.
    pub fn new(id: &str) -> Self {
        BankInput { id: id.to_owned(), ..BankInput::default() }
    }

    /// Whether nothing at all is entered for the bank (it is then exactly on task).
    pub fn is_empty(&self) -> bool {
        Field::ALL.iter().all(|f| !f.is_entered(self)) && FundFigure::ALL.iter().all(|f| f.is_blank(self))
    }

    /// 创业担保贷款 as one programme of 二(四)4.
    pub fn startup_guarantee(&self) -> Guarantee {
        Guarantee { target: self.startup_target, actual: self.startup_actual, newly_included: self.startup_new }
    }

    /// 新型政银担 as one programme of 二(四)4.
    pub fn govbank_guarantee(&self) -> Guarantee {
        Guarantee { target: self.govbank_target, actual: self.govbank_actual, newly_included: self.govbank_new }
    }
}

/// Values by public fund id (四(四)): a fund's amount, a bank's score from the fund's department. Kept
/// in order of id, so that two entries with the same values are equal whatever order they were set in;
/// files and tables list them in the scheme's order of funds. (A short sorted list rather than a map:
/// there are a handful of funds, and the page's module stays smaller.)
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ByFund<T>(Vec<(String, T)>);

impl<T> Default for ByFund<T> {
    fn default() -> Self {
        ByFund(Vec::new())
    }
}

impl<T: Copy> ByFund<T> {
    /// The value for a fund, if given.
    pub fn get(&self, fund: &str) -> Option<T> {
        self.0.iter().find(|(id, _)| id == fund).map(|(_, v)| *v)
    }

    /// Sets (or, with `None`, clears) the value for a fund.
    pub fn set(&mut self, fund: &str, value: Option<T>) {
        let at = self.0.iter().position(|(id, _)| id.as_str() >= fund);
        match (at, value) {
            (Some(i), Some(value)) if self.0[i].0 == fund => self.0[i].1 = value,
            (Some(i), Some(value)) => self.0.insert(i, (fund.to_owned(), value)),
            (None, Some(value)) => self.0.push((fund.to_owned(), value)),
            (Some(i), None) if self.0[i].0 == fund => {
                self.0.remove(i);
            }
            (_, None) => {}
        }
    }

    /// Whether no fund has a value.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The funds with a value and their values, in order of id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, T)> + '_ {
        self.0.iter().map(|(id, v)| (id.as_str(), *v))
    }
}

/// A bank figure given once per public fund of 四(四) — the funds are the scheme's `outcomes.funds`
/// — by each fund's own depositing department. In a file it is an object by fund id under the row's
/// key (`"department_scores": {"fiscal": 92}`); in a table, a column per fund keyed
/// `department_scores.fiscal`. A fund without one takes the bank's figure `every`
/// (`department_score`), which is the same for every fund. One row per figure of this kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FundFigure {
    /// 市级公共性资金存放主体部门个性指标得分, from the department of each fund.
    DepartmentScore,
}

/// One row of the table of per-fund figures.
#[derive(Clone, Copy)]
pub struct FundFigureSpec {
    /// The figure.
    pub figure: FundFigure,
    /// The key of its object in a bank entry.
    pub key: &'static str,
    /// The bank figure that gives the same value for every fund, and whose kind and unit it has.
    pub every: Field,
    get: fn(&BankInput, &str) -> Option<Decimal>,
    set: fn(&mut BankInput, &str, Option<Decimal>) -> Result<(), ValueError>,
    is_blank: fn(&BankInput) -> bool,
}

impl std::fmt::Debug for FundFigureSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FundFigureSpec").field("key", &self.key).finish_non_exhaustive()
    }
}

/// The per-fund figures, in [`FundFigure::ALL`] order.
pub static FUND_FIGURES: [FundFigureSpec; 1] = [FundFigureSpec {
    figure: FundFigure::DepartmentScore,
    key: "department_scores",
    every: Field::DepartmentScore,
    get: |bank, fund| bank.department_scores.get(fund).map(DepartmentScore::get),
    set: |bank, fund, value| {
        let value = value.map(DepartmentScore::new).transpose()?;
        bank.department_scores.set(fund, value);
        Ok(())
    },
    is_blank: |bank| bank.department_scores.is_empty(),
}];

impl FundFigure {
    /// Every per-fund figure.
    pub const ALL: [FundFigure; 1] = [FundFigure::DepartmentScore];

    /// The figure's row.
    pub fn spec(self) -> &'static FundFigureSpec {
        &FUND_FIGURES[self as usize]
    }

    /// The key of its object in a bank entry (`department_scores`).
    pub fn key(self) -> &'static str {
        self.spec().key
    }

    /// The bank figure that gives the same value for every fund (`department_score`).
    pub fn every(self) -> Field {
        self.spec().every
    }

    /// The key of one fund's value, as a table column and a place in a file (`department_scores.fiscal`).
    pub fn fund_key(self, fund: &str) -> String {
        format!("{}.{fund}", self.key())
    }

    /// The figure and fund of a key written by [`FundFigure::fund_key`].
    pub fn from_fund_key(key: &str) -> Option<(FundFigure, &str)> {
        let (prefix, fund) = key.split_once('.')?;
        FundFigure::ALL.into_iter().find(|f| f.key() == prefix).map(|f| (f, fund))
    }

    /// The value given for one fund, if any (not the one for every fund).
    pub fn get(self, bank: &BankInput, fund: &str) -> Option<Decimal> {
        (self.spec().get)(bank, fund)
    }

    /// The value that counts for one fund: the one given for it, else the bank's one for every fund.
    pub fn counted(self, bank: &BankInput, fund: &str) -> Option<Decimal> {
        self.get(bank, fund).or_else(|| self.every().get(bank))
    }

    /// Sets (or, with `None`, clears) the value for one fund, checked against the figure's bounds; a
    /// refused value leaves the bank as it was.
    pub fn set(self, bank: &mut BankInput, fund: &str, value: Option<Decimal>) -> Result<(), ValueError> {
        let value = value.map(|v| self.every().kind().parse(&v.to_string())).transpose()?;
        (self.spec().set)(bank, fund, value)
    }

    /// Reads the text (already cleaned up) and sets the value for one fund; empty text clears it.
    pub fn set_text(self, bank: &mut BankInput, fund: &str, text: &str) -> Result<(), ValueError> {
        let text = text.trim();
        let value = if text.is_empty() { None } else { Some(self.every().kind().parse(text)?) };
        (self.spec().set)(bank, fund, value)
    }

    /// Whether the bank has no value of this figure for any fund.
    pub fn is_blank(self, bank: &BankInput) -> bool {
        (self.spec().is_blank)(bank)
    }
}

/// One of the two programmes of 二(四)4 for one bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Guarantee {
    /// The city's target for the bank, 亿元 (issued separately from the scheme).
    pub target: Option<Target>,
    /// What the bank reached, 亿元.
    pub actual: Option<Amount>,
    /// The bank joined the programme in 2024 (+2).
    pub newly_included: bool,
}

impl Guarantee {
    /// Whether nothing is entered for the programme.
    pub fn is_blank(&self) -> bool {
        self.target.is_none() && self.actual.is_none() && !self.newly_included
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_the_enum_indexes_the_table() {
        for (i, spec) in FIELDS.iter().enumerate() {
            assert_eq!(spec.field as usize, i, "{}", spec.key);
            assert_eq!(Field::from_key(spec.key), Some(spec.field));
            assert_eq!(FIELDS.iter().filter(|f| f.label == spec.label).count(), 1, "label {}", spec.label);
        }
    }

    #[test]
    fn notes_are_sentences_without_a_final_stop() {
        for spec in FIELDS.iter() {
            if let Some(note) = spec.note {
                assert!(!note.trim().is_empty(), "{}", spec.key);
                assert!(!note.ends_with('。'), "{}: the page adds its own punctuation", spec.key);
            }
        }
    }

    #[test]
    fn each_annex_figure_is_the_current_figure_of_its_annex_line() {
        let scheme = crate::Scheme::builtin(2024).expect("built-in");
        let mut scenario = crate::Scenario::new(2024);
        let bank = scenario.bank_mut("icbc");
        for (i, spec) in FIELDS.iter().filter(|f| f.annex.is_some()).enumerate() {
            assert_eq!(spec.field.set(bank, Some(Decimal::from(101 + i))), Ok(()), "{}", spec.key);
        }
        let result = crate::evaluate(scheme, &scenario);
        let icbc = result.bank("icbc").expect("icbc is scored");
        for (i, spec) in FIELDS.iter().filter(|f| f.annex.is_some()).enumerate() {
            let line = icbc.figures.line(spec.annex.expect("filtered"));
            assert_eq!((line.current, line.entered), (Decimal::from(101 + i), true), "{}", spec.key);
        }
    }

    #[test]
    fn set_checks_bounds_and_keeps_the_old_value_on_refusal() {
        let mut bank = BankInput::new("icbc");
        assert_eq!(Field::Loans.set_text(&mut bank, "300.5"), Ok(()));
        assert_eq!(Field::Loans.get(&bank), Some(Decimal::new(3005, 1)));
        assert!(Field::Loans.set_text(&mut bank, "-1").is_err());
        assert_eq!(Field::Loans.get(&bank), Some(Decimal::new(3005, 1)), "a refused value changes nothing");
        assert!(Field::SmeCustomers.set_text(&mut bank, "3.5").is_err());
        assert!(Field::StartupTarget.set_text(&mut bank, "0").is_err(), "a target is above zero");
        assert_eq!(Field::StartupNew.set_text(&mut bank, "是"), Ok(()));
        assert!(bank.startup_new);
        assert_eq!(Field::Loans.set_text(&mut bank, ""), Ok(()));
        assert_eq!(bank.loans, None);
    }

    #[test]
    fn a_field_set_lists_its_fields_in_table_order() {
        let set: FieldSet = [Field::DepartmentScore, Field::SmeCustomers2023, Field::Loans].into_iter().collect();
        assert_eq!(set.iter().collect::<Vec<_>>(), vec![Field::Loans, Field::SmeCustomers2023, Field::DepartmentScore]);
        assert_eq!(set.len(), 3);
        assert!(set.contains(Field::Loans) && !set.contains(Field::SmeLoans));
        assert!(FieldSet::EMPTY.is_empty() && !set.is_empty());
        assert_eq!(format!("{set:?}"), "[Loans, SmeCustomers2023, DepartmentScore]", "prints as the list it replaces");
        let every: FieldSet = Field::ALL.into_iter().collect();
        assert_eq!(every.iter().collect::<Vec<_>>(), Field::ALL.to_vec());
    }
}
