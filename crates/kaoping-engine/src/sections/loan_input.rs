//! 二(一) 贷款投入（50分）
//!
//! > 1. 贷款增量（40分）：以2023年末贷款余额为基数，贷款新增达到15%（贷款新增任务详见附件1），得40分。
//! > 每高于任务数1亿元加1分，最高不超过20分。低于任务数按完成比例得分。
//! >
//! > 2. 贷款增速（10分）：达到当年全市新增贷款平均增速的，得10分。每高2个百分点加1分，最高加5分。
//! > 每低2个百分点扣1分，10分扣完为止。
//!
//! The task is 附件1's "确保" row as published (not recomputed). The city average growth is worked out
//! in `city` (or typed in); its reading is the `city_average` setting.

use crate::document::BonusMode;
use crate::evaluation::{ItemScore, Line, Working};
use crate::items::Item;
use crate::parameters::Items;
use crate::scoring::{against_average, task_item, undefined, Scale};
use rust_decimal::Decimal;

/// 二(一)1 贷款增量.
pub(crate) fn loan_increment(loans: &Line, rules: &Items, mode: BonusMode) -> ItemScore {
    task_item(Item::LoanIncrement, loans, &rules.loan_increment, true, mode)
}

/// 二(一)2 贷款增速.
pub(crate) fn loan_growth(loans: &Line, city_average: Option<Decimal>, rules: &Items, mode: BonusMode) -> ItemScore {
    growth_item(Item::LoanGrowth, loans, city_average, Scale::of(&rules.loan_growth), mode)
}

/// A growth item against a city average (also 普惠小微 and 制造业 growth in 二(二)), from a balance
/// line.
pub(crate) fn growth_item(
    item: Item,
    line: &Line,
    city_average: Option<Decimal>,
    scale: Scale,
    mode: BonusMode,
) -> ItemScore {
    let (base, current) = (line.base, line.current);
    let Some(growth) = line.growth_pct() else {
        return undefined(item, "2023年末余额为 0，增速无从计算");
    };
    let Some(average) = city_average else {
        return undefined(item, "没有可用的全市平均增速");
    };
    let (points, working) = against_average(base, current, growth, average, scale, mode);
    ItemScore { item, points, working: Working::Growth(working) }
}
