//! The page's Content-Security-Policy is written once, in the `<meta http-equiv>` tag of
//! `index.html`; README's "Deploying" repeats it as an HTTP header for nginx and IIS, with
//! `frame-ancestors 'none'` added (a `<meta>` policy cannot carry it). Browsers enforce a header and
//! a meta policy together, so a header that drifts from the page would block the page. The tests
//! below keep the copies equal.
//!
//! Issue 19: Chromium before 97 does not know `'wasm-unsafe-eval'` and compiles wasm only under
//! `'unsafe-eval'`. `legacy.html` is `index.html` under [`legacy_policy`] (the same policy with
//! `'unsafe-eval'` added to `script-src`), written into the build by [`write_legacy_page`] (a
//! post-build hook in Trunk.toml runs `cargo xtask old-engines`). `www/boot.js` sends there only a
//! browser that cannot compile wasm under the page's own policy.

use std::path::Path;

/// The `content` of the page's Content-Security-Policy meta tag.
fn meta_policy(html: &str) -> Option<&str> {
    crate::html::attribute(crate::html::tag(html, r#"<meta http-equiv="Content-Security-Policy""#)?, "content")
}

/// The policy of legacy.html: `policy` with `'unsafe-eval'` added to `script-src`, which Chromium
/// before 97 needs to compile wasm. Nothing else changes.
pub fn legacy_policy(policy: &str) -> Result<String, String> {
    let mut found = false;
    let directives: Vec<String> = policy
        .split(';')
        .map(str::trim)
        .map(|directive| {
            if directive.split_whitespace().next() == Some("script-src") {
                found = true;
                format!("{directive} 'unsafe-eval'")
            } else {
                directive.to_owned()
            }
        })
        .collect();
    if !found {
        return Err(format!("the page's policy has no script-src: {policy}"));
    }
    Ok(directives.join("; "))
}

/// legacy.html from the built index.html: its policy made [`legacy_policy`] and its entry meta tag
/// saying `legacy`, so that www/boot.js there does not send the browser on again.
pub fn legacy_page(index: &str) -> Result<String, String> {
    let policy = meta_policy(index).ok_or("index.html has no Content-Security-Policy meta tag")?;
    if index.matches(r#"http-equiv="Content-Security-Policy""#).count() != 1 {
        return Err("index.html should have one Content-Security-Policy meta tag".into());
    }
    let entry = r#"<meta name="kaoping-entry" content="index""#;
    if index.matches(entry).count() != 1 {
        return Err(format!("index.html should have one `{entry} />` (www/boot.js reads it)"));
    }
    let page = index
        .replacen(&format!(r#"content="{policy}""#), &format!(r#"content="{}""#, legacy_policy(policy)?), 1)
        .replacen(entry, r#"<meta name="kaoping-entry" content="legacy""#, 1);
    Ok(page)
}

/// Writes DIR/legacy.html from DIR/index.html (`cargo xtask old-engines`, `old_engines.rs`).
pub fn write_legacy_page(dir: &Path) -> Result<(), String> {
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let page = legacy_page(&html)?;
    let legacy = dir.join("legacy.html");
    std::fs::write(&legacy, page).map_err(|e| format!("{}: {e}", legacy.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header lines README gives for a policy: nginx and IIS.
    fn readme_lines(policy: &str) -> [(&'static str, String); 2] {
        let header = format!("{policy}; frame-ancestors 'none'");
        [
            ("nginx", format!(r#"add_header Content-Security-Policy "{header}" always;"#)),
            ("IIS", format!(r#"<add name="Content-Security-Policy" value="{header}" />"#)),
        ]
    }

    #[test]
    fn readme_headers_are_the_page_policy() {
        let root = crate::project_root();
        let html = std::fs::read_to_string(root.join("index.html")).expect("index.html is readable");
        let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md is readable");
        let policy = meta_policy(&html).expect("index.html has a Content-Security-Policy meta tag");
        assert!(!policy.contains("'unsafe-eval'"), "no eval: {policy}");
        let script_src = policy.split(';').map(str::trim).find(|d| d.starts_with("script-src")).unwrap_or_default();
        assert!(!script_src.contains("'unsafe-inline'"), "no inline script: {policy}");

        for (server, line) in readme_lines(policy) {
            assert!(readme.contains(&line), "README's {server} header should be the policy of index.html:\n{line}");
        }
        // legacy.html, for Chromium before 97: the same policy with 'unsafe-eval', and no more.
        let legacy = legacy_policy(policy).expect("the policy has a script-src");
        for (server, line) in readme_lines(&legacy) {
            assert!(readme.contains(&line), "README's {server} header for legacy.html should be:\n{line}");
        }
    }

    #[test]
    fn reads_the_meta_tag() {
        let html = r#"<head><meta charset="utf-8" /><meta http-equiv="Content-Security-Policy" content="default-src 'none'" /></head>"#;
        assert_eq!(meta_policy(html), Some("default-src 'none'"));
        assert_eq!(meta_policy("<head></head>"), None);
    }

    #[test]
    fn the_legacy_policy_adds_unsafe_eval_to_script_src_only() {
        assert_eq!(
            legacy_policy("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'"),
            Ok("default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'; worker-src 'self'".to_owned())
        );
        // script-src-attr is another directive.
        assert!(legacy_policy("default-src 'none'; script-src-attr 'none'").is_err());
    }

    #[test]
    fn the_legacy_page_is_the_index_under_the_legacy_policy() {
        let root = crate::project_root();
        let html = std::fs::read_to_string(root.join("index.html")).expect("index.html is readable");
        let page = legacy_page(&html).expect("index.html makes a legacy page");
        let policy = meta_policy(&html).expect("a policy");
        assert_eq!(meta_policy(&page), Some(legacy_policy(policy).expect("legacy policy").as_str()));
        assert!(page.contains(r#"<meta name="kaoping-entry" content="legacy""#));
        assert!(!page.contains(r#"<meta name="kaoping-entry" content="index""#));
        // Everything else is the same page.
        let back = page
            .replace(&legacy_policy(policy).expect("legacy policy"), policy)
            .replace(r#"content="legacy""#, r#"content="index""#);
        assert_eq!(back, html);
        assert!(legacy_page("<head></head>").is_err());
    }
}
