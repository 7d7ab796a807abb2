//! Share links: the whole scenario in a URL fragment, `#s=1.<data>`, so that a link can be sent by
//! chat or mail and opened on another computer with nothing sent to any server (a browser never
//! sends the part after `#`).
//!
//! `<data>` is the `kaoping-scenario/1` JSON, compact, zlib-compressed (deflate with an Adler-32
//! check, so a changed character is found) and base64url-encoded without padding. `1.` is the link
//! format: a later version that changes the payload writes `2.`, and this version then says which
//! version the link needs instead of calling it damaged.

use base64::Engine as _;
use kaoping_engine::{Dropped, Scenario};

/// The link format this version writes and reads.
pub const LINK_VERSION: u32 = 1;

/// A decompressed scenario is never near this; a larger one is a damaged or hostile link.
const MAX_SCENARIO_BYTES: usize = 1024 * 1024;

/// Why a link could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// There is no `s=` payload in the text.
    NoScenario,
    /// The payload is damaged or cut short.
    Damaged,
    /// The link was made by a later version, with a link format this one does not read.
    Newer {
        /// The link format the link has.
        version: u32,
    },
    /// The payload is whole but its scenario is refused (the engine's message, in Chinese).
    Invalid(String),
}

impl LinkError {
    /// The message, in Chinese.
    pub fn zh(&self) -> String {
        match self {
            LinkError::NoScenario => "链接中没有测算数据（应含有 #s=…）".to_owned(),
            LinkError::Damaged => "链接已损坏或不完整（可能复制时被截断），请让对方重新复制完整的链接".to_owned(),
            LinkError::Newer { version } => format!(
                "此链接由较新版本的考评测算器生成（链接格式 {version}），当前版本只能打开格式 {LINK_VERSION} 的链接，请使用新版本打开"
            ),
            LinkError::Invalid(message) => format!("链接中的测算数据有误：{message}"),
        }
    }
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.zh())
    }
}

impl std::error::Error for LinkError {}

/// The fragment that carries `scenario`, `#` included: `#s=1.eJy…`.
pub fn share_fragment(scenario: &Scenario) -> String {
    // The pretty JSON compacted; numbers keep their text (serde_json's arbitrary precision).
    let pretty = scenario.to_json();
    let compact = serde_json::from_str::<serde_json::Value>(&pretty)
        .map(|v| serde_json::to_string(&v).unwrap_or_default())
        .unwrap_or(pretty);
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(compact.as_bytes(), 9);
    format!("#s={LINK_VERSION}.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed))
}

/// The fragment that carries `scenario` and the bank the sender has open, so that the link opens on
/// it: `#s=1.eJy…&b=icbc`. A version that does not know `b=` opens the scenario and ignores it.
pub fn share_fragment_at(scenario: &Scenario, bank: &str) -> String {
    format!("{}&b={bank}", share_fragment(scenario))
}

/// The fragment's parts (`s=…`, `b=…`), from the whole address or just its fragment.
fn parts(link: &str) -> impl Iterator<Item = &str> {
    let fragment = link.trim().rsplit_once('#').map_or(link.trim(), |(_, f)| f);
    fragment.split('&')
}

/// The bank a link opens on (`b=`), if it names one.
pub fn bank(link: &str) -> Option<String> {
    parts(link).find_map(|part| part.strip_prefix("b=")).map(str::trim).filter(|b| !b.is_empty()).map(str::to_owned)
}

/// Reads a scenario back from a link: the whole address, or just its fragment. Strict: a value the
/// engine refuses refuses the link (the command line's `open-link`).
pub fn open_fragment(link: &str) -> Result<Scenario, LinkError> {
    let json = fragment_json(link)?;
    Scenario::from_json(&json).map_err(|e| LinkError::Invalid(e.zh()))
}

/// Reads a scenario back from a link as the page does, keeping everything it can: a value the engine
/// refuses is dropped and listed ([`Scenario::salvage`]). `Err` when the link is cut, damaged, newer,
/// or carries no scenario at all.
pub fn salvage_fragment(link: &str) -> Result<(Scenario, Vec<Dropped>), LinkError> {
    let json = fragment_json(link)?;
    Scenario::salvage(&json).map_err(|e| LinkError::Invalid(e.zh()))
}

/// [`salvage_fragment`] under the scheme in force (a scheme file adopted in the page):
/// [`Scenario::salvage_under`].
pub fn salvage_fragment_under(
    link: &str,
    scheme: &kaoping_engine::Scheme,
) -> Result<(Scenario, Vec<Dropped>), LinkError> {
    let json = fragment_json(link)?;
    Scenario::salvage_under(&json, scheme).map_err(|e| LinkError::Invalid(e.zh()))
}

/// The scenario JSON a link carries.
fn fragment_json(link: &str) -> Result<String, LinkError> {
    let payload = parts(link).find_map(|part| part.strip_prefix("s=")).ok_or(LinkError::NoScenario)?;
    let (version, data) = payload.split_once('.').ok_or(LinkError::Damaged)?;
    let version: u32 = version.parse().map_err(|_| LinkError::Damaged)?;
    if version > LINK_VERSION {
        return Err(LinkError::Newer { version });
    }
    if version != LINK_VERSION {
        return Err(LinkError::Damaged);
    }
    // Mail programs and chat apps sometimes break long links or add spaces; they are not base64.
    let data: String = data.chars().filter(|c| !c.is_whitespace()).collect();
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(data).map_err(|_| LinkError::Damaged)?;
    let json = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_SCENARIO_BYTES)
        .map_err(|_| LinkError::Damaged)?;
    String::from_utf8(json).map_err(|_| LinkError::Damaged)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A link made by hand around a scenario text, as a link from an older or damaged copy may be.
    fn link_of(json: &str) -> String {
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 9);
        format!("#s={LINK_VERSION}.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed))
    }

    #[test]
    fn a_link_with_a_bad_value_opens_with_the_rest() {
        let link = link_of(
            r#"{"format": "kaoping-scenario/1", "year": 2024, "settings": {"green_target_growth_pct": "150"},
                "banks": [{"id": "icbc", "loans": "300"}]}"#,
        );
        assert!(matches!(open_fragment(&link), Err(LinkError::Invalid(_))), "the strict reader refuses it");
        let (scenario, dropped) = salvage_fragment(&link).expect("the rest is kept");
        assert_eq!(scenario.bank("icbc").and_then(|b| b.loans).map(|a| a.get().to_string()), Some("300".to_owned()));
        assert_eq!(
            dropped.iter().map(Dropped::zh).collect::<Vec<_>>(),
            ["文件中的计分口径“绿色贷款年末考核增速”：“150” 须大于 0、不超过 100；已略去，按未填写计：使用附件4 公布的任务"]
        );
        assert_eq!(salvage_fragment("#s=1.AAAA"), Err(LinkError::Damaged));
    }
}
