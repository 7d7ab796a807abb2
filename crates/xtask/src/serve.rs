//! A small static file server for `dist/`, using only the standard library.
//!
//! `trunk serve` is not used because it rebuilds `dist/` as a debug build; this server shows exactly
//! the files a deployment would. It answers GET and HEAD, one thread per connection, and never
//! serves a file outside the directory it was given.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

/// Serves `dir` at http://127.0.0.1:`port` until the process is stopped.
pub fn serve(dir: &Path, port: u16) -> Result<(), String> {
    let listener =
        TcpListener::bind(("127.0.0.1", port)).map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    println!("\nKaoping is served at http://127.0.0.1:{port}/  (Ctrl-C stops)");
    let dir = dir.to_path_buf();
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let dir = dir.clone();
        std::thread::spawn(move || {
            // A client that hangs up early is its own business; the server keeps going.
            let _ = handle(stream, &dir);
        });
    }
    Ok(())
}

fn handle(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // The headers are read and ignored: nothing the server does depends on them.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }

    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    if method != "GET" && method != "HEAD" {
        return respond(&mut stream, "405 Method Not Allowed", "text/plain", b"method not allowed", true);
    }

    match resolve(dir, target) {
        Some(path) => match std::fs::read(&path) {
            Ok(body) => respond(&mut stream, "200 OK", mime_type(&path), &body, method == "GET"),
            Err(_) => not_found(&mut stream),
        },
        None => not_found(&mut stream),
    }
}

fn not_found(stream: &mut TcpStream) -> std::io::Result<()> {
    respond(stream, "404 Not Found", "text/plain; charset=utf-8", b"not found", true)
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if with_body {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Maps a request target to a file under `dir`, or `None` when it would leave `dir` or is absent.
/// A directory stands for its `index.html`.
fn resolve(dir: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let mut file = dir.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(name) => file.push(name),
            Component::CurDir => {}
            // `..`, a root or a drive prefix inside the URL would step outside `dir`.
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for a file. `application/wasm` matters: browsers refuse to stream-compile
/// wasm served under any other type.
fn mime_type(path: &Path) -> &'static str {
    match path.extension().and_then(|ext| ext.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-serve-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).expect("temp dir is writable");
        std::fs::write(dir.join("index.html"), "<p>hi</p>").expect("temp dir is writable");
        std::fs::write(dir.join("sub").join("a b.wasm"), [0, 97, 115, 109]).expect("temp dir is writable");
        dir
    }

    #[test]
    fn resolves_files_directories_and_refuses_escapes() {
        let dir = site();
        let cases: &[(&str, Option<&str>)] = &[
            ("/", Some("index.html")),
            ("/index.html?v=1", Some("index.html")),
            ("/sub/a%20b.wasm", Some("sub/a b.wasm")),
            ("/sub/", None), // a directory without an index.html
            ("/../etc/passwd", None),
            ("/sub/%2e%2e/%2e%2e/etc/passwd", None),
            ("/missing.js", None),
            ("/%zz", None),
        ];
        for &(target, expected) in cases {
            let got = resolve(&dir, target);
            let want = expected.map(|rel| dir.join(rel));
            assert_eq!(got, want, "request target {target}");
        }
    }

    #[test]
    fn wasm_is_served_as_application_wasm() {
        assert_eq!(mime_type(Path::new("dist/kaoping-web_bg.wasm")), "application/wasm");
        assert_eq!(mime_type(Path::new("dist/index.html")), "text/html; charset=utf-8");
    }
}
