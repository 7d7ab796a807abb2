//! The app: the scheme, the page's state (`hooks::use_app`), and the page around the views, each given
//! the parts of the state it shows as props.
//!
//! Adding a view: a `Tab` in `kaoping_app::view` (its title and key), a component under `components/`
//! taking the parts it shows as props, and its arm in [`Page`]'s `match` below.

use std::rc::Rc;

use kaoping_app::view::{Answer, Notice, Question, Tab};
use kaoping_app::{Action, App as State};
use kaoping_engine::Scheme;
use yew::prelude::*;

use crate::components::announcer::Announcer;
use crate::components::bank_view::BankView;
use crate::components::checks_view::ChecksView;
use crate::components::city_view::CityView;
use crate::components::compare_view::CompareView;
use crate::components::deposits_view::DepositsView;
use crate::components::nav::Nav;
use crate::components::notice_bar::NoticeBar;
use crate::components::notice_view::NoticeView;
use crate::components::print_header::{PrintFooter, PrintHeader};
use crate::components::prompt_dialog::PromptDialog;
use crate::components::settings_view::SettingsView;
use crate::components::sheets_preview::ImportPreview;
use crate::components::skip_link::SkipLink;
use crate::components::toolbar::Toolbar;
use crate::components::SchemeRef;
use crate::hooks::use_app;

/// The year of the built-in scheme.
pub const YEAR: u16 = 2024;

/// The scheme in force: the scheme file adopted in 规则与设置 › 考评方案 (kept in the browser), else
/// the built-in one; with what to tell when the adopted file could no longer be read. Chosen once per
/// page load: adopting another starts the page again.
fn in_force() -> Result<(&'static Scheme, Option<Notice>), kaoping_engine::Error> {
    match kaoping_app::store::adopted_scheme(&crate::services::storage::LocalShelf) {
        Ok(Some((scheme, text))) => {
            // One per page load, held for the page's life as the built-in scheme is.
            let scheme: &'static Scheme = Box::leak(Box::new(scheme));
            crate::services::sheets_worker::under(scheme, Rc::from(text));
            Ok((scheme, None))
        }
        Ok(None) => Scheme::builtin(YEAR).map(|scheme| (scheme, None)),
        Err(told) => Scheme::builtin(YEAR).map(|scheme| (scheme, Some(told))),
    }
}

thread_local! {
    /// The scheme in force, chosen once per page load (drawing the page again does not choose again).
    static CHOSEN: &'static Result<(&'static Scheme, Option<Notice>), kaoping_engine::Error> =
        Box::leak(Box::new(in_force()));
}

/// The whole page. Without its scheme (which cannot happen with the built-in data, but is not assumed)
/// it says so instead of panicking.
#[component]
pub fn App() -> Html {
    match CHOSEN.with(|chosen| *chosen) {
        Ok((scheme, told)) => html! { <Page scheme={SchemeRef(scheme)} told={told.clone()} /> },
        Err(error) => html! {
            <main class="fatal">
                <h1>{ "考评测算器无法启动" }</h1>
                <p>{ format!("内置的 {YEAR} 年考评数据无法读取：{}", error.zh()) }</p>
            </main>
        },
    }
}

/// Props of [`Page`].
#[derive(Properties, PartialEq, Debug)]
struct PageProps {
    scheme: SchemeRef,
    /// What to tell at start about the scheme in force.
    told: Option<Notice>,
}

/// The page frame: skip links, title, navigation, the scenario's toolbar, the message line, the view
/// shown, the live region that reads out results, the header and foot of a printed sheet, and the
/// dialogs. It is drawn on every change; the parts below it only when their props change.
#[component]
fn Page(props: &PageProps) -> Html {
    let store = use_app(props.scheme.0, props.told.clone());
    let app: Rc<State> = store.get();
    // What is never seen on screen (the printed sheet's header and foot, the screen reader's live
    // region) is drawn once the first total is on screen.
    let painted = crate::hooks::use_painted();
    // Made once, so that the props holding them stay equal from one change to the next and the
    // navigation and the message line are not drawn again on every keystroke.
    // (One memo for them all: each hook of its own is code of its own in the page's module.)
    let callbacks = use_memo((), {
        let store = store.clone();
        move |()| {
            let (import, scheme, collect) = (store.clone(), store.clone(), store.clone());
            let dispatch = Callback::from(move |action: Action| store.dispatch(action));
            Callbacks {
                onselect: dispatch.reform(Action::SelectTab),
                ondismiss: dispatch.reform(|()| Action::DismissNotice),
                onundo: dispatch.reform(|()| Action::Undo),
                onanswer: dispatch.reform(Action::Answer),
                onrefused: dispatch.reform(|()| Action::DownloadRefused),
                dispatch,
                onfile: Callback::from(move |file: web_sys::File| import.import(file)),
                onscheme: Callback::from(move |file: web_sys::File| scheme.open_scheme(file)),
                onfiles: Callback::from(move |files: Vec<web_sys::File>| collect.collect(files, Vec::new())),
            }
        }
    });
    let Callbacks { dispatch, onfile, onscheme, onfiles, onselect, ondismiss, onundo, onanswer, onrefused } =
        (*callbacks).clone();
    let scheme = props.scheme;
    let document = &app.document;
    let view = &app.view;
    let name: Option<AttrValue> = document.name.clone().map(AttrValue::from);
    let dialog = view.prompt.clone().map(|prompt| {
        // A new question is a new dialog: its field and its focus start afresh.
        let key = match prompt.question {
            Question::Unsaved => "unsaved",
            Question::Name => "name",
            Question::Overwrite { .. } => "overwrite",
        };
        html! { <PromptDialog {key} {prompt} name={document.name.clone()} {onanswer} /> }
    });
    let preview = view.sheet.as_ref().map(|sheet| {
        // While a heading just placed is read again, the choices as made so far.
        let headings = view.reading.as_ref().map_or(&sheet.headings, |r| &r.headings).clone();
        html! {
            <ImportPreview source={sheet.source.clone()} preview={sheet.preview.clone()} {headings}
                busy={view.reading.is_some()} rest_ready={sheet.rest.is_some()} dispatch={dispatch.clone()} />
        }
    });
    let shown = match view.tab {
        Tab::Bank => {
            let (next_band, stale) = app.next_band();
            html! {
                <BankView
                    {scheme}
                    document={app.document.clone()}
                    drafts={app.drafts.clone()}
                    derived={app.derived.clone()}
                    bank={view.bank.clone()}
                    refused={Rc::new(app.refused_labels())}
                    next_band={next_band.map(|t| AttrValue::from(t.to_owned()))}
                    next_band_stale={stale}
                    target={app.target.clone()}
                    dispatch={dispatch.clone()}
                />
            }
        }
        Tab::City => html! {
            <CityView {scheme} scenario={document.scenario.clone()} drafts={app.drafts.clone()}
                derived={app.derived.clone()} dispatch={dispatch.clone()} />
        },
        Tab::Deposits => html! {
            <DepositsView {scheme} scenario={document.scenario.clone()} drafts={app.drafts.clone()}
                derived={app.derived.clone()} dispatch={dispatch.clone()} />
        },
        Tab::Settings => html! {
            <SettingsView {scheme} scenario={document.scenario.clone()} drafts={app.drafts.clone()}
                derived={app.derived.clone()}
                in_force={app.in_force.clone()} scheme_file={view.scheme_file.clone()} onscheme={onscheme}
                rank_shift={view.rank_shift.clone().map(|(key, text)| (key, AttrValue::from(text)))}
                dispatch={dispatch.clone()} />
        },
        Tab::Checks => html! {
            <ChecksView {scheme} doubts={app.derived.doubts.clone()} bank={view.bank.clone()}
                setting_doubts={app.derived.setting_doubts.clone()} />
        },
        Tab::Compare => html! {
            <CompareView {scheme} compare={view.compare.clone()}
                current_name={name.clone().unwrap_or_else(|| "当前测算".into())} dispatch={dispatch.clone()} />
        },
        Tab::Notice => html! {
            <NoticeView {scheme} bank={view.bank.clone()} parts={view.published.clone().and_then(|(_, parts)| parts)}
                complete={document.scenario.verification_complete} dispatch={dispatch.clone()} />
        },
    };
    html! {
        <div class={classes!("app", format!("tab-{}", view.tab.key()))}>
            <SkipLink tab={view.tab} />
            <header class="masthead">
                <h1>{ "考评测算器" }</h1>
                <p class="subtitle" id="scheme-subtitle">{ subtitle(scheme.0, &app.in_force.fingerprint, app.in_force.builtin) }</p>
                <Nav current={view.tab} {onselect} />
            </header>
            if painted {
                <PrintHeader {scheme} name={name.clone()} modified={document.modified} tab={view.tab}
                    bank={view.bank.clone()} scenario={document.scenario.clone()} evaluation={app.derived.evaluation.clone()} />
            }
            <Toolbar name={name} modified={document.modified} not_stashed={view.stash_error.is_some()}
                library={view.library.clone()} link_shown={view.link_shown.clone().map(AttrValue::from)}
                dispatch={dispatch.clone()} onfile={onfile} {onfiles} />
            <NoticeBar notice={view.notice.clone()} {ondismiss} {onundo} {onrefused} />
            if let Some(text) = document.made_under.clone() {
                <p class="notice warning scheme-note" id="scheme-mismatch" role="status">{ text }</p>
            }
            // The key drops every box's local state when a whole scenario replaces the old one.
            <main id="main" key={format!("{}-{}", view.tab.key(), document.generation)} aria-label={view.tab.title()}>
                <div id="panel" role="tabpanel" aria-labelledby={format!("tab-{}", view.tab.key())} tabindex="-1">
                    { shown }
                </div>
            </main>
            // Always there, so that a dialog coming and going changes only this element.
            <div class="dialog-slot">{ for dialog }{ for preview }</div>
            if painted {
                <Announcer announcement={app.settled.announcement.clone().map(|(n, text)| (n, AttrValue::from(text)))} />
                <PrintFooter />
            }
            <footer class="footnote">
                <p>{ "测算结果仅供参考，以考评领导小组办公室正式通报为准。全部计算在本机浏览器中完成，数据不上传。" }</p>
            </footer>
        </div>
    }
}

/// The page's callbacks, made once (see [`Page`]).
#[derive(Clone)]
struct Callbacks {
    dispatch: Callback<Action>,
    onfile: Callback<web_sys::File>,
    onscheme: Callback<web_sys::File>,
    onfiles: Callback<Vec<web_sys::File>>,
    onselect: Callback<Tab>,
    ondismiss: Callback<()>,
    onundo: Callback<()>,
    onanswer: Callback<Answer>,
    onrefused: Callback<()>,
}

/// The page's subtitle: the scheme in force, by year and 文号 (and fingerprint when it is a file adopted).
fn subtitle(scheme: &Scheme, fingerprint: &str, builtin: bool) -> String {
    let number = scheme.document.number.trim();
    let number = if number.is_empty() { "文号未填" } else { number };
    let text = format!("{}年度黄石市银行业金融机构支持地方经济发展考评（{number}）", scheme.year);
    if builtin {
        text
    } else {
        format!("{text} · 方案指纹 {fingerprint}")
    }
}
