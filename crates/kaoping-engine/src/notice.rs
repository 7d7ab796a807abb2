//! 通报: a year's result as the published 名单.
//!
//! > 三、考评组织 …… 各银行业金融机构申报，考评小组负责核实，市政府审定实施。
//! > 四、(一) 对考评得分前3名的银行，给予“全市金融支持黄石经济发展贡献突出单位”称号通报表扬。
//! > (二) 对考评得分第4-10名的银行, 给予“全市金融支持黄石经济发展贡献积极单位”称号通报表扬。
//! > (三) 对考评得分第11-13名的银行, 给予“全市金融支持黄石经济发展贡献一般单位”称号; 对考评后3名的银行约谈、
//! > 通报, 并向其上级行(社)通报考评结果, 连续两年排名倒数第一的取消财政对公账户。
//!
//! The form is the one 黄政发〔2024〕7号 gave the 2023 result: a title naming the honours, then one
//! numbered heading per honour (`一、贡献突出单位`) with the banks under it by the name the gazette
//! uses (`农发行黄石分行`, [`BankInfo::listed_name`]), in rank order, joined with 、. After the honours
//! come the banks to be interviewed (约谈、通报) and any bank whose qualification was withdrawn
//! (取消考评资格). A heading with no bank is left out and the rest are numbered on.
//!
//! Readings (README, "Readings of the text"): ranks and bands are the engine's (competition ranking,
//! 后3名 counted from the bottom with ties sharing). A bank that shares its rank with another is written
//! `（并列第5名）` after its name, and tied banks stand in annex order. When a tie makes an honour hold
//! more or fewer banks than its ranks say (a tie at 3rd: four 贡献突出单位), a note says so. A bank
//! both 贡献一般 and among the last three (a tie across the line) stands in both lists, as 四(三) gives
//! it both. 连续两年排名倒数第一 is written after the bank's name in the interview list with what follows
//! from it.
//!
//! The list is marked 测算结果，非正式考评结论 until the scenario is marked 核实完成; it is worked out from
//! the verified figures, and a note says how many declared figures the verification changed.

use rust_decimal::Decimal;
use serde_json::{json, Value};

// Through the crate's own exports, so that moving a type between modules does not touch this one.
use crate::{format_fixed2, format_shown, Band, BankInfo, BankResult, Date, Evaluation, Scenario, Scheme, Warning};

/// What the list says while the figures are not verified.
pub const PROVISIONAL_MARK: &str = "测算结果，非正式考评结论";

/// The notice's file format, for `--json`.
pub const NOTICE_FORMAT: &str = "kaoping-notice/1";

/// The honours' common stem, as 四(一)–(三) name them: “全市金融支持黄石经济发展贡献突出单位”.
const HONOUR_STEM: &str = "金融支持黄石经济发展";

/// Which list of the notice a section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoticeList {
    /// 四(一) 贡献突出单位.
    Outstanding,
    /// 四(二) 贡献积极单位.
    Positive,
    /// 四(三) 贡献一般单位.
    General,
    /// Ranked below every honour and not among the last three: only possible with more banks than
    /// the 2024 scheme has, listed so that no ranked bank is left out.
    Unhonoured,
    /// 四(三) 考评后3名：约谈、通报.
    Interview,
    /// 二(四)5 一票否决：取消考评资格.
    Disqualified,
}

impl NoticeList {
    /// Every list, in the notice's order.
    pub const ALL: [NoticeList; 6] = [
        NoticeList::Outstanding,
        NoticeList::Positive,
        NoticeList::General,
        NoticeList::Unhonoured,
        NoticeList::Interview,
        NoticeList::Disqualified,
    ];

    /// The word used in `kaoping-notice/1`.
    pub fn key(self) -> &'static str {
        match self {
            NoticeList::Outstanding => "outstanding",
            NoticeList::Positive => "positive",
            NoticeList::General => "general",
            NoticeList::Unhonoured => "unhonoured",
            NoticeList::Interview => "interview",
            NoticeList::Disqualified => "disqualified",
        }
    }

    /// The band whose banks the list holds, for the three honours.
    fn band(self) -> Option<Band> {
        match self {
            NoticeList::Outstanding => Some(Band::Outstanding),
            NoticeList::Positive => Some(Band::Positive),
            NoticeList::General => Some(Band::General),
            _ => None,
        }
    }

    fn holds(self, bank: &BankResult) -> bool {
        match self {
            NoticeList::Outstanding | NoticeList::Positive | NoticeList::General => self.band() == Some(bank.band),
            NoticeList::Unhonoured => bank.band == Band::Bottom && !bank.interview,
            NoticeList::Interview => bank.is_ranked() && bank.interview,
            NoticeList::Disqualified => !bank.is_ranked(),
        }
    }
}

/// One bank in a list of the notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeEntry {
    /// The bank's id.
    pub id: String,
    /// Its name as the 名单 writes it (`农发行黄石分行`).
    pub name: String,
    /// Its rank; `None` when disqualified.
    pub rank: Option<u32>,
    /// Another ranked bank has the same total (并列).
    pub tied: bool,
    /// Its total, unrounded; `None` when disqualified.
    pub total: Option<Decimal>,
    /// 连续两年排名倒数第一 (only said in the interview list).
    pub last_place_twice: bool,
}

/// One numbered list of the notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeSection {
    /// Which list.
    pub list: NoticeList,
    /// The numbered heading (`一、贡献突出单位`).
    pub heading: String,
    /// The banks, in rank order (ties in annex order).
    pub entries: Vec<NoticeEntry>,
}

impl NoticeSection {
    /// One bank as the list writes it: its name, then `（并列第5名）` for a tie and, in the interview
    /// list, `连续两年排名倒数第一，取消财政对公账户` where it applies.
    pub fn entry_text(&self, entry: &NoticeEntry) -> String {
        let mut remarks = Vec::new();
        if let (true, Some(rank)) = (entry.tied, entry.rank) {
            remarks.push(format!("并列第{rank}名"));
        }
        if self.list == NoticeList::Interview && entry.last_place_twice {
            remarks.push("连续两年排名倒数第一，取消财政对公账户".to_owned());
        }
        if remarks.is_empty() {
            entry.name.clone()
        } else {
            format!("{}（{}）", entry.name, remarks.join("；"))
        }
    }

    /// The banks as the 名单 prints them: joined with 、.
    pub fn names_text(&self) -> String {
        self.entries.iter().map(|e| self.entry_text(e)).collect::<Vec<_>>().join("、")
    }
}

/// The scheme document a notice is issued under: its 文号 and title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeDocument {
    /// 文号 (`黄政办发〔2024〕10号`).
    pub number: String,
    /// The title, without 《》.
    pub title: String,
}

impl SchemeDocument {
    /// The scheme's document, read from the data's `source` (`黄政办发〔2024〕10号《…考评办法》`).
    pub fn of(scheme: &Scheme) -> SchemeDocument {
        let source = scheme.rules.source.as_str();
        let number = source.find('号').map_or("", |at| &source[..at + '号'.len_utf8()]);
        let title = source
            .split_once('《')
            .and_then(|(_, rest)| rest.split_once('》'))
            .map_or_else(|| format!("{}年度考评办法", scheme.year), |(title, _)| title.to_owned());
        SchemeDocument { number: number.trim().to_owned(), title }
    }

    /// `根据《…考评办法》（黄政办发〔2024〕10号）`.
    pub fn basis(&self) -> String {
        if self.number.is_empty() {
            format!("根据《{}》", self.title)
        } else {
            format!("根据《{}》（{}）", self.title, self.number)
        }
    }
}

/// One public fund as the notice's annex lists it (四(四): "按考评结果……存放市级公共性资金"): the fund,
/// its department and amount, and each bank's part in rank order, shown as the 资金存放 table shows it
/// (0.01 亿元, or the amount's own digits where it has more, and 0.01%, by largest remainder, adding up
/// to the fund).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeFund {
    /// The fund's id (`fiscal`).
    pub id: String,
    /// The fund as the scheme names it (`财政专户资金`).
    pub name: String,
    /// Its depositing department (`市财政局`).
    pub department: String,
    /// The amount placed, 亿元.
    pub amount: Decimal,
    /// The banks holding a part, in rank order: id, name as the 名单 prints it, amount and share shown.
    pub banks: Vec<(String, String, Decimal, Decimal)>,
}

impl NoticeFund {
    /// `市财政局 财政专户资金 60.00 亿元：农业银行黄石分行 4.32 亿元（7.20%）、…`.
    pub fn text(&self) -> String {
        let parts: Vec<String> = self
            .banks
            .iter()
            .map(|(_, name, amount, share)| {
                format!("{name} {} 亿元（{}%）", format_shown(*amount), format_fixed2(*share))
            })
            .collect();
        format!("{} {} {} 亿元：{}", self.department, self.name, format_shown(self.amount), parts.join("、"))
    }
}

/// The heading of the notice's annex of funds.
pub const FUNDS_HEADING: &str = "附：市级公共性资金存放（按考评结果）";

/// The published list of one result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The scheme's year.
    pub year: u16,
    /// The scheme document it follows.
    pub scheme: SchemeDocument,
    /// The title (`2024年度金融支持黄石经济发展贡献突出单位、贡献积极单位、贡献一般单位名单`).
    pub title: String,
    /// The day it is dated.
    pub date: Date,
    /// Not yet verified: the list is a projection ([`PROVISIONAL_MARK`]).
    pub provisional: bool,
    /// The lists with at least one bank, numbered in order.
    pub sections: Vec<NoticeSection>,
    /// What a reader must know to read the list right: ties that change how many banks an honour
    /// holds, totals that read the same at two decimals across a line, figures not entered.
    pub notes: Vec<String>,
    /// The public funds entered with an amount, each placed by the composite (empty: none entered).
    pub funds: Vec<NoticeFund>,
}

/// The notice of an evaluation of `scenario`, dated `date`.
pub fn notice(scheme: &Scheme, scenario: &Scenario, evaluation: &Evaluation, date: Date) -> Notice {
    let info = |bank: &BankResult| scheme.banks.get(bank.index);
    let mut order: Vec<&BankResult> = evaluation.banks.iter().collect();
    crate::order::sort_by_key(&mut order, |b| (b.rank.is_none(), b.rank, b.index));
    let tied = |bank: &BankResult| {
        bank.rank.is_some() && evaluation.banks.iter().filter(|other| other.rank == bank.rank).count() > 1
    };
    let entry = |bank: &BankResult| NoticeEntry {
        id: bank.id.clone(),
        name: info(bank).map_or_else(|| bank.id.clone(), |b| b.listed_name().to_owned()),
        rank: bank.rank,
        tied: tied(bank),
        total: bank.total,
        last_place_twice: bank.last_place_twice,
    };
    let mut sections = Vec::new();
    for list in NoticeList::ALL {
        let entries: Vec<NoticeEntry> = order.iter().filter(|b| list.holds(b)).map(|b| entry(b)).collect();
        if entries.is_empty() {
            continue;
        }
        let heading = format!("{}、{}", chinese_number(sections.len() + 1), heading(scheme, list));
        sections.push(NoticeSection { list, heading, entries });
    }
    // The honours the year's scheme gives (2023's gave two), as its bands list them.
    let honours: Vec<&str> = scheme
        .rules
        .outcomes
        .bands
        .iter()
        .filter(|b| matches!(b.band, Band::Outstanding | Band::Positive | Band::General))
        .map(|b| b.band.label())
        .collect();
    let honours = honours.join("、");
    Notice {
        year: scheme.year,
        scheme: SchemeDocument::of(scheme),
        title: format!("{}年度{HONOUR_STEM}{honours}名单", scheme.year),
        date,
        provisional: !scenario.verification_complete,
        notes: notes(scheme, scenario, evaluation, &sections),
        funds: funds(scheme, evaluation, &order),
        sections,
    }
}

/// Every fund with an amount that can be shared, its banks in the 名单's order.
fn funds(scheme: &Scheme, evaluation: &Evaluation, order: &[&BankResult]) -> Vec<NoticeFund> {
    let placement = evaluation.placement(scheme);
    placement
        .funds
        .iter()
        .filter(|f| f.is_shared())
        .filter_map(|placed| {
            let fund = scheme.rules.outcomes.funds.get(placed.fund)?;
            let banks = order
                .iter()
                .filter_map(|bank| {
                    let share = placed.banks.get(bank.index)?;
                    let name = scheme.banks.get(bank.index).map_or(bank.id.as_str(), BankInfo::listed_name);
                    Some((bank.id.clone(), name.to_owned(), share.amount_shown?, share.share_pct_shown?))
                })
                .collect();
            Some(NoticeFund {
                id: fund.id.clone(),
                name: fund.name.clone(),
                department: fund.department.clone(),
                amount: placed.amount?,
                banks,
            })
        })
        .collect()
}

/// A list's heading without its number, in the scheme's words.
fn heading(scheme: &Scheme, list: NoticeList) -> String {
    match list {
        NoticeList::Outstanding | NoticeList::Positive | NoticeList::General => {
            list.band().map_or("", Band::label).to_owned()
        }
        NoticeList::Unhonoured => "其他参加考评单位".to_owned(),
        NoticeList::Interview => {
            format!("约谈、通报单位（考评后{}名）", scheme.rules.outcomes.interview_last.value.normalize())
        }
        NoticeList::Disqualified => "取消考评资格单位（一票否决）".to_owned(),
    }
}

/// The notes under the list, in the order a reader checks them.
fn notes(scheme: &Scheme, scenario: &Scenario, evaluation: &Evaluation, sections: &[NoticeSection]) -> Vec<String> {
    let mut notes = vec!["各类单位按考评得分由高到低排列；得分相同者并列，按考评办法附件所列顺序排列".to_owned()];
    // 三、考评组织: "考核数据以人民银行金融统计口径计算的数据为准".
    let verified = scenario.verified_figures(scheme);
    if !verified.is_empty() {
        let mut banks: Vec<&str> = Vec::new();
        for figure in &verified {
            let name =
                scheme.bank_index(&figure.bank).and_then(|i| scheme.banks.get(i)).map_or("", BankInfo::listed_name);
            if !banks.contains(&name) {
                banks.push(name);
            }
        }
        notes.push(format!(
            "考评小组按人民银行金融统计口径核实调整了{}项申报数（{}），本名单按核实后的数字排列",
            verified.len(),
            banks.join("、")
        ));
    }
    let rules = &scheme.rules.outcomes;
    let count = |list: NoticeList| sections.iter().find(|s| s.list == list).map_or(0, |s| s.entries.len());
    // Ranks run 1..=ranked, so a band holds (its last rank, or the last rank given) − first + 1 banks
    // unless a tie carries a bank across its edge.
    let last_rank = u32::try_from(evaluation.ranked).unwrap_or(u32::MAX);
    for rule in &rules.bands {
        let list = match rule.band {
            Band::Outstanding => NoticeList::Outstanding,
            Band::Positive => NoticeList::Positive,
            Band::General => NoticeList::General,
            _ => continue,
        };
        let to = rule.to_rank.map_or(last_rank, |to| to.min(last_rank));
        let nominal = usize::try_from((to + 1).saturating_sub(rule.from_rank)).unwrap_or(0);
        let actual = count(list);
        if actual != nominal {
            notes.push(format!(
                "考评办法定第{}名{}为{}，因得分并列，本名单共{}家",
                rule.from_rank,
                if rule.to_rank == Some(rule.from_rank) { String::new() } else { format!("至第{to}名") },
                rule.band.label(),
                actual
            ));
        }
    }
    let interview_last = rules.interview_last.value.normalize();
    let interviewed = count(NoticeList::Interview);
    if Decimal::from(interviewed) != rules.interview_last.value && evaluation.ranked > interviewed {
        notes.push(format!("考评后{interview_last}名按倒数名次计，因得分并列，约谈、通报单位共{interviewed}家"));
    }
    // A tie across the interview line leaves banks of 贡献一般 among the last three: 四(三) gives them both.
    let mut both: Vec<(u32, Vec<&str>)> = Vec::new();
    for bank in evaluation.banks.iter().filter(|b| b.band == Band::General && b.interview) {
        let (Some(rank), Some(info)) = (bank.rank, scheme.banks.get(bank.index)) else { continue };
        match both.iter_mut().find(|(r, _)| *r == rank) {
            Some((_, names)) => names.push(info.listed_name()),
            None => both.push((rank, vec![info.listed_name()])),
        }
    }
    crate::order::sort_by_key(&mut both, |(rank, _)| *rank);
    for (rank, names) in both {
        let place = if names.len() > 1 { format!("并列第{rank}名") } else { format!("列第{rank}名") };
        notes.push(format!(
            "{}{place}，属{}，又在考评后{interview_last}名之内，两项同时适用（四(三)）",
            names.join("、"),
            Band::General.label()
        ));
    }
    for bank in evaluation.banks.iter().filter(|b| b.last_place_twice) {
        if let Some(info) = scheme.banks.get(bank.index) {
            notes.push(format!("{}2023年度排名倒数第一，本年度又列倒数第一（四(三)）", info.listed_name()));
        }
    }
    notes.extend(near_ties(scheme, evaluation));
    let missing: Vec<String> = evaluation
        .banks
        .iter()
        .filter(|b| !b.missing.is_empty())
        .filter_map(|b| {
            scheme.banks.get(b.index).map(|info| format!("{}（{}项）", info.listed_name(), b.missing.len()))
        })
        .collect();
    if !missing.is_empty() {
        notes.push(format!("以下单位有数据未填写，相应项目按0分计：{}", missing.join("、")));
    }
    notes
}

/// Banks whose totals read the same at two decimals although their exact totals put a band edge or
/// the interview line between them: the gazette prints no totals, but a reader who checks them will.
fn near_ties(scheme: &Scheme, evaluation: &Evaluation) -> Vec<String> {
    let mut seen: Vec<(Decimal, Vec<String>)> = Vec::new();
    for bank in &evaluation.banks {
        for warning in &bank.warnings {
            if let Warning::NearTie { shown, .. } = warning {
                let name = scheme.banks.get(bank.index).map_or(bank.id.as_str(), BankInfo::listed_name).to_owned();
                match seen.iter_mut().find(|(s, _)| s == shown) {
                    Some((_, names)) => names.push(name),
                    None => seen.push((*shown, vec![name])),
                }
            }
        }
    }
    seen.into_iter()
        .map(|(shown, names)| {
            format!(
                "{}的总分按两位小数均为{}，按精确分数分列不同类别；如按两位小数认定，应按并列处理",
                names.join("、"),
                format_fixed2(shown)
            )
        })
        .collect()
}

/// 一, 二, … 十九 for headings (a notice has at most six).
fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        _ => n.to_string(),
    }
}

impl Notice {
    /// The section of a list, if it has any bank.
    pub fn section(&self, list: NoticeList) -> Option<&NoticeSection> {
        self.sections.iter().find(|s| s.list == list)
    }

    /// The whole notice as text: the mark while provisional, the title, the scheme it follows, each
    /// list under its heading, the funds placed (where amounts are entered), the notes and the date.
    pub fn text(&self) -> String {
        let mut out = String::new();
        if self.provisional {
            out.push_str(&format!("【{PROVISIONAL_MARK}】\n\n"));
        }
        out.push_str(&format!("{}\n\n{}\n", self.title, self.scheme.basis()));
        for section in &self.sections {
            out.push_str(&format!("\n{}\n\n{}\n", section.heading, section.names_text()));
        }
        if !self.funds.is_empty() {
            out.push_str(&format!("\n{FUNDS_HEADING}\n\n"));
            for fund in &self.funds {
                out.push_str(&format!("{}\n", fund.text()));
            }
        }
        if !self.notes.is_empty() {
            out.push_str("\n说明：\n");
            for (i, note) in self.notes.iter().enumerate() {
                out.push_str(&format!("{}. {note}。\n", i + 1));
            }
        }
        out.push_str(&format!("\n{}\n", self.date.zh()));
        out
    }

    /// The notice as `kaoping-notice/1` JSON: every list with its banks, the notes and the text.
    pub fn to_value(&self) -> Value {
        let exact = |value: Option<Decimal>| value.map_or(Value::Null, |v| Value::String(v.normalize().to_string()));
        let sections: Vec<Value> = self
            .sections
            .iter()
            .map(|section| {
                let banks: Vec<Value> = section
                    .entries
                    .iter()
                    .map(|e| {
                        json!({
                            "id": e.id,
                            "name": e.name,
                            "rank": e.rank,
                            "tied": e.tied,
                            "total": exact(e.total),
                            "last_place_twice": e.last_place_twice,
                            "text": section.entry_text(e),
                        })
                    })
                    .collect();
                json!({
                    "list": section.list.key(),
                    "heading": section.heading,
                    "names": section.names_text(),
                    "banks": banks,
                })
            })
            .collect();
        json!({
            "format": NOTICE_FORMAT,
            "year": self.year,
            "provisional": self.provisional,
            "mark": self.provisional.then_some(PROVISIONAL_MARK),
            "title": self.title,
            "scheme": { "number": self.scheme.number, "title": self.scheme.title },
            "date": self.date.to_string(),
            "sections": sections,
            "funds": self.funds.iter().map(|f| json!({
                "id": f.id, "name": f.name, "department": f.department, "amount": exact(Some(f.amount)),
                "banks": f.banks.iter().map(|(id, name, amount, share)| json!({
                    "id": id, "name": name, "amount": exact(Some(*amount)), "share_pct": exact(Some(*share)),
                })).collect::<Vec<_>>(),
                "text": f.text(),
            })).collect::<Vec<_>>(),
            "notes": self.notes,
            "text": self.text(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme_document_is_read_from_the_data() {
        let scheme = Scheme::builtin(2024).expect("built-in");
        let document = SchemeDocument::of(scheme);
        assert_eq!(document.number, "黄政办发〔2024〕10号");
        assert_eq!(document.title, "2024年度黄石市银行业金融机构支持地方经济发展考评办法");
        assert_eq!(
            document.basis(),
            "根据《2024年度黄石市银行业金融机构支持地方经济发展考评办法》（黄政办发〔2024〕10号）"
        );
    }

    #[test]
    fn headings_count_in_chinese() {
        let got: Vec<String> = [1, 5, 6, 10, 12].into_iter().map(chinese_number).collect();
        assert_eq!(got, ["一", "五", "六", "十", "十二"]);
    }
}
