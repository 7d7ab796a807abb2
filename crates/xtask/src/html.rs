//! The little HTML reading xtask does on `index.html` and Trunk's output: a tag's attribute, found
//! by its name with a space before it and read up to its closing quote. Enough for the pages this
//! repository writes (attributes in double quotes, no `>` inside a value), and one reader for every
//! caller: the Content-Security-Policy meta tag (csp.rs), the wasm-opt settings on the page's Rust
//! link and the integrity hashes the profiling build drops (bench/named.rs).

use std::ops::Range;

/// The first tag (its text from `<` to before `>`) that starts with `start` (`<meta http-equiv=…`).
pub fn tag<'a>(html: &'a str, start: &str) -> Option<&'a str> {
    let from = html.find(start)?;
    let rest = &html[from..];
    Some(&rest[..rest.find('>').unwrap_or(rest.len())])
}

/// The value of attribute `name` in `tag` (`name="value"`), without its quotes.
pub fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    attribute_span(tag, name).map(|(_, value)| value)
}

/// Where attribute `name` is in `tag`, from the space before it to its closing quote, and its value.
fn attribute_span<'a>(tag: &'a str, name: &str) -> Option<(Range<usize>, &'a str)> {
    let start = tag.char_indices().find_map(|(at, c)| {
        (c.is_ascii_whitespace() && tag[at + 1..].starts_with(name) && tag[at + 1 + name.len()..].starts_with("=\""))
            .then_some(at)
    })?;
    let value_at = start + 1 + name.len() + 2;
    let end = value_at + tag[value_at..].find('"')?;
    Some((start..end + 1, &tag[value_at..end]))
}

/// `tag` without attribute `name` (and the space before it); as it is when it has none.
pub fn without_attribute(tag: &str, name: &str) -> String {
    match attribute_span(tag, name) {
        Some((span, _)) => format!("{}{}", &tag[..span.start], &tag[span.end..]),
        None => tag.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attribute_is_found_by_its_whole_name() {
        let link = r#"<link data-trunk rel="rust" data-wasm-opt-params="--converge" data-wasm-opt="z" />"#;
        assert_eq!(attribute(link, "data-wasm-opt"), Some("z"));
        assert_eq!(attribute(link, "data-wasm-opt-params"), Some("--converge"));
        assert_eq!(attribute(link, "opt"), None);
        assert_eq!(attribute(link, "href"), None);
        assert_eq!(attribute(r#"<a title="x"#, "title"), None, "no closing quote");
    }

    #[test]
    fn a_tag_is_found_by_its_start() {
        let html =
            r#"<meta charset="utf-8" /><meta http-equiv="Content-Security-Policy" content="default-src 'none'" />"#;
        let meta = tag(html, r#"<meta http-equiv="Content-Security-Policy""#).expect("there");
        assert_eq!(attribute(meta, "content"), Some("default-src 'none'"));
        assert_eq!(tag(html, "<link"), None);
    }

    #[test]
    fn an_attribute_is_taken_off_with_its_space() {
        let link = r#"<link rel="preload" href="./a.wasm" integrity="sha384-b" as="fetch">"#;
        assert_eq!(without_attribute(link, "integrity"), r#"<link rel="preload" href="./a.wasm" as="fetch">"#);
        assert_eq!(without_attribute(link, "nonce"), link);
    }
}
