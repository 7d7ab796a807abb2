//! Where a bank's figures came from, and what the bureau verified.
//!
//! > 三、考评组织 …… 各银行业金融机构申报，考评小组负责核实，市政府审定实施。考核数据以人民银行金融统计口径
//! > 计算的数据为准。
//!
//! A bank declares its figures on a 申报表 ([`Source`]: the file, 填报人, 联系电话, 填报日期). The bureau
//! may replace a declared figure with the figure of the 人民银行 statistics, with a reason
//! ([`Verification`]: what was declared, and why it changed); scoring uses the verified figure, and
//! the declared one stays beside it.
//!
//! The members of a source are one table, [`SOURCE_FIELDS`], which the scenario file, the 申报表's
//! boxes, the 来源 sheet and the page walk: a new member is one row.

use rust_decimal::Decimal;

use crate::date::{Date, DateError};

/// Who declared a bank's figures, in which file, and when (申报).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Source {
    /// The file's name as it was received (`申报表-工商银行.xlsx`).
    pub file: String,
    /// 填报人.
    pub reporter: Option<String>,
    /// 联系电话.
    pub phone: Option<String>,
    /// 填报日期.
    pub date: Option<Date>,
}

/// A member of a [`Source`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceField {
    /// The file's name.
    File,
    /// 填报人.
    Reporter,
    /// 联系电话.
    Phone,
    /// 填报日期.
    Date,
}

/// How a member of a source is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// Text, kept as written (trimmed).
    Text,
    /// A [`Date`], read as people type it and written `2025-01-10`.
    Date,
}

/// One row of the source table.
#[derive(Debug, Clone, Copy)]
pub struct SourceSpec {
    /// The member.
    pub field: SourceField,
    /// Its key in the scenario file.
    pub key: &'static str,
    /// Its label, as a 申报表 writes it beside the box.
    pub label: &'static str,
    /// How it is written.
    pub kind: SourceKind,
    /// Whether a source must have it (the file it came from).
    pub required: bool,
}

/// The members of a source, in the order files and forms list them.
pub static SOURCE_FIELDS: [SourceSpec; 4] = [
    SourceSpec { field: SourceField::File, key: "file", label: "来源文件", kind: SourceKind::Text, required: true },
    SourceSpec {
        field: SourceField::Reporter,
        key: "reporter",
        label: "填报人",
        kind: SourceKind::Text,
        required: false,
    },
    SourceSpec {
        field: SourceField::Phone, key: "phone", label: "联系电话", kind: SourceKind::Text, required: false
    },
    SourceSpec {
        field: SourceField::Date, key: "date", label: "填报日期", kind: SourceKind::Date, required: false
    },
];

/// The keys of a source in the file, for messages.
pub static SOURCE_KEYS: [&str; 4] = ["file", "reporter", "phone", "date"];

impl SourceField {
    /// Every member, in table order.
    pub const ALL: [SourceField; 4] = [SourceField::File, SourceField::Reporter, SourceField::Phone, SourceField::Date];

    /// The member's row.
    pub fn spec(self) -> &'static SourceSpec {
        &SOURCE_FIELDS[self as usize]
    }

    /// The key in the file (`reporter`).
    pub fn key(self) -> &'static str {
        self.spec().key
    }

    /// The label (`填报人`).
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// The member with this key.
    pub fn from_key(key: &str) -> Option<SourceField> {
        SourceField::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The member's text as files write it (`2025-01-10` for a date); `None` when blank.
    pub fn get(self, source: &Source) -> Option<String> {
        match self {
            SourceField::File => Some(source.file.clone()).filter(|f| !f.is_empty()),
            SourceField::Reporter => source.reporter.clone(),
            SourceField::Phone => source.phone.clone(),
            SourceField::Date => source.date.map(|d| d.to_string()),
        }
    }

    /// The member as people read it (`2025年1月10日` for a date); `None` when blank.
    pub fn show(self, source: &Source) -> Option<String> {
        match self {
            SourceField::Date => source.date.map(Date::zh),
            other => other.get(source),
        }
    }

    /// Sets the member from typed text (trimmed; blank clears it; a date as people type it). A date
    /// that is not one is refused and changes nothing.
    pub fn set(self, source: &mut Source, text: &str) -> Result<(), DateError> {
        match (self, text.trim()) {
            (SourceField::Date, text) if !text.is_empty() => {
                source.date = Some(Date::parse(text)?);
                Ok(())
            }
            (_, text) => self.set_as_written(source, text),
        }
    }

    /// Sets the member from a file's text, kept as written (a file read back is what was written;
    /// a date as `2025-01-20`, [`Date::from_written`]); empty clears it.
    pub fn set_as_written(self, source: &mut Source, text: &str) -> Result<(), DateError> {
        let value = Some(text.to_owned()).filter(|t| !t.is_empty());
        match self {
            SourceField::File => source.file = value.unwrap_or_default(),
            SourceField::Reporter => source.reporter = value,
            SourceField::Phone => source.phone = value,
            SourceField::Date => source.date = value.map(|t| Date::from_written(&t)).transpose()?,
        }
        Ok(())
    }
}

impl Source {
    /// A source with only its file.
    pub fn from_file(file: &str) -> Source {
        Source { file: file.to_owned(), ..Source::default() }
    }

    /// `申报表-工商银行.xlsx（填报人 张三，联系电话 0714-6221234，填报日期 2025年1月10日）`; boxes left
    /// blank are said to be blank.
    pub fn zh(&self) -> String {
        let others: Vec<String> = SourceField::ALL[1..]
            .iter()
            .map(|f| format!("{} {}", f.label(), f.show(self).unwrap_or_else(|| "未填".to_owned())))
            .collect();
        format!("{}（{}）", self.file, others.join("，"))
    }
}

/// A figure the bureau verified (核实): the bank's declared value, kept beside the verified one, and
/// the reason for the change.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Verification {
    /// What the bank declared; `None`: it declared nothing for this figure.
    pub declared: Option<Decimal>,
    /// Why the figure was changed (`按人民银行金融统计口径，不含票据贴现`).
    pub reason: String,
}

/// The keys of a verification in the file.
pub static VERIFICATION_KEYS: [&str; 2] = ["declared", "reason"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_indexes_its_members() {
        for (i, spec) in SOURCE_FIELDS.iter().enumerate() {
            assert_eq!(spec.field as usize, i);
            assert_eq!(SourceField::from_key(spec.key), Some(spec.field));
            assert_eq!(SOURCE_KEYS[i], spec.key);
        }
    }

    #[test]
    fn members_are_set_from_typed_text() {
        let mut source = Source::from_file("申报表-工商银行.xlsx");
        assert_eq!(SourceField::Reporter.set(&mut source, " 张三 "), Ok(()));
        assert_eq!(SourceField::Date.set(&mut source, "2025年1月10日"), Ok(()));
        assert_eq!(SourceField::Date.set(&mut source, "明天"), Err(DateError::NotADate));
        assert_eq!(source.date.map(|d| d.to_string()).as_deref(), Some("2025-01-10"), "a refusal changes nothing");
        assert_eq!(source.zh(), "申报表-工商银行.xlsx（填报人 张三，联系电话 未填，填报日期 2025年1月10日）");
        assert_eq!(SourceField::Reporter.set(&mut source, ""), Ok(()));
        assert_eq!(source.reporter, None);
    }
}
