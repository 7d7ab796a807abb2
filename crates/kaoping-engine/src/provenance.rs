//! Where a bank's figures came from, and what the bureau verified.
//!
//! > 三、考评组织 …… 各银行业金融机构申报，考评小组负责核实，市政府审定实施。考核数据以人民银行金融统计口径
//! > 计算的数据为准。
//!
//! A bank declares its figures on a 申报表 ([`Source`]: the file, 填报人, 联系电话, 填报日期). The bureau
//! may replace a declared figure with the figure of the 人民银行 statistics, with a reason
//! ([`Verification`]: what was declared, and why it changed); scoring uses the verified figure, and
//! the declared one stays beside it.

use rust_decimal::Decimal;

use crate::Date;

/// Who declared a bank's figures, in which file, and when (申报).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Source {
    /// The file's name as it was received (`申报表-工商银行.xlsx`).
    pub file: String,
    /// 填报人.
    pub reporter: Option<String>,
    /// 联系电话.
    pub phone: Option<String>,
    /// 填报日期.
    pub date: Option<Date>,
}

impl Source {
    /// `申报表-工商银行.xlsx（填报人 张三，联系电话 0714-6221234，填报日期 2025年1月10日）`; boxes left
    /// blank are said to be blank.
    pub fn zh(&self) -> String {
        let blank = "未填";
        format!(
            "{}（填报人 {}，联系电话 {}，填报日期 {}）",
            self.file,
            self.reporter.as_deref().unwrap_or(blank),
            self.phone.as_deref().unwrap_or(blank),
            self.date.map_or_else(|| blank.to_owned(), Date::zh)
        )
    }
}

/// A figure the bureau verified (核实): the bank's declared value, kept beside the verified one, and
/// the reason for the change.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Verification {
    /// What the bank declared; `None`: it declared nothing for this figure.
    pub declared: Option<Decimal>,
    /// Why the figure was changed (`按人民银行金融统计口径，不含票据贴现`).
    pub reason: String,
}
