//! Headings and bank names as people write them, brought to one form before they are compared.
//!
//! A heading is folded (spaces out, full-width forms half-width, ASCII in lower case), then split
//! into its words, its year and its unit: `各项贷款余额（万元）`, `贷款余额（2024年末，亿元）` and
//! `贷款` are all the loans figure, the first in 万元. Words that the bureau's forms add or leave out
//! without changing the figure (各项, 余额, 年末, 含贴现) are dropped; the year of the scheme is
//! dropped (a heading that names no year means this year), another year is kept (`2023年末` marks
//! the base-year figures). So a heading is recognised by the field table's label, short label, key
//! or aliases in any of these spellings, and two different figures never fold to the same words
//! (a test checks every name of every column).

use rust_decimal::Decimal;

/// A unit written in a heading, a 单位 row or a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitWord {
    /// An amount in 亿元 × 10^-shift… see [`UnitWord::amount_shift`]: 亿元, 百万元, 万元, 千元, 元.
    Amount(AmountUnit),
    /// %.
    Percent,
    /// 户, 家, 个, 单 (counts).
    Count,
    /// 分.
    Score,
}

/// An amount unit, by how many places of ten it lies below 亿元.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AmountUnit {
    /// 亿元.
    Yi,
    /// 百万元 (10^-2 亿元).
    Million,
    /// 万元 (10^-4 亿元).
    Wan,
    /// 千元 (10^-5 亿元).
    Thousand,
    /// 元 (10^-8 亿元).
    Yuan,
}

impl AmountUnit {
    /// The unit as written.
    pub fn word(self) -> &'static str {
        match self {
            AmountUnit::Yi => "亿元",
            AmountUnit::Million => "百万元",
            AmountUnit::Wan => "万元",
            AmountUnit::Thousand => "千元",
            AmountUnit::Yuan => "元",
        }
    }

    /// A figure in this unit as 亿元, exactly (a shift of the decimal point).
    pub fn to_yi(self, value: Decimal) -> Option<Decimal> {
        let places = match self {
            AmountUnit::Yi => 0,
            AmountUnit::Million => 2,
            AmountUnit::Wan => 4,
            AmountUnit::Thousand => 5,
            AmountUnit::Yuan => 8,
        };
        let mut out = value;
        let scale = out.scale().checked_add(places)?;
        if scale > 28 {
            return None;
        }
        out.set_scale(scale).ok()?;
        Some(out)
    }
}

/// Amount unit words, longest first so that 万元 is not read as 元.
const AMOUNT_WORDS: [(&str, AmountUnit); 5] = [
    ("百万元", AmountUnit::Million),
    ("亿元", AmountUnit::Yi),
    ("万元", AmountUnit::Wan),
    ("千元", AmountUnit::Thousand),
    ("元", AmountUnit::Yuan),
];

/// A unit word on its own (`万元`, `%`, `户`), or `None`.
pub fn unit_word(text: &str) -> Option<UnitWord> {
    let text = text.trim();
    if let Some((_, unit)) = AMOUNT_WORDS.iter().find(|(w, _)| *w == text) {
        return Some(UnitWord::Amount(*unit));
    }
    match text {
        "亿" => Some(UnitWord::Amount(AmountUnit::Yi)),
        "万" => Some(UnitWord::Amount(AmountUnit::Wan)),
        "%" | "百分比" | "百分点" => Some(UnitWord::Percent),
        "户" | "家" | "个" | "单" | "笔" | "户数" => Some(UnitWord::Count),
        "分" => Some(UnitWord::Score),
        _ => None,
    }
}

/// Full-width forms half-width, no spaces, ASCII in lower case, `【】[]` as `()`.
pub fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '【' | '[' | '〔' => '(',
            '】' | ']' | '〕' => ')',
            '、' => ',',
            '“' | '”' | '"' | '\'' => '\0',
            c => c,
        })
        .filter(|&c| c != '\0')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A heading brought to its words, year and unit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Canonical {
    /// The words that name the figure.
    pub words: String,
    /// A year other than the scheme's (`2023` in `普惠小微贷款余额（2023年末）`).
    pub year: Option<u16>,
    /// The unit, if the heading gives one.
    pub unit: Option<UnitWord>,
    /// A unit the heading gives that is not known (`（万户）`), named in the refusal.
    pub odd_unit: Option<String>,
}

/// Words that the bureau's forms add or leave out without changing the figure.
const NOISE: [&str; 9] = ["各项", "余额", "年末数", "年末", "年底", "期末", "含票据贴现", "含贴现", "数额"];

/// A year at `at`: four digits starting 19 or 20, with 年末, 年底, 年 or 末 after them.
fn year_at(chars: &[char], at: usize) -> Option<(u16, usize)> {
    let digits: String = chars.get(at..at + 4)?.iter().collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) || !(digits.starts_with("19") || digits.starts_with("20")) {
        return None;
    }
    if at > 0 && chars.get(at - 1).is_some_and(char::is_ascii_digit) {
        return None;
    }
    let rest: String = chars.get(at + 4..).map(|r| r.iter().take(2).collect()).unwrap_or_default();
    let tail = ["年末", "年底", "年", "末"].iter().find(|t| rest.starts_with(*t)).map_or(0, |t| t.chars().count());
    if tail == 0 && chars.get(at + 4).is_some_and(char::is_ascii_digit) {
        return None;
    }
    Some((digits.parse().ok()?, 4 + tail))
}

/// Brings a heading to its words, year and unit; `year` is the scheme's year.
pub fn canonical(text: &str, year: u16) -> Canonical {
    let folded = fold(text);
    let mut out = Canonical::default();
    // Bracketed parts: units, years and noise; anything else stays among the words.
    let mut words = String::new();
    let mut rest = folded.as_str();
    while let Some(open) = rest.find('(') {
        words.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find(')').unwrap_or(after.len());
        for part in after[..close].split([',', ';', ':']) {
            let part = part.strip_prefix("单位").unwrap_or(part);
            if part.is_empty() {
                continue;
            }
            if let Some(unit) = unit_word(part) {
                out.unit = Some(unit);
            } else if part.ends_with("元") || part.starts_with('万') || part.starts_with('亿') {
                out.odd_unit = Some(part.to_owned());
            } else {
                words.push_str(part);
            }
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    words.push_str(rest);
    // A unit written after the words without brackets: `贷款余额/万元`, `贷款余额单位：万元`, and with only
    // a space between (`贷款余额 亿元`, which folding has closed up): an amount word ending the heading.
    for separator in ["/", "单位:", "单位"] {
        if let Some((head, tail)) = words.rsplit_once(separator) {
            if let Some(unit) = unit_word(tail) {
                out.unit = Some(unit);
                words = head.to_owned();
                break;
            }
        }
    }
    if out.unit.is_none() {
        let ending =
            AMOUNT_WORDS.iter().filter(|(w, _)| *w != "元").find(|(w, _)| words.ends_with(w) && words.len() > w.len());
        if let Some((word, unit)) = ending {
            out.unit = Some(UnitWord::Amount(*unit));
            words.truncate(words.len() - word.len());
        }
    }
    // Years.
    let chars: Vec<char> = words.chars().collect();
    let mut kept = String::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((found, length)) = year_at(&chars, i) {
            if found != year {
                out.year = Some(found);
            }
            i += length;
            continue;
        }
        if let Some(c) = chars.get(i) {
            kept.push(*c);
        }
        i += 1;
    }
    for noise in NOISE {
        kept = kept.replace(noise, "");
    }
    out.words = kept.trim_matches([':', '-', '_', '.', ',']).to_owned();
    out
}

/// Whether text names an amount unit for the whole table: a 单位 row (`单位：万元`, `金额单位：亿元`,
/// `单位：万元、户、%`) or a bracketed unit in a title (`……情况表（万元）`). Returns the amount units
/// named; `元` alone counts only in those two forms, as it is part of other words.
pub fn declared_amount_units(text: &str) -> Vec<AmountUnit> {
    let folded = fold(text);
    let mut units = Vec::new();
    let mut add = |unit: AmountUnit| {
        if !units.contains(&unit) {
            units.push(unit);
        }
    };
    if let Some(at) = folded.find("单位") {
        let tail = folded[at + "单位".len()..].trim_start_matches([':', '为', '是']);
        for part in tail.split([',', ';', ')', '(', '/']) {
            if let Some(UnitWord::Amount(unit)) = unit_word(part) {
                add(unit);
            }
        }
    }
    for part in folded.split('(').skip(1) {
        let inside = part.split(')').next().unwrap_or("");
        if let Some(UnitWord::Amount(unit)) = unit_word(inside) {
            add(unit);
        }
    }
    // 万元 or 亿元 anywhere else in such text is a unit too, said in other words (`金额以万元计`).
    for (word, unit) in [("万元", AmountUnit::Wan), ("亿元", AmountUnit::Yi), ("百万元", AmountUnit::Million)] {
        if folded.contains(word) {
            add(unit);
        }
    }
    if units.contains(&AmountUnit::Million) {
        units.retain(|u| *u != AmountUnit::Yuan);
    }
    units
}

/// A bank's name brought to its core: legal-form words (股份有限公司), the city (黄石, 黄石市), the
/// branch level (分行, 支行, 营业部) and a leading 中国 dropped — except in 中国银行, whose name it is.
pub fn bank_core(text: &str) -> String {
    let mut core = fold(text);
    for word in ["股份有限公司", "有限责任公司", "有限公司", "黄石市", "黄石"] {
        core = core.replace(word, "");
    }
    for suffix in ["分行营业部", "营业部", "分行", "支行"] {
        if let Some(stripped) = core.strip_suffix(suffix) {
            core = stripped.to_owned();
            break;
        }
    }
    if let Some(rest) = core.strip_prefix("中国") {
        if !rest.starts_with("银行") && !rest.is_empty() {
            core = rest.to_owned();
        }
    }
    core
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str) -> (String, Option<u16>, Option<UnitWord>) {
        let h = canonical(text, 2024);
        (h.words, h.year, h.unit)
    }

    #[test]
    fn headings_as_forms_write_them() {
        let yi = Some(UnitWord::Amount(AmountUnit::Yi));
        let wan = Some(UnitWord::Amount(AmountUnit::Wan));
        assert_eq!(c("各项贷款余额（亿元）"), ("贷款".into(), None, yi));
        assert_eq!(c("贷款余额（2024年末）"), ("贷款".into(), None, None));
        assert_eq!(c(" 各项贷款 (万元) "), ("贷款".into(), None, wan));
        assert_eq!(c("各项贷款余额（2024年末，万元）"), ("贷款".into(), None, wan));
        assert_eq!(c("普惠小微贷款余额（2023年末）"), ("普惠小微贷款".into(), Some(2023), None));
        assert_eq!(c("2023年末普惠小微贷款余额"), ("普惠小微贷款".into(), Some(2023), None));
        assert_eq!(c("普惠小微2023"), ("普惠小微".into(), Some(2023), None));
        assert_eq!(c("制造业贷款余额（含贴现，2024年末）"), ("制造业贷款".into(), None, None));
        assert_eq!(c("新发放贷款综合利率（年初）"), ("新发放贷款综合利率年初".into(), None, None));
        assert_eq!(c("利率当期(%)"), ("利率当期".into(), None, Some(UnitWord::Percent)));
        assert_eq!(c("中小微企业贷款户数（户）"), ("中小微企业贷款户数".into(), None, Some(UnitWord::Count)));
        assert_eq!(c("贷款余额/万元"), ("贷款".into(), None, wan));
        assert_eq!(c("贷款余额 万元"), ("贷款".into(), None, wan));
        assert_eq!(c("绿色贷款余额亿元"), ("绿色贷款".into(), None, yi));
        assert_eq!(c("LOANS"), ("loans".into(), None, None));
        assert_eq!(canonical("贷款（万户）", 2024).odd_unit.as_deref(), Some("万户"));
    }

    #[test]
    fn table_units_from_title_and_unit_rows() {
        assert_eq!(declared_amount_units("单位：万元"), [AmountUnit::Wan]);
        assert_eq!(declared_amount_units("金额单位：亿元"), [AmountUnit::Yi]);
        assert_eq!(declared_amount_units("单位：万元、户、%"), [AmountUnit::Wan]);
        assert_eq!(declared_amount_units("2024年黄石市银行业贷款情况表（单位：万元）"), [AmountUnit::Wan]);
        assert_eq!(declared_amount_units("（万元）"), [AmountUnit::Wan]);
        assert_eq!(declared_amount_units("单位：元"), [AmountUnit::Yuan]);
        assert_eq!(declared_amount_units("注：金额以万元计"), [AmountUnit::Wan]);
        assert!(declared_amount_units("填表人：张三").is_empty());
        assert!(declared_amount_units("填报单位：工商银行").is_empty());
    }

    #[test]
    fn amounts_convert_exactly() {
        let v = |s: &str| s.parse::<Decimal>().expect("decimal");
        assert_eq!(AmountUnit::Wan.to_yi(v("4005600")), Some(v("400.56")));
        assert_eq!(AmountUnit::Wan.to_yi(v("4005600.12")), Some(v("400.560012")));
        assert_eq!(AmountUnit::Yuan.to_yi(v("123456789")), Some(v("1.23456789")));
        assert_eq!(AmountUnit::Yi.to_yi(v("1.5")), Some(v("1.5")));
    }

    #[test]
    fn bank_names_to_their_core() {
        for (name, core) in [
            ("中国工商银行股份有限公司黄石分行", "工商银行"),
            ("工商银行黄石分行", "工商银行"),
            ("中国银行股份有限公司黄石分行", "中国银行"),
            ("中国银行", "中国银行"),
            ("广发银行黄石分行", "广发银行"),
            ("广发银行股份有限公司黄石支行", "广发银行"),
            ("湖北黄石农村商业银行", "湖北农村商业银行"),
            ("中国邮政储蓄银行股份有限公司黄石市分行", "邮政储蓄银行"),
            ("中国农业发展银行黄石市分行", "农业发展银行"),
        ] {
            assert_eq!(bank_core(name), core, "{name}");
        }
    }
}
