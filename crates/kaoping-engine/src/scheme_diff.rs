//! What differs between two schemes: the document, the banks, the bands, every rule number and every
//! annex figure. `kaoping scheme check` shows it against the built-in scheme, and the page's 考评方案
//! previews it before a scheme file is put in force.

use rust_decimal::Decimal;
use serde_json::Value;

use crate::items::Item;
use crate::parameters::BandRule;
use crate::scheme::{BankInfo, Scheme};
use crate::values::parse_exact;

/// A rule number that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleChange {
    /// Where it is in `parameters` (`items.loan_increment.full`).
    pub path: String,
    /// What it belongs to, in words (`贷款增量`, `考评结果运用`, `输入核对`).
    pub title: String,
    /// The number before and after.
    pub before: Decimal,
    /// The number after.
    pub after: Decimal,
    /// Its unit in the new scheme.
    pub unit: String,
    /// The clause's words in the new scheme.
    pub reference: String,
}

/// An annex figure that differs for a bank both schemes score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnexChange {
    /// Which annex (`附件1`).
    pub annex: String,
    /// The bank's id.
    pub bank: String,
    /// The bank's name in the new scheme.
    pub name: String,
    /// The column's header in the new scheme.
    pub column: String,
    /// The figure before.
    pub before: Decimal,
    /// The figure after.
    pub after: Decimal,
}

/// What differs from one scheme to another.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SchemeDiff {
    /// Document fields that differ: (what, before, after), e.g. (`文号`, `黄政办发〔2024〕10号`, …).
    pub document: Vec<(String, String, String)>,
    /// Banks scored only by the new scheme.
    pub banks_added: Vec<BankInfo>,
    /// Banks scored only by the old scheme.
    pub banks_removed: Vec<BankInfo>,
    /// Banks whose names differ: (before, after).
    pub banks_renamed: Vec<(BankInfo, BankInfo)>,
    /// The bands in words before and after, when they differ (`第 1–3 名 贡献突出单位`, …).
    pub bands: Option<(Vec<String>, Vec<String>)>,
    /// The policy grades in words before and after, when they differ.
    pub grades: Option<(Vec<String>, Vec<String>)>,
    /// Rule numbers that differ.
    pub rules: Vec<RuleChange>,
    /// Annex figures that differ.
    pub annexes: Vec<AnnexChange>,
}

impl BandRule {
    /// The ranks of the band in words: `第 1–3 名`, `第 14 名及以后`, `第 1 名`.
    pub fn ranks_text(&self) -> String {
        match self.to_rank {
            None => format!("第 {} 名及以后", self.from_rank),
            Some(to) if to == self.from_rank => format!("第 {to} 名"),
            Some(to) => format!("第 {}–{to} 名", self.from_rank),
        }
    }
}

impl Scheme {
    /// The bands in words, best first: `第 1–3 名 贡献突出单位`.
    pub fn bands_text(&self) -> Vec<String> {
        self.rules.outcomes.bands.iter().map(|b| format!("{} {}", b.ranks_text(), b.band.label())).collect()
    }

    /// What differs from `before` to this scheme.
    pub fn diff_from(&self, before: &Scheme) -> SchemeDiff {
        let mut diff = SchemeDiff::default();
        let (a, b) = (&before.document, &self.document);
        for (what, x, y) in [
            ("年度", before.year.to_string(), self.year.to_string()),
            ("标题", a.title.clone(), b.title.clone()),
            ("文号", a.number.clone(), b.number.clone()),
            ("印发日期", a.date.clone(), b.date.clone()),
            ("印发机关", a.issuer.clone(), b.issuer.clone()),
        ] {
            if x != y {
                diff.document.push((what.to_owned(), x, y));
            }
        }
        for bank in &self.banks {
            match before.banks.iter().find(|old| old.id == bank.id) {
                None => diff.banks_added.push(bank.clone()),
                Some(old) if old != bank => diff.banks_renamed.push((old.clone(), bank.clone())),
                Some(_) => {}
            }
        }
        diff.banks_removed = before.banks.iter().filter(|old| self.bank_index(&old.id).is_none()).cloned().collect();
        let (bands_before, bands_after) = (before.bands_text(), self.bands_text());
        if bands_before != bands_after {
            diff.bands = Some((bands_before, bands_after));
        }
        let grades = |s: &Scheme| -> Vec<String> {
            s.rules.items.policy.grades.iter().map(|g| format!("{} {} 至 {} 分", g.name, g.min, g.max)).collect()
        };
        if grades(before) != grades(self) {
            diff.grades = Some((grades(before), grades(self)));
        }
        let (old_rules, new_rules) = (rule_numbers(before), rule_numbers(self));
        for (path, after, unit, reference) in new_rules {
            let Some((_, before_value, ..)) = old_rules.iter().find(|(p, ..)| *p == path) else { continue };
            if *before_value != after {
                diff.rules.push(RuleChange {
                    title: rule_title(&path),
                    path,
                    before: *before_value,
                    after,
                    unit,
                    reference,
                });
            }
        }
        for (new_table, old_table) in
            self.annexes.tables.iter().filter_map(|t| Some((t, before.annexes.table(&t.key)?)))
        {
            let annex = new_table.title.split_whitespace().next().unwrap_or(&new_table.title).to_owned();
            for (i, bank) in self.banks.iter().enumerate() {
                let Some(j) = before.bank_index(&bank.id) else { continue };
                for (column, figures) in &new_table.figures {
                    let old = old_table.figures.iter().find(|(k, _)| k == column).and_then(|(_, f)| f.get(j));
                    let (Some(&old), Some(&new)) = (old, figures.get(i)) else { continue };
                    if old != new {
                        let header = new_table.columns.iter().find(|(k, _)| k == column).map_or(column, |(_, h)| h);
                        diff.annexes.push(AnnexChange {
                            annex: annex.clone(),
                            bank: bank.id.clone(),
                            name: bank.short_name.clone(),
                            column: header.clone(),
                            before: old,
                            after: new,
                        });
                    }
                }
            }
        }
        diff
    }
}

impl SchemeDiff {
    /// Whether the two schemes are the same in every figure, bank, band and document field.
    pub fn is_empty(&self) -> bool {
        *self == SchemeDiff::default()
    }

    /// The differences in Chinese, one line each; annex figures summed up per annex (every figure of
    /// a new year's annex differs), with [`SchemeDiff::annexes`] for the detail.
    pub fn lines_zh(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for (what, before, after) in &self.document {
            lines.push(format!("{what}：{} → {}", blank(before), blank(after)));
        }
        let names =
            |banks: &[BankInfo]| banks.iter().map(|b| format!("{}（{}）", b.short_name, b.id)).collect::<Vec<_>>();
        if !self.banks_added.is_empty() {
            lines.push(format!("新增考评对象：{}", names(&self.banks_added).join("、")));
        }
        if !self.banks_removed.is_empty() {
            lines.push(format!("不再考评：{}", names(&self.banks_removed).join("、")));
        }
        for (before, after) in &self.banks_renamed {
            lines.push(format!(
                "银行名称（{}）：{}（{}）→ {}（{}）",
                after.id, before.short_name, before.full_name, after.short_name, after.full_name
            ));
        }
        if let Some((before, after)) = &self.bands {
            lines.push(format!("档次：{} → {}", before.join("；"), after.join("；")));
        }
        if let Some((before, after)) = &self.grades {
            lines.push(format!("金融政策评分档次：{} → {}", before.join("；"), after.join("；")));
        }
        for rule in &self.rules {
            lines.push(format!(
                "{}：{} → {} {}（{}）",
                rule.title,
                rule.before.normalize(),
                rule.after.normalize(),
                rule.unit,
                rule.reference
            ));
        }
        // (annex, figures, banks), in the order met: banks come in order, so a bank's figures are together.
        let mut annexes: Vec<(&str, usize, usize)> = Vec::new();
        let mut last: Option<(&str, &str)> = None;
        for change in &self.annexes {
            let new_bank = last != Some((change.annex.as_str(), change.bank.as_str()));
            last = Some((&change.annex, &change.bank));
            match annexes.iter_mut().find(|(a, ..)| *a == change.annex) {
                Some(entry) => {
                    entry.1 += 1;
                    entry.2 += usize::from(new_bank);
                }
                None => annexes.push((&change.annex, 1, 1)),
            }
        }
        for (annex, figures, banks) in annexes {
            lines.push(format!("{annex}：{banks} 家银行的 {figures} 个数字不同"));
        }
        lines
    }
}

fn blank(text: &str) -> &str {
    if text.trim().is_empty() {
        "（空）"
    } else {
        text
    }
}

/// Every rule number of a scheme: (path in `parameters`, value, unit, reference).
fn rule_numbers(scheme: &Scheme) -> Vec<(String, Decimal, String, String)> {
    fn walk(value: &Value, path: &str, out: &mut Vec<(String, Decimal, String, String)>) {
        match value {
            Value::Object(map) => {
                let param = (map.get("value"), map.get("unit"), map.get("reference"));
                if let (Some(Value::String(v)), Some(Value::String(unit)), Some(Value::String(reference))) = param {
                    if let Ok(number) = parse_exact(v) {
                        out.push((path.to_owned(), number, unit.clone(), reference.clone()));
                    }
                    return;
                }
                for (key, child) in map {
                    let child_path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                    walk(child, &child_path, out);
                }
            }
            Value::Array(list) => {
                for (i, child) in list.iter().enumerate() {
                    walk(child, &format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(parameters) = scheme.file().get("parameters") {
        walk(parameters, "", &mut out);
    }
    out
}

/// What a rule number belongs to, in words: an item's title, or the part of the scheme.
fn rule_title(path: &str) -> String {
    let mut parts = path.split('.');
    match (parts.next(), parts.next()) {
        (Some("items"), Some(key)) => {
            Item::ALL.into_iter().find(|i| i.key() == key).map_or_else(|| key.to_owned(), |i| i.title().to_owned())
        }
        (Some("outcomes"), _) => "考评结果运用".to_owned(),
        (Some("plausibility"), _) => "输入核对阈值".to_owned(),
        _ => path.to_owned(),
    }
}
