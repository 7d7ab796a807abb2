//! 二(二) 贷款结构（45分）
//!
//! > 1. 中小微企业信贷（13分）：
//! > (1) 增量(4分)。以2023年末中小微企业贷款余额为基数,贷款新增达到15%(附件2),得4分。每高于任务数2亿元加0.5分,
//! > 最高不超过2分。低于任务数按完成比例得分。
//! > (2) 扩面(3分)。新增户数增长12%得3分。每高于任务数2个百分点加0.5分,最高不超过2分。低于任务数按完成比例得分。
//! > (3) 降成本(2分)。当期新发放的贷款综合利率比年初每下降0.1个百分点得0.25分,最高不超过2分。
//! > (4) 普惠小微贷款增速(4分)。达到当年全市普惠小微贷款平均增速的,得4分。每高2个百分点加0.25分,最高不超过2分。
//! > 每低2个百分点扣0.25分,4分扣完为止。
//! >
//! > 2. 制造业信贷(10分): (1) 增量(5分)……(附件3),得5分。每高于任务数1亿元加0.5分,最高不超过2分。低于任务数按完成
//! > 比例得分。(2) 增速(5分)。达到当年制造业贷款平均增速的,得5分。每高2个百分点加0.5分,最高不超过2分。每低2个百分点
//! > 扣0.5分,5分扣完为止。制造业信贷目标任务含票据贴现额度,年终考核计入任务完成数。
//! >
//! > 3. 绿色(碳)金融(10分): (1) 增量(6分)……(附件4),得6分。每高于任务数1亿元加0.5分,最高不超过2分。低于任务数按完成
//! > 比例得分。(2) 碳金融产品创新(4分)。……每一单创新融资产品,加1分,最高不超过4分。
//! >
//! > 4. 科创金融(8分): 达到当年全市新增科技型企业贷款平均余额的,得6分,未达到新增贷款平均余额的,按比例计分;
//! > 推动第一单科技金融产品落地黄石,每单加1分,直至加满8分。
//! >
//! > 5. 养老金融(4分): 养老产业贷款余额增速达到全市平均水平得2分,增速前5名加1分;推动第一单养老金融产品投放黄石,
//! > 或形成养老金融模式,每一单加1分,直至加满4分。
//!
//! 扩面 has no city figure: its bar is the fixed 12%. 养老金融 gives no pro rata below the average (the text
//! has none), and its top five are by competition ranking of growth, so ties can make more than five.

use rust_decimal::Decimal;

use crate::document::BonusMode;
use crate::evaluation::{ItemScore, Line, Working};
use crate::exact::{checked_div, compare, growth_pct};
use crate::fields::BankInput;
use crate::items::Item;
use crate::parameters::Items;
use crate::scoring::{
    against_task, at_most, capped_steps, line, missing, step_item, task_item, undefined, unit_interval, Scale,
};
use crate::sections::loan_input::growth_item;

/// 二(二)1(1) 中小微企业贷款增量.
pub(crate) fn sme_increment(line: &Line, rules: &Items, mode: BonusMode) -> ItemScore {
    task_item(Item::SmeIncrement, line, &rules.sme_increment, true, mode)
}

/// 二(二)1(2) 扩面: growth of the SME borrower count against the 12% bar.
pub(crate) fn sme_customers(input: &BankInput, rules: &Items, mode: BonusMode) -> ItemScore {
    let item = Item::SmeCustomers;
    let (Some(base), Some(current)) = (input.sme_customers_2023, input.sme_customers) else {
        return missing(item, input);
    };
    let (base, current) = (base.decimal(), current.decimal());
    let Some(growth) = growth_pct(base, current) else {
        return undefined(item, "2023年末户数为 0，增长率无从计算");
    };
    let rule = &rules.sme_customers;
    let scale = Scale::new(&rule.full, &rule.step, &rule.step_points, &rule.bonus_cap);
    // Against a bar, "按完成比例" is the growth as a share of the bar.
    let (points, against) = against_task(growth, rule.bar.value, scale, mode);
    ItemScore { item, points, working: Working::Bar { base, current, growth_pct: growth, against } }
}

/// 二(二)1(3) 降成本: 0.25 per 0.1 percentage point the rate of new loans fell since the start of the year.
pub(crate) fn sme_rate(input: &BankInput, rules: &Items, mode: BonusMode) -> ItemScore {
    let item = Item::SmeRate;
    let (Some(start), Some(now)) = (input.sme_rate_start_pct, input.sme_rate_pct) else {
        return missing(item, input);
    };
    let rule = &rules.sme_rate;
    let decrease = start.get() - now.get();
    let (points, raw_points, capped) =
        capped_steps(decrease, rule.step.value, rule.step_points.value, rule.cap.value, mode);
    ItemScore {
        item,
        points,
        working: Working::Rate { start_pct: start.get(), now_pct: now.get(), raw_points, capped },
    }
}

/// 二(二)1(4) 普惠小微贷款增速.
pub(crate) fn inclusive_growth(
    input: &BankInput,
    city_average: Option<Decimal>,
    rules: &Items,
    mode: BonusMode,
) -> ItemScore {
    let item = Item::InclusiveGrowth;
    let (Some(base), Some(current)) = (input.inclusive_loans_2023, input.inclusive_loans) else {
        return missing(item, input);
    };
    // No annex task: a line with a zero task, for its growth.
    let inclusive = line(base.get(), Decimal::ZERO, Some(current.get()));
    growth_item(item, &inclusive, city_average, Scale::of(&rules.inclusive_growth), mode)
}

/// 二(二)2(1) 制造业贷款增量.
pub(crate) fn manufacturing_increment(line: &Line, rules: &Items, mode: BonusMode) -> ItemScore {
    task_item(Item::ManufacturingIncrement, line, &rules.manufacturing_increment, true, mode)
}

/// 二(二)2(2) 制造业贷款增速.
pub(crate) fn manufacturing_growth(
    line: &Line,
    city_average: Option<Decimal>,
    rules: &Items,
    mode: BonusMode,
) -> ItemScore {
    let scale = Scale::of(&rules.manufacturing_growth);
    growth_item(Item::ManufacturingGrowth, line, city_average, scale, mode)
}

/// 二(二)3(1) 绿色贷款增量.
pub(crate) fn green_increment(line: &Line, rules: &Items, mode: BonusMode) -> ItemScore {
    task_item(Item::GreenIncrement, line, &rules.green_increment, true, mode)
}

/// 二(二)3(2) 碳金融产品创新.
pub(crate) fn carbon_products(input: &BankInput, rules: &Items, mode: BonusMode) -> ItemScore {
    let item = Item::CarbonProducts;
    let Some(count) = input.carbon_products else { return missing(item, input) };
    step_item(item, count.decimal(), &rules.carbon_products, mode)
}

/// 二(二)4 科创金融: new tech-enterprise loans against the city average, plus first products, at most 8.
pub(crate) fn tech(input: &BankInput, city_average: Option<Decimal>, rules: &Items) -> ItemScore {
    let item = Item::Tech;
    let rule = &rules.tech;
    let products = input.tech_products.map_or(0, |c| c.get());
    if input.tech_new_loans.is_none() && input.tech_products.is_none() {
        return missing(item, input);
    }
    let own = input.tech_new_loans.map(|a| a.get());
    let loan_points = match (own, city_average) {
        (Some(own), Some(average)) if compare(own, average).is_ge() => rule.full.value,
        (Some(own), Some(average)) => {
            rule.full.value * unit_interval(checked_div(own, average).unwrap_or(Decimal::ZERO))
        }
        _ => Decimal::ZERO,
    };
    let raw = loan_points + rule.product_points.value * Decimal::from(products);
    let (points, capped) = at_most(raw, rule.item_cap.value);
    ItemScore { item, points, working: Working::Tech { own, average: city_average, loan_points, products, capped } }
}

/// 二(二)5 养老金融: growth against the city average (2), among the five fastest (+1), first products, at most 4.
///
/// `growth` is the bank's growth from `city::pension_growth`, worked out once for the ranks and here.
pub(crate) fn pension(
    input: &BankInput,
    growth: Option<Decimal>,
    city_average: Option<Decimal>,
    growth_rank: Option<u32>,
    rules: &Items,
) -> ItemScore {
    let item = Item::Pension;
    let rule = &rules.pension;
    let products = input.pension_products.map_or(0, |c| c.get());
    if growth.is_none() && input.pension_products.is_none() {
        if input.pension_loans_2023.is_some() && input.pension_loans.is_some() {
            return undefined(item, "2023年末养老产业贷款余额为 0，增速无从计算");
        }
        return missing(item, input);
    }
    let reached = matches!((growth, city_average), (Some(g), Some(a)) if compare(g, a).is_ge());
    let average_points = if reached { rule.full.value } else { Decimal::ZERO };
    let in_top = growth_rank.is_some_and(|r| compare(Decimal::from(r), rule.top_n.value).is_le());
    let top_points = if in_top { rule.top_points.value } else { Decimal::ZERO };
    let raw = average_points + top_points + rule.product_points.value * Decimal::from(products);
    let (points, capped) = at_most(raw, rule.item_cap.value);
    ItemScore {
        item,
        points,
        working: Working::Pension {
            growth_pct: growth,
            average_pct: city_average,
            growth_rank,
            average_points,
            top_points,
            products,
            capped,
        },
    }
}
