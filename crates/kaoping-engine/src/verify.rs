//! 核实: the bureau's verified figures beside the declared ones, and what they do to the ranking.
//!
//! > 三、考评组织 …… 各银行业金融机构申报，考评小组负责核实，市政府审定实施。考核数据以人民银行金融统计口径
//! > 计算的数据为准。
//!
//! A scenario's bank figures are the ones that score. When the bureau replaces a declared figure with
//! the 人民银行 figure ([`Scenario::verify`]), the declared value and the reason are kept in
//! `Scenario::verified`, so that the scenario as declared ([`Scenario::declared`]) can always be
//! scored beside it ([`verification_effect`]: every bank's total, rank and band both ways, and the
//! banks whose rank or band moved).

use std::fmt;

use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::{compare, compare_ranks, Comparison, Field, RankChange, Scenario, Scheme, ValueError, Verification};

/// Why a figure could not be verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyError {
    /// No reason was given: a verified figure always says why it differs from the declaration.
    NoReason,
    /// The bank is not one of the scheme's.
    UnknownBank,
    /// The verified value is not acceptable for the figure.
    Value(ValueError),
}

impl VerifyError {
    /// The message in Chinese, for the page.
    pub fn zh(&self) -> String {
        match self {
            VerifyError::NoReason => "请填写核实说明（如：按人民银行金融统计口径）".to_owned(),
            VerifyError::UnknownBank => "没有这家银行".to_owned(),
            VerifyError::Value(problem) => problem.zh(),
        }
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifyError::NoReason => f.write_str("a verified figure needs a reason"),
            VerifyError::UnknownBank => f.write_str("is not a bank of the scheme"),
            VerifyError::Value(problem) => write!(f, "{problem}"),
        }
    }
}

impl std::error::Error for VerifyError {}

/// One verified figure, as the 来源 sheet, `kaoping diff` and the page list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedFigure {
    /// The bank's id.
    pub bank: String,
    /// The figure.
    pub field: Field,
    /// What the bank declared (`None`: nothing).
    pub declared: Option<Decimal>,
    /// What the bureau verified, the figure that scores (`None`: nothing).
    pub verified: Option<Decimal>,
    /// Why.
    pub reason: String,
}

impl VerifiedFigure {
    /// `贷款余额（2024年末）：申报 305 亿元 → 核实 300 亿元（按人民银行金融统计口径）`.
    pub fn zh(&self) -> String {
        format!(
            "{}：申报 {} → 核实 {}（{}）",
            self.field.label(),
            show(self.field, self.declared),
            show(self.field, self.verified),
            self.reason
        )
    }
}

/// A figure with its unit, or 未填写 (a flag: 是 / 否).
pub(crate) fn show(field: Field, value: Option<Decimal>) -> String {
    let unit = field.unit().symbol();
    match (value, field.kind()) {
        (None, crate::Kind::Flag) => "否".to_owned(),
        (Some(_), crate::Kind::Flag) => "是".to_owned(),
        (None, _) => "未填写".to_owned(),
        (Some(v), _) if unit.is_empty() || unit == "%" => format!("{}{unit}", v.normalize()),
        (Some(v), _) => format!("{} {unit}", v.normalize()),
    }
}

impl Scenario {
    /// The scenario as the banks declared it: every verified figure back to its declared value, no
    /// verification and no 核实完成 mark; sources kept.
    pub fn declared(&self) -> Scenario {
        let mut out = self.clone();
        for (id, figures) in &self.verified {
            let bank = out.bank_mut(id);
            for (field, verification) in figures {
                // A declared value was read through the field's own type, so it always fits.
                let _ = field.set(bank, verification.declared);
            }
        }
        out.verified.clear();
        out.verification_complete = false;
        out.banks.retain(|b| !b.is_empty());
        out
    }

    /// Replaces a bank's figure with the verified one (`None`: the figure is cleared), keeping what
    /// was declared and why. Verifying a figure again keeps the first declared value; verifying it
    /// back to the declared value takes the verification away. A refusal changes nothing. Any change
    /// takes away the 核实完成 mark.
    pub fn verify(
        &mut self,
        scheme: &Scheme,
        bank: &str,
        field: Field,
        value: Option<Decimal>,
        reason: &str,
    ) -> Result<(), VerifyError> {
        if scheme.bank_index(bank).is_none() {
            return Err(VerifyError::UnknownBank);
        }
        let reason = reason.trim();
        let declared = match self.verification(bank, field) {
            Some(existing) => existing.declared,
            None => self.bank(bank).and_then(|b| field.get(b)),
        };
        if same(declared, value) {
            self.unverify(bank, field);
            return Ok(());
        }
        if reason.is_empty() {
            return Err(VerifyError::NoReason);
        }
        let mut entry = self.bank(bank).cloned().unwrap_or_else(|| crate::BankInput::new(bank));
        field.set(&mut entry, value).map_err(VerifyError::Value)?;
        *self.bank_mut(bank) = entry;
        self.banks.retain(|b| !b.is_empty());
        self.verified
            .get_or_default(bank.to_owned())
            .insert(field, Verification { declared, reason: reason.to_owned() });
        self.verification_complete = false;
        Ok(())
    }

    /// Takes a verification away: the figure goes back to what was declared. Whether there was one.
    pub fn unverify(&mut self, bank: &str, field: Field) -> bool {
        let Some(figures) = self.verified.get_mut(bank) else { return false };
        let Some(verification) = figures.remove(&field) else { return false };
        if figures.is_empty() {
            self.verified.remove(bank);
        }
        let _ = field.set(self.bank_mut(bank), verification.declared);
        self.banks.retain(|b| !b.is_empty());
        self.verification_complete = false;
        true
    }

    /// Whether a new value of a bank's figure must go through 核实: the figure was verified and the value
    /// differs from the verified one. Typed over, it would score under the verification's declaration and
    /// reason (`申报 306 亿元 → 核实 2800 亿元（人行口径）`), which nobody verified.
    pub fn needs_verifying(&self, bank: &str, field: Field, value: Option<Decimal>) -> bool {
        self.verification(bank, field).is_some() && !same(self.bank(bank).and_then(|b| field.get(b)), value)
    }

    /// The verification of one figure, if it was verified.
    pub fn verification(&self, bank: &str, field: Field) -> Option<&Verification> {
        self.verified.get(bank).and_then(|figures| figures.get(&field))
    }

    /// Every verified figure, banks in annex order, figures in table order.
    pub fn verified_figures(&self, scheme: &Scheme) -> Vec<VerifiedFigure> {
        let mut out: Vec<VerifiedFigure> = self
            .verified
            .iter()
            .flat_map(|(id, figures)| {
                figures.iter().map(move |(field, v)| VerifiedFigure {
                    bank: id.clone(),
                    field: *field,
                    declared: v.declared,
                    verified: self.bank(id).and_then(|b| field.get(b)),
                    reason: v.reason.clone(),
                })
            })
            .collect();
        crate::order::sort_by_key(&mut out, |f| (scheme.bank_index(&f.bank), f.field));
        out
    }
}

/// Whether two optional figures are the same number.
fn same(a: Option<Decimal>, b: Option<Decimal>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// The ranking as declared against as verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationEffect {
    /// Every verified figure.
    pub figures: Vec<VerifiedFigure>,
    /// Both scored: `before` as declared, `after` as verified.
    pub comparison: Comparison,
    /// The banks whose rank or band moved, best new rank first.
    pub moved: Vec<RankChange>,
}

/// Scores the scenario as declared and as verified, side by side.
pub fn verification_effect(scheme: &Scheme, scenario: &Scenario) -> VerificationEffect {
    let declared = scenario.declared();
    let comparison = compare(scheme, &declared, scenario);
    let moved = compare_ranks(scheme, &comparison.before, &comparison.after);
    VerificationEffect { figures: scenario.verified_figures(scheme), comparison, moved }
}

impl VerificationEffect {
    /// As `kaoping-diff/1` (A as declared, B as verified), with `verified` (every verified figure)
    /// and `moved` (the banks whose rank or band moved, and the sentence).
    pub fn to_value(&self, scheme: &Scheme) -> Value {
        let num = |v: Option<Decimal>| v.map_or(Value::Null, |v| Value::String(v.normalize().to_string()));
        let name =
            |id: &str| scheme.bank_index(id).and_then(|i| scheme.banks.get(i)).map_or("", |b| b.short_name.as_str());
        let mut value = self.comparison.to_value(scheme);
        let figures: Vec<Value> = self
            .figures
            .iter()
            .map(|f| {
                json!({
                    "bank": f.bank, "name": name(&f.bank), "key": f.field.key(), "label": f.field.label(),
                    "declared": num(f.declared), "verified": num(f.verified), "reason": f.reason, "text": f.zh(),
                })
            })
            .collect();
        let moved: Vec<Value> = self
            .moved
            .iter()
            .map(|m| {
                json!({
                    "bank": m.bank, "name": m.name, "before": m.before, "after": m.after,
                    "band_before": m.band_before.key(), "band_after": m.band_after.key(), "text": m.zh(),
                })
            })
            .collect();
        if let Some(map) = value.as_object_mut() {
            map.insert("compared".to_owned(), Value::String("declared_verified".to_owned()));
            map.insert("verified".to_owned(), Value::Array(figures));
            map.insert("moved".to_owned(), Value::Array(moved));
            map.insert("moved_text".to_owned(), Value::String(self.moved_zh()));
        }
        value
    }

    /// The moves in words: `核实后：工商银行 4→5（贡献积极单位→…）`, or that nothing moved.
    pub fn moved_zh(&self) -> String {
        if self.moved.is_empty() {
            "核实后：各行名次和档次均未变化".to_owned()
        } else {
            format!("核实后：{}", self.moved.iter().map(RankChange::zh).collect::<Vec<_>>().join("，"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().expect("a decimal")
    }

    #[test]
    fn a_verified_figure_changes_only_through_verifying() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let mut scenario = Scenario::new(2024);
        Field::Loans.set(scenario.bank_mut("icbc"), Some(d("306"))).expect("valid");
        assert!(!scenario.needs_verifying("icbc", Field::Loans, Some(d("2800"))), "not verified: typed freely");
        scenario.verify(scheme, "icbc", Field::Loans, Some(d("290")), "人行口径").expect("verified");
        assert!(scenario.needs_verifying("icbc", Field::Loans, Some(d("2800"))));
        assert!(scenario.needs_verifying("icbc", Field::Loans, None), "clearing it too");
        assert!(!scenario.needs_verifying("icbc", Field::Loans, Some(d("290.00"))), "the same value is no change");
        assert!(!scenario.needs_verifying("icbc", Field::SmeLoans, Some(d("1"))), "another figure is free");
    }

    #[test]
    fn verifying_keeps_the_declaration_and_scores_the_verified_figure() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let mut scenario = Scenario::new(2024);
        Field::Loans.set(scenario.bank_mut("icbc"), Some(d("305"))).expect("valid");
        assert_eq!(scenario.verify(scheme, "icbc", Field::Loans, Some(d("300")), " "), Err(VerifyError::NoReason));
        assert_eq!(scenario.verify(scheme, "nobank", Field::Loans, Some(d("300")), "x"), Err(VerifyError::UnknownBank));
        assert!(matches!(
            scenario.verify(scheme, "icbc", Field::Loans, Some(d("-1")), "x"),
            Err(VerifyError::Value(_))
        ));
        assert!(scenario.verified.is_empty(), "a refusal changes nothing");
        scenario.verification_complete = true;
        scenario.verify(scheme, "icbc", Field::Loans, Some(d("300")), "按人民银行金融统计口径").expect("verified");
        assert!(!scenario.verification_complete, "a change takes the mark away");
        assert_eq!(scenario.bank("icbc").and_then(|b| b.loans).map(|a| a.get()), Some(d("300")));
        // Verified again: the first declaration stays.
        scenario.verify(scheme, "icbc", Field::Loans, Some(d("301")), "再次核实").expect("verified");
        let figures = scenario.verified_figures(scheme);
        assert_eq!(figures.len(), 1);
        assert_eq!(figures[0].zh(), "贷款余额（2024年末）：申报 305 亿元 → 核实 301 亿元（再次核实）");
        let declared = scenario.declared();
        assert_eq!(declared.bank("icbc").and_then(|b| b.loans).map(|a| a.get()), Some(d("305")));
        assert!(declared.verified.is_empty());
        // A figure the bank left blank can be verified too, and back to the declared value is no change.
        scenario.verify(scheme, "abc", Field::PlatformBonds, Some(d("2")), "核实认购凭证").expect("verified");
        assert_eq!(scenario.verification("abc", Field::PlatformBonds).map(|v| v.declared), Some(None));
        scenario.verify(scheme, "icbc", Field::Loans, Some(d("305.00")), "").expect("back to the declaration");
        assert_eq!(scenario.verification("icbc", Field::Loans), None);
        assert_eq!(scenario.bank("icbc").and_then(|b| b.loans).map(|a| a.get()), Some(d("305")));
        assert!(scenario.unverify("abc", Field::PlatformBonds));
        assert_eq!(scenario, {
            let mut s = Scenario::new(2024);
            Field::Loans.set(s.bank_mut("icbc"), Some(d("305.00"))).expect("valid");
            s
        });
    }

    #[test]
    fn the_effect_names_the_banks_that_moved() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let mut scenario = scheme.baseline();
        // 农发行 declared far more than the statistics show: verified down to its 2023 balance.
        Field::Loans.set(scenario.bank_mut("adbc"), Some(d("400"))).expect("valid");
        scenario.verify(scheme, "adbc", Field::Loans, Some(d("282.01")), "按人民银行金融统计口径").expect("verified");
        let effect = verification_effect(scheme, &scenario);
        let adbc = effect.moved.iter().find(|m| m.bank == "adbc").expect("adbc moved");
        assert_eq!(adbc.before, Some(1));
        assert!(adbc.after > Some(10), "{adbc:?}");
        assert!(effect.moved_zh().starts_with("核实后："), "{}", effect.moved_zh());
        assert_eq!(effect.figures.len(), 1);
    }
}
