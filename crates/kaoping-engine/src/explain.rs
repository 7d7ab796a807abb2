//! The working of every item in Chinese, made from its figures when it is shown.
//!
//! `增量 43.95 亿元，任务 38.41 亿元，超 5.54 亿元 → 40 + 5.54 = 45.54 分`. Figures are shown rounded to two
//! decimals (half up); the points behind them are exact.

use rust_decimal::Decimal;

use crate::evaluation::{Against, ItemScore, Programme, Working};
use crate::fields::Field;
use crate::format::{format_amount, format_fixed2};
use crate::items::Item;
use crate::parameters::{Items, Parameters, ScaleRule};
use crate::scheme::Scheme;
use crate::settings::Setting;
use crate::values::DepartmentScore;

/// A rule number as the scheme writes it: `40`, `0.5`.
fn n(value: Decimal) -> String {
    value.normalize().to_string()
}

fn f2(value: Decimal) -> String {
    format_fixed2(value)
}

impl ItemScore {
    /// The working in Chinese: the figures used, the rule applied, and the points.
    pub fn explain(&self, scheme: &Scheme) -> String {
        scheme.words(&explain(self, &scheme.rules.items)).into_owned()
    }
}

fn explain(score: &ItemScore, rules: &Items) -> String {
    let points = f2(score.points);
    match &score.working {
        Working::Task { base, current, achieved, task, against } => {
            let (label, unit, full) = task_terms(score.item, rules);
            let counts = unit == "户";
            let show = |v: Decimal| if counts { format!("{} {unit}", v.normalize()) } else { format_amount(v, unit) };
            let head = match base {
                Some(_) => format!("增量 {}，任务 {}", show(*achieved), show(*task)),
                None => format!("{label} {}，目标 {}", show(*current), show(*task)),
            };
            match against {
                Against::Reached { above, .. } if above.is_zero() => format!("{head}，恰好完成 → {points} 分"),
                Against::Reached { above, bonus, capped } => format!(
                    "{head}，超 {} → {} + {}{} = {points} 分",
                    show(*above),
                    n(full),
                    f2(*bonus),
                    if *capped { "（加分已封顶）" } else { "" }
                ),
                Against::Below { .. } if *achieved <= Decimal::ZERO => format!("{head}，未完成 → 0 分"),
                Against::Below { ratio } => format!(
                    "{head}，完成 {}% → {} × {}% = {points} 分",
                    f2(*ratio * Decimal::ONE_HUNDRED),
                    n(full),
                    f2(*ratio * Decimal::ONE_HUNDRED)
                ),
            }
        }
        Working::Growth(g) => {
            let full = growth_full(score.item, rules);
            let diff = g.growth_pct - g.average_pct;
            let direction = if diff >= Decimal::ZERO { "高" } else { "低" };
            let sign = if g.adjustment >= Decimal::ZERO { "+" } else { "−" };
            format!(
                "增速 {}%，全市平均 {}%，{direction} {} 个百分点 → {} {sign} {}{} = {points} 分",
                f2(g.growth_pct),
                f2(g.average_pct),
                f2(diff.abs()),
                n(full),
                f2(g.adjustment.abs()),
                match (g.limited, diff >= Decimal::ZERO) {
                    (true, true) => "（加分已封顶）",
                    (true, false) => "（扣完为止）",
                    _ => "",
                }
            )
        }
        Working::Bar { base, current, growth_pct, against } => {
            let rule = &rules.sme_customers;
            let head = format!("户数 {} → {} 户，增长 {}%", base.normalize(), current.normalize(), f2(*growth_pct));
            match against {
                Against::Reached { above, bonus, capped } => format!(
                    "{head}，高于 {}% 的 {} 个百分点 → {} + {}{} = {points} 分",
                    n(rule.bar.value),
                    f2(*above),
                    n(rule.full.value),
                    f2(*bonus),
                    if *capped { "（加分已封顶）" } else { "" }
                ),
                Against::Below { ratio } => format!(
                    "{head}，未达 {}% → {} × {}% = {points} 分",
                    n(rule.bar.value),
                    n(rule.full.value),
                    f2(*ratio * Decimal::ONE_HUNDRED)
                ),
            }
        }
        Working::Rate { start_pct, now_pct, capped, .. } => {
            let rule = &rules.sme_rate;
            let decrease = *start_pct - *now_pct;
            if decrease <= Decimal::ZERO {
                format!("综合利率 {}% → {}%，未下降 → 0 分", f2(*start_pct), f2(*now_pct))
            } else {
                format!(
                    "综合利率 {}% → {}%，下降 {} 个百分点，每 {} 个百分点 {} 分 → {points} 分{}",
                    f2(*start_pct),
                    f2(*now_pct),
                    f2(decrease),
                    n(rule.step.value),
                    n(rule.step_points.value),
                    if *capped { "（已封顶）" } else { "" }
                )
            }
        }
        Working::Steps { quantity, capped, .. } => {
            let capped = if *capped { "（已封顶）" } else { "" };
            match score.item {
                Item::CarbonProducts => format!("创新碳金融产品 {} 单 → {points} 分{capped}", quantity.normalize()),
                _ => {
                    let rule = &rules.platform_bonds;
                    format!(
                        "认购 {}，每 {} 亿元 {} 分 → {points} 分{capped}",
                        format_amount(*quantity, "亿元"),
                        n(rule.step.value),
                        n(rule.step_points.value)
                    )
                }
            }
        }
        Working::Tech { own, average, loan_points, products, capped } => {
            let rule = &rules.tech;
            let loans = match (own, average) {
                (Some(own), Some(average)) if own >= average => format!(
                    "新增科技型企业贷款 {}，达到全市平均 {} → {} 分",
                    format_amount(*own, "亿元"),
                    format_amount(*average, "亿元"),
                    n(rule.full.value)
                ),
                (Some(own), Some(average)) => format!(
                    "新增科技型企业贷款 {}，低于全市平均 {} → {} × {} / {} = {} 分",
                    format_amount(*own, "亿元"),
                    format_amount(*average, "亿元"),
                    n(rule.full.value),
                    f2(*own),
                    f2(*average),
                    f2(*loan_points)
                ),
                (Some(_), None) => "没有可用的全市平均 → 0 分".to_owned(),
                (None, _) => "未填写新增科技型企业贷款 → 0 分".to_owned(),
            };
            if *products == 0 {
                return loans;
            }
            format!(
                "{loans}；科技金融产品 {products} 单 +{} → {points} 分{}",
                n(rule.product_points.value * Decimal::from(*products)),
                if *capped { format!("（本项最高 {} 分）", n(rule.item_cap.value)) } else { String::new() }
            )
        }
        Working::Pension { growth_pct, average_pct, growth_rank, average_points, top_points, products, capped } => {
            let rule = &rules.pension;
            let growth = match (growth_pct, average_pct) {
                (Some(g), Some(a)) => format!("增速 {}%，全市平均 {}% → {} 分", f2(*g), f2(*a), n(*average_points)),
                (Some(g), None) => format!("增速 {}%，没有可用的全市平均 → 0 分", f2(*g)),
                (None, _) => "未填写养老产业贷款余额 → 0 分".to_owned(),
            };
            let top = match growth_rank {
                Some(r) if *top_points > Decimal::ZERO => {
                    format!("；增速第 {r} 名，前 {} 名 +{}", n(rule.top_n.value), n(*top_points))
                }
                Some(r) => format!("；增速第 {r} 名，未进前 {} 名", n(rule.top_n.value)),
                None => String::new(),
            };
            if *products == 0 {
                return format!("{growth}{top} → {points} 分");
            }
            format!(
                "{growth}{top}；养老金融产品/模式 {products} 单 +{} → {points} 分{}",
                n(rule.product_points.value * Decimal::from(*products)),
                if *capped { format!("（本项最高 {} 分）", n(rule.item_cap.value)) } else { String::new() }
            )
        }
        Working::Policy { score, grade } => {
            let grade = grade.and_then(|g| rules.policy.grades.get(g)).map_or("", |g| g.name.as_str());
            format!("考评小组评定“{grade}”档，{} 分", score.normalize())
        }
        Working::Npl { written_off, other, disposal, capped, .. } => {
            let rule = &rules.npl;
            format!(
                "核销 {} × {}% + 打包等 {} × {}% = 处置额 {}，每 {} 亿元 {} 分 → {points} 分{}",
                format_amount(*written_off, "亿元"),
                n(rule.written_off_weight.value * Decimal::ONE_HUNDRED),
                format_amount(*other, "亿元"),
                n(rule.other_weight.value * Decimal::ONE_HUNDRED),
                format_amount(*disposal, "亿元"),
                n(rule.step.value),
                n(rule.step_points.value),
                if *capped { "（已封顶）" } else { "" }
            )
        }
        Working::Guarantee(guarantee) => format!(
            "创业担保贷款：{}；新型政银担：{}；合计 {}{} → {points} 分",
            programme(&guarantee.startup, rules),
            programme(&guarantee.govbank, rules),
            f2(guarantee.raw_points),
            if guarantee.capped {
                format!("，两项合计最高 {} 分", n(rules.guarantee.cap.value))
            } else {
                String::new()
            }
        ),
        Working::Missing { fields } => {
            let names: Vec<&str> = fields.iter().map(|f| f.label()).collect();
            format!("未填写{} → 0 分", names.join("、"))
        }
        Working::Undefined { reason } => format!("{reason} → 0 分"),
    }
}

fn programme(p: &Programme, rules: &Items) -> String {
    let rule = &rules.guarantee;
    let scored = match (p.target, p.actual, p.against) {
        (Some(target), Some(actual), Some(Against::Reached { above, bonus, .. })) => format!(
            "目标 {}，完成 {}，超 {} → {} + {}",
            f2(target),
            f2(actual),
            f2(above),
            n(rule.full.value),
            f2(bonus)
        ),
        (Some(target), Some(actual), Some(Against::Below { ratio })) => format!(
            "目标 {}，完成 {} → {} × {}%",
            f2(target),
            f2(actual),
            n(rule.full.value),
            f2(ratio * Decimal::ONE_HUNDRED)
        ),
        _ if !p.newly_included => return "未填写".to_owned(),
        _ => "未填写目标与完成数".to_owned(),
    };
    let new =
        if p.newly_included { format!("，新纳入 +{}", n(rule.new_partner_points.value)) } else { String::new() };
    format!("{scored}{new} = {} 分", f2(p.points))
}

fn task_terms(item: Item, rules: &Items) -> (&'static str, &str, Decimal) {
    let (label, rule) = match item {
        Item::LoanIncrement => ("贷款", &rules.loan_increment),
        Item::SmeIncrement => ("中小微企业贷款", &rules.sme_increment),
        Item::ManufacturingIncrement => ("制造业贷款", &rules.manufacturing_increment),
        Item::GreenIncrement => ("绿色贷款", &rules.green_increment),
        Item::DongchuAmount => ("融资金额", &rules.dongchu_amount),
        _ => ("融资户数", &rules.dongchu_households),
    };
    (label, rule.step.unit.as_str(), rule.full.value)
}

fn growth_full(item: Item, rules: &Items) -> Decimal {
    match item {
        Item::LoanGrowth => rules.loan_growth.full.value,
        Item::InclusiveGrowth => rules.inclusive_growth.full.value,
        _ => rules.manufacturing_growth.full.value,
    }
}

impl Parameters {
    /// An item's rule in Chinese, with this year's numbers from the parameters file: what the page
    /// shows beside a figure, so that no rule number is written anywhere but in the data.
    pub fn rule_text(&self, item: Item) -> String {
        let i = &self.items;
        let task = |r: &ScaleRule, what: &str| {
            format!(
                "{what}得 {} 分；每超 {} {}加 {} 分，最多加 {} 分；未达按完成比例得分。",
                n(r.full.value),
                n(r.step.value),
                r.step.unit,
                n(r.step_points.value),
                n(r.bonus_cap.value)
            )
        };
        let average = |r: &ScaleRule, what: &str| {
            format!(
                "达到{what}得 {full} 分；每高 {step} 个百分点加 {pts} 分，最多加 {cap} 分；每低 {step} 个百分点扣 {pts} 分，扣完为止。",
                full = n(r.full.value),
                step = n(r.step.value),
                pts = n(r.step_points.value),
                cap = n(r.bonus_cap.value)
            )
        };
        match item {
            Item::LoanIncrement => task(&i.loan_increment, "增量达到附件1“确保”任务"),
            Item::LoanGrowth => average(&i.loan_growth, Setting::LoanGrowth.label()),
            Item::SmeIncrement => task(&i.sme_increment, "增量达到附件2任务"),
            Item::SmeCustomers => {
                let r = &i.sme_customers;
                format!(
                    "户数增长 {}% 得 {} 分；每高 {} 个百分点加 {} 分，最多加 {} 分；不足按比例得分。",
                    n(r.bar.value),
                    n(r.full.value),
                    n(r.step.value),
                    n(r.step_points.value),
                    n(r.bonus_cap.value)
                )
            }
            Item::SmeRate => {
                let r = &i.sme_rate;
                format!(
                    "新发放贷款综合利率比年初每下降 {} 个百分点得 {} 分，最多 {} 分。",
                    n(r.step.value),
                    n(r.step_points.value),
                    n(r.cap.value)
                )
            }
            Item::InclusiveGrowth => average(&i.inclusive_growth, Setting::InclusiveGrowth.label()),
            Item::ManufacturingIncrement => task(&i.manufacturing_increment, "增量（含贴现）达到附件3任务"),
            Item::ManufacturingGrowth => average(&i.manufacturing_growth, Setting::ManufacturingGrowth.label()),
            Item::GreenIncrement => task(&i.green_increment, "增量达到附件4任务"),
            Item::CarbonProducts => {
                let r = &i.carbon_products;
                format!("每推动一单首创碳金融产品落地加 {} 分，最多 {} 分。", n(r.step_points.value), n(r.cap.value))
            }
            Item::Tech => {
                let r = &i.tech;
                format!(
                    "当年新增科技型企业贷款达到全市平均得 {} 分，不足按比例；每单首创科技金融产品加 {} 分，本项最多 {} 分。",
                    n(r.full.value),
                    n(r.product_points.value),
                    n(r.item_cap.value)
                )
            }
            Item::Pension => {
                let r = &i.pension;
                format!(
                    "养老产业贷款增速达到全市平均得 {} 分；增速前 {} 名加 {} 分；每单首创产品或模式加 {} 分，本项最多 {} 分。",
                    n(r.full.value),
                    n(r.top_n.value),
                    n(r.top_points.value),
                    n(r.product_points.value),
                    n(r.item_cap.value)
                )
            }
            Item::DongchuAmount => task(&i.dongchu_amount, "融资金额达到附件5目标"),
            Item::DongchuHouseholds => task(&i.dongchu_households, "融资户数达到附件5目标"),
            Item::Policy => {
                let grades: Vec<String> = i
                    .policy
                    .grades
                    .iter()
                    .map(|g| {
                        if g.min == g.max {
                            format!("{} {} 分", g.name, n(g.min))
                        } else {
                            format!("{} {} 至 {} 分", g.name, n(g.min), n(g.max))
                        }
                    })
                    .collect();
                format!("考评小组按五档评分：{}。", grades.join("；"))
            }
            Item::Npl => {
                let r = &i.npl;
                format!(
                    "处置额 = 核销 × {}% + 打包等方式 × {}%（不含信用卡核销）；每 {} 亿元得 {} 分，最多 {} 分。",
                    n(r.written_off_weight.value * Decimal::ONE_HUNDRED),
                    n(r.other_weight.value * Decimal::ONE_HUNDRED),
                    n(r.step.value),
                    n(r.step_points.value),
                    n(r.cap.value)
                )
            }
            Item::PlatformBonds => {
                let r = &i.platform_bonds;
                format!(
                    "认购当年平台公司新发行债券，每 {} 亿元加 {} 分，最多 {} 分。",
                    n(r.step.value),
                    n(r.step_points.value),
                    n(r.cap.value)
                )
            }
            Item::Guarantee => {
                let r = &i.guarantee;
                format!(
                    "两项各按市定目标计：达到得 {} 分，每超 {} 亿元加 {} 分，不足按比例；当年新纳入合作各加 {} 分；两项合计最多 {} 分。",
                    n(r.full.value),
                    n(r.step.value),
                    n(r.step_points.value),
                    n(r.new_partner_points.value),
                    n(r.cap.value)
                )
            }
        }
    }

    /// The interview rule of 四(三), for a bank it applies to.
    pub fn interview_text(&self) -> String {
        format!("列后{}名（按总分从低往高数，并列者同计）：约谈、通报（四(三)）", n(self.outcomes.interview_last.value))
    }

    /// The two-year last-place rule, for a bank it applies to.
    pub fn last_place_text(&self) -> String {
        "连续两年排名倒数第一：取消财政对公账户（四(三)）".to_owned()
    }

    /// The evaluation's part of the composite with its weight: `考评结果（70%）`.
    pub fn evaluation_part_text(&self) -> String {
        format!("考评结果（{}%）", n(self.outcomes.evaluation_weight.value))
    }

    /// The department's part of the composite with its weight:
    /// `市级公共性资金存放主体部门个性指标得分（30%）`.
    pub fn department_part_text(&self) -> String {
        format!("{}（{}%）", Field::DepartmentScore.label(), n(self.outcomes.department_weight.value))
    }

    /// How the department scores are filled in, with this year's weights and the score's bounds.
    pub fn department_score_hint(&self) -> String {
        format!(
            "四(四)：公共性资金存放{}按 {}–{} {}填写。",
            self.composite_text(),
            DepartmentScore::MIN.normalize(),
            DepartmentScore::MAX.normalize(),
            Field::DepartmentScore.unit().symbol()
        )
    }

    /// 四(四)'s public-fund composite in words, with this year's weights.
    pub fn composite_text(&self) -> String {
        let o = &self.outcomes;
        format!(
            "综合得分 = 考评结果 {}% + 存款主管部门自身指标 {}%。",
            n(o.evaluation_weight.value),
            n(o.department_weight.value)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn the_composites_parts_carry_the_years_weights() {
        let rules = &Scheme::builtin(2024).expect("built-in").rules;
        assert_eq!(rules.evaluation_part_text(), "考评结果（70%）");
        assert_eq!(rules.department_part_text(), "市级公共性资金存放主体部门个性指标得分（30%）");
        assert!(rules.department_score_hint().contains("按 0–100 分填写"), "{}", rules.department_score_hint());
    }

    #[test]
    fn rule_texts_carry_the_parameters_numbers() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let rules = &scheme.rules;
        // Every item, word for word: the page shows these beside each figure, and each number in them
        // must be the parameters file's (checked against the spec's table of items).
        let cases = [
            (Item::LoanIncrement, "增量达到附件1“确保”任务得 40 分；每超 1 亿元加 1 分，最多加 20 分；未达按完成比例得分。"),
            (Item::LoanGrowth, "达到全市新增贷款平均增速得 10 分；每高 2 个百分点加 1 分，最多加 5 分；每低 2 个百分点扣 1 分，扣完为止。"),
            (Item::SmeIncrement, "增量达到附件2任务得 4 分；每超 2 亿元加 0.5 分，最多加 2 分；未达按完成比例得分。"),
            (Item::SmeCustomers, "户数增长 12% 得 3 分；每高 2 个百分点加 0.5 分，最多加 2 分；不足按比例得分。"),
            (Item::SmeRate, "新发放贷款综合利率比年初每下降 0.1 个百分点得 0.25 分，最多 2 分。"),
            (Item::InclusiveGrowth, "达到全市普惠小微贷款平均增速得 4 分；每高 2 个百分点加 0.25 分，最多加 2 分；每低 2 个百分点扣 0.25 分，扣完为止。"),
            (Item::ManufacturingIncrement, "增量（含贴现）达到附件3任务得 5 分；每超 1 亿元加 0.5 分，最多加 2 分；未达按完成比例得分。"),
            (Item::ManufacturingGrowth, "达到制造业贷款平均增速得 5 分；每高 2 个百分点加 0.5 分，最多加 2 分；每低 2 个百分点扣 0.5 分，扣完为止。"),
            (Item::GreenIncrement, "增量达到附件4任务得 6 分；每超 1 亿元加 0.5 分，最多加 2 分；未达按完成比例得分。"),
            (Item::CarbonProducts, "每推动一单首创碳金融产品落地加 1 分，最多 4 分。"),
            (Item::Tech, "当年新增科技型企业贷款达到全市平均得 6 分，不足按比例；每单首创科技金融产品加 1 分，本项最多 8 分。"),
            (Item::Pension, "养老产业贷款增速达到全市平均得 2 分；增速前 5 名加 1 分；每单首创产品或模式加 1 分，本项最多 4 分。"),
            (Item::DongchuAmount, "融资金额达到附件5目标得 3 分；每超 1 亿元加 0.2 分，最多加 2 分；未达按完成比例得分。"),
            (Item::DongchuHouseholds, "融资户数达到附件5目标得 2 分；每超 15 户加 0.2 分，最多加 1 分；未达按完成比例得分。"),
            (Item::Policy, "考评小组按五档评分：好 10 分；较好 5 至 9 分；一般 0 至 4 分；较差 -5 至 -1 分；很差 -10 至 -6 分。"),
            (Item::Npl, "处置额 = 核销 × 100% + 打包等方式 × 50%（不含信用卡核销）；每 0.2 亿元得 1 分，最多 5 分。"),
            (Item::PlatformBonds, "认购当年平台公司新发行债券，每 1 亿元加 0.5 分，最多 10 分。"),
            (Item::Guarantee, "两项各按市定目标计：达到得 4 分，每超 1 亿元加 1 分，不足按比例；当年新纳入合作各加 2 分；两项合计最多 10 分。"),
        ];
        assert_eq!(cases.map(|(item, _)| item), Item::ALL, "every item, in the scheme's order");
        for (item, expected) in cases {
            assert_eq!(rules.rule_text(item), expected, "{item:?}");
        }
        assert_eq!(rules.composite_text(), "综合得分 = 考评结果 70% + 存款主管部门自身指标 30%。");
    }

    #[test]
    fn fixed_two_decimals_with_separators() {
        let cases = [
            ("0", "0.00"),
            ("1234.565", "1,234.57"),
            ("-1234567.5", "-1,234,567.50"),
            ("999.999", "1,000.00"),
            ("-0.001", "0.00"),
            ("12", "12.00"),
        ];
        for (input, expected) in cases {
            let value = Decimal::from_str(input).unwrap_or_default();
            assert_eq!(format_fixed2(value), expected, "format_fixed2({input})");
        }
    }
}
