//! The reducer: every [`Action`] and the rule that follows from it, with no I/O. What needs the world
//! (storage, a download, the spreadsheet module, the clipboard) comes back as an [`Effect`] for the page
//! to run; its outcome is another action.
//!
//! The rules, by concern: editing the document (one arm for every box: [`App::edit`]); requests that
//! replace the document, held behind the unsaved-changes question ([`App::request`]); the saved
//! scenarios (the reducer decides from its mirror of the list, the page writes); files, links and the
//! import preview; what waits for typing to settle; 目标测算.

use std::rc::Rc;

use kaoping_engine::{compare_ranks, rank_changes_zh, Kind, Scenario, Setting, SettingValue};
use rust_decimal::Decimal;

use crate::action::{Action, Failed};
use crate::drafts::Draft;
use crate::effect::Effect;
use crate::field::FieldId;
use crate::format::{plain, with_unit};
use crate::read::read_back;
use crate::state::{saved_elsewhere, unique_with_stamp, App};
use crate::target::{Applied, SimulationKey, SimulationRun, TargetAction, TargetAnswers, TargetView};
use crate::view::{Answer, Clash, Level, Notice, Pending, Prompt, Question, Saved, Tab, Write};

impl App {
    /// Applies `action`; returns the next state (the same `Rc` when nothing changed, so nothing is
    /// drawn again) and what the page must do.
    pub fn reduce(self: &Rc<Self>, action: Action) -> (Rc<App>, Vec<Effect>) {
        let mut next = (**self).clone();
        let mut effects = Vec::new();
        next.apply(action, &mut effects);
        if next == **self {
            (self.clone(), effects)
        } else {
            (Rc::new(next), effects)
        }
    }

    fn apply(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let (tab, library) = (self.view.tab, self.view.library.clone());
        self.act(action, fx);
        // 对比 reads the saved scenarios when it is shown, and again when the list changes under it.
        if self.view.tab == Tab::Compare && (tab != Tab::Compare || !Rc::ptr_eq(&library, &self.view.library)) {
            fx.push(Effect::LoadAll);
        }
        // 通报 is written by the spreadsheet module when shown, and again when the document changes.
        let revision = self.document.revision;
        if self.view.tab == Tab::Notice && self.view.published.as_ref().is_none_or(|(r, _)| *r != revision) {
            Rc::make_mut(&mut self.view).published = Some((revision, None));
            fx.push(Effect::Notice { scenario: self.document.scenario.clone(), revision });
        }
    }

    fn act(&mut self, action: Action, fx: &mut Vec<Effect>) {
        match action {
            Action::Edit(id, text) => self.edit(id, text),
            Action::SetFlag(bank, field, on) => self.set_flag(&bank, field, on),
            Action::Choose(setting, value) => self.choose(setting, value),
            Action::SelectTab(tab) => {
                if tab != self.view.tab {
                    let view = Rc::make_mut(&mut self.view);
                    view.tab = tab;
                    self.settle_later();
                }
            }
            Action::SelectBank(bank) => self.select_bank(bank),
            Action::OpenBank(bank) => {
                self.select_bank(bank);
                if self.view.tab != Tab::Bank {
                    Rc::make_mut(&mut self.view).tab = Tab::Bank;
                    self.settle_later();
                }
            }
            Action::Save => {
                if self.view.prompt.is_none() {
                    self.save_now(fx);
                }
            }
            Action::SaveAs(name) => self.save_as(&name, fx),
            Action::Open(name) => fx.push(Effect::Load { name }),
            Action::Rename { from, to } => self.rename(&from, &to, fx),
            Action::Duplicate(name) => {
                let to = self.view.free_name(&format!("{name} 副本"));
                fx.push(Effect::Copy { from: name, to });
            }
            Action::Delete(name) => fx.push(Effect::Delete { name }),
            Action::Reset => self.request(Pending::Reset),
            Action::Answer(answer) => self.answer(answer, fx),
            Action::Export => {
                let base = self.document.name.as_deref().unwrap_or("考评测算");
                fx.push(Effect::Download {
                    file_name: format!("{}.json", safe_file_name(base)),
                    mime: "application/json",
                    bytes: Rc::new(self.document.scenario.to_json().into_bytes()),
                });
            }
            Action::ExportSheet(file) => fx.push(Effect::WriteSheet {
                file,
                scenario: self.document.scenario.clone(),
                bank: self.view.bank.clone(),
            }),
            Action::CopyLink => {
                Rc::make_mut(&mut self.view).link_shown = None;
                fx.push(Effect::CopyLink { scenario: self.document.scenario.clone(), bank: self.view.bank.clone() });
            }
            Action::Import { file_name, bytes } => self.import(file_name, &bytes, fx),
            Action::Collect(files) => self.collect(&files, fx),
            Action::PickDeclaration(choice) => self.pick_declaration(choice, fx),
            Action::Paste(job) => self.read_sheet(job, Rc::default(), fx),
            Action::ApplyPreview => self.apply_preview(),
            Action::ClosePreview => self.close_preview(),
            Action::MapHeading(heading, to) => self.map_heading(heading, to, fx),
            Action::ForgetHeading(heading) => self.forget_heading(heading, fx),
            Action::ApplyRest => self.apply_rest(),
            Action::DownloadRefused => self.download_refused(fx),
            Action::Undo => self.undo(),
            Action::DismissNotice => Rc::make_mut(&mut self.view).notice = None,
            Action::OpenScheme { file_name, bytes } => {
                Rc::make_mut(&mut self.view).scheme_file = None;
                fx.push(Effect::ReadScheme { file_name, bytes });
            }
            Action::SchemeRead(file) => Rc::make_mut(&mut self.view).scheme_file = Some(Rc::new(file)),
            Action::CloseScheme => Rc::make_mut(&mut self.view).scheme_file = None,
            Action::AdoptScheme => {
                let adopt = self.view.scheme_file.as_ref().and_then(|f| f.read.as_ref().ok()).filter(|p| !p.in_force);
                if let Some(preview) = adopt {
                    fx.push(Effect::AdoptScheme {
                        text: Some(Rc::from(preview.text.as_str())),
                        fingerprint: preview.summary.fingerprint.clone(),
                    });
                }
            }
            Action::RestoreBuiltinScheme => {
                if !self.in_force.builtin {
                    fx.push(Effect::AdoptScheme { text: None, fingerprint: String::new() });
                }
            }
            Action::Target(change) => self.change_target(change, fx),
            Action::CompareWith(picked) => {
                if picked != self.view.compare.picked && picked < self.view.compare.others.len() {
                    Rc::make_mut(&mut self.view).compare.picked = picked;
                    self.compare_now();
                }
            }
            Action::CompareBank(bank) => {
                if self.view.compare.bank.as_ref() != Some(&bank) && self.scheme.bank_index(&bank).is_some() {
                    Rc::make_mut(&mut self.view).compare.bank = Some(bank);
                    self.compare_now();
                }
            }
            Action::AllLoaded(saved) => {
                let compare = self.view.compare.with_saved(self.scheme, saved);
                Rc::make_mut(&mut self.view).compare = compare;
                self.compare_now();
            }
            Action::CopyNotice => {
                let text = self.view.published.as_ref().and_then(|(_, p)| p.as_ref()?.as_ref().ok()?.last().cloned());
                if let Some((_, text)) = text {
                    fx.push(Effect::CopyText(text));
                }
            }
            Action::SetVerificationComplete(done) => {
                let mut scenario = (*self.document.scenario).clone();
                scenario.verification_complete = done;
                self.change_scenario(scenario);
            }
            Action::Verify { bank, field, value, reason } => self.verify(&bank, field, &value, &reason),
            Action::Unverify(bank, field) => {
                let mut scenario = (*self.document.scenario).clone();
                if scenario.unverify(&bank, field) {
                    Rc::make_mut(&mut self.drafts).forget(&FieldId::Bank(bank.clone(), field));
                    self.change_scenario(scenario);
                    self.tell(Notice::info(format!(
                        "已撤销核实：{}的{}恢复为申报数。",
                        self.bank_name(&bank),
                        field.label()
                    )));
                } else {
                    // Nothing to take back: said, so that the button is not thought to have failed.
                    self.tell(Notice::warning(format!(
                        "{}的{}没有核实数，无需撤销核实。请先在上方选定已核实的银行和数据项。",
                        self.bank_name(&bank),
                        field.label()
                    )));
                }
            }
            Action::Published(revision, parts) => {
                if let Some((r, shown)) = Rc::make_mut(&mut self.view).published.as_mut() {
                    if *r == revision {
                        *shown = Some(parts.map(Rc::new));
                    }
                }
            }
            Action::ApplyAnswer => self.apply_answer(),
            Action::UndoAnswer => self.undo_answer(),

            Action::Loaded { name, stamp, result } => match result {
                Ok((scenario, dropped)) => self.request(Pending::Open { name, scenario, stamp, dropped }),
                Err(message) => self.tell(Notice::error(message)),
            },
            Action::Saved { name, stamp, library } => self.saved(name, stamp, library, fx),
            Action::WriteFailed(failed, reason) => self.write_failed(&failed, &reason),
            Action::Renamed { from, to, library } => self.renamed(from, to, library),
            Action::Copied { copy, library } => {
                self.set_library(library);
                self.tell(Notice::info(format!("已复制为“{copy}”。")));
            }
            Action::Deleted { name, library } => self.deleted(name, library),
            Action::LibraryChanged { library, resaved } => self.library_changed(library, resaved),
            Action::LinkOpened(Ok((scenario, bank, dropped))) => {
                self.request(Pending::Link { scenario, bank, dropped });
            }
            Action::LinkOpened(Err(message)) => {
                self.tell(Notice::error(format!("无法打开分享链接：{message}。当前测算未作任何改变。")));
            }
            Action::Previewed(sheet) => self.previewed(sheet, fx),
            Action::SheetFailed(read, message) => self.sheet_failed(read, &message),
            Action::HeadingsRemembered(list) => self.headings_remembered(list),
            Action::Told(notice) => self.tell(notice),
            Action::LinkNotCopied(url) => Rc::make_mut(&mut self.view).link_shown = Some(url),
            Action::StashFailed(reason) => {
                if self.view.stash_error.as_deref() != Some(reason.as_str()) {
                    let view = Rc::make_mut(&mut self.view);
                    view.notice = Some(Notice::error(format!(
                        "未能把修改暂存在本浏览器：{reason}。数字仍在本页面上，但关闭或刷新页面就会丢失；请先“导出文件”，或删除不用的已保存测算后再试。"
                    )));
                    view.stash_error = Some(reason);
                }
            }
            Action::Stashed => {
                if self.view.stash_error.is_some() {
                    Rc::make_mut(&mut self.view).stash_error = None;
                }
            }
            Action::Settle(due) => {
                if due == self.settle_due {
                    self.settle(fx);
                }
            }
            Action::Simulated(key, summary) => {
                if let Some(run) = self.target.simulation.as_ref().filter(|r| r.key == key) {
                    let run = SimulationRun { summary: Some(summary), ..(**run).clone() };
                    Rc::make_mut(&mut self.target).simulation = Some(Rc::new(run));
                }
            }
        }
    }

    // ---- editing the document ----

    /// Every box: the text is read by the engine's reader for the figure; read, it enters the
    /// scenario; refused, the box keeps it with the reader's message and the last good value counts.
    fn edit(&mut self, id: FieldId, text: String) {
        if !id.exists(self.scheme) {
            return;
        }
        let mut scenario = (*self.document.scenario).clone();
        let reading = id.enter(self.scheme, &mut scenario, &text);
        let ok = reading.is_ok();
        Rc::make_mut(&mut self.drafts).set(id, Draft { text, error: reading.err() });
        if ok {
            self.change_scenario(scenario);
        }
    }

    fn set_flag(&mut self, bank: &str, field: kaoping_engine::Field, on: bool) {
        if field.kind() != Kind::Flag || self.scheme.bank_index(bank).is_none() {
            return;
        }
        let mut scenario = (*self.document.scenario).clone();
        if scenario.needs_verifying(bank, field, on.then_some(Decimal::ONE)) {
            return self.tell(Notice::error(crate::field::VERIFIED.to_owned()));
        }
        if field.set(scenario.bank_mut(bank), on.then_some(Decimal::ONE)).is_ok() {
            self.change_scenario(scenario);
        }
    }

    /// 核实: the verified value is read as the figure's box reads it, then `Scenario::verify` keeps the
    /// declared value and the reason beside it; a refusal changes nothing and says why. The figure's
    /// box on 本行测算 shows the verified value.
    fn verify(&mut self, bank: &str, field: kaoping_engine::Field, text: &str, reason: &str) {
        let mut read = kaoping_engine::BankInput::new(bank);
        let value = match field.enter(&mut read, text) {
            Ok(()) => field.get(&read),
            Err(message) => return self.tell(Notice::error(format!("未核实：{}{message}", field.label()))),
        };
        let mut scenario = (*self.document.scenario).clone();
        match scenario.verify(self.scheme, bank, field, value, reason) {
            Ok(()) => {
                let kept = scenario.verification(bank, field).is_some();
                Rc::make_mut(&mut self.drafts).forget(&FieldId::Bank(bank.to_owned(), field));
                self.change_scenario(scenario);
                let name = self.bank_name(bank);
                self.tell(Notice::info(if kept {
                    format!("已核实{name}的{}：计分用核实数，申报数和核实说明一并保留。", field.label())
                } else {
                    format!("{name}的{}核实数与申报数相同，不再记为核实。", field.label())
                }));
            }
            Err(problem) => self.tell(Notice::error(format!("未核实：{}", problem.zh()))),
        }
    }

    /// A reading of the text switched (through the settings table, which refuses what it does not
    /// hold); the engine says which ranks the switch moved.
    fn choose(&mut self, setting: Setting, value: &'static str) {
        let mut scenario = (*self.document.scenario).clone();
        if setting.set(&mut scenario, SettingValue::Choice(value)).is_err() {
            return;
        }
        let before = self.derived.evaluation.clone();
        self.change_scenario(scenario);
        let moved = rank_changes_zh(&compare_ranks(self.scheme, &before, &self.derived.evaluation));
        Rc::make_mut(&mut self.view).rank_shift = Some((setting, moved));
    }

    /// An edit of the working copy: the name stays, what follows from it is worked out again.
    fn change_scenario(&mut self, scenario: Scenario) {
        if Rc::make_mut(&mut self.document).edit(self.scheme, scenario) {
            self.document_changed();
        }
    }

    /// A whole scenario replaced the working copy (or went back to an earlier one): the drafts go.
    fn replace_scenario(&mut self, scenario: Scenario) {
        Rc::make_mut(&mut self.document).replace(self.scheme, scenario);
        self.document_changed();
    }

    /// The scenario changed: what follows from it is worked out again. When a whole scenario replaced
    /// it (a new generation), the boxes' drafts and 目标测算's 撤销 no longer apply and go.
    fn document_changed(&mut self) {
        let document = &self.document;
        self.derived = Rc::new(self.derived.next(self.scheme, &document.scenario, document.revision));
        if document.generation != self.drafts_generation {
            self.drafts_generation = document.generation;
            if !self.drafts.is_empty() {
                Rc::make_mut(&mut self.drafts).clear();
            }
            if self.target.applied.is_some() {
                Rc::make_mut(&mut self.target).applied = None;
            }
        }
        self.settle_later();
    }

    fn select_bank(&mut self, bank: String) {
        if bank != self.view.bank && self.scheme.bank_index(&bank).is_some() {
            Rc::make_mut(&mut self.view).bank = bank;
            self.settle_later();
        }
    }

    fn settle_later(&mut self) {
        self.settle_due = self.settle_due.wrapping_add(1);
    }

    // ---- requests that replace the working copy ----

    /// A request that replaces the working copy: done at once when nothing unsaved would be lost, else
    /// held while the user is asked.
    pub(crate) fn request(&mut self, pending: Pending) {
        if self.view.prompt.is_some() {
            // One question at a time; the dialog is modal, so only a late file read gets here.
            self.tell(Notice::error(format!("请先回答对话框中的问题，再{}。", pending.describe())));
            return;
        }
        if self.document.modified {
            Rc::make_mut(&mut self.view).prompt = Some(Prompt { question: Question::Unsaved, then: Some(pending) });
        } else {
            let (told, undo) = self.go(pending);
            self.tell(Notice { undo, ..told });
        }
    }

    /// Carries out a request; returns what to tell and, for an applied import, what 撤销 brings back.
    fn go(&mut self, pending: Pending) -> (Notice, Option<Rc<Scenario>>) {
        let not_yet_saved = "它还没有保存在本浏览器中：点“保存”给它起个名称。";
        match pending {
            Pending::Open { name, scenario, stamp, dropped } => {
                // Deleted while the question was open (here, or in another tab): its figures open unnamed,
                // as nothing is saved under the name any more.
                let gone = !self.view.library.iter().any(|s| s.name == name);
                Rc::make_mut(&mut self.document).open(self.scheme, name.clone(), stamp, scenario);
                if gone {
                    Rc::make_mut(&mut self.document).unname(self.scheme);
                }
                self.document_changed();
                let gone = if gone { "（它已被删除，现为未命名测算）" } else { "" };
                (with_dropped(format!("已打开“{name}”{gone}。"), &dropped), None)
            }
            Pending::Import { scenario, file_name, dropped } => {
                Rc::make_mut(&mut self.document).unname(self.scheme);
                self.replace_scenario(scenario);
                let text = if self.document.modified {
                    format!("已导入“{file_name}”。{not_yet_saved}")
                } else {
                    format!("已导入“{file_name}”（与基准情景相同）。")
                };
                (with_dropped(text, &dropped), None)
            }
            Pending::Reset => {
                Rc::make_mut(&mut self.document).unname(self.scheme);
                self.replace_scenario(self.scheme.baseline());
                (Notice::info("已重置为基准情景：各行均按任务完成。"), None)
            }
            Pending::Link { scenario, bank, dropped } => {
                let text = match scenario.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                    Some(name) => format!("已打开分享链接中的测算“{name}”。{not_yet_saved}"),
                    None => format!("已打开分享链接中的测算。{not_yet_saved}"),
                };
                Rc::make_mut(&mut self.document).unname(self.scheme);
                self.replace_scenario(scenario);
                if let Some(bank) = bank {
                    self.select_bank(bank);
                    if self.view.tab != Tab::Bank {
                        Rc::make_mut(&mut self.view).tab = Tab::Bank;
                    }
                }
                (with_dropped(text, &dropped), None)
            }
            Pending::Apply { scenario, changes, source, refused } => {
                // An edit, not a new document: the name stays, the old figures can come back.
                let previous = self.document.scenario.clone();
                self.replace_scenario(scenario);
                if refused.is_empty() {
                    return (Notice::info(format!("已导入 {changes} 项修改（来自“{source}”）。")), Some(previous));
                }
                let text = format!(
                    "已导入其余 {changes} 项修改（来自“{source}”）；{} 处无法读取，未导入，相应数据保持原样。",
                    refused.len()
                );
                let refused = Some(Rc::new(crate::view::Refused { source, problems: refused }));
                (Notice { refused, ..Notice::warning(text) }, Some(previous))
            }
        }
    }

    fn answer(&mut self, answer: Answer, fx: &mut Vec<Effect>) {
        let Some(prompt) = self.view.prompt.clone() else { return };
        match (answer, prompt.question) {
            (Answer::Cancel, _) => Rc::make_mut(&mut self.view).prompt = None,
            (Answer::Discard, Question::Unsaved) => {
                Rc::make_mut(&mut self.view).prompt = None;
                match prompt.then {
                    Some(pending @ Pending::Apply { .. }) => {
                        // The values were read over the unsaved changes, so they stay under them.
                        let (told, undo) = self.go(pending);
                        self.tell(Notice { undo, ..told });
                    }
                    Some(pending) => {
                        let (told, undo) = self.go(pending);
                        self.tell(Notice {
                            undo, text: format!("未保存的修改已放弃。{}", told.text), ..told
                        });
                    }
                    None => {}
                }
            }
            (Answer::Save, Question::Unsaved) => self.save_now(fx),
            (Answer::SaveAs, _) => self.ask(Question::Name),
            (Answer::Name(name), Question::Name) => self.save_as(&name, fx),
            (Answer::Overwrite, Question::Overwrite { write: Write::Save { name }, .. }) => {
                fx.push(Effect::Save { name, scenario: self.document.scenario.clone() });
            }
            (Answer::Overwrite, Question::Overwrite { write: Write::Rename { from, to }, .. }) => {
                fx.push(Effect::Rename { from, to });
            }
            // An answer that does not fit the question (a stale click) changes nothing.
            _ => {}
        }
    }

    /// Asks something; a request already held stays held.
    fn ask(&mut self, question: Question) {
        let view = Rc::make_mut(&mut self.view);
        let then = view.prompt.take().and_then(|p| p.then);
        view.prompt = Some(Prompt { question, then });
    }

    pub(crate) fn tell(&mut self, notice: Notice) {
        Rc::make_mut(&mut self.view).notice = Some(notice);
    }

    // ---- the saved scenarios ----

    fn save_now(&mut self, fx: &mut Vec<Effect>) {
        match self.document.name.clone() {
            Some(name) => self.save_under(name, fx),
            None => self.ask(Question::Name),
        }
    }

    fn save_as(&mut self, name: &str, fx: &mut Vec<Effect>) {
        let name = name.trim();
        if name.is_empty() {
            self.ask(Question::Name);
        } else {
            self.save_under(name.to_owned(), fx);
        }
    }

    /// Saves under `name`, asking first when that replaces another saved scenario, or a version of
    /// this one that another tab saved since this tab opened it.
    fn save_under(&mut self, name: String, fx: &mut Vec<Effect>) {
        let current = self.document.name.as_deref() == Some(name.as_str());
        let clash = if !self.view.is_saved(&name) {
            None
        } else if !current {
            Some(Clash::Exists)
        } else if self.view.stamp(&name) != self.document.base.as_deref() {
            Some(Clash::ChangedElsewhere)
        } else {
            None
        };
        match clash {
            Some(clash) => self.ask(Question::Overwrite { write: Write::Save { name }, clash }),
            None => fx.push(Effect::Save { name, scenario: self.document.scenario.clone() }),
        }
    }

    fn saved(&mut self, name: String, stamp: String, library: Vec<Saved>, _fx: &mut Vec<Effect>) {
        self.set_library(library);
        Rc::make_mut(&mut self.document).saved(name.clone(), stamp);
        // A box whose text was refused is saved with the figure that counts, not with its text: said,
        // so that nobody takes the text on screen for what was saved.
        let refused = self.refused_labels();
        let told = if refused.is_empty() {
            format!("已保存“{name}”。")
        } else {
            format!(
                "已保存“{name}”，但 {} 个输入框内容无效，保存的是其上一个有效值：{}。",
                refused.len(),
                refused.join("、")
            )
        };
        match Rc::make_mut(&mut self.view).prompt.take().and_then(|p| p.then) {
            Some(pending) => {
                let (then, undo) = self.go(pending);
                // As serious as its more serious half.
                let level = if refused.is_empty() || then.level != Level::Info { then.level } else { Level::Warning };
                self.tell(Notice { undo, level, text: format!("{told}{}", then.text), ..then });
            }
            None if refused.is_empty() => self.tell(Notice::info(told)),
            None => self.tell(Notice::warning(told)),
        }
    }

    fn write_failed(&mut self, failed: &Failed, reason: &str) {
        // Whatever was waiting for the write does not go ahead: the typed work stays.
        Rc::make_mut(&mut self.view).prompt = None;
        self.tell(Notice::error(match failed {
            Failed::Save(name) => format!(
                "未能保存“{name}”：{reason}。页面上的数字没有变化；请先“导出文件”，或删除不用的已保存测算后再试。"
            ),
            Failed::Rename => format!("未能改名：{reason}。"),
            Failed::Copy(name) => format!("未能复制“{name}”：{reason}"),
            Failed::Delete(name) => format!("未能删除“{name}”：{reason}。"),
        }));
    }

    fn rename(&mut self, from: &str, to: &str, fx: &mut Vec<Effect>) {
        let to = to.trim();
        if to.is_empty() {
            self.tell(Notice::error("请先在“名称”框中输入新的名称。"));
        } else if from == to {
        } else if self.view.is_saved(to) {
            let write = Write::Rename { from: from.to_owned(), to: to.to_owned() };
            self.ask(Question::Overwrite { write, clash: Clash::Exists });
        } else {
            fx.push(Effect::Rename { from: from.to_owned(), to: to.to_owned() });
        }
    }

    fn renamed(&mut self, from: String, to: String, library: Vec<Saved>) {
        self.set_library(library);
        Rc::make_mut(&mut self.view).prompt = None;
        // The working copy follows its scenario to the new name; if the rename replaced the scenario
        // open here, what was saved under its name is gone, so it has none.
        let current = self.document.name.clone();
        if current.as_deref() == Some(from.as_str()) {
            Rc::make_mut(&mut self.document).name = Some(to.clone());
        } else if current.as_deref() == Some(to.as_str()) {
            Rc::make_mut(&mut self.document).unname(self.scheme);
        }
        self.tell(Notice::info(format!("已将“{from}”改名为“{to}”。")));
    }

    fn deleted(&mut self, name: String, library: Vec<Saved>) {
        self.set_library(library);
        if self.document.name.as_deref() == Some(name.as_str()) {
            // The figures stay on the page; they are now only in the working copy.
            Rc::make_mut(&mut self.document).unname(self.scheme);
            self.tell(Notice::info(format!("已删除“{name}”。页面上的数字仍然保留，现在是未命名测算（可再“保存”）。")));
        } else {
            self.tell(Notice::info(format!("已删除“{name}”。")));
        }
    }

    fn set_library(&mut self, library: Vec<Saved>) {
        if *self.view.library != library {
            Rc::make_mut(&mut self.view).library = Rc::new(library);
        }
    }

    /// Another tab changed the saved scenarios: what it means for the document.
    fn library_changed(&mut self, library: Vec<Saved>, resaved: Option<(Scenario, Vec<String>)>) {
        self.set_library(library);
        let Some(name) = self.document.name.clone() else { return };
        let stamp = self.view.library.iter().find(|s| s.name == name).map(|s| s.stamp.clone());
        match stamp {
            Some(Some(stamp)) if Some(&stamp) != self.document.base.as_ref() => {
                let Some((saved, _)) = resaved else { return };
                let had_changes = self.document.modified;
                let generation = self.document.generation;
                let mut document = (*self.document).clone();
                if let Some(told) = saved_elsewhere(self.scheme, &mut document, &name, &stamp, &saved, had_changes) {
                    self.document = Rc::new(document);
                    if self.document.generation != generation {
                        self.document_changed();
                    }
                    if let Some(told) = told {
                        self.tell(told);
                    }
                }
            }
            Some(_) => {}
            None => match self.document.base.as_deref().and_then(|b| unique_with_stamp(&self.view.library, b)) {
                Some(to) => {
                    self.tell(Notice::info(format!("另一个窗口把“{name}”改名为“{to}”，本页面随之改用新名称。")));
                    Rc::make_mut(&mut self.document).name = Some(to);
                }
                None => {
                    Rc::make_mut(&mut self.document).unname(self.scheme);
                    self.tell(Notice::warning(format!(
                        "另一个窗口删除了“{name}”。本页面上的数字仍然保留，现在是未命名测算（可再“保存”）。"
                    )));
                }
            },
        }
    }

    // ---- files, links and the import preview ----

    /// A picked file: a scenario file is read back here (keeping what it can); a workbook, CSV or TSV
    /// file goes to the spreadsheet module and its preview.
    fn import(&mut self, file_name: String, bytes: &[u8], fx: &mut Vec<Effect>) {
        if kaoping_sheets::file_kind(bytes) != kaoping_sheets::FileKind::Json {
            let job = kaoping_sheets::job::Job::Read { file_name, mapping: Vec::new() };
            self.read_sheet(job, Rc::new(bytes.to_vec()), fx);
            return;
        }
        let read = std::str::from_utf8(bytes)
            .map_err(|_| "文件不是 UTF-8 文本。".to_owned())
            .and_then(|text| read_back(text, self.scheme).map_err(|e| format!("文件不是可用的测算文件：{}", e.zh())));
        match read {
            Ok(read) => self.request(Pending::Import { scenario: read.scenario, file_name, dropped: read.dropped }),
            Err(message) => {
                self.tell(Notice::error(format!("未导入“{file_name}”：{message} 当前测算未作任何改变。")));
            }
        }
    }

    fn undo(&mut self) {
        let Some(previous) = Rc::make_mut(&mut self.view).notice.as_mut().and_then(|n| n.undo.take()) else {
            return;
        };
        self.replace_scenario((*previous).clone());
        self.tell(Notice::info("已撤销导入，恢复为导入前的数字。"));
    }

    // ---- what waits for typing to settle ----

    /// Works out what waited: the next band, the screen reader's sentence, 目标测算's answers for the
    /// bank shown, and starts the simulation when its view is shown.
    fn settle(&mut self, fx: &mut Vec<Effect>) {
        self.work_out_next_band();
        self.announce();
        if self.view.tab == Tab::Compare {
            self.compare_now();
        }
        if self.view.tab != Tab::Bank {
            return;
        }
        let key = self.target.key(self.scheme, self.document.revision, &self.view.bank);
        if self.target.answers.as_ref().is_none_or(|a| a.key != key) {
            let answers =
                TargetAnswers::work_out(self.scheme, &self.document.scenario, key, self.target.answers.as_deref());
            Rc::make_mut(&mut self.target).answers = Some(Rc::new(answers));
        }
        self.simulate(fx);
    }

    /// The sentence a screen reader hears once typing pauses: the bank whose figures changed (or the
    /// bank shown, when settings or a whole scenario changed), its total, rank and band.
    fn announce(&mut self) {
        if self.settled.announced == self.document.revision {
            return;
        }
        let bank = self.changed_bank().unwrap_or_else(|| self.view.bank.clone());
        let Some(sentence) =
            self.scheme.bank_index(&bank).and_then(|i| self.derived.evaluation.banks.get(i)).map(|r| {
                let name = self.scheme.banks.get(r.index).map_or(bank.as_str(), |b| b.short_name.as_str());
                kaoping_engine::Standing::of(r).sentence(name)
            })
        else {
            return;
        };
        let settled = Rc::make_mut(&mut self.settled);
        let count = settled.announcement.as_ref().map_or(0, |(n, _)| n.wrapping_add(1));
        settled.announcement = Some((count, sentence));
        settled.announced = self.document.revision;
        settled.announced_from = Some(self.document.scenario.clone());
    }

    /// The one bank whose figures changed since the last announcement, if exactly one did.
    fn changed_bank(&self) -> Option<String> {
        let before = self.settled.announced_from.as_ref()?;
        let after = &self.document.scenario;
        let ids = self.scheme.banks.iter().map(|b| b.id.as_str());
        let mut changed = ids.filter(|id| before.bank(id) != after.bank(id));
        let first = changed.next()?;
        (changed.next().is_none() && before.settings == after.settings && before.city == after.city)
            .then(|| first.to_owned())
    }

    /// 对比 for the working copy as it is (two scorings: quick enough for a pick or a settled edit).
    fn compare_now(&mut self) {
        let current = self.document.scenario.clone();
        let mut compare = self.view.compare.clone();
        compare.work_out(self.scheme, &current, self.document.revision);
        if compare != self.view.compare {
            Rc::make_mut(&mut self.view).compare = compare;
        }
    }

    // ---- 目标测算 ----

    fn change_target(&mut self, change: TargetAction, fx: &mut Vec<Effect>) {
        let leaving_rivals = matches!(change, TargetAction::View(view) if view != TargetView::Rivals);
        if Rc::make_mut(&mut self.target).inputs.apply(change) {
            self.settle_later();
            if leaving_rivals && self.target.simulation.is_some() {
                Rc::make_mut(&mut self.target).simulation = None;
                fx.push(Effect::StopSimulation);
            }
        }
    }

    /// Starts (or restarts) the simulation for the rivals' view with what is asked now.
    fn simulate(&mut self, fx: &mut Vec<Effect>) {
        let inputs = &self.target.inputs;
        let spec = inputs.simulation().ok();
        let (TargetView::Rivals, Some(spec), Some(bank)) = (inputs.view, spec, self.scheme.bank_index(&self.view.bank))
        else {
            if self.target.simulation.is_some() {
                Rc::make_mut(&mut self.target).simulation = None;
                fx.push(Effect::StopSimulation);
            }
            return;
        };
        let key = SimulationKey { revision: self.document.revision, bank, rivals: inputs.rivals, spec };
        if self.target.simulation.as_ref().is_some_and(|run| run.key == key) {
            return;
        }
        let rivals = inputs.rivals;
        Rc::make_mut(&mut self.target).simulation =
            Some(Rc::new(SimulationRun { key, summary: None, total: spec.draws }));
        fx.push(Effect::Simulate {
            key,
            scenario: self.document.scenario.clone(),
            bank: self.view.bank.clone(),
            rivals,
            spec,
        });
    }

    /// 填入本行情景: the figures of the answer shown (if it is for the scenario as it is) go into the
    /// bank's boxes, as if typed; what they replaced is kept for 撤销.
    fn apply_answer(&mut self) {
        let key = self.target.key(self.scheme, self.document.revision, &self.view.bank);
        let Some(answer) = self.target.answers.as_ref().filter(|a| a.key == key).and_then(|a| a.answer.clone()) else {
            return;
        };
        let entries = answer.entries();
        if entries.is_empty() || self.target.applied.is_some() {
            return;
        }
        let bank = self.view.bank.clone();
        let before =
            entries.iter().map(|(field, _)| (*field, self.text(&FieldId::Bank(bank.clone(), *field)))).collect();
        let what = entries
            .iter()
            .map(|(field, value)| format!("{} {}", field.spec().short, with_unit(*value, field.unit())))
            .collect::<Vec<_>>()
            .join("、");
        let revision = self.document.revision;
        for (field, value) in entries {
            self.edit(FieldId::Bank(bank.clone(), field), plain(value));
        }
        // Nothing entered (a verified figure's box refuses it, and says why): nothing to take back.
        if self.document.revision != revision {
            Rc::make_mut(&mut self.target).applied = Some(Applied { bank, before, what });
        }
    }

    fn undo_answer(&mut self) {
        let Some(applied) = Rc::make_mut(&mut self.target).applied.take() else { return };
        for (field, text) in applied.before {
            self.edit(FieldId::Bank(applied.bank.clone(), field), text);
        }
    }
}

/// A notice with what was left out when reading back, each sentence the engine's.
fn with_dropped(text: String, dropped: &[String]) -> Notice {
    if dropped.is_empty() {
        Notice::info(text)
    } else {
        Notice::warning(format!("{text}其中有 {} 处数据无法读取，已略去：{}", dropped.len(), dropped.join("；")))
    }
}

/// Characters that file systems refuse are replaced, so that any scenario name makes a file name.
fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(
            |c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                    '_'
                } else {
                    c
                }
            },
        )
        .collect()
}
