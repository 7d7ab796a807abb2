//! The page's stylesheet as shipped: `www/style.css` keeps its comments for whoever edits it (a
//! quarter of its bytes, 2.2 KB of the first load gzipped); the build ships it without them. Run by
//! `cargo xtask old-engines` (Trunk's post-build hook), which then rewrites the stylesheet's
//! `integrity` in index.html (legacy.html is written from index.html after). Trunk's own minifier is
//! not used: it would also rewrite properties into forms Chromium 86 lacks (`inset`).

use std::path::Path;

use base64::Engine as _;
use sha2::{Digest, Sha384};

/// `css` without comments, without each line's indentation, without empty lines and without the
/// space after `{ ; : ,` and before `{`. Strings and `url(…)` contents are copied as they are.
pub fn strip(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote: Option<char> = None;
    let mut line_start = true;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == '\\' {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for inner in chars.by_ref() {
                    if last == '*' && inner == '/' {
                        break;
                    }
                    last = inner;
                }
            }
            '\n' => {
                if !line_start {
                    while out.ends_with(' ') || out.ends_with('\t') {
                        out.pop();
                    }
                    out.push('\n');
                }
                line_start = true;
            }
            ' ' | '\t' if line_start => {}
            // No space after `{ ; : ,` nor before `{`: never needed there, in a selector or a value.
            ' ' | '\t' if out.ends_with(['{', ';', ':', ',']) => {}
            '{' => {
                while out.ends_with(' ') || out.ends_with('\t') {
                    out.pop();
                }
                line_start = false;
                out.push(c);
            }
            _ => {
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                line_start = false;
                out.push(c);
            }
        }
    }
    out
}

/// The `integrity` value of these bytes, as Trunk writes it.
pub fn integrity(bytes: &[u8]) -> String {
    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes)))
}

/// Strips every `style-*.css` in `dir` and rewrites its integrity in `dir/index.html`.
pub fn ship(dir: &Path) -> Result<(), String> {
    let index_path = dir.join("index.html");
    let mut index = std::fs::read_to_string(&index_path).map_err(|e| format!("{}: {e}", index_path.display()))?;
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for path in entries.filter_map(Result::ok).map(|entry| entry.path()) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if !(name.starts_with("style-") && name.ends_with(".css")) {
            continue;
        }
        let css = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let stripped = strip(&css);
        if stripped == css {
            continue;
        }
        let (before, after) = (integrity(css.as_bytes()), integrity(stripped.as_bytes()));
        if !index.contains(&before) {
            return Err(format!("{}: no integrity {before} for {name}", index_path.display()));
        }
        index = index.replace(&before, &after);
        std::fs::write(&path, stripped).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    std::fs::write(&index_path, index).map_err(|e| format!("{}: {e}", index_path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_comments_indentation_and_empty_lines() {
        let css = "/* head */\n.a {\n    color: red; /* why */\n}\n\n\n  .b{margin:0}\n";
        assert_eq!(strip(css), ".a{\ncolor:red;\n}\n.b{margin:0}\n");
        let css = "@media (max-width: 600px) { .a .b, .c > d { margin: 0 auto; font: 12px/1.5 a, b; } }\n";
        assert_eq!(strip(css), "@media (max-width:600px){.a .b,.c > d{margin:0 auto;font:12px/1.5 a,b;} }\n");
    }

    #[test]
    fn keeps_strings_and_urls_as_they_are() {
        let css = ".a::before { content: \"/* not a comment */ \\\" x\"; }\n.b { background: url('a/*b*/c.png'); }\n";
        let kept = ".a::before{content:\"/* not a comment */ \\\" x\";}\n.b{background:url('a/*b*/c.png');}\n";
        assert_eq!(strip(css), kept);
    }

    #[test]
    fn an_unclosed_comment_ends_the_sheet() {
        assert_eq!(strip(".a{}\n/* open"), ".a{}\n");
    }

    #[test]
    fn integrity_is_trunks_form() {
        // sha384 of the empty string, base64.
        assert_eq!(integrity(b""), "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb");
    }
}
