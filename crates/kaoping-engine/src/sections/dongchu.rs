//! 二(三) “东楚融通”平台推广应用（5分）
//!
//! > 1. 融资金额(3分): 融资金额达到目标的(各行目标任务详见附件5),得3分。每高于任务数1亿元加0.2分,
//! > 最高不超过2分。低于任务数按完成比例得分。
//! >
//! > 2. 融资户数(2分): 融资户数达到目标的(各行目标任务详见附件5),得2分。每高于任务数15户加0.2分，
//! > 最高不超过1分。低于任务数按完成比例得分。
//!
//! 附件5's second row reads “融资金数”: a misprint of 融资户数, as its unit (户) and 二(三)2 show.
//! Both are targets for the year's total, not increments over 2023.

use crate::document::BonusMode;
use crate::evaluation::{ItemScore, Line};
use crate::items::Item;
use crate::parameters::Items;
use crate::scoring::task_item;

/// 二(三)1 融资金额.
pub(crate) fn amount(line: &Line, rules: &Items, mode: BonusMode) -> ItemScore {
    task_item(Item::DongchuAmount, line, &rules.dongchu_amount, false, mode)
}

/// 二(三)2 融资户数.
pub(crate) fn households(line: &Line, rules: &Items, mode: BonusMode) -> ItemScore {
    task_item(Item::DongchuHouseholds, line, &rules.dongchu_households, false, mode)
}
