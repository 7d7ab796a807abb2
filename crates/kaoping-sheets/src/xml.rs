//! Just enough XML for the parts of a workbook: escaping what is written, and a scanner that reads
//! tags, attributes and text (entities resolved) from what Excel, WPS and LibreOffice write.
//!
//! A workbook's XML is machine-written and small, so a scanner over the whole text suffices. Names
//! lose their namespace prefix (`x:c` is `c`); comments, processing instructions and declarations are
//! skipped; CDATA is text. Malformed markup ends the scan with `None`, which the reader reports as a
//! damaged file.

use std::borrow::Cow;

/// Text made safe for an element's content or a double-quoted attribute. Characters XML 1.0 does
/// not allow (most control characters) are dropped, since Excel refuses a file that has them.
pub fn escape(text: &str) -> Cow<'_, str> {
    let needs = |c: char| matches!(c, '&' | '<' | '>' | '"') || (c < ' ' && !matches!(c, '\t' | '\n' | '\r'));
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c < ' ' && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Resolves `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and character references; an unknown or
/// malformed reference is kept as written.
pub fn unescape(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let resolved = tail.find(';').filter(|&end| end <= 12).and_then(|end| {
            let name = &tail[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let number = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => name.strip_prefix('#').and_then(|d| d.parse().ok()),
                    };
                    number.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, end))
        });
        match resolved {
            Some((c, end)) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// One piece of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// `<name attributes>` or, with `empty`, `<name attributes/>`.
    Open {
        /// The local name, without a namespace prefix.
        name: &'a str,
        /// The raw attribute text, read by [`attribute`].
        attributes: &'a str,
        /// Self-closing.
        empty: bool,
    },
    /// `</name>`.
    Close {
        /// The local name.
        name: &'a str,
    },
    /// Character data, entities resolved.
    Text(Cow<'a, str>),
}

/// The tokens of a document, in order; `None` ends the scan, and [`Scanner::failed`] says whether
/// it ended on malformed markup.
#[derive(Debug)]
pub struct Scanner<'a> {
    rest: &'a str,
    failed: bool,
}

impl<'a> Scanner<'a> {
    /// A scanner over a whole document.
    pub fn new(text: &'a str) -> Self {
        Scanner { rest: text.strip_prefix('\u{feff}').unwrap_or(text), failed: false }
    }

    /// Whether the scan stopped at malformed markup rather than at the end.
    pub fn failed(&self) -> bool {
        self.failed
    }

    fn fail(&mut self) -> Option<Token<'a>> {
        self.failed = true;
        self.rest = "";
        None
    }
}

fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

impl<'a> Iterator for Scanner<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = self.rest;
            if rest.is_empty() {
                return None;
            }
            let Some(body) = rest.strip_prefix('<') else {
                let end = rest.find('<').unwrap_or(rest.len());
                self.rest = &rest[end..];
                return Some(Token::Text(unescape(&rest[..end])));
            };
            if let Some(cdata) = body.strip_prefix("![CDATA[") {
                let Some(end) = cdata.find("]]>") else { return self.fail() };
                self.rest = &cdata[end + 3..];
                return Some(Token::Text(Cow::Borrowed(&cdata[..end])));
            }
            let skip_until = |marker: &str, from: &'a str| from.find(marker).map(|end| &from[end + marker.len()..]);
            let skipped = if let Some(comment) = body.strip_prefix("!--") {
                skip_until("-->", comment)
            } else if body.starts_with('?') {
                skip_until("?>", body)
            } else if body.starts_with('!') {
                skip_until(">", body)
            } else {
                None
            };
            if body.starts_with('!') || body.starts_with('?') {
                match skipped {
                    Some(after) => {
                        self.rest = after;
                        continue;
                    }
                    None => return self.fail(),
                }
            }
            // A tag ends at the first '>' outside quotes.
            let mut quote = None;
            let mut end = None;
            for (i, c) in body.char_indices() {
                match (quote, c) {
                    (None, '"' | '\'') => quote = Some(c),
                    (Some(q), c) if c == q => quote = None,
                    (None, '>') => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let Some(end) = end else { return self.fail() };
            let tag = &body[..end];
            self.rest = &body[end + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                return Some(Token::Close { name: local(name.trim()) });
            }
            let (tag, empty) = match tag.strip_suffix('/') {
                Some(tag) => (tag, true),
                None => (tag, false),
            };
            let split = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
            let name = &tag[..split];
            if name.is_empty() {
                return self.fail();
            }
            return Some(Token::Open { name: local(name), attributes: &tag[split..], empty });
        }
    }
}

/// The value of an attribute by its local name (`id` finds `r:id`), entities resolved.
pub fn attribute<'a>(attributes: &'a str, wanted: &str) -> Option<Cow<'a, str>> {
    let mut rest = attributes;
    loop {
        rest = rest.trim_start();
        let eq = rest.find('=')?;
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        let value_start = &after[1..];
        let close = value_start.find(quote)?;
        if local(name) == wanted {
            return Some(unescape(&value_start[..close]));
        }
        rest = &value_start[close + 1..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_attributes_and_entities() {
        let text = r#"<?xml version="1.0"?><!-- x --><x:c r="A1" t='s' x:id="rId1"><v>1 &amp; 2 &#x4E00;&#20108;</v><e/><![CDATA[<raw>]]></x:c>"#;
        let tokens: Vec<Token> = Scanner::new(text).collect();
        assert_eq!(tokens.len(), 7, "{tokens:?}");
        let Token::Open { name, attributes, empty } = &tokens[0] else { panic!("{tokens:?}") };
        assert_eq!((*name, *empty), ("c", false));
        assert_eq!(attribute(attributes, "r").as_deref(), Some("A1"));
        assert_eq!(attribute(attributes, "t").as_deref(), Some("s"));
        assert_eq!(attribute(attributes, "id").as_deref(), Some("rId1"));
        assert_eq!(attribute(attributes, "missing"), None);
        assert_eq!(tokens[2], Token::Text(Cow::Borrowed("1 & 2 一二")));
        assert_eq!(tokens[4], Token::Open { name: "e", attributes: "", empty: true });
        assert_eq!(tokens[5], Token::Text(Cow::Borrowed("<raw>")));
    }

    #[test]
    fn escape_round_trips_and_drops_control_characters() {
        let text = "a<b>&\"c\" 中\u{1}";
        assert_eq!(escape(text), "a&lt;b&gt;&amp;&quot;c&quot; 中");
        assert_eq!(unescape(&escape("a<b>&\"c\"")), "a<b>&\"c\"");
        assert_eq!(unescape("&bogus; &amp"), "&bogus; &amp");
    }

    #[test]
    fn malformed_markup_stops_the_scan() {
        for text in ["<a", "<!-- open", "<![CDATA[ x", "<>", "<a b='1>"] {
            let mut scanner = Scanner::new(text);
            while scanner.next().is_some() {}
            assert!(scanner.failed(), "{text}");
        }
    }
}
