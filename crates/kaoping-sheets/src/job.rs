//! The spreadsheet work the page hands to a second wasm module, loaded only when first used.
//!
//! Reading and writing workbooks, CSV and pasted blocks is about a sixth of the page's code, and most
//! users open the page to type figures, not to import them. So the page's own module only sends a
//! [`Job`] (with the working scenario) and shows the [`Reply`]; a web worker
//! (`crates/kaoping-sheets-worker`) runs [`run_message`], which does the work with the functions of
//! this crate. Both ends encode with this module, so the two cannot disagree on the wire; the page
//! links only the encoding, and the readers and writers stay in the worker's module.
//!
//! A message is JSON text, plus the bytes of a file when there are any (sent beside the text, never
//! inside it). Nothing here does I/O: the worker and the page move the messages.
//!
//! An import answers with the preview (changes, refused cells, notes, headings not recognised), the
//! scenario with everything applied (or why not: all or nothing), and — when the user may choose to
//! import the rest — the scenario with the refused cells left out. The page asks again with a
//! [`Mapping`] once the user has said what an unrecognised heading is, and asks for the refused
//! cells as a CSV file with [`Job::Refused`]. See `/work/brief/notes/sheets.md` for examples.

use kaoping_engine::{Field, Resolution, Scenario, Scheme};
use serde_json::{json, Value};

use crate::export::{self, About};
use crate::paste::{self, Target};
use crate::scheme_preview::SchemeFile;
use crate::table::{MapTo, ReadOptions, Unplaced};
use crate::update::{Change, Preview};
use crate::Problem;

/// What the user said unrecognised headings are: the heading as the preview names it, and a figure
/// or "not read". The page keeps these in the browser and sends them with every read.
pub type Mapping = Vec<(String, MapTo)>;

/// What the page asks of the spreadsheet module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// Read a picked workbook, CSV or TSV file (its bytes travel beside the message).
    Read {
        /// The file's name, for messages and the preview's places.
        file_name: String,
        /// Headings placed by the user.
        mapping: Mapping,
    },
    /// Read a block pasted into 全市总览.
    Paste {
        /// The clipboard's text.
        text: String,
        /// Where it was pasted.
        target: Target,
        /// Headings placed by the user.
        mapping: Mapping,
    },
    /// Write the refused cells of an import as a CSV file (文件, 位置, 原因).
    Refused {
        /// Where the values came from.
        source: String,
        /// The refused cells, as the preview listed them.
        problems: Vec<Problem>,
    },
    /// Write the workbook (全市 / 本行 / 设置 / 说明).
    Workbook {
        /// The bank of the 本行 sheet.
        bank: String,
        /// The date and version written on it.
        about: About,
    },
    /// Write the fill-in template.
    Template {
        /// The date and version written on it.
        about: About,
    },
    /// Write the 全市 table as CSV.
    Csv,
    /// Read a scheme file (the bytes) for 规则与设置 › 考评方案 and compare it with the scheme in force.
    Scheme {
        /// The file's name.
        file_name: String,
    },
    /// Write the share link's fragment of the scenario, opening on `bank` (复制分享链接). The
    /// compressor ([`crate::link::share_fragment_at`]) lives here, not in the page's first download:
    /// writing a link is rare, and reading one at start needs only the decompressor.
    Link {
        /// The bank the link opens on.
        bank: String,
    },
    /// Write one bank's 申报表, its boxes filled from the scenario sent with the job (issue 17).
    Form {
        /// The bank.
        bank: String,
        /// The date and version written on it.
        about: About,
    },
    /// 汇总 (issue 17): read several files as the banks' declarations (their bytes travel one after
    /// another beside the message) and gather them into the scenario sent with the job, answered as
    /// an import ([`crate::gather`]).
    Collect {
        /// Each file's name and size in bytes, in the order of the bytes.
        files: Vec<(String, usize)>,
        /// For a bank two files declare differently: the file that counts.
        resolutions: Vec<Resolution>,
    },
    /// 通报 (issue 17): the 名单 of the scenario, dated (`2025-01-20`): [`Reply::Notice`].
    Notice {
        /// The date it carries.
        date: String,
    },
}

/// An import read and checked against the scenario sent with the job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// Where the values came from (the file's name, or 粘贴内容).
    pub source: String,
    /// What would change, and every refused cell.
    pub preview: Preview,
    /// The scenario with every value applied, or why nothing can be (all or nothing).
    pub applied: Result<Scenario, Vec<Problem>>,
    /// When some cells were refused and the rest may be imported (`preview.rest_possible`): the
    /// scenario with every value that was read applied and the refused cells left as they were.
    pub rest: Option<Scenario>,
}

/// What the spreadsheet module answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The values read from a file or a pasted block.
    Imported(Box<Imported>),
    /// A scheme file read (`Job::Scheme`): its refusal or its preview.
    Scheme(Box<SchemeFile>),
    /// A file written (its bytes travel beside the message).
    File,
    /// The share link's fragment (`Job::Link`): `#s=1.…&b=…`.
    Link(String),
    /// 通报's 名单 ([`Job::Notice`]), ready to draw: its parts in order, each `(role, text)` — `mark`
    /// (测算结果，非正式考评结论, until 核实完成), `title`, `basis` (the scheme and its 文号), `heading`,
    /// `names`, `fund` (each fund placed, where amounts are entered), `note`, `date` — where figures
    /// were verified, 核实's lines (`verification_parts`) — and last `text`, the 名单 as text for 复制文本.
    Notice(Vec<(String, String)>),
    /// The job could not be done at all (a message in Chinese).
    Failed(String),
}

impl Job {
    /// The job with the scenario it applies to, as the message's text.
    pub fn message(&self, scenario: &Scenario) -> String {
        self.message_under(scenario, None)
    }

    /// The message, under a scheme file adopted in the page (its text; `None`: the built-in scheme of
    /// the scenario's year). The worker reads the file with its checks and scores under it.
    pub fn message_under(&self, scenario: &Scenario, scheme: Option<&str>) -> String {
        let about = |a: &About| json!({ "date": a.date, "version": a.version });
        let mapping = |m: &Mapping| m.iter().map(|(h, to)| json!([h, to.key()])).collect::<Vec<_>>();
        let job = match self {
            Job::Read { file_name, mapping: m } => {
                json!({ "job": "read", "file_name": file_name, "mapping": mapping(m) })
            }
            Job::Paste { text, target, mapping: m } => json!({
                "job": "paste",
                "text": text,
                "columns": target.columns.iter().map(|f| f.key()).collect::<Vec<_>>(),
                "banks": target.banks,
                "mapping": mapping(m),
            }),
            Job::Refused { source, problems } => {
                json!({ "job": "refused", "source": source, "problems": problem_list(problems) })
            }
            Job::Workbook { bank, about: a } => json!({ "job": "workbook", "bank": bank, "about": about(a) }),
            Job::Template { about: a } => json!({ "job": "template", "about": about(a) }),
            Job::Csv => json!({ "job": "csv" }),
            Job::Scheme { file_name } => json!({ "job": "scheme", "file_name": file_name }),
            Job::Link { bank } => json!({ "job": "link", "bank": bank }),
            Job::Form { bank, about: a } => json!({ "job": "form", "bank": bank, "about": about(a) }),
            Job::Notice { date } => json!({ "job": "notice", "date": date }),
            // Flat lists of strings and numbers: the least encoding code in the page.
            Job::Collect { files, resolutions } => json!({
                "job": "collect",
                "names": files.iter().map(|(name, _)| name).collect::<Vec<_>>(),
                "sizes": files.iter().map(|(_, size)| size).collect::<Vec<_>>(),
                "banks": resolutions.iter().map(|r| &r.bank).collect::<Vec<_>>(),
                "picks": resolutions.iter().map(|r| &r.file).collect::<Vec<_>>(),
            }),
        };
        let mut message = json!({ "scenario": scenario.to_json(), "do": job });
        if let Some(text) = scheme {
            message["scheme"] = Value::from(text);
        }
        message.to_string()
    }

    /// Reads a message's text back into the job and its scenario.
    pub fn from_message(text: &str) -> Result<(Job, Scenario), String> {
        Job::parse(text).map(|(job, scenario, _)| (job, scenario))
    }

    /// The job, its scenario, and the scheme file it is under (if the message carries one).
    fn parse(text: &str) -> Result<(Job, Scenario, Option<Scheme>), String> {
        let bad = |what: &str| format!("表格模块收到的请求有误（{what}）");
        let value: Value = serde_json::from_str(text).map_err(|_| bad("不是 JSON"))?;
        let scheme = match str_of(&value, "scheme") {
            Some(text) => Some(Scheme::from_json(text).map_err(|e| bad(&e.zh()))?),
            None => None,
        };
        let scenario_text = str_of(&value, "scenario").ok_or_else(|| bad("缺少测算"))?;
        let scenario = match &scheme {
            Some(scheme) => Scenario::from_json_under(scenario_text, scheme),
            None => Scenario::from_json(scenario_text),
        }
        .map_err(|e| bad(&e.zh()))?;
        let job = &value["do"];
        let string = |key: &str| str_of(job, key).map(str::to_owned).ok_or_else(|| bad(key));
        let about = || About {
            date: str_of(&job["about"], "date").unwrap_or_default().to_owned(),
            version: str_of(&job["about"], "version").unwrap_or_default().to_owned(),
        };
        let mapping = || -> Result<Mapping, String> {
            job["mapping"]
                .as_array()
                .map(|items| {
                    items
                        .iter()
                        .map(|pair| {
                            let heading = pair.get(0).and_then(Value::as_str).ok_or_else(|| bad("mapping"))?;
                            let key = pair.get(1).and_then(Value::as_str).unwrap_or_default();
                            let to = MapTo::from_key(key).ok_or_else(|| bad(key))?;
                            Ok((heading.to_owned(), to))
                        })
                        .collect()
                })
                .unwrap_or_else(|| Ok(Vec::new()))
        };
        let job = match str_of(job, "job") {
            Some("read") => Job::Read { file_name: string("file_name")?, mapping: mapping()? },
            Some("paste") => {
                let columns = strings(&job["columns"])
                    .iter()
                    .map(|key| Field::from_key(key).ok_or_else(|| bad(key)))
                    .collect::<Result<_, _>>()?;
                Job::Paste {
                    text: string("text")?,
                    target: Target { columns, banks: strings(&job["banks"]) },
                    mapping: mapping()?,
                }
            }
            Some("refused") => Job::Refused { source: string("source")?, problems: problems_from(&job["problems"]) },
            Some("workbook") => Job::Workbook { bank: string("bank")?, about: about() },
            Some("template") => Job::Template { about: about() },
            Some("csv") => Job::Csv,
            Some("scheme") => Job::Scheme { file_name: string("file_name")? },
            Some("link") => Job::Link { bank: string("bank")? },
            Some("form") => Job::Form { bank: string("bank")?, about: about() },
            Some("notice") => Job::Notice { date: string("date")? },
            Some("collect") => {
                let sizes = job["sizes"].as_array().map(Vec::as_slice).unwrap_or_default();
                let files = strings(&job["names"])
                    .into_iter()
                    .zip(sizes.iter().map(|n| n.as_u64().and_then(|n| usize::try_from(n).ok())))
                    .map(|(name, size)| Ok((name, size.ok_or_else(|| bad("sizes"))?)))
                    .collect::<Result<Vec<_>, String>>()?;
                if files.len() != sizes.len() {
                    return Err(bad("sizes"));
                }
                let resolutions = strings(&job["banks"])
                    .into_iter()
                    .zip(strings(&job["picks"]))
                    .map(|(bank, file)| Resolution { bank, file })
                    .collect();
                Job::Collect { files, resolutions }
            }
            _ => return Err(bad("未知的请求")),
        };
        Ok((job, scenario, scheme))
    }

    /// Does the job: the reply and, for a file written, its bytes. `bytes` are a read job's file.
    pub fn run(&self, scheme: &Scheme, scenario: &Scenario, bytes: &[u8]) -> (Reply, Vec<u8>) {
        let imported = |update: crate::Update| {
            let preview = update.preview(scheme, scenario);
            let rest =
                if preview.rest_possible { update.apply_rest(scheme, scenario).ok().map(|(s, _)| s) } else { None };
            Reply::Imported(Box::new(Imported {
                source: update.source.clone(),
                applied: update.apply(scheme, scenario),
                preview,
                rest,
            }))
        };
        let options = |mapping: &Mapping| ReadOptions { mapping: mapping.clone() };
        let file = |written: Result<Vec<u8>, String>| match written {
            Ok(bytes) => (Reply::File, bytes),
            Err(message) => (Reply::Failed(message), Vec::new()),
        };
        match self {
            Job::Read { file_name, mapping } => {
                (imported(crate::read_file_with(bytes, file_name, scheme, &options(mapping))), Vec::new())
            }
            Job::Paste { text, target, mapping } => {
                (imported(paste::paste_with(text, scheme, target, &options(mapping))), Vec::new())
            }
            Job::Refused { source, problems } => (Reply::File, crate::refused_csv(source, problems).into_bytes()),
            Job::Workbook { bank, about } => file(export::workbook(scheme, scenario, bank, about)),
            Job::Template { about } => file(export::template(scheme, scenario, about)),
            Job::Csv => (Reply::File, export::city_csv(scheme, scenario).into_bytes()),
            Job::Scheme { file_name } => {
                (Reply::Scheme(Box::new(SchemeFile::read(file_name.clone(), bytes, scheme))), Vec::new())
            }
            Job::Link { bank } => (Reply::Link(crate::link::share_fragment_at(scenario, bank)), Vec::new()),
            Job::Form { bank, about } => file(crate::form::write(scheme, scenario, bank, about)),
            Job::Notice { date } => match kaoping_engine::Date::parse(date) {
                Ok(date) => (Reply::Notice(notice_parts(scheme, scenario, date)), Vec::new()),
                Err(problem) => (Reply::Failed(format!("日期“{date}”{}", problem.zh())), Vec::new()),
            },
            Job::Collect { files, resolutions } => {
                let (preview, applied, rest) = crate::gather::gather(scheme, scenario, files, resolutions, bytes);
                let source = format!("汇总的 {} 个文件", files.len());
                (Reply::Imported(Box::new(Imported { source, preview, applied, rest })), Vec::new())
            }
        }
    }
}

/// 通报 in the module: the engine's 名单 (`kaoping_engine::notice`) as parts in the notice's order, and
/// its text.
fn notice_parts(scheme: &Scheme, scenario: &Scenario, date: kaoping_engine::Date) -> Vec<(String, String)> {
    let evaluation = kaoping_engine::evaluate(scheme, scenario);
    let list = kaoping_engine::notice(scheme, scenario, &evaluation, date);
    let mut parts = Vec::new();
    let mut part = |role: &str, text: String| parts.push((role.to_owned(), text));
    if list.provisional {
        part("mark", format!("【{}】", kaoping_engine::PROVISIONAL_MARK));
    }
    part("title", list.title.clone());
    part("basis", list.scheme.basis());
    for section in &list.sections {
        part("heading", section.heading.clone());
        part("names", section.names_text());
    }
    if !list.funds.is_empty() {
        part("heading", kaoping_engine::FUNDS_HEADING.to_owned());
    }
    for fund in &list.funds {
        part("fund", fund.text());
    }
    if !list.notes.is_empty() {
        part("heading", "说明".to_owned());
    }
    for (i, note) in list.notes.iter().enumerate() {
        part("note", format!("{}. {note}。", i + 1));
    }
    part("date", list.date.zh());
    if !scenario.verified.is_empty() {
        verification_parts(scheme, scenario, &mut part);
    }
    // Last, as the page copies it.
    part("text", list.text());
    parts
}

/// 核实's figures and ranking as declared against as verified, after the 名单's date, each a line to
/// show (the page neither prints nor copies them): `checked`, saying what follows; a `verified` part
/// per verified figure (`工商银行 贷款余额（2024年末）：申报 … → 核实 …（reason）`); `moved`, the banks whose rank or band moved (`核实后：工商银行 4→3（…）`), then a `ranking` part per
/// bank in annex order (`工商银行：申报 85.20 分，第4名，贡献积极单位 → 核实 …`), marked `*` where its
/// rank or band moved.
fn verification_parts(scheme: &Scheme, scenario: &Scenario, part: &mut impl FnMut(&str, String)) {
    let effect = kaoping_engine::verification_effect(scheme, scenario);
    let name = |i: usize| scheme.banks.get(i).map_or("", |b| b.short_name.as_str());
    part("checked", "核实：计分用核实数（以下不属于名单，不打印、不复制）".to_owned());
    for figure in &effect.figures {
        part("verified", format!("{} {}", scheme.bank_index(&figure.bank).map_or("", name), figure.zh()));
    }
    part("moved", effect.moved_zh());
    let standing = |b: &kaoping_engine::BankResult| match (b.total, b.rank) {
        (Some(total), Some(rank)) => {
            format!("{} 分，第{rank}名，{}", kaoping_engine::format_fixed2(total), b.band.label())
        }
        _ => b.band.label().to_owned(),
    };
    for (before, after) in effect.comparison.before.banks.iter().zip(&effect.comparison.after.banks) {
        let moved = if effect.moved.iter().any(|m| m.bank == before.id) { "* " } else { "" };
        part("ranking", format!("{moved}{}：申报 {} → 核实 {}", name(before.index), standing(before), standing(after)));
    }
}

/// The worker's whole task: a message's text and bytes in, the reply's text and bytes out. A
/// message that cannot be read is answered with [`Reply::Failed`]; nothing panics.
pub fn run_message(text: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let (reply, out) = match Job::parse(text) {
        Ok((job, scenario, Some(scheme))) => job.run(&scheme, &scenario, bytes),
        Ok((job, scenario, None)) => match Scheme::builtin(scenario.year) {
            Ok(scheme) => job.run(scheme, &scenario, bytes),
            Err(e) => (Reply::Failed(e.zh()), Vec::new()),
        },
        Err(message) => (Reply::Failed(message), Vec::new()),
    };
    (reply.message(), out)
}

impl Reply {
    /// The reply as the message's text.
    pub fn message(&self) -> String {
        let problems = |list: &[Problem]| problem_list(list);
        match self {
            Reply::Imported(imported) => {
                let Imported { source, preview, applied, rest } = imported.as_ref();
                let changes = preview
                    .changes
                    .iter()
                    .map(|c| json!({ "place": c.place, "bank": c.bank, "what": c.what, "before": c.before, "after": c.after }))
                    .collect::<Vec<_>>();
                let applied = match applied {
                    Ok(scenario) => json!({ "scenario": scenario.to_json() }),
                    Err(list) => json!({ "problems": problems(list) }),
                };
                let unplaced = preview
                    .unplaced
                    .iter()
                    .map(|u| json!({ "heading": u.heading, "place": u.place }))
                    .collect::<Vec<_>>();
                json!({
                    "reply": "imported",
                    "source": source,
                    "changes": changes,
                    "problems": problems(&preview.problems),
                    "notes": problems(&preview.notes),
                    "unplaced": unplaced,
                    "banks": preview.banks,
                    "rest_possible": preview.rest_possible,
                    "conflicts": preview.conflicts,
                    "choices": preview.choices.iter().map(|c| json!({
                        "bank": c.resolution.bank, "file": c.resolution.file, "label": c.label,
                    })).collect::<Vec<_>>(),
                    "applied": applied,
                    "rest": rest.as_ref().map(Scenario::to_json),
                })
            }
            Reply::Scheme(file) => json!({ "reply": "scheme", "file": file.to_value() }),
            Reply::File => json!({ "reply": "file" }),
            Reply::Link(fragment) => json!({ "reply": "link", "fragment": fragment }),
            Reply::Notice(parts) => json!({
                "reply": "notice",
                "roles": parts.iter().map(|(role, _)| role).collect::<Vec<_>>(),
                "texts": parts.iter().map(|(_, text)| text).collect::<Vec<_>>(),
            }),
            Reply::Failed(message) => json!({ "reply": "failed", "message": message }),
        }
        .to_string()
    }

    /// Reads a reply's text back; a reply that cannot be read is [`Reply::Failed`].
    pub fn from_message(text: &str) -> Reply {
        Reply::from_message_under(text, None)
    }

    /// Reads a reply's text back, its scenarios under `scheme` (a scheme file adopted in the page;
    /// `None`: the built-in scheme of each scenario's year).
    pub fn from_message_under(text: &str, scheme: Option<&Scheme>) -> Reply {
        let read = |text: &str| match scheme {
            Some(scheme) => Scenario::from_json_under(text, scheme),
            None => Scenario::from_json(text),
        };
        let failed = || Reply::Failed("表格模块的答复无法读取，请刷新页面后重试".to_owned());
        let Ok(value) = serde_json::from_str::<Value>(text) else { return failed() };
        let problems = problems_from;
        match str_of(&value, "reply") {
            Some("imported") => {
                let changes = value["changes"]
                    .as_array()
                    .map(|items| {
                        items
                            .iter()
                            .map(|c| Change {
                                place: str_of(c, "place").unwrap_or_default().to_owned(),
                                bank: str_of(c, "bank").map(str::to_owned),
                                what: str_of(c, "what").unwrap_or_default().to_owned(),
                                before: str_of(c, "before").unwrap_or_default().to_owned(),
                                after: str_of(c, "after").unwrap_or_default().to_owned(),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let applied = match str_of(&value["applied"], "scenario") {
                    Some(text) => match read(text) {
                        Ok(scenario) => Ok(scenario),
                        Err(_) => return failed(),
                    },
                    None => Err(problems(&value["applied"]["problems"])),
                };
                let banks = value["banks"].as_u64().and_then(|n| usize::try_from(n).ok()).unwrap_or_default();
                let rest = match str_of(&value, "rest") {
                    Some(text) => match read(text) {
                        Ok(scenario) => Some(scenario),
                        Err(_) => return failed(),
                    },
                    None => None,
                };
                let unplaced = value["unplaced"]
                    .as_array()
                    .map(|items| {
                        items
                            .iter()
                            .map(|u| Unplaced {
                                heading: str_of(u, "heading").unwrap_or_default().to_owned(),
                                place: str_of(u, "place").unwrap_or_default().to_owned(),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                Reply::Imported(Box::new(Imported {
                    source: str_of(&value, "source").unwrap_or_default().to_owned(),
                    preview: Preview {
                        changes,
                        problems: problems(&value["problems"]),
                        banks,
                        notes: problems(&value["notes"]),
                        unplaced,
                        rest_possible: value["rest_possible"].as_bool().unwrap_or(false),
                        conflicts: value["conflicts"].as_u64().and_then(|n| usize::try_from(n).ok()).unwrap_or(0),
                        choices: value["choices"]
                            .as_array()
                            .map(|items| {
                                items
                                    .iter()
                                    .map(|c| crate::Choice {
                                        resolution: Resolution {
                                            bank: str_of(c, "bank").unwrap_or_default().to_owned(),
                                            file: str_of(c, "file").unwrap_or_default().to_owned(),
                                        },
                                        label: str_of(c, "label").unwrap_or_default().to_owned(),
                                    })
                                    .collect()
                            })
                            .unwrap_or_default(),
                    },
                    applied,
                    rest,
                }))
            }
            Some("file") => Reply::File,
            Some("notice") => {
                Reply::Notice(strings(&value["roles"]).into_iter().zip(strings(&value["texts"])).collect())
            }
            Some("link") => match str_of(&value, "fragment") {
                Some(fragment) => Reply::Link(fragment.to_owned()),
                None => failed(),
            },
            Some("scheme") => Reply::Scheme(Box::new(SchemeFile::from_value(&value["file"]))),
            Some("failed") => Reply::Failed(str_of(&value, "message").unwrap_or_default().to_owned()),
            _ => failed(),
        }
    }
}

fn problem_list(list: &[Problem]) -> Vec<Value> {
    list.iter().map(|p| json!({ "place": p.place, "message": p.message })).collect()
}

fn problems_from(list: &Value) -> Vec<Problem> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .map(|p| Problem::at(str_of(p, "place").unwrap_or_default(), str_of(p, "message").unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default()
}

fn str_of<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| items.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme() -> &'static Scheme {
        Scheme::builtin(2024).expect("the built-in scheme")
    }

    fn scenario() -> Scenario {
        let mut scenario = Scenario::new(2024);
        scenario.name = Some("方案B".to_owned());
        scenario.note = Some("备注".to_owned());
        scenario
    }

    /// What the page gets through the worker equals what calling this crate directly gives.
    fn through_the_wire(job: &Job, bytes: &[u8]) -> (Reply, Vec<u8>) {
        let (text, out) = run_message(&job.message(&scenario()), bytes);
        (Reply::from_message(&text), out)
    }

    const SCHEME_2025: &str = include_str!("../../../tests/schemes/2025-synthetic.scheme.json");

    /// A scheme file read in the worker comes back as the page would read it: the preview against the
    /// scheme in force, or the refusal with its place.
    #[test]
    fn a_scheme_file_is_read_and_compared_through_the_wire() {
        let (reply, _) = through_the_wire(&Job::Scheme { file_name: "2025.json".to_owned() }, SCHEME_2025.as_bytes());
        let Reply::Scheme(file) = reply else { panic!("a scheme reply") };
        let direct = SchemeFile::read("2025.json".to_owned(), SCHEME_2025.as_bytes(), scheme());
        assert_eq!(*file, direct);
        let preview = direct.read.expect("the 2025 test scheme is good");
        assert_eq!(preview.summary.banks.len(), 15);
        assert!(!preview.differences.is_empty() && !preview.in_force);
        let (reply, _) = through_the_wire(&Job::Scheme { file_name: "x.json".to_owned() }, b"{\"format\": 1}");
        assert!(matches!(reply, Reply::Scheme(file) if file.read.is_err()));
    }

    /// Under a scheme file adopted in the page, jobs carry it and the worker scores under it.
    #[test]
    fn jobs_under_an_adopted_scheme_are_done_under_it() {
        let adopted = Scheme::from_json(SCHEME_2025).expect("good");
        let mut scenario = Scenario::new(2025);
        scenario.mark_scheme(&adopted);
        let text = Job::Csv.message_under(&scenario, Some(SCHEME_2025));
        let (reply, bytes) = run_message(&text, &[]);
        assert_eq!(Reply::from_message_under(&reply, Some(&adopted)), Reply::File);
        assert_eq!(bytes, export::city_csv(&adopted, &scenario).into_bytes());
        // Without the scheme the worker has no 2025 scheme to score under: told, not panicked.
        let (reply, _) = run_message(&Job::Csv.message(&scenario), &[]);
        assert!(matches!(Reply::from_message(&reply), Reply::Failed(_)));
    }

    #[test]
    fn every_job_survives_the_wire() {
        let about = About { date: "2024-12-31".to_owned(), version: "0.1.0".to_owned() };
        let target = Target { columns: vec![Field::Loans, Field::SmeLoans], banks: vec!["icbc".to_owned()] };
        let mapping =
            vec![("各项贷款（万元）".to_owned(), MapTo::Figure(Field::Loans)), ("附注".to_owned(), MapTo::Ignore)];
        for job in [
            Job::Read { file_name: "填报.csv".to_owned(), mapping: mapping.clone() },
            Job::Read { file_name: "填报.csv".to_owned(), mapping: Vec::new() },
            Job::Paste { text: "1\t2".to_owned(), target, mapping },
            Job::Refused {
                source: "填报.csv".to_owned(),
                problems: vec![Problem::at("填报!B3", "有误"), Problem::file("整个文件")],
            },
            Job::Workbook { bank: "icbc".to_owned(), about: about.clone() },
            Job::Template { about },
            Job::Csv,
            Job::Link { bank: "icbc".to_owned() },
        ] {
            assert_eq!(Job::from_message(&job.message(&scenario())), Ok((job.clone(), scenario())), "{job:?}");
        }
    }

    #[test]
    fn an_import_through_the_wire_is_the_direct_import() {
        let csv = "银行,贷款余额（亿元）\r\n工商银行,2345.67\r\n农业银行,12x\r\n";
        let direct = crate::read_file(csv.as_bytes(), "填报.csv", scheme());
        let (reply, _) =
            through_the_wire(&Job::Read { file_name: "填报.csv".to_owned(), mapping: Vec::new() }, csv.as_bytes());
        let Reply::Imported(imported) = reply else { panic!("an import: {reply:?}") };
        assert_eq!(imported.preview, direct.preview(scheme(), &scenario()));
        assert_eq!(imported.applied, direct.apply(scheme(), &scenario()));
        assert!(imported.applied.is_err(), "a refused cell: nothing is applied");

        let good = "银行,贷款余额（亿元）\r\n工商银行,2345.67\r\n";
        let (reply, _) =
            through_the_wire(&Job::Read { file_name: "填报.csv".to_owned(), mapping: Vec::new() }, good.as_bytes());
        let Reply::Imported(imported) = reply else { panic!("an import: {reply:?}") };
        let expected = crate::read_file(good.as_bytes(), "填报.csv", scheme()).apply(scheme(), &scenario());
        assert_eq!(imported.applied, expected);
        assert!(imported.applied.is_ok());
        assert_eq!(imported.preview.changes.len(), 1);
    }

    #[test]
    fn files_written_through_the_wire_are_the_direct_ones() {
        let about = About { date: "2024-12-31".to_owned(), version: "0.1.0".to_owned() };
        let (reply, bytes) = through_the_wire(&Job::Template { about: about.clone() }, &[]);
        assert_eq!(reply, Reply::File);
        assert_eq!(Ok(bytes), export::template(scheme(), &scenario(), &about));
        let (_, bytes) = through_the_wire(&Job::Csv, &[]);
        assert_eq!(bytes, export::city_csv(scheme(), &scenario()).into_bytes());
    }

    /// The link the worker writes is the one this crate writes, and opens the scenario sent, on its
    /// bank; under an adopted scheme file too.
    #[test]
    fn a_share_link_through_the_wire_is_the_direct_one() {
        let (reply, bytes) = through_the_wire(&Job::Link { bank: "icbc".to_owned() }, &[]);
        assert_eq!(reply, Reply::Link(crate::link::share_fragment_at(&scenario(), "icbc")));
        assert!(bytes.is_empty());
        let Reply::Link(fragment) = reply else { unreachable!() };
        assert_eq!(
            crate::link::salvage_fragment(&fragment).map(|(s, dropped)| (s, dropped.len())),
            Ok((scenario(), 0))
        );
        assert_eq!(crate::link::bank(&fragment).as_deref(), Some("icbc"));

        let adopted = Scheme::from_json(SCHEME_2025).expect("good");
        let mut scenario = Scenario::new(2025);
        scenario.mark_scheme(&adopted);
        let text = Job::Link { bank: "icbc".to_owned() }.message_under(&scenario, Some(SCHEME_2025));
        let Reply::Link(fragment) = Reply::from_message_under(&run_message(&text, &[]).0, Some(&adopted)) else {
            panic!("a link")
        };
        let (linked, dropped) = crate::link::salvage_fragment_under(&fragment, &adopted).expect("opens");
        assert_eq!((linked, dropped.len()), (scenario, 0));
        assert!(matches!(Reply::from_message(r#"{"reply": "link"}"#), Reply::Failed(_)), "a link reply without one");
    }

    #[test]
    fn a_form_through_the_wire_is_the_direct_one() {
        let about = About { date: "2024-12-31".to_owned(), version: "0.1.0".to_owned() };
        let job = Job::Form { bank: "icbc".to_owned(), about: about.clone() };
        assert_eq!(Job::from_message(&job.message(&scenario())), Ok((job.clone(), scenario())));
        let (reply, bytes) = through_the_wire(&job, &[]);
        assert_eq!(reply, Reply::File);
        assert_eq!(Ok(bytes.clone()), crate::form::write(scheme(), &scenario(), "icbc", &about));
        // It reads back as 工商银行's declaration.
        let declared = crate::declaration::read(&bytes, "申报表-工商银行.xlsx", scheme()).expect("a form");
        assert_eq!(declared.names.as_deref(), Some("icbc"));
        let (reply, _) = through_the_wire(&Job::Form { bank: "nobank".to_owned(), about }, &[]);
        assert!(matches!(reply, Reply::Failed(m) if m.contains("nobank")));
    }

    fn files(list: &[(&str, &str)]) -> (Vec<(String, usize)>, Vec<u8>) {
        let mut bytes = Vec::new();
        let mut files = Vec::new();
        for (name, text) in list {
            bytes.extend_from_slice(text.as_bytes());
            files.push(((*name).to_owned(), text.len()));
        }
        (files, bytes)
    }

    fn gathered(list: &[(&str, &str)], resolutions: Vec<Resolution>) -> Imported {
        let (files, bytes) = files(list);
        let job = Job::Collect { files, resolutions };
        assert_eq!(Job::from_message(&job.message(&scenario())), Ok((job.clone(), scenario())));
        match through_the_wire(&job, &bytes).0 {
            Reply::Imported(imported) => *imported,
            other => panic!("an import: {other:?}"),
        }
    }

    const ICBC: &str = "银行,贷款余额（亿元）\r\n工商银行,300\r\n";
    const ICBC_AGAIN: &str = "银行,贷款余额（亿元）\r\n工商银行,305\r\n";
    const ABC: &str = "银行,贷款余额（亿元）\r\n农业银行,380\r\n";

    /// 汇总 through the wire: per bank received (from which file) or not, what changes; applied with
    /// each bank's source.
    #[test]
    fn declarations_gathered_through_the_wire_come_back_as_an_import() {
        let found = gathered(&[("a.csv", ICBC), ("c.csv", ABC)], Vec::new());
        assert_eq!(found.source, "汇总的 2 个文件");
        assert!(found.preview.problems.is_empty(), "{:?}", found.preview.problems);
        assert_eq!(found.preview.banks, 2);
        let changes: Vec<(&str, Option<&str>, &str)> =
            found.preview.changes.iter().map(|c| (c.place.as_str(), c.bank.as_deref(), c.after.as_str())).collect();
        assert_eq!(
            changes,
            [("a.csv", Some("工商银行"), "300 亿元"), ("c.csv", Some("农业银行"), "380 亿元")],
            "annex order"
        );
        let notes: Vec<String> = found.preview.notes.iter().map(ToString::to_string).collect();
        assert!(notes.iter().any(|n| n.contains("工商银行：收到 a.csv")), "{notes:?}");
        assert!(notes.last().is_some_and(|n| n.contains("未收到 14 家")), "{notes:?}");
        let scenario = found.applied.expect("nothing refused");
        assert_eq!(scenario.sources.get("icbc").map(|s| s.file.as_str()), Some("a.csv"));
        assert_eq!(found.rest, None);
    }

    /// A conflict and a file that cannot be read: refused with both file names and the figures;
    /// 导入其余 takes every other bank; a resolution settles the conflict.
    #[test]
    fn a_conflict_is_refused_with_both_files_and_settled_by_a_choice_or_left_out() {
        let bad = "银行,贷款余额（亿元）\r\n建设银行,12x\r\n";
        let found = gathered(&[("a.csv", ICBC), ("b.csv", ICBC_AGAIN), ("c.csv", ABC), ("d.csv", bad)], Vec::new());
        let problems: Vec<String> = found.preview.problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.starts_with("d.csv")), "{problems:?}");
        let conflict = problems.iter().find(|p| p.contains("a.csv / b.csv")).expect("the conflict");
        assert!(conflict.contains("300") && conflict.contains("305"), "{conflict}");
        assert!(found.applied.is_err());
        assert!(found.preview.rest_possible);
        let rest = found.rest.clone().expect("the rest");
        assert_eq!(rest.bank("abc").and_then(|b| b.loans).map(|a| a.get()), Some(380.into()));
        assert_eq!(rest.bank("icbc"), None, "the bank in conflict is left as it was");
        // One button per file that may count, through the wire as the page gets it.
        let choices: Vec<(String, String, String)> = found
            .preview
            .choices
            .iter()
            .map(|c| (c.resolution.bank.clone(), c.resolution.file.clone(), c.label.clone()))
            .collect();
        assert_eq!(
            choices,
            [
                ("icbc".to_owned(), "a.csv".to_owned(), "以“a.csv”为工商银行的申报".to_owned()),
                ("icbc".to_owned(), "b.csv".to_owned(), "以“b.csv”为工商银行的申报".to_owned()),
            ]
        );
        let wire = Reply::from_message(&Reply::Imported(Box::new(found.clone())).message());
        assert!(matches!(&wire, Reply::Imported(i) if i.preview.choices == found.preview.choices), "{wire:?}");
        assert_eq!(found.preview.conflicts, 1, "one of the problems is the conflict, the other a file unread");
        assert!(matches!(&wire, Reply::Imported(i) if i.preview.conflicts == 1), "{wire:?}");

        let chosen = vec![found.preview.choices[1].resolution.clone()];
        let found = gathered(&[("a.csv", ICBC), ("b.csv", ICBC_AGAIN), ("c.csv", ABC)], chosen);
        let scenario = found.applied.expect("settled");
        assert_eq!(scenario.bank("icbc").and_then(|b| b.loans).map(|a| a.get()), Some(305.into()));
        assert_eq!(scenario.sources.get("icbc").map(|s| s.file.as_str()), Some("b.csv"));
    }

    /// 通报 through the wire: the engine's 名单 in order, marked until 核实完成, its text for copying; a
    /// date that is no day is told.
    #[test]
    fn the_notice_comes_back_ready_to_draw() {
        let job = Job::Notice { date: "2025-01-20".to_owned() };
        assert_eq!(Job::from_message(&job.message(&scenario())), Ok((job.clone(), scenario())));
        let Reply::Notice(parts) = through_the_wire(&job, &[]).0 else { panic!("a notice") };
        let part =
            |parts: &[(String, String)], role: &str| parts.iter().find(|(r, _)| r == role).map(|(_, t)| t.clone());
        let direct = kaoping_engine::notice(
            scheme(),
            &scenario(),
            &kaoping_engine::evaluate(scheme(), &scenario()),
            kaoping_engine::Date::new(2025, 1, 20).expect("a day"),
        );
        assert_eq!(part(&parts, "text"), Some(direct.text()));
        assert_eq!(part(&parts, "mark"), Some(format!("【{}】", kaoping_engine::PROVISIONAL_MARK)));
        assert_eq!(part(&parts, "title"), Some(direct.title.clone()));
        assert_eq!(part(&parts, "date").as_deref(), Some("2025年1月20日"));
        let names: Vec<&str> = parts.iter().filter(|(r, _)| r == "names").map(|(_, t)| t.as_str()).collect();
        assert_eq!(names, direct.sections.iter().map(|s| s.names_text()).collect::<Vec<_>>());
        let mut done = scenario();
        done.verification_complete = true;
        let Reply::Notice(parts) = Reply::from_message(&run_message(&job.message(&done), &[]).0) else {
            panic!("a notice")
        };
        assert_eq!(part(&parts, "mark"), None, "核实完成: no mark");
        let (text, _) = run_message(&Job::Notice { date: "2025-02-30".to_owned() }.message(&scenario()), &[]);
        assert!(matches!(Reply::from_message(&text), Reply::Failed(m) if m.contains("2025-02-30")));
    }

    /// 核实 through the wire: with a verified figure, the notice brings the banks whose rank or band
    /// moved and the ranking as declared against as verified, each bank once, the moved ones marked;
    /// without one, neither.
    #[test]
    fn the_notice_brings_the_ranking_as_declared_and_as_verified() {
        let job = Job::Notice { date: "2025-01-20".to_owned() };
        let Reply::Notice(parts) = through_the_wire(&job, &[]).0 else { panic!("a notice") };
        assert!(!parts.iter().any(|(r, _)| r == "moved" || r == "ranking"), "nothing verified, no ranking");
        let mut verified = scenario();
        verified
            .verify(scheme(), "icbc", kaoping_engine::Field::Loans, Some(100.into()), "按人民银行金融统计口径")
            .expect("verified");
        let Reply::Notice(parts) = Reply::from_message(&run_message(&job.message(&verified), &[]).0) else {
            panic!("a notice")
        };
        let effect = kaoping_engine::verification_effect(scheme(), &verified);
        assert!(!effect.moved.is_empty(), "the example moves a rank");
        let of = |role: &str| parts.iter().filter(|(r, _)| r == role).map(|(_, t)| t.clone()).collect::<Vec<_>>();
        assert_eq!(of("moved"), [effect.moved_zh()]);
        let listed = of("verified");
        assert_eq!(listed.len(), 1);
        assert!(listed[0].starts_with("工商银行 贷款余额"), "{}", listed[0]);
        assert!(listed[0].ends_with("→ 核实 100 亿元（按人民银行金融统计口径）"), "{}", listed[0]);
        let rows = of("ranking");
        assert_eq!(rows.len(), scheme().banks.len());
        let icbc = rows.iter().find(|r| r.starts_with("* 工商银行：申报 ")).expect("icbc's row, marked as moved");
        assert!(icbc.contains(" → 核实 ") && icbc.contains("名，"), "{icbc}");
        assert_eq!(rows.iter().filter(|r| r.starts_with("* ")).count(), effect.moved.len());
        assert_eq!(parts.last().map(|(r, _)| r.as_str()), Some("text"), "the 名单's text last, as the page copies it");
    }

    #[test]
    fn a_bad_message_is_answered_not_panicked() {
        for text in ["", "{}", "not json", r#"{"scenario":"{}","do":{"job":"read"}}"#] {
            let (reply, bytes) = run_message(text, &[]);
            assert!(
                matches!(Reply::from_message(&reply), Reply::Failed(m) if m.contains("表格模块")),
                "{text}: {reply}"
            );
            assert!(bytes.is_empty());
        }
        assert!(matches!(Reply::from_message("garbage"), Reply::Failed(_)));
    }
}
