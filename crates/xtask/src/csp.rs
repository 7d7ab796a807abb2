//! The page's Content-Security-Policy is written once, in the `<meta http-equiv>` tag of
//! `index.html`; README's "Deploying" repeats it as an HTTP header for nginx and IIS, with
//! `frame-ancestors 'none'` added (a `<meta>` policy cannot carry it). Browsers enforce a header and
//! a meta policy together, so a header that drifts from the page would block the page. This test
//! keeps the copies equal.

#[cfg(test)]
mod tests {
    /// The `content` of the page's Content-Security-Policy meta tag.
    fn meta_policy(html: &str) -> Option<&str> {
        let tag = &html[html.find(r#"<meta http-equiv="Content-Security-Policy""#)?..];
        let content = &tag[tag.find(r#"content=""#)? + r#"content=""#.len()..];
        content.split('"').next()
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

        let header = format!("{policy}; frame-ancestors 'none'");
        let nginx = format!(r#"add_header Content-Security-Policy "{header}" always;"#);
        let iis = format!(r#"<add name="Content-Security-Policy" value="{header}" />"#);
        for (server, line) in [("nginx", nginx), ("IIS", iis)] {
            assert!(readme.contains(&line), "README's {server} header should be the policy of index.html:\n{line}");
        }
    }

    #[test]
    fn reads_the_meta_tag() {
        let html = r#"<head><meta charset="utf-8" /><meta http-equiv="Content-Security-Policy" content="default-src 'none'" /></head>"#;
        assert_eq!(meta_policy(html), Some("default-src 'none'"));
        assert_eq!(meta_policy("<head></head>"), None);
    }
}
