//! A calendar date, for what the process of 三、考评组织 dates: a bank's 填报日期 and the day a 名单 is
//! issued.
//!
//! Dates come typed by people (`2025-01-20`, `2025/1/20`, `2025.1.20`, `2025年1月20日`, with
//! full-width digits too) and are written back in one form: `2025-01-20` in files, `2025年1月20日` in
//! Chinese text, as the gazette dates its documents. A date that is not on the calendar is refused
//! rather than moved to the nearest real one.

use std::fmt;

/// A day of the Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a date's text was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not a year, month and day (`下周一`, `2025-13`).
    NotADate,
    /// A year, month and day that the calendar does not have (`2025-02-30`).
    NoSuchDay,
}

impl DateError {
    /// The message in Chinese, for the page.
    pub fn zh(&self) -> String {
        match self {
            DateError::NotADate => "不是日期（请写作 2025-01-20 或 2025年1月20日）".to_owned(),
            DateError::NoSuchDay => "日历上没有这一天".to_owned(),
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::NotADate => f.write_str("is not a date (write 2025-01-20)"),
            DateError::NoSuchDay => f.write_str("is not a day of the calendar"),
        }
    }
}

impl std::error::Error for DateError {}

impl Date {
    /// The date of a year, month and day, if the calendar has it (years 1900–9999).
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1900..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(DateError::NotADate);
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay);
        }
        Ok(Date { year, month, day })
    }

    /// Reads a date as people type it: `2025-01-20`, `2025/1/20`, `2025.1.20`, `2025年1月20日`
    /// (full-width digits too), or with a time after it (`2025-01-20 00:00:00`, as spreadsheets
    /// write a date cell as text). Anything else is refused.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let text: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '－' | '／' | '．' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                other => other,
            })
            .collect();
        // A time of day after the date (a spreadsheet's text of a date cell) is dropped.
        let text = match text.split_once([' ', 'T']) {
            Some((date, time)) if time.trim().chars().all(|c| c.is_ascii_digit() || c == ':' || c == '.') => date,
            _ => text.as_str(),
        };
        let parts: Vec<&str> = match text.strip_suffix('日') {
            Some(rest) => {
                let (year, rest) = rest.split_once('年').ok_or(DateError::NotADate)?;
                let (month, day) = rest.split_once('月').ok_or(DateError::NotADate)?;
                vec![year, month, day]
            }
            None => {
                let separator = ['-', '/', '.'].into_iter().find(|s| text.contains(*s)).ok_or(DateError::NotADate)?;
                text.split(separator).collect()
            }
        };
        let [year, month, day] = parts.as_slice() else { return Err(DateError::NotADate) };
        let number = |part: &str, most: usize| -> Result<u16, DateError> {
            let part = part.trim();
            if part.is_empty() || part.len() > most || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DateError::NotADate);
            }
            part.parse().map_err(|_| DateError::NotADate)
        };
        let (year, month, day) = (number(year, 4)?, number(month, 2)?, number(day, 2)?);
        if year < 1000 {
            return Err(DateError::NotADate);
        }
        Date::new(year, u8::try_from(month).map_err(|_| DateError::NotADate)?, u8::try_from(day).unwrap_or(0))
    }

    /// The date as a file writes it (`2025-01-20`, [`Date`]'s `Display`), and nothing else: what a
    /// scenario file or a share link carries. People's ways of writing a date go through [`Date::parse`].
    pub fn from_written(text: &str) -> Result<Date, DateError> {
        // Three runs of 1–4 ASCII digits joined by `-`, read digit by digit (no `str::parse`: the
        // page links this reader, and this is smaller).
        let (mut parts, mut digits, mut at) = ([0u16; 3], [0u8; 3], 0);
        for b in text.bytes() {
            match b {
                b'0'..=b'9' if digits[at] < 4 => {
                    parts[at] = parts[at] * 10 + u16::from(b - b'0');
                    digits[at] += 1;
                }
                b'-' if at < 2 && digits[at] > 0 => at += 1,
                _ => return Err(DateError::NotADate),
            }
        }
        if at < 2 || digits[2] == 0 {
            return Err(DateError::NotADate);
        }
        let [year, month, day] = parts;
        Date::new(year, u8::try_from(month).map_err(|_| DateError::NotADate)?, u8::try_from(day).unwrap_or(0))
    }

    /// The date of a number of days since 1970-01-01 (what a clock gives), by Howard Hinnant's
    /// `civil_from_days`.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(u16::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?).ok()
    }

    /// The date of a spreadsheet's day number (Excel's 1900 date system, as LibreOffice and WPS write
    /// it too: 45677 is 2025-01-20).
    pub fn from_spreadsheet_serial(serial: i64) -> Option<Date> {
        // Day 25569 is 1970-01-01; Excel's fictitious 1900-02-29 (day 60) lies before every date a
        // declaration carries, so it needs no correction here.
        if serial <= 60 {
            return None;
        }
        Date::from_days_since_epoch(serial - 25_569)
    }

    /// Days since 1970-01-01, by Howard Hinnant's `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let yoe = year - era * 400;
        let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day number a spreadsheet keeps for the date (Excel's 1900 date system): 45677 is 2025-01-20.
    pub fn spreadsheet_serial(self) -> i64 {
        self.days_since_epoch() + 25_569
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The date as Chinese documents write it: `2025年1月20日`.
    pub fn zh(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// `2025-01-20`, the form files keep.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_carries_the_written_form_only() {
        assert_eq!(Date::from_written("2025-01-20").map(|d| d.to_string()), Ok("2025-01-20".to_owned()));
        assert_eq!(Date::from_written("2024-2-29").map(|d| d.to_string()), Ok("2024-02-29".to_owned()));
        for text in ["2025/1/20", "2025年1月20日", "2025-01", "2025-01-20-1", "", "-1-1", "2025-13-01"] {
            assert!(Date::from_written(text).is_err(), "{text}");
        }
        assert_eq!(Date::from_written("2023-02-29"), Err(DateError::NoSuchDay));
    }

    #[test]
    fn the_forms_people_type_read_the_same() {
        let cases: &[(&str, Result<&str, DateError>)] = &[
            ("2025-01-20", Ok("2025-01-20")),
            ("2025/1/20", Ok("2025-01-20")),
            ("2025.1.20", Ok("2025-01-20")),
            ("2025年1月20日", Ok("2025-01-20")),
            ("２０２５年１月２０日", Ok("2025-01-20")),
            ("２０２５－０１－２０", Ok("2025-01-20")),
            (" 2025-01-20 00:00:00 ", Ok("2025-01-20")),
            ("2025-01-20T00:00:00", Ok("2025-01-20")),
            ("2024-02-29", Ok("2024-02-29")),
            ("2025-02-29", Err(DateError::NoSuchDay)),
            ("2100-02-29", Err(DateError::NoSuchDay)),
            ("2000-02-29", Ok("2000-02-29")),
            ("2025-04-31", Err(DateError::NoSuchDay)),
            ("2025-01-00", Err(DateError::NoSuchDay)),
            ("2025-13-01", Err(DateError::NotADate)),
            ("2025-1", Err(DateError::NotADate)),
            ("25-1-20", Err(DateError::NotADate)),
            ("2025-01-20-1", Err(DateError::NotADate)),
            ("2025年1月20", Err(DateError::NotADate)),
            ("下周一", Err(DateError::NotADate)),
            ("", Err(DateError::NotADate)),
            ("2025-+1-20", Err(DateError::NotADate)),
            ("2025-01-20 下午", Err(DateError::NotADate)),
        ];
        for (text, expected) in cases {
            let got = Date::parse(text).map(|d| d.to_string());
            assert_eq!(got, expected.clone().map(str::to_owned), "{text:?}");
        }
    }

    #[test]
    fn chinese_form_has_no_leading_zeros() {
        let date = Date::new(2024, 3, 27).expect("a day");
        assert_eq!(date.zh(), "2024年3月27日");
        assert_eq!(Date::parse(&date.zh()), Ok(date));
    }

    #[test]
    fn clock_and_spreadsheet_days() {
        assert_eq!(Date::from_days_since_epoch(0).map(|d| d.to_string()).as_deref(), Some("1970-01-01"));
        assert_eq!(Date::from_days_since_epoch(19_809).map(|d| d.to_string()).as_deref(), Some("2024-03-27"));
        assert_eq!(Date::from_spreadsheet_serial(45_677).map(|d| d.to_string()).as_deref(), Some("2025-01-20"));
        assert_eq!(Date::from_spreadsheet_serial(0), None);
        assert_eq!(Date::from_days_since_epoch(i64::MAX), None);
        for days in [-25_567, -1, 0, 59, 11_016, 19_809, 20_108, 47_541, 2_932_896] {
            let date = Date::from_days_since_epoch(days).expect("a day");
            assert_eq!(date.days_since_epoch(), days, "{date}");
        }
        assert_eq!(Date::new(2025, 1, 20).map(Date::spreadsheet_serial), Ok(45_677));
    }
}
