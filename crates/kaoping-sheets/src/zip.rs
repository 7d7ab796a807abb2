//! The zip container of an `.xlsx` workbook: just what a workbook needs, written and read here over
//! bytes in memory, deflate by `miniz_oxide`.
//!
//! Writing: every part deflated, UTF-8 names, a fixed timestamp (1980-01-01), so the same scenario
//! gives the same bytes. Reading: the central directory at the end, stored or deflated parts, each
//! checked against its CRC and against size limits, so that a damaged file or a zip bomb is a
//! message, not a hang or a panic. Zip64, encryption and other methods are refused by name.

use crate::Problem;

/// No part of a workbook this program reads comes near this once inflated; a sheet of 16 banks is a
/// few kilobytes.
const MAX_PART_BYTES: usize = 32 * 1024 * 1024;
/// All parts together, inflated.
const MAX_TOTAL_BYTES: usize = 64 * 1024 * 1024;

/// CRC-32 (IEEE) one byte at a time, with the 1 KB table built at compile time: a workbook is a few
/// kilobytes, and the page is smaller without crc32fast's 16 KB of slicing tables.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut crc = i as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            bit += 1;
        }
        table[i] = crc;
        i += 1;
    }
    table
};

fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |crc, &b| CRC_TABLE[usize::from((crc as u8) ^ b)] ^ (crc >> 8))
}

fn u16le(value: usize) -> [u8; 2] {
    u16::try_from(value).unwrap_or(u16::MAX).to_le_bytes()
}

fn u32le(value: usize) -> [u8; 4] {
    u32::try_from(value).unwrap_or(u32::MAX).to_le_bytes()
}

/// A zip archive of the given parts, in order.
pub fn write<N: AsRef<str>>(parts: &[(N, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in parts {
        let name = name.as_ref();
        let crc = crc32(data);
        let packed = miniz_oxide::deflate::compress_to_vec(data, 6);
        let offset = out.len();
        // Flag bit 11: the name is UTF-8. Time 0, date 0x21: 1980-01-01 00:00.
        let common = |buf: &mut Vec<u8>| {
            buf.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0 (deflate)
            buf.extend_from_slice(&0x0800u16.to_le_bytes());
            buf.extend_from_slice(&8u16.to_le_bytes()); // deflate
            buf.extend_from_slice(&0u16.to_le_bytes());
            buf.extend_from_slice(&0x21u16.to_le_bytes());
            buf.extend_from_slice(&crc.to_le_bytes());
            buf.extend_from_slice(&u32le(packed.len()));
            buf.extend_from_slice(&u32le(data.len()));
            buf.extend_from_slice(&u16le(name.len()));
            buf.extend_from_slice(&0u16.to_le_bytes()); // no extra field
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&packed);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by: MS-DOS, 2.0
        common(&mut central);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment length
        central.extend_from_slice(&0u16.to_le_bytes()); // disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&u32le(offset));
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len();
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&u16le(parts.len()));
    out.extend_from_slice(&u16le(parts.len()));
    out.extend_from_slice(&u32le(central.len()));
    out.extend_from_slice(&u32le(central_offset));
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// One part listed in the central directory.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    method: u16,
    flags: u16,
    crc: u32,
    packed: usize,
    size: usize,
    offset: usize,
}

/// A zip archive being read: its directory, and the bytes the parts are read from on demand.
#[derive(Debug)]
pub struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
    inflated: usize,
}

fn damaged() -> Problem {
    Problem::file("文件已损坏（压缩包结构不完整），无法作为 Excel 工作簿读取")
}

fn le16(bytes: &[u8], at: usize) -> Option<u16> {
    bytes.get(at..at + 2).and_then(|b| b.try_into().ok()).map(u16::from_le_bytes)
}

fn le32(bytes: &[u8], at: usize) -> Option<u32> {
    bytes.get(at..at + 4).and_then(|b| b.try_into().ok()).map(u32::from_le_bytes)
}

impl<'a> Archive<'a> {
    /// Reads the central directory.
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, Problem> {
        // The end record is the last 22 bytes plus a comment of at most 65535 bytes.
        let earliest = bytes.len().saturating_sub(22 + 65535);
        let end = (earliest..bytes.len().saturating_sub(21))
            .rev()
            .find(|&at| le32(bytes, at) == Some(0x0605_4b50))
            .ok_or_else(damaged)?;
        let count = usize::from(le16(bytes, end + 10).ok_or_else(damaged)?);
        let start = le32(bytes, end + 16).ok_or_else(damaged)?;
        if start == u32::MAX || count == usize::from(u16::MAX) {
            return Err(Problem::file("工作簿使用了 Zip64 格式（超大文件），无法读取"));
        }
        let mut at = usize::try_from(start).map_err(|_| damaged())?;
        let mut entries = Vec::with_capacity(count.min(1024));
        for _ in 0..count {
            if le32(bytes, at) != Some(0x0201_4b50) {
                return Err(damaged());
            }
            let field = |offset: usize| le32(bytes, at + offset).map(|v| v as usize).ok_or_else(damaged);
            let short = |offset: usize| le16(bytes, at + offset).map(usize::from).ok_or_else(damaged);
            let name_len = short(28)?;
            let skip = name_len + short(30)? + short(32)?;
            let name = bytes.get(at + 46..at + 46 + name_len).ok_or_else(damaged)?;
            entries.push(Entry {
                name: String::from_utf8_lossy(name).into_owned(),
                flags: le16(bytes, at + 8).ok_or_else(damaged)?,
                method: le16(bytes, at + 10).ok_or_else(damaged)?,
                crc: le32(bytes, at + 16).ok_or_else(damaged)?,
                packed: field(20)?,
                size: field(24)?,
                offset: field(42)?,
            });
            at += 46 + skip;
        }
        Ok(Archive { bytes, entries, inflated: 0 })
    }

    /// The bytes of a part, or `None` when there is no such part.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, Problem> {
        let Some(entry) = self.entries.iter().find(|e| e.name == name).cloned() else { return Ok(None) };
        if entry.flags & 1 != 0 {
            return Err(Problem::file("工作簿设有密码（已加密），请在 Excel 中取消密码保护后另存再导入"));
        }
        if entry.size > MAX_PART_BYTES || self.inflated + entry.size > MAX_TOTAL_BYTES {
            return Err(Problem::file("工作簿解压后过大，不是填报表格"));
        }
        let bytes = self.bytes;
        let local = entry.offset;
        if le32(bytes, local) != Some(0x0403_4b50) {
            return Err(damaged());
        }
        let name_len = usize::from(le16(bytes, local + 26).ok_or_else(damaged)?);
        let extra_len = usize::from(le16(bytes, local + 28).ok_or_else(damaged)?);
        let start = local + 30 + name_len + extra_len;
        let packed = bytes.get(start..start + entry.packed).ok_or_else(damaged)?;
        let data = match entry.method {
            0 => packed.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(packed, entry.size).map_err(|_| damaged())?,
            _ => return Err(Problem::file("工作簿使用了不支持的压缩方式，请在 Excel 中另存为 .xlsx 后再导入")),
        };
        if data.len() != entry.size || crc32(&data) != entry.crc {
            return Err(damaged());
        }
        self.inflated += data.len();
        Ok(Some(data))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_known_text() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn what_is_written_reads_back() {
        let parts = [("a.xml", b"<a/>".repeat(100)), ("目录/b.txt", "贷款".as_bytes().to_vec()), ("empty", vec![])];
        let bytes = write(&parts);
        let mut archive = Archive::open(&bytes).expect("own archive opens");
        for (name, data) in &parts {
            assert_eq!(archive.read(name).expect("reads").as_ref(), Some(data), "{name}");
        }
        assert_eq!(archive.read("missing").expect("no error"), None);
    }

    #[test]
    fn damage_anywhere_is_a_message_not_a_panic() {
        let bytes = write(&[("a.xml", b"<worksheet/>".repeat(50))]);
        for cut in 0..bytes.len() {
            if let Ok(mut archive) = Archive::open(&bytes[..cut]) {
                let _ = archive.read("a.xml");
            }
        }
        for at in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[at] ^= 0x5a;
            if let Ok(mut archive) = Archive::open(&changed) {
                let _ = archive.read("a.xml");
            }
        }
    }
}
