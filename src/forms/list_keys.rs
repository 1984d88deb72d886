//! The list part of the definition format (`[[list]]`: table rows,
//! numbered items, added rows, blocks, and their columns), kept apart from
//! `definition` so that each reads in one sitting. Re-exported there: the
//! paths `forms::definition::ListDef` and the others stay as they were.

use super::rule_keys::Kind;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A repeated entry: table rows or numbered items.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListDef {
    /// List path (`subcontractors`, `handlers`, `items`).
    pub path: String,
    pub find: ListFind,
    /// The section heading the table follows (optional).
    #[serde(default)]
    pub heading: Vec<String>,
    #[serde(default, rename = "column")]
    pub columns: Vec<ColumnDef>,
    /// For items: the numbered items and their clause openings.
    #[serde(default, rename = "item")]
    pub items: Vec<ItemDef>,
    /// For items: the header of the status column.
    #[serde(default)]
    pub status_header: Vec<String>,
    /// For items: the heading of the separate sheet (別葉) with reasons.
    #[serde(default)]
    pub annex: Vec<String>,
    /// Place of an entry; `{n}` is the 1-based entry, `{number}` the item
    /// number (entry index + the first item's number), full-width.
    pub place: String,
    #[serde(default)]
    pub place_en: String,
    /// Place of each sub-field after the entry's place.
    #[serde(default)]
    pub field_places: BTreeMap<String, String>,
    #[serde(default)]
    pub field_places_en: BTreeMap<String, String>,
    /// The list as a whole, as people name it (`２．報告事項`), for
    /// findings about the table rather than one entry.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub name_en: Option<String>,
    /// Columns the template prints in every row (`role`, `tier`): a row
    /// with only these is not an entry.
    #[serde(default)]
    pub printed_columns: Vec<String>,
    /// REQ001 per used entry: at least one of each group must be filled in
    /// (選定方法 or 選定理由); reported on the first whose cell exists.
    #[serde(default)]
    pub required_one_of: Vec<Vec<String>>,
    /// REQ001 per used entry except a 再々委託先 row (whose ratio is ＿).
    #[serde(default)]
    pub required_unless_sub: Vec<String>,
    /// REQ001 per used entry: these sub-fields must be filled in.
    #[serde(default)]
    pub required_columns: Vec<String>,
    /// REQ001: at least this many entries.
    #[serde(default)]
    pub min_entries: usize,
    /// For added rows: the label of the row where they stop (`Ⅲ`).
    #[serde(default)]
    pub until: Vec<String>,
    /// The template prints every data row (a list of documents, each row
    /// naming one): each row is an entry, used or not, so its
    /// `required_columns` are required in every row.
    #[serde(default)]
    pub printed_rows: bool,
    /// The template's label of each data row, in order (`３ 在留資格変更許可
    /// 申請書`, `①`): `{label}` in `place`.
    #[serde(default)]
    pub row_labels: Vec<String>,
    /// Header rows below the one the columns are found in (a second row of
    /// sub-headers or of notes 「○を記載」): skipped before the data rows.
    #[serde(default)]
    pub header_rows_below: u32,
    /// For `find = "blocks"`: the printed marks that open each entry (①,
    /// ②, …), in the order of the entries.
    #[serde(default)]
    pub markers: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListFind {
    /// Data rows of a table with a header row.
    Table,
    /// Numbered report items (`情報セキュリティに関する事項 ２）`).
    Items,
    /// Rows the applicant added to a labelled table (a ⑤ under ①〜④):
    /// after the row of the `heading` label, each row whose label opens
    /// with an enumerator, up to the row labelled as one of `until`. The
    /// label fills the first column's field, the next cell the second's.
    AddedRows,
    /// Entries that are blocks of rows of one table, each opened by a
    /// printed mark (`markers`: ①, ②, …) in one column; each column is
    /// the cell at `cell = [row offset in the block, grid column]`.
    Blocks,
}

/// One column of a list table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnDef {
    /// Header texts (prefix match). Empty for a leading column.
    #[serde(default)]
    pub header: Vec<String>,
    /// For columns without a header, left of the first headed column:
    /// 0 is the leftmost.
    #[serde(default)]
    pub leading: Option<usize>,
    /// Fields this column fills (`["name", "tier"]`).
    pub fields: Vec<String>,
    #[serde(default)]
    pub parse: ColumnParse,
    /// A blank cell takes the value of the row above (a merged cell).
    #[serde(default)]
    pub inherit: bool,
    /// Does a non-blank cell make the row an entry (spare template rows
    /// keep their role and letter but are not entries)?
    #[serde(default = "default_true")]
    pub counts: bool,
    /// What the column's fields hold, for the format rules.
    #[serde(default)]
    pub kind: Option<Kind>,
    /// FMT003: dates in this column cannot lie after the day of the check.
    #[serde(default)]
    pub past_only: bool,
    /// The form lets this column be given later (「契約時に提出」).
    #[serde(default)]
    pub deferrable: bool,
    /// Options printed in the column's cells (「有」「無」, one per cell or
    /// together in one): the value is the option marked (○, ■, ☑).
    #[serde(default)]
    pub options: Vec<String>,
    /// REQ002: a column for the office (官用欄, 行政庁側記入欄): every
    /// row's cell must stay as printed.
    #[serde(default)]
    pub must_be_blank: bool,
    /// For `find = "blocks"`: the column's cell, as [row offset in the
    /// entry's block, grid column].
    #[serde(default)]
    pub cell: Option<[u32; 2]>,
    /// A cell holding only one of these (the 「円」 printed in every row)
    /// is blank.
    #[serde(default)]
    pub blank_if: Vec<String>,
}

pub(super) fn default_true() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ColumnParse {
    #[default]
    Text,
    /// Name with a `[再委託先]` / `[再々委託先]` tag → name, tier.
    NameTier,
    /// 有 / 無 → bool.
    Settlement,
    /// Amount in yen.
    AmountYen,
    Percent,
    /// `一者選定\n理由：…` → selection method, selection reason.
    MethodReason,
    /// 情報管理責任者 … → manager / supervisor / worker / subcontractor.
    Role,
    Date,
}

/// A numbered report item.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    pub number: u32,
    /// The opening words of the item's clause (確認事項).
    pub clause: String,
}
