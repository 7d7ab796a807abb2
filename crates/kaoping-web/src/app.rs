//! The app: the scheme, the scenario provider, and the page around the four views.

use kaoping_engine::Scheme;
use yew::prelude::*;

use crate::components::announcer::Announcer;
use crate::components::bank_view::BankView;
use crate::components::checks_view::ChecksView;
use crate::components::city_view::CityView;
use crate::components::nav::Nav;
use crate::components::notice_bar::NoticeBar;
use crate::components::print_header::{PrintFooter, PrintHeader};
use crate::components::prompt_dialog::PromptDialog;
use crate::components::scenario_bar::ScenarioBar;
use crate::components::settings_view::SettingsView;
use crate::components::sheets_tools::{CompareTab, SheetsTools};
use crate::components::skip_link::SkipLink;
use crate::hooks::{use_document, Answer, ScenarioProvider};
use crate::state::{Question, Tab};

/// The year whose scheme the page scores.
pub const YEAR: u16 = 2024;

/// The whole page. Without its scheme (which cannot happen with the built-in data, but is not
/// assumed) it says so instead of panicking.
#[component]
pub fn App() -> Html {
    match Scheme::builtin(YEAR) {
        Ok(scheme) => html! {
            <ScenarioProvider {scheme}>
                <Shell />
            </ScenarioProvider>
        },
        Err(error) => html! {
            <main class="fatal">
                <h1>{ "考评测算器无法启动" }</h1>
                <p>{ format!("内置的 {YEAR} 年考评数据无法读取：{}", error.zh()) }</p>
            </main>
        },
    }
}

/// The page frame: a skip link, title, navigation, scenario tools, the message line, the view shown,
/// the live region that reads out results, the header and foot of a printed sheet, and the dialog when
/// the page asks something. It redraws on every change (a message, the dialog); the views below it
/// redraw only when what they show changes.
#[component]
fn Shell() -> Html {
    let scenario = use_document();
    let onselect = {
        let scenario = scenario.clone();
        Callback::from(move |tab: Tab| scenario.select_tab(tab))
    };
    let ondismiss = {
        let scenario = scenario.clone();
        Callback::from(move |()| scenario.dismiss_notice())
    };
    let onanswer = {
        let scenario = scenario.clone();
        Callback::from(move |answer: Answer| scenario.answer(answer))
    };
    let dialog = scenario.prompt.clone().map(|prompt| {
        // A new question is a new dialog: its field and its focus start afresh.
        let key = match prompt.question {
            Question::Unsaved => "unsaved",
            Question::Name => "name",
            Question::Overwrite { .. } => "overwrite",
        };
        html! { <PromptDialog {key} {prompt} name={scenario.name.clone()} {onanswer} /> }
    });
    let view = match scenario.tab {
        Tab::Bank => html! { <BankView /> },
        Tab::City => html! { <CityView /> },
        Tab::Settings => html! { <SettingsView /> },
        Tab::Checks => html! { <ChecksView /> },
        Tab::Compare => html! { <CompareTab /> },
    };
    html! {
        <div class={classes!("app", format!("tab-{}", scenario.tab.key()))}>
            <SkipLink tab={scenario.tab} />
            <header class="masthead">
                <h1>{ "考评测算器" }</h1>
                <p class="subtitle">{ "2024年度黄石市银行业金融机构支持地方经济发展考评（黄政办发〔2024〕10号）" }</p>
                <Nav current={scenario.tab} {onselect} />
            </header>
            <PrintHeader />
            <ScenarioBar />
            <SheetsTools />
            <NoticeBar notice={scenario.notice.clone()} {ondismiss} onundo={scenario.undo_callback()} />
            // The key drops every box's local state when a whole scenario replaces the old one.
            <main id="main" key={format!("{}-{}", scenario.tab.key(), scenario.generation)} aria-label={scenario.tab.title()}>
                <div id="panel" role="tabpanel" aria-labelledby={format!("tab-{}", scenario.tab.key())} tabindex="-1">
                    { view }
                </div>
            </main>
            // Always there, so that the dialog coming and going changes only this element.
            <div class="dialog-slot">{ for dialog }</div>
            <Announcer />
            <PrintFooter />
            <footer class="footnote">
                <p>{ "测算结果仅供参考，以考评领导小组办公室正式通报为准。全部计算在本机浏览器中完成，数据不上传。" }</p>
            </footer>
        </div>
    }
}
