//! The names the wasm imports from its glue, shortened in both (issue 20: the first load's size).
//! Run by `cargo xtask old-engines` (Trunk's post-build hook) after the glue is minified and before
//! the copies without bulk memory are made from the wasm.
//!
//! wasm-bindgen names every import after what it calls plus a 16-digit hash
//! (`__wbg_set_nodeValue_7e9217115013d873`), and names the import module after the glue's file
//! (`./kaoping-web_bg.js`). The names are written twice, in the wasm's import section and as the keys
//! of the glue's import object, and the hashes do not compress: 184 of them were about 6 KB of the
//! first load, gzipped. Each hashed name becomes `$` and a number in base 62 (`$0`, `$1`, … `$2Z`), in
//! the wasm and in the glue alike; the module becomes `.` where the glue names it once. Names without
//! a hash (`__wbindgen_object_drop_ref`) are kept. binaryen's `--minify-imports` does the wasm's half
//! but not the glue's, hence this.
//!
//! The glue is renamed token by token (a run of identifier characters equal to a name), so a name is
//! never replaced inside a longer one, and the task fails if any old name is left in the glue or any
//! renamed import is missing from it: a glue that no longer matches its wasm would fail on the desk.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::css::integrity;

/// The short name of the `index`th import renamed.
fn short_name(mut index: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut digits = Vec::new();
    loop {
        digits.push(DIGITS[index % DIGITS.len()]);
        index /= DIGITS.len();
        if index == 0 {
            break;
        }
    }
    digits.reverse();
    format!("${}", String::from_utf8_lossy(&digits))
}

/// Whether wasm-bindgen hashed this import's name: it ends in `_` and 16 hexadecimal digits.
fn is_hashed(name: &str) -> bool {
    let Some((stem, hash)) = name.rsplit_once('_') else { return false };
    !stem.is_empty() && hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

// ---- the wasm binary: sections and the import section ----

fn read_leb(bytes: &[u8], at: &mut usize) -> Result<u64, String> {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(*at).ok_or("the wasm ends inside a number")?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
        shift += 7;
        if shift > 63 {
            return Err("a number in the wasm is too long".into());
        }
    }
}

fn write_leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn read_name<'a>(bytes: &'a [u8], at: &mut usize) -> Result<&'a str, String> {
    let len = usize::try_from(read_leb(bytes, at)?).map_err(|e| e.to_string())?;
    let end = at.checked_add(len).filter(|&end| end <= bytes.len()).ok_or("a name runs past the wasm's end")?;
    let name = std::str::from_utf8(&bytes[*at..end]).map_err(|e| format!("an import name is not UTF-8: {e}"))?;
    *at = end;
    Ok(name)
}

fn write_name(out: &mut Vec<u8>, name: &str) {
    write_leb(out, name.len() as u64);
    out.extend_from_slice(name.as_bytes());
}

/// Skips an import's description (what is imported: a function, table, memory or global).
fn skip_import_kind(bytes: &[u8], at: &mut usize) -> Result<(), String> {
    let kind = *bytes.get(*at).ok_or("the wasm ends inside an import")?;
    *at += 1;
    let limits = |at: &mut usize| -> Result<(), String> {
        let flags = *bytes.get(*at).ok_or("the wasm ends inside limits")?;
        *at += 1;
        read_leb(bytes, at)?;
        if flags & 1 != 0 {
            read_leb(bytes, at)?;
        }
        Ok(())
    };
    match kind {
        0 => read_leb(bytes, at).map(drop),
        1 => {
            *at += 1; // the table's element type
            limits(at)
        }
        2 => limits(at),
        3 => {
            *at += 2; // the global's type and mutability
            Ok(())
        }
        other => Err(format!("an import of kind {other}, which this task does not know")),
    }
}

/// An import's module and field.
type Import = (String, String);

/// The wasm with its imports renamed by `module` and `fields` (old name → new); also returns every
/// import's (module, field) before renaming.
fn rename_in_wasm(
    wasm: &[u8],
    rename: impl Fn(&str, &str) -> (String, String),
) -> Result<(Vec<u8>, Vec<Import>), String> {
    if wasm.get(..8) != Some(&[0, 97, 115, 109, 1, 0, 0, 0][..]) {
        return Err("not a wasm module (version 1)".into());
    }
    let mut out = wasm[..8].to_vec();
    let mut imports = Vec::new();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let len = usize::try_from(read_leb(wasm, &mut at)?).map_err(|e| e.to_string())?;
        let end = at.checked_add(len).filter(|&end| end <= wasm.len()).ok_or("a section runs past the wasm's end")?;
        let body = &wasm[at..end];
        at = end;
        if id != 2 {
            out.push(id);
            write_leb(&mut out, body.len() as u64);
            out.extend_from_slice(body);
            continue;
        }
        let mut renamed = Vec::with_capacity(body.len());
        let mut pos = 0;
        let count = read_leb(body, &mut pos)?;
        write_leb(&mut renamed, count);
        for _ in 0..count {
            let module = read_name(body, &mut pos)?;
            let field = read_name(body, &mut pos)?;
            let (new_module, new_field) = rename(module, field);
            imports.push((module.to_owned(), field.to_owned()));
            write_name(&mut renamed, &new_module);
            write_name(&mut renamed, &new_field);
            let kind_start = pos;
            skip_import_kind(body, &mut pos)?;
            renamed.extend_from_slice(body.get(kind_start..pos).ok_or("an import runs past its section")?);
        }
        if pos != body.len() {
            return Err("the import section has bytes after its imports".into());
        }
        out.push(id);
        write_leb(&mut out, renamed.len() as u64);
        out.extend_from_slice(&renamed);
    }
    Ok((out, imports))
}

// ---- the glue ----

fn is_identifier_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$'
}

/// `glue` with every whole token in `names` replaced, and which names were found.
fn rename_tokens<'a>(glue: &str, names: &'a BTreeMap<String, String>) -> (String, BTreeSet<&'a str>) {
    let bytes = glue.as_bytes();
    let mut out = String::with_capacity(glue.len());
    let mut at = 0;
    let mut found = BTreeSet::new();
    while at < bytes.len() {
        if !is_identifier_byte(bytes[at]) {
            // Every byte that starts a token is ASCII, so a run of others is whole characters.
            let start = at;
            while at < bytes.len() && !is_identifier_byte(bytes[at]) {
                at += 1;
            }
            out.push_str(&glue[start..at]);
            continue;
        }
        let start = at;
        while at < bytes.len() && is_identifier_byte(bytes[at]) {
            at += 1;
        }
        let token = &glue[start..at];
        match names.get_key_value(token) {
            Some((name, short)) => {
                out.push_str(short);
                found.insert(name.as_str());
            }
            None => out.push_str(token),
        }
    }
    (out, found)
}

/// The glue and wasm with the wasm's hashed import names shortened in both. `None` if there is
/// nothing to shorten (already done).
fn shorten(glue: &str, wasm: &[u8]) -> Result<Option<(String, Vec<u8>)>, String> {
    let (_, imports) = rename_in_wasm(wasm, |m, f| (m.to_owned(), f.to_owned()))?;
    let mut fields = BTreeMap::new();
    for (_, field) in &imports {
        if is_hashed(field) && !fields.contains_key(field) {
            fields.insert(field.clone(), short_name(fields.len()));
        }
    }
    if fields.is_empty() {
        return Ok(None);
    }
    let modules: Vec<&String> = {
        let mut modules: Vec<&String> = imports.iter().map(|(module, _)| module).collect();
        modules.sort();
        modules.dedup();
        modules
    };
    // The module's name is a quoted key in the glue; renamed only if it is there exactly once.
    let module = match modules.as_slice() {
        [module] if glue.matches(&format!("\"{module}\"")).count() == 1 => Some((*module).clone()),
        _ => None,
    };
    let (mut renamed_glue, found) = rename_tokens(glue, &fields);
    if let Some(missing) = fields.keys().find(|name| !found.contains(name.as_str())) {
        return Err(format!("the glue does not name the wasm's import {missing}"));
    }
    if let Some(module) = &module {
        renamed_glue = renamed_glue.replace(&format!("\"{module}\""), "\".\"");
    }
    let (renamed_wasm, _) = rename_in_wasm(wasm, |m, f| {
        let m = if module.as_deref() == Some(m) { ".".to_owned() } else { m.to_owned() };
        (m, fields.get(f).cloned().unwrap_or_else(|| f.to_owned()))
    })?;
    Ok(Some((renamed_glue, renamed_wasm)))
}

/// Each `*_bg.wasm` in `dir` with its glue (`x_bg.wasm` → `x.js`).
fn pairs(dir: &Path) -> Result<Vec<(PathBuf, PathBuf)>, String> {
    Ok(crate::old_engines::wasm_files(dir)?
        .into_iter()
        .filter_map(|wasm| {
            let name = wasm.file_name()?.to_str()?;
            let glue = wasm.with_file_name(format!("{}.js", name.strip_suffix("_bg.wasm")?));
            glue.exists().then_some((glue, wasm))
        })
        .collect())
}

/// Shortens the imports of every wasm in `dir` and its glue, and rewrites their integrity in
/// `dir/index.html` (legacy.html is written from it after).
pub fn ship(dir: &Path) -> Result<(), String> {
    let index_path = dir.join("index.html");
    let mut index = std::fs::read_to_string(&index_path).map_err(|e| format!("{}: {e}", index_path.display()))?;
    for (glue_path, wasm_path) in pairs(dir)? {
        let glue = std::fs::read_to_string(&glue_path).map_err(|e| format!("{}: {e}", glue_path.display()))?;
        let wasm = std::fs::read(&wasm_path).map_err(|e| format!("{}: {e}", wasm_path.display()))?;
        let Some((new_glue, new_wasm)) = shorten(&glue, &wasm).map_err(|e| format!("{}: {e}", wasm_path.display()))?
        else {
            continue;
        };
        index = index.replace(&integrity(glue.as_bytes()), &integrity(new_glue.as_bytes()));
        index = index.replace(&integrity(&wasm), &integrity(&new_wasm));
        std::fs::write(&glue_path, new_glue).map_err(|e| format!("{}: {e}", glue_path.display()))?;
        std::fs::write(&wasm_path, new_wasm).map_err(|e| format!("{}: {e}", wasm_path.display()))?;
    }
    std::fs::write(&index_path, index).map_err(|e| format!("{}: {e}", index_path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing two hashed functions, one without a hash, a memory and a global, from
    /// `module`.
    fn module(module: &str, names: [&str; 3]) -> Vec<u8> {
        let mut section = Vec::new();
        write_leb(&mut section, 5);
        for name in names {
            write_name(&mut section, module);
            write_name(&mut section, name);
            section.extend_from_slice(&[0, 0]);
        }
        write_name(&mut section, module);
        write_name(&mut section, "memory");
        section.extend_from_slice(&[2, 1, 1, 2]);
        write_name(&mut section, module);
        write_name(&mut section, "g");
        section.extend_from_slice(&[3, 0x7f, 1]);
        let mut wasm = vec![0, 97, 115, 109, 1, 0, 0, 0];
        // A type section (one `() -> ()`), the import section, and a custom section after it.
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
        wasm.push(2);
        write_leb(&mut wasm, section.len() as u64);
        wasm.extend_from_slice(&section);
        wasm.extend_from_slice(&[0, 3, 2, b'h', b'i']);
        wasm
    }

    const A: &str = "__wbg_set_nodeValue_7e9217115013d873";
    const B: &str = "__wbg_set_7e9217115013d873";
    const C: &str = "__wbindgen_object_drop_ref";

    #[test]
    fn hashed_names_are_shortened_in_the_wasm_and_the_glue_alike() {
        let wasm = module("./app_bg.js", [A, B, C]);
        let glue = format!(
            "const n={{__proto__:null,{A}:function(e){{x.{A}_more(e)}},{B}:function(){{}},{C}:function(){{}}}};\
             return{{\"./app_bg.js\":n}}"
        );
        let (new_glue, new_wasm) = shorten(&glue, &wasm).expect("renamed").expect("something to rename");
        assert_eq!(
            new_glue,
            format!(
                "const n={{__proto__:null,$0:function(e){{x.{A}_more(e)}},$1:function(){{}},{C}:function(){{}}}};\
                 return{{\".\":n}}"
            ),
            "numbered in the wasm's order; a longer token containing a name is left alone"
        );
        let (_, imports) = rename_in_wasm(&new_wasm, |m, f| (m.into(), f.into())).expect("still a wasm");
        let names: Vec<(&str, &str)> = imports.iter().map(|(m, f)| (m.as_str(), f.as_str())).collect();
        assert_eq!(names, [(".", "$0"), (".", "$1"), (".", C), (".", "memory"), (".", "g")]);
        assert!(new_wasm.ends_with(&[0, 3, 2, b'h', b'i']), "the sections after the imports are kept");
        assert_eq!(shorten(&new_glue, &new_wasm).expect("read again"), None, "a second run changes nothing");
    }

    #[test]
    fn a_glue_that_does_not_name_an_import_is_refused() {
        let wasm = module("./app_bg.js", [A, B, C]);
        let glue = format!("const n={{{A}:function(){{}}}};return{{\"./app_bg.js\":n}}");
        assert!(shorten(&glue, &wasm).is_err());
    }

    #[test]
    fn short_names_count_in_base_62() {
        assert_eq!(short_name(0), "$0");
        assert_eq!(short_name(61), "$Z");
        assert_eq!(short_name(62), "$10");
        assert!(is_hashed(A) && is_hashed(B) && !is_hashed(C) && !is_hashed("_7e9217115013d873"));
    }
}
