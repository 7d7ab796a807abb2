//! The figures a user can type, named once: which scenario field each box edits, its label and unit,
//! and how its text becomes one of the engine's value types.
//!
//! Keeping this table in one place is what lets the bank form, the city table and the component
//! tests agree on ids and labels without repeating them.

use kaoping_engine::{Amount, BankInput, CityOverrides, Count, DepartmentScore, Guarantee, Percent, PolicyScore};
use rust_decimal::Decimal;

use crate::format::Unit;
use crate::input::{normalize, Kind, Reading};

/// A typed figure of one bank (`BankInput`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BankField {
    /// 各项贷款余额, 2024年末.
    Loans,
    /// 中小微企业贷款余额, 2024年末.
    SmeLoans,
    /// 制造业贷款余额 (含贴现), 2024年末.
    ManufacturingLoans,
    /// 绿色信贷余额, 2024年末.
    GreenLoans,
    /// 中小微企业贷款户数, 2023年末.
    SmeCustomers2023,
    /// 中小微企业贷款户数, 2024年末.
    SmeCustomers,
    /// 新发放中小微企业贷款综合利率, 年初.
    SmeRateStart,
    /// 新发放中小微企业贷款综合利率, 当前.
    SmeRate,
    /// 普惠小微贷款余额, 2023年末.
    Inclusive2023,
    /// 普惠小微贷款余额, 2024年末.
    Inclusive,
    /// 科技型企业当年新增贷款.
    TechNewLoans,
    /// 首创科技金融产品.
    TechProducts,
    /// 养老产业贷款余额, 2023年末.
    Pension2023,
    /// 养老产业贷款余额, 2024年末.
    Pension,
    /// 首创养老金融产品或模式.
    PensionProducts,
    /// 首创引入的碳金融产品.
    CarbonProducts,
    /// 东楚融通融资金额.
    DongchuAmount,
    /// 东楚融通融资户数.
    DongchuHouseholds,
    /// 金融政策争取、落实 评分.
    PolicyScore,
    /// 不良贷款核销.
    NplWrittenOff,
    /// 不良贷款打包转让等其他方式处置.
    NplOtherDisposal,
    /// 认购融资平台债券.
    PlatformBonds,
    /// 创业担保贷款 目标.
    StartupTarget,
    /// 创业担保贷款 实际.
    StartupActual,
    /// 新型政银担 目标.
    GovbankTarget,
    /// 新型政银担 实际.
    GovbankActual,
    /// 存款主管部门自身指标得分 (the 30% part).
    DepartmentScore,
}

impl BankField {
    /// Every field, in the order of the bank form.
    pub const ALL: [BankField; 27] = [
        BankField::Loans,
        BankField::SmeLoans,
        BankField::SmeCustomers2023,
        BankField::SmeCustomers,
        BankField::SmeRateStart,
        BankField::SmeRate,
        BankField::Inclusive2023,
        BankField::Inclusive,
        BankField::ManufacturingLoans,
        BankField::GreenLoans,
        BankField::CarbonProducts,
        BankField::TechNewLoans,
        BankField::TechProducts,
        BankField::Pension2023,
        BankField::Pension,
        BankField::PensionProducts,
        BankField::DongchuAmount,
        BankField::DongchuHouseholds,
        BankField::PolicyScore,
        BankField::NplWrittenOff,
        BankField::NplOtherDisposal,
        BankField::PlatformBonds,
        BankField::StartupTarget,
        BankField::StartupActual,
        BankField::GovbankTarget,
        BankField::GovbankActual,
        BankField::DepartmentScore,
    ];

    /// The field's name in the scenario format, also used in element ids.
    pub fn key(self) -> &'static str {
        match self {
            BankField::Loans => "loans",
            BankField::SmeLoans => "sme_loans",
            BankField::ManufacturingLoans => "manufacturing_loans",
            BankField::GreenLoans => "green_loans",
            BankField::SmeCustomers2023 => "sme_customers_2023",
            BankField::SmeCustomers => "sme_customers",
            BankField::SmeRateStart => "sme_rate_start_pct",
            BankField::SmeRate => "sme_rate_pct",
            BankField::Inclusive2023 => "inclusive_loans_2023",
            BankField::Inclusive => "inclusive_loans",
            BankField::TechNewLoans => "tech_new_loans",
            BankField::TechProducts => "tech_products",
            BankField::Pension2023 => "pension_loans_2023",
            BankField::Pension => "pension_loans",
            BankField::PensionProducts => "pension_products",
            BankField::CarbonProducts => "carbon_products",
            BankField::DongchuAmount => "dongchu_amount",
            BankField::DongchuHouseholds => "dongchu_households",
            BankField::PolicyScore => "policy_score",
            BankField::NplWrittenOff => "npl_written_off",
            BankField::NplOtherDisposal => "npl_other_disposal",
            BankField::PlatformBonds => "platform_bonds",
            BankField::StartupTarget => "startup_guarantee.target",
            BankField::StartupActual => "startup_guarantee.actual",
            BankField::GovbankTarget => "govbank_guarantee.target",
            BankField::GovbankActual => "govbank_guarantee.actual",
            BankField::DepartmentScore => "department_score",
        }
    }

    /// The full Chinese name, for labels.
    pub fn label(self) -> &'static str {
        match self {
            BankField::Loans => "各项贷款余额（2024年末）",
            BankField::SmeLoans => "中小微企业贷款余额（2024年末）",
            BankField::ManufacturingLoans => "制造业贷款余额（含贴现，2024年末）",
            BankField::GreenLoans => "绿色信贷余额（2024年末）",
            BankField::SmeCustomers2023 => "中小微企业贷款户数（2023年末）",
            BankField::SmeCustomers => "中小微企业贷款户数（2024年末）",
            BankField::SmeRateStart => "新发放贷款综合利率（年初）",
            BankField::SmeRate => "新发放贷款综合利率（当前）",
            BankField::Inclusive2023 => "普惠小微贷款余额（2023年末）",
            BankField::Inclusive => "普惠小微贷款余额（2024年末）",
            BankField::TechNewLoans => "科技型企业当年新增贷款",
            BankField::TechProducts => "首创科技金融产品数",
            BankField::Pension2023 => "养老产业贷款余额（2023年末）",
            BankField::Pension => "养老产业贷款余额（2024年末）",
            BankField::PensionProducts => "首创养老金融产品或模式数",
            BankField::CarbonProducts => "首创引入的碳金融产品数",
            BankField::DongchuAmount => "东楚融通融资金额",
            BankField::DongchuHouseholds => "东楚融通融资户数",
            BankField::PolicyScore => "金融政策争取、落实评分",
            BankField::NplWrittenOff => "不良贷款核销（不含信用卡）",
            BankField::NplOtherDisposal => "打包转让等其他方式处置",
            BankField::PlatformBonds => "认购融资平台债券",
            BankField::StartupTarget => "创业担保贷款目标",
            BankField::StartupActual => "创业担保贷款实际",
            BankField::GovbankTarget => "新型政银担目标",
            BankField::GovbankActual => "新型政银担实际",
            BankField::DepartmentScore => "存款主管部门指标得分",
        }
    }

    /// The unit the figure is typed in.
    pub fn unit(self) -> Unit {
        match self.kind() {
            Kind::Amount => Unit::Yi,
            Kind::Percent => Unit::Percent,
            Kind::Score => Unit::Fen,
            Kind::Count => match self {
                BankField::SmeCustomers2023 | BankField::SmeCustomers | BankField::DongchuHouseholds => Unit::Hu,
                _ => Unit::Ge,
            },
        }
    }

    /// What kind of figure the box holds.
    pub fn kind(self) -> Kind {
        match self {
            BankField::SmeCustomers2023
            | BankField::SmeCustomers
            | BankField::TechProducts
            | BankField::PensionProducts
            | BankField::CarbonProducts
            | BankField::DongchuHouseholds => Kind::Count,
            BankField::SmeRateStart | BankField::SmeRate => Kind::Percent,
            BankField::PolicyScore | BankField::DepartmentScore => Kind::Score,
            _ => Kind::Amount,
        }
    }

    /// The figure as the scenario holds it, or `None` when it is not entered.
    pub fn get(self, bank: &BankInput) -> Option<Decimal> {
        let amount = |a: Option<Amount>| a.map(Amount::get);
        let count = |c: Option<Count>| c.map(Count::decimal);
        let percent = |p: Option<Percent>| p.map(Percent::get);
        match self {
            BankField::Loans => amount(bank.loans),
            BankField::SmeLoans => amount(bank.sme_loans),
            BankField::ManufacturingLoans => amount(bank.manufacturing_loans),
            BankField::GreenLoans => amount(bank.green_loans),
            BankField::SmeCustomers2023 => count(bank.sme_customers_2023),
            BankField::SmeCustomers => count(bank.sme_customers),
            BankField::SmeRateStart => percent(bank.sme_rate_start_pct),
            BankField::SmeRate => percent(bank.sme_rate_pct),
            BankField::Inclusive2023 => amount(bank.inclusive_loans_2023),
            BankField::Inclusive => amount(bank.inclusive_loans),
            BankField::TechNewLoans => amount(bank.tech_new_loans),
            BankField::TechProducts => count(bank.tech_products),
            BankField::Pension2023 => amount(bank.pension_loans_2023),
            BankField::Pension => amount(bank.pension_loans),
            BankField::PensionProducts => count(bank.pension_products),
            BankField::CarbonProducts => count(bank.carbon_products),
            BankField::DongchuAmount => amount(bank.dongchu_amount),
            BankField::DongchuHouseholds => count(bank.dongchu_households),
            BankField::PolicyScore => bank.policy_score.map(|p| Decimal::from(p.get())),
            BankField::NplWrittenOff => amount(bank.npl_written_off),
            BankField::NplOtherDisposal => amount(bank.npl_other_disposal),
            BankField::PlatformBonds => amount(bank.platform_bonds),
            BankField::StartupTarget => bank.startup_guarantee.as_ref().and_then(|g| amount(g.target)),
            BankField::StartupActual => bank.startup_guarantee.as_ref().and_then(|g| amount(g.actual)),
            BankField::GovbankTarget => bank.govbank_guarantee.as_ref().and_then(|g| amount(g.target)),
            BankField::GovbankActual => bank.govbank_guarantee.as_ref().and_then(|g| amount(g.actual)),
            BankField::DepartmentScore => bank.department_score.map(DepartmentScore::get),
        }
    }

    /// Reads typed text and, when it is a valid figure (or empty), stores it in `bank`.
    /// On an error `bank` is left exactly as it was and the Chinese reason is returned.
    pub fn set(self, bank: &mut BankInput, text: &str) -> Result<(), String> {
        let reading = normalize(text, self.kind())?;
        let plain = match &reading {
            Reading::Empty => None,
            Reading::Plain(p) => Some(p.as_str()),
        };
        let amount = |p: Option<&str>| p.map(Amount::parse).transpose().map_err(|e| e.zh());
        let count = |p: Option<&str>| p.map(Count::parse).transpose().map_err(|e| e.zh());
        let percent = |p: Option<&str>| p.map(Percent::parse).transpose().map_err(|e| e.zh());
        match self {
            BankField::Loans => bank.loans = amount(plain)?,
            BankField::SmeLoans => bank.sme_loans = amount(plain)?,
            BankField::ManufacturingLoans => bank.manufacturing_loans = amount(plain)?,
            BankField::GreenLoans => bank.green_loans = amount(plain)?,
            BankField::SmeCustomers2023 => bank.sme_customers_2023 = count(plain)?,
            BankField::SmeCustomers => bank.sme_customers = count(plain)?,
            BankField::SmeRateStart => bank.sme_rate_start_pct = percent(plain)?,
            BankField::SmeRate => bank.sme_rate_pct = percent(plain)?,
            BankField::Inclusive2023 => bank.inclusive_loans_2023 = amount(plain)?,
            BankField::Inclusive => bank.inclusive_loans = amount(plain)?,
            BankField::TechNewLoans => bank.tech_new_loans = amount(plain)?,
            BankField::TechProducts => bank.tech_products = count(plain)?,
            BankField::Pension2023 => bank.pension_loans_2023 = amount(plain)?,
            BankField::Pension => bank.pension_loans = amount(plain)?,
            BankField::PensionProducts => bank.pension_products = count(plain)?,
            BankField::CarbonProducts => bank.carbon_products = count(plain)?,
            BankField::DongchuAmount => bank.dongchu_amount = amount(plain)?,
            BankField::DongchuHouseholds => bank.dongchu_households = count(plain)?,
            BankField::PolicyScore => {
                bank.policy_score = plain.map(PolicyScore::parse).transpose().map_err(|e| e.zh())?;
            }
            BankField::NplWrittenOff => bank.npl_written_off = amount(plain)?,
            BankField::NplOtherDisposal => bank.npl_other_disposal = amount(plain)?,
            BankField::PlatformBonds => bank.platform_bonds = amount(plain)?,
            BankField::StartupTarget => {
                let value = amount(plain)?;
                edit_guarantee(&mut bank.startup_guarantee, |g| g.target = value);
            }
            BankField::StartupActual => {
                let value = amount(plain)?;
                edit_guarantee(&mut bank.startup_guarantee, |g| g.actual = value);
            }
            BankField::GovbankTarget => {
                let value = amount(plain)?;
                edit_guarantee(&mut bank.govbank_guarantee, |g| g.target = value);
            }
            BankField::GovbankActual => {
                let value = amount(plain)?;
                edit_guarantee(&mut bank.govbank_guarantee, |g| g.actual = value);
            }
            BankField::DepartmentScore => {
                bank.department_score = plain.map(DepartmentScore::parse).transpose().map_err(|e| e.zh())?;
            }
        }
        Ok(())
    }
}

/// A yes/no fact about a bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BankFlag {
    /// 一票否决: the bank is disqualified (二(四)5).
    Vetoed,
    /// 2023年度排名末位 (for the two-year rule of 四).
    LastPlace2023,
    /// 2024年新纳入创业担保贷款合作 (+2, 二(四)4).
    StartupNew,
    /// 2024年新纳入新型政银担合作 (+2, 二(四)4).
    GovbankNew,
}

impl BankFlag {
    /// The field's name in the scenario format, also used in element ids.
    pub fn key(self) -> &'static str {
        match self {
            BankFlag::Vetoed => "vetoed",
            BankFlag::LastPlace2023 => "last_place_2023",
            BankFlag::StartupNew => "startup_guarantee.newly_included",
            BankFlag::GovbankNew => "govbank_guarantee.newly_included",
        }
    }

    /// The Chinese label of the checkbox.
    pub fn label(self) -> &'static str {
        match self {
            BankFlag::Vetoed => "一票否决（盲目抽贷、断贷造成严重后果）",
            BankFlag::LastPlace2023 => "2023年度考评排名末位",
            BankFlag::StartupNew => "2024年新纳入创业担保贷款合作",
            BankFlag::GovbankNew => "2024年新纳入新型政银担合作",
        }
    }

    /// The fact as the scenario holds it.
    pub fn get(self, bank: &BankInput) -> bool {
        match self {
            BankFlag::Vetoed => bank.vetoed,
            BankFlag::LastPlace2023 => bank.last_place_2023,
            BankFlag::StartupNew => bank.startup_guarantee.as_ref().is_some_and(|g| g.newly_included),
            BankFlag::GovbankNew => bank.govbank_guarantee.as_ref().is_some_and(|g| g.newly_included),
        }
    }

    /// Stores the fact.
    pub fn set(self, bank: &mut BankInput, value: bool) {
        match self {
            BankFlag::Vetoed => bank.vetoed = value,
            BankFlag::LastPlace2023 => bank.last_place_2023 = value,
            BankFlag::StartupNew => edit_guarantee(&mut bank.startup_guarantee, |g| g.newly_included = value),
            BankFlag::GovbankNew => edit_guarantee(&mut bank.govbank_guarantee, |g| g.newly_included = value),
        }
    }
}

/// Edits one programme of 二(四)4, creating it when needed and dropping it when nothing is left, so
/// that an emptied programme reads as "not entered" rather than as an empty record.
fn edit_guarantee(slot: &mut Option<Guarantee>, edit: impl FnOnce(&mut Guarantee)) {
    let mut guarantee = slot.take().unwrap_or_default();
    edit(&mut guarantee);
    let empty = guarantee.target.is_none() && guarantee.actual.is_none() && !guarantee.newly_included;
    *slot = (!empty).then_some(guarantee);
}

/// A typed city-wide figure (`CityOverrides`) or the green task rate setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CityField {
    /// 全市各项贷款平均增速.
    LoanGrowth,
    /// 全市普惠小微贷款平均增速.
    InclusiveGrowth,
    /// 全市制造业贷款平均增速.
    ManufacturingGrowth,
    /// 全市养老产业贷款平均增速.
    PensionGrowth,
    /// 全市科技型企业新增贷款平均数.
    TechNewLoansAvg,
}

impl CityField {
    /// Every city figure, in the order of the settings page.
    pub const ALL: [CityField; 5] = [
        CityField::LoanGrowth,
        CityField::InclusiveGrowth,
        CityField::ManufacturingGrowth,
        CityField::PensionGrowth,
        CityField::TechNewLoansAvg,
    ];

    /// The field's name in the scenario format, also used in element ids.
    pub fn key(self) -> &'static str {
        match self {
            CityField::LoanGrowth => "loan_growth_pct",
            CityField::InclusiveGrowth => "inclusive_growth_pct",
            CityField::ManufacturingGrowth => "manufacturing_growth_pct",
            CityField::PensionGrowth => "pension_growth_pct",
            CityField::TechNewLoansAvg => "tech_new_loans_avg",
        }
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            CityField::LoanGrowth => "全市各项贷款平均增速",
            CityField::InclusiveGrowth => "全市普惠小微贷款平均增速",
            CityField::ManufacturingGrowth => "全市制造业贷款平均增速",
            CityField::PensionGrowth => "全市养老产业贷款平均增速",
            CityField::TechNewLoansAvg => "全市科技型企业新增贷款平均数",
        }
    }

    /// Which clause the figure feeds, in a sentence.
    pub fn clause(self) -> &'static str {
        match self {
            CityField::LoanGrowth => "用于二(一)2 贷款增速：各行增速与全市平均增速比较。",
            CityField::InclusiveGrowth => "用于二(二)1(4) 普惠小微贷款增速。",
            CityField::ManufacturingGrowth => "用于二(二)2(2) 制造业贷款增速。",
            CityField::PensionGrowth => "用于二(二)5 养老金融：增速达到全市平均得 2 分。",
            CityField::TechNewLoansAvg => "用于二(二)4 科创金融：新增贷款达到全市平均得 6 分。",
        }
    }

    /// The unit the figure is typed in.
    pub fn unit(self) -> Unit {
        match self {
            CityField::TechNewLoansAvg => Unit::Yi,
            _ => Unit::Percent,
        }
    }

    /// The typed figure, or `None` when the engine works it out from the banks.
    pub fn get(self, city: &CityOverrides) -> Option<Decimal> {
        match self {
            CityField::LoanGrowth => city.loan_growth_pct.map(Percent::get),
            CityField::InclusiveGrowth => city.inclusive_growth_pct.map(Percent::get),
            CityField::ManufacturingGrowth => city.manufacturing_growth_pct.map(Percent::get),
            CityField::PensionGrowth => city.pension_growth_pct.map(Percent::get),
            CityField::TechNewLoansAvg => city.tech_new_loans_avg.map(Amount::get),
        }
    }

    /// Reads typed text and stores it; on an error `city` is unchanged.
    pub fn set(self, city: &mut CityOverrides, text: &str) -> Result<(), String> {
        let kind = if self.unit() == Unit::Yi { Kind::Amount } else { Kind::Percent };
        let plain = match normalize(text, kind)? {
            Reading::Empty => None,
            Reading::Plain(p) => Some(p),
        };
        let percent = || plain.as_deref().map(Percent::parse).transpose().map_err(|e| e.zh());
        match self {
            CityField::LoanGrowth => city.loan_growth_pct = percent()?,
            CityField::InclusiveGrowth => city.inclusive_growth_pct = percent()?,
            CityField::ManufacturingGrowth => city.manufacturing_growth_pct = percent()?,
            CityField::PensionGrowth => city.pension_growth_pct = percent()?,
            CityField::TechNewLoansAvg => {
                city.tech_new_loans_avg = plain.as_deref().map(Amount::parse).transpose().map_err(|e| e.zh())?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn every_bank_field_stores_what_it_reads_and_empties_to_none() {
        let mut keys = BTreeSet::new();
        for field in BankField::ALL {
            assert!(keys.insert(field.key()), "{} is listed once", field.key());
            let mut bank = BankInput::new("icbc");
            assert_eq!(field.set(&mut bank, "１０"), Ok(()), "{} reads 10", field.key());
            assert_eq!(field.get(&bank), Some(Decimal::TEN), "{} holds 10", field.key());
            assert!(field.set(&mut bank, "ten").is_err(), "{} refuses text", field.key());
            assert_eq!(field.get(&bank), Some(Decimal::TEN), "{} keeps 10 after a refusal", field.key());
            assert_eq!(field.set(&mut bank, " "), Ok(()), "{} empties", field.key());
            assert_eq!(field.get(&bank), None, "{} is not entered once emptied", field.key());
            // An emptied guarantee programme is no programme at all.
            assert_eq!(bank, BankInput::new("icbc"), "{} leaves nothing behind", field.key());
        }
    }

    #[wasm_bindgen_test]
    fn every_city_field_stores_what_it_reads() {
        for field in CityField::ALL {
            let mut city = CityOverrides::default();
            assert_eq!(field.set(&mut city, "12.5"), Ok(()), "{}", field.key());
            assert_eq!(field.get(&city), Some(Decimal::new(125, 1)), "{}", field.key());
            assert_eq!(field.set(&mut city, ""), Ok(()), "{}", field.key());
            assert_eq!(city, CityOverrides::default(), "{}", field.key());
        }
    }
}
