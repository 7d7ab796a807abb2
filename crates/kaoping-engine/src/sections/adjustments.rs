//! 二(四) 加减分及一票否决事项
//!
//! > 1. 金融政策争取、落实及综合金融服务情况：……一共分5档，“好”的机构得10分，“较好”的机构得5至9分，
//! > “一般”的机构得0至4分，“较差”的机构得-5至-1分，“很差”的机构得-10至-6分。
//! >
//! > 2. 不良贷款核销情况：不良贷款（不含信用卡核销数据）处置额每核销2000万元得1分，最高不超过5分。不良贷款处置包括
//! > 不良贷款核销、打包等方式，其中核销金额按100%统计处置额，打包等方式均按50%统计处置额。
//! >
//! > 3. 认购融资平台债券情况：……认购2024年度我市平台公司新发行债券。每认购1亿元加0.5分，最高不超过10分。
//! >
//! > 4. 创业担保贷款和新型政银担业务扩面情况：达到创业担保贷款、新型政银担业务扩面市定目标任务的，分别得4分，
//! > 每高于任务数1亿元加1分，低于任务数按完成比例加分。2024年新纳入创业担保贷款、新型政银担业务合作的银行，
//! > 分别加2分。两项加分合计最高不超过10分。全市创业担保贷款、新型政银担业务扩面目标任务另行分解。
//! >
//! > 5. 一票否决：对经……查实，无故盲目抽贷、压贷、断贷，而导致企业资金链断裂造成严重社会影响的银行业金融机构，
//! > 实行一票否决，直接取消考评资格。
//!
//! The guarantee targets are issued separately by the city, so they are the user's input. The veto is
//! applied in `outcomes`: a vetoed bank's items are still worked out and shown.

use rust_decimal::Decimal;

use crate::document::BonusMode;
use crate::evaluation::{GuaranteeWorking, ItemScore, Programme, Working};
use crate::exact::{compare, is_positive};
use crate::fields::{BankInput, Guarantee};
use crate::items::Item;
use crate::parameters::Items;
use crate::scoring::{against_task, at_most, capped_steps, missing, step_item, Scale};

/// 二(四)1 金融政策争取、落实: the panel's grade, as typed in.
pub(crate) fn policy(input: &BankInput, rules: &Items) -> ItemScore {
    let item = Item::Policy;
    let Some(score) = input.policy_score else { return missing(item, input) };
    let score = score.decimal();
    // `PolicyScore` holds only whole numbers from -10 to 10, each inside exactly one grade.
    let grade = rules.policy.grades.iter().position(|g| compare(g.min, score).is_le() && compare(score, g.max).is_le());
    ItemScore { item, points: score, working: Working::Policy { score, grade } }
}

/// 二(四)2 不良贷款核销: 1 point per 0.2亿 of weighted disposal, at most 5.
pub(crate) fn npl(input: &BankInput, rules: &Items, mode: BonusMode) -> ItemScore {
    let item = Item::Npl;
    if input.npl_written_off.is_none() && input.npl_other_disposal.is_none() {
        return missing(item, input);
    }
    let rule = &rules.npl;
    let written_off = input.npl_written_off.map_or(Decimal::ZERO, |a| a.get());
    let other = input.npl_other_disposal.map_or(Decimal::ZERO, |a| a.get());
    let disposal = written_off * rule.written_off_weight.value + other * rule.other_weight.value;
    let (points, raw_points, capped) =
        capped_steps(disposal, rule.step.value, rule.step_points.value, rule.cap.value, mode);
    ItemScore { item, points, working: Working::Npl { written_off, other, disposal, raw_points, capped } }
}

/// 二(四)3 认购融资平台债券: 0.5 per 1亿, at most 10.
pub(crate) fn platform_bonds(input: &BankInput, rules: &Items, mode: BonusMode) -> ItemScore {
    let item = Item::PlatformBonds;
    let Some(amount) = input.platform_bonds else { return missing(item, input) };
    step_item(item, amount.get(), &rules.platform_bonds, mode)
}

/// 二(四)4 创业担保贷款和新型政银担: each programme scored against its target, +2 if newly joined,
/// the two together at most 10.
pub(crate) fn guarantee(input: &BankInput, rules: &Items, mode: BonusMode) -> ItemScore {
    let item = Item::Guarantee;
    if input.startup_guarantee().is_blank() && input.govbank_guarantee().is_blank() {
        return missing(item, input);
    }
    let startup = programme(input.startup_guarantee(), rules, mode);
    let govbank = programme(input.govbank_guarantee(), rules, mode);
    let raw_points = startup.points + govbank.points;
    let (points, capped) = at_most(raw_points, rules.guarantee.cap.value);
    ItemScore {
        item,
        points,
        working: Working::Guarantee(Box::new(GuaranteeWorking { startup, govbank, raw_points, capped })),
    }
}

fn programme(entry: Guarantee, rules: &Items, mode: BonusMode) -> Programme {
    let rule = &rules.guarantee;
    let (target, actual) = (entry.target.map(|a| a.get()), entry.actual.map(|a| a.get()));
    // A programme's bonus has no cap of its own: only the two together are capped (at 10), and that
    // cap also bounds either one, so it serves as the programme's bonus cap too.
    let scale = Scale {
        full: rule.full.value,
        step: rule.step.value,
        step_points: rule.step_points.value,
        bonus_cap: rule.cap.value,
    };
    let scored = match (target, actual) {
        (Some(target), Some(actual)) if is_positive(target) => Some(against_task(actual, target, scale, mode)),
        _ => None,
    };
    let new_points = if entry.newly_included { rule.new_partner_points.value } else { Decimal::ZERO };
    Programme {
        target,
        actual,
        against: scored.map(|(_, against)| against),
        points: scored.map_or(Decimal::ZERO, |(points, _)| points) + new_points,
        newly_included: entry.newly_included,
    }
}
