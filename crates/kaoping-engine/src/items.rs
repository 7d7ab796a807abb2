//! The scheme's vocabulary that every other part speaks: the 18 scored items of 二、考评内容 and the
//! bands of 四、考评结果运用. Below everything else, so that the figure table, the rule numbers and the
//! results can all name an item without importing one another.

/// The 18 scored items of 二、考评内容, in the scheme's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    /// 贷款增量, 二(一)1.
    LoanIncrement,
    /// 贷款增速, 二(一)2.
    LoanGrowth,
    /// 中小微企业贷款增量, 二(二)1(1).
    SmeIncrement,
    /// 中小微企业扩面, 二(二)1(2).
    SmeCustomers,
    /// 中小微企业降成本, 二(二)1(3).
    SmeRate,
    /// 普惠小微贷款增速, 二(二)1(4).
    InclusiveGrowth,
    /// 制造业贷款增量, 二(二)2(1).
    ManufacturingIncrement,
    /// 制造业贷款增速, 二(二)2(2).
    ManufacturingGrowth,
    /// 绿色贷款增量, 二(二)3(1).
    GreenIncrement,
    /// 碳金融产品创新, 二(二)3(2).
    CarbonProducts,
    /// 科创金融, 二(二)4.
    Tech,
    /// 养老金融, 二(二)5.
    Pension,
    /// 东楚融通融资金额, 二(三)1.
    DongchuAmount,
    /// 东楚融通融资户数, 二(三)2.
    DongchuHouseholds,
    /// 金融政策争取、落实, 二(四)1.
    Policy,
    /// 不良贷款核销, 二(四)2.
    Npl,
    /// 认购融资平台债券, 二(四)3.
    PlatformBonds,
    /// 创业担保贷款和新型政银担, 二(四)4.
    Guarantee,
}

impl Item {
    /// Every item, in the scheme's order.
    pub const ALL: [Item; 18] = [
        Item::LoanIncrement,
        Item::LoanGrowth,
        Item::SmeIncrement,
        Item::SmeCustomers,
        Item::SmeRate,
        Item::InclusiveGrowth,
        Item::ManufacturingIncrement,
        Item::ManufacturingGrowth,
        Item::GreenIncrement,
        Item::CarbonProducts,
        Item::Tech,
        Item::Pension,
        Item::DongchuAmount,
        Item::DongchuHouseholds,
        Item::Policy,
        Item::Npl,
        Item::PlatformBonds,
        Item::Guarantee,
    ];

    /// The key used in result files (`loan_increment`).
    pub fn key(self) -> &'static str {
        match self {
            Item::LoanIncrement => "loan_increment",
            Item::LoanGrowth => "loan_growth",
            Item::SmeIncrement => "sme_increment",
            Item::SmeCustomers => "sme_customers",
            Item::SmeRate => "sme_rate",
            Item::InclusiveGrowth => "inclusive_growth",
            Item::ManufacturingIncrement => "manufacturing_increment",
            Item::ManufacturingGrowth => "manufacturing_growth",
            Item::GreenIncrement => "green_increment",
            Item::CarbonProducts => "carbon_products",
            Item::Tech => "tech",
            Item::Pension => "pension",
            Item::DongchuAmount => "dongchu_amount",
            Item::DongchuHouseholds => "dongchu_households",
            Item::Policy => "policy",
            Item::Npl => "npl",
            Item::PlatformBonds => "platform_bonds",
            Item::Guarantee => "guarantee",
        }
    }

    /// The item's short Chinese name (`贷款增量`).
    pub fn title(self) -> &'static str {
        match self {
            Item::LoanIncrement => "贷款增量",
            Item::LoanGrowth => "贷款增速",
            Item::SmeIncrement => "中小微增量",
            Item::SmeCustomers => "中小微扩面",
            Item::SmeRate => "中小微降成本",
            Item::InclusiveGrowth => "普惠小微增速",
            Item::ManufacturingIncrement => "制造业增量",
            Item::ManufacturingGrowth => "制造业增速",
            Item::GreenIncrement => "绿色增量",
            Item::CarbonProducts => "碳金融产品",
            Item::Tech => "科创金融",
            Item::Pension => "养老金融",
            Item::DongchuAmount => "东楚融通金额",
            Item::DongchuHouseholds => "东楚融通户数",
            Item::Policy => "金融政策",
            Item::Npl => "不良核销",
            Item::PlatformBonds => "平台债券",
            Item::Guarantee => "创业担保/政银担",
        }
    }

    /// The item's position in [`Item::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The band a rank falls in (四(一)–(三)), ordered best first: `Outstanding < Positive < …`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Band {
    /// Ranks 1–3: 贡献突出单位.
    Outstanding,
    /// Ranks 4–10: 贡献积极单位.
    Positive,
    /// Ranks 11–13: 贡献一般单位.
    General,
    /// Below rank 13.
    Bottom,
    /// 一票否决: no score, no rank.
    Disqualified,
}

impl Band {
    /// Every band, best first.
    pub const ALL: [Band; 5] = [Band::Outstanding, Band::Positive, Band::General, Band::Bottom, Band::Disqualified];

    /// The word used in result files.
    pub fn key(self) -> &'static str {
        match self {
            Band::Outstanding => "outstanding",
            Band::Positive => "positive",
            Band::General => "general",
            Band::Bottom => "bottom",
            Band::Disqualified => "disqualified",
        }
    }

    /// The band's name in the scheme.
    pub fn label(self) -> &'static str {
        match self {
            Band::Outstanding => "贡献突出单位",
            Band::Positive => "贡献积极单位",
            Band::General => "贡献一般单位",
            Band::Bottom => "排名靠后",
            Band::Disqualified => "取消考评资格",
        }
    }
}
