//! The located document model every reader produces.
//!
//! One model for Word, Excel and text: a sequence of [`Block`]s (paragraphs
//! and tables) in document order, where every piece of text carries the
//! [`Location`] a person would use to find it. Sheets are tables (one per
//! sheet, cells located by A1 reference); text files are paragraphs (one per
//! line, tab-separated cells kept).
//!
//! Numbering conventions shared by the readers and the writers (so that a
//! location found by `check` is the place `annotate` and `fix` touch):
//! - `paragraph`: 1-based ordinal of the `w:p` element within its part, in
//!   document order, counting paragraphs inside tables and text boxes, and
//!   ignoring the `mc:Fallback` copy of drawing content.
//! - `table`: 1-based ordinal of the `w:tbl` start tag within its part, in
//!   document order (a nested table gets the next number when it starts).
//! - `row`: 1-based `w:tr` within its table; `col`: 1-based grid column
//!   (after `w:gridBefore` and the `w:gridSpan` of the cells to its left).
//! - `line` / `column`: 1-based, columns counted in characters.

use serde::Serialize;

pub mod finding;
pub mod own_report;

/// What kind of file a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Docx,
    Docm,
    Dotx,
    Xlsx,
    Xlsm,
    Xls,
    Xlsb,
    Ods,
    Txt,
    Csv,
    /// Word 97–2003 binary document.
    Doc,
    /// Word 97–2003 binary template.
    Dot,
    Pdf,
    /// OpenDocument text (LibreOffice Writer).
    Odt,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Docm => "docm",
            Format::Dotx => "dotx",
            Format::Xlsx => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Xls => "xls",
            Format::Xlsb => "xlsb",
            Format::Ods => "ods",
            Format::Txt => "txt",
            Format::Csv => "csv",
            Format::Doc => "doc",
            Format::Dot => "dot",
            Format::Pdf => "pdf",
            Format::Odt => "odt",
        }
    }

    pub fn is_word(self) -> bool {
        matches!(self, Format::Docx | Format::Docm | Format::Dotx)
    }

    pub fn is_sheet(self) -> bool {
        matches!(
            self,
            Format::Xlsx | Format::Xlsm | Format::Xls | Format::Xlsb | Format::Ods
        )
    }

    /// A legacy binary Word file (.doc / .dot): read like Word, written
    /// by no command.
    pub fn is_legacy_word(self) -> bool {
        matches!(self, Format::Doc | Format::Dot)
    }

    /// Read as lines (text files and PDFs): forms are found in lines and
    /// tab-separated cells rather than in Word tables.
    pub fn is_line_based(self) -> bool {
        matches!(self, Format::Txt | Format::Csv | Format::Pdf)
    }

    pub fn is_text(self) -> bool {
        matches!(self, Format::Txt | Format::Csv)
    }
}

/// Where a piece of text is, as the SPEC's `location` object. Only the
/// fields that apply are set; unset ones are left out of JSON.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, serde::Deserialize, PartialOrd, Ord,
)]
pub struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<std::sync::Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub col: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// 1-based page of a PDF.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
}

impl Location {
    pub fn in_part(part: impl Into<std::sync::Arc<str>>) -> Self {
        Location {
            part: Some(part.into()),
            ..Location::default()
        }
    }

    pub fn line(line: u32) -> Self {
        Location {
            line: Some(line),
            ..Location::default()
        }
    }

    pub fn sheet_cell(sheet: impl Into<String>, cell: impl Into<String>) -> Self {
        Location {
            sheet: Some(sheet.into()),
            cell: Some(cell.into()),
            ..Location::default()
        }
    }

    /// Compact, human-readable form: `表1 2行 3列`, `word/header1.xml 第2段落`,
    /// `Sheet1!C12`, `12行目`. Used in text dumps and as a fallback label.
    pub fn describe(&self) -> String {
        self.describe_in(crate::base::Lang::Ja)
    }

    /// The same in `lang`: `table 1, row 2, col 3`, `paragraph 8`,
    /// `line 12` in English.
    pub fn describe_in(&self, lang: crate::base::Lang) -> String {
        let ja = lang == crate::base::Lang::Ja;
        let mut parts: Vec<String> = Vec::new();
        if let (Some(sheet), Some(cell)) = (&self.sheet, &self.cell) {
            return format!("{sheet}!{cell}");
        }
        let mut push = |j: String, e: String| parts.push(if ja { j } else { e });
        if let Some(sheet) = &self.sheet {
            push(format!("シート「{sheet}」"), format!("sheet \"{sheet}\""));
        }
        if let Some(part) = self.part.as_deref()
            && part != "word/document.xml"
        {
            push(part.to_string(), part.to_string());
        }
        if let Some(t) = self.table {
            push(format!("表{t}"), format!("table {t}"));
        }
        if let Some(r) = self.row {
            push(format!("{r}行"), format!("row {r}"));
        }
        if let Some(c) = self.col {
            push(format!("{c}列"), format!("col {c}"));
        }
        if self.table.is_none()
            && let Some(p) = self.paragraph
        {
            push(format!("第{p}段落"), format!("paragraph {p}"));
        }
        if let Some(p) = self.page {
            push(format!("{p}ページ"), format!("page {p}"));
        }
        if let Some(l) = self.line {
            push(format!("{l}行目"), format!("line {l}"));
        }
        if let Some(c) = self.column {
            push(format!("{c}文字目"), format!("character {c}"));
        }
        parts.join(if ja { " " } else { ", " })
    }
}

/// A read document: the main story in order, the other stories, and what
/// the package says about itself.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// The path as given by the user (or `archive.zip/inner.docx`).
    pub path: String,
    pub format: Format,
    pub byte_len: u64,
    /// The main story in document order: the Word body, one table per sheet,
    /// or the lines of a text file.
    pub blocks: Vec<Block>,
    /// Headers, footers, footnotes, endnotes and comment bodies.
    pub stories: Vec<Story>,
    /// For text files: the detected encoding (`UTF-8`, `Shift_JIS`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// For packages (OOXML, ODS): parts, relationships, metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<PackageInfo>,
    /// Non-fatal oddities met while reading (a part that could not be
    /// parsed and was skipped, an unknown element, ...).
    pub notes: Vec<ReadNote>,
}

impl Document {
    pub fn new(path: impl Into<String>, format: Format, byte_len: u64) -> Self {
        Document {
            path: path.into(),
            format,
            byte_len,
            blocks: Vec::new(),
            stories: Vec::new(),
            encoding: None,
            package: None,
            notes: Vec::new(),
        }
    }

    /// Every paragraph of the main story in document order, descending into
    /// table cells (so nested text is seen too).
    pub fn paragraphs(&self) -> Vec<&Paragraph> {
        let mut out = Vec::new();
        collect_paragraphs(&self.blocks, &mut out);
        out
    }

    /// Every paragraph of every story (main first, then the others).
    pub fn all_paragraphs(&self) -> Vec<&Paragraph> {
        let mut out = self.paragraphs();
        for story in &self.stories {
            collect_paragraphs(&story.blocks, &mut out);
        }
        out
    }

    /// The main story as plain text, one paragraph per line, cells joined by
    /// tabs (like Word's "save as text").
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        write_plain(&self.blocks, &mut out);
        out
    }
}

/// The paragraphs of `blocks` in order, descending into table cells,
/// appended to `out`.
pub(crate) fn collect_paragraphs<'a>(blocks: &'a [Block], out: &mut Vec<&'a Paragraph>) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => out.push(p),
            Block::Table(t) => {
                for row in &t.rows {
                    for cell in &row.cells {
                        collect_paragraphs(&cell.blocks, out);
                    }
                }
            }
        }
    }
}

fn write_plain(blocks: &[Block], out: &mut String) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                out.push_str(&p.text);
                out.push('\n');
            }
            Block::Table(t) => {
                for row in &t.rows {
                    let cells: Vec<String> = row.cells.iter().map(|c| c.text()).collect();
                    out.push_str(&cells.join("\t"));
                    out.push('\n');
                }
            }
        }
    }
}

/// A story other than the main one.
#[derive(Debug, Clone, Serialize)]
pub struct Story {
    pub kind: StoryKind,
    /// The part it came from, e.g. `word/header1.xml`.
    pub part: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StoryKind {
    Header,
    Footer,
    Footnotes,
    Endnotes,
    Comments,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

impl Block {
    pub fn location(&self) -> &Location {
        match self {
            Block::Paragraph(p) => &p.location,
            Block::Table(t) => &t.location,
        }
    }
}

/// Where a paragraph sits, beyond its location.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Container {
    #[default]
    Body,
    /// Inside a text box (`w:txbxContent`); emitted right after the
    /// paragraph that anchors the drawing.
    TextBox,
}

/// A paragraph, or a line of a text file.
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    pub location: Location,
    /// The text as if every tracked change were accepted: inserted text in,
    /// deleted text out; ruby base text only (reading in a span); field
    /// results, not instructions; hidden text included (flagged in a span);
    /// a tab as `\t`, a line break as `\n`.
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
    #[serde(skip_serializing_if = "is_body")]
    pub container: Container,
    /// Annotated byte ranges of `text`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<Span>,
    /// For text lines holding tab-separated cells: the cells, each with the
    /// 1-based character column where it starts. Empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<LineCell>,
    /// The number or bullet Word generates for a list paragraph ("1.",
    /// "(ア)", "•"), from the list definitions of a .doc or .docx. Not
    /// part of `text`: Word does not store it as text, and fields, rules
    /// and locations stay as they were.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list_label: Option<String>,
}

fn is_body(c: &Container) -> bool {
    *c == Container::Body
}

impl Paragraph {
    pub fn new(location: Location, text: impl Into<String>) -> Self {
        Paragraph {
            location,
            text: text.into(),
            style: None,
            container: Container::Body,
            spans: Vec::new(),
            cells: Vec::new(),
            list_label: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LineCell {
    pub column: u32,
    pub text: String,
}

/// A byte range `start..end` of a paragraph's text with what is special
/// about it. Zero-width spans mark a position (e.g. deleted text).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: SpanKind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SpanKind {
    /// Tracked insertion (`w:ins`), counted as accepted.
    Inserted {
        #[serde(skip_serializing_if = "Option::is_none")]
        author: Option<String>,
    },
    /// Tracked deletion (`w:del`): zero-width at the place, text kept here.
    Deleted {
        text: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        author: Option<String>,
    },
    /// Tracked move or formatting change.
    OtherRevision { what: String },
    /// Hidden text (`w:vanish`).
    Hidden,
    /// Ruby: the range is the base text, `reading` the furigana.
    Ruby { reading: String },
    /// Content control (`w:sdt`).
    ContentControl {
        #[serde(skip_serializing_if = "Option::is_none")]
        tag: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        alias: Option<String>,
        /// Checkbox state when the control is a checkbox.
        #[serde(skip_serializing_if = "Option::is_none")]
        checked: Option<bool>,
        /// True when the control still shows its placeholder text.
        showing_placeholder: bool,
    },
    /// Legacy form field (`w:fldChar` with `w:ffData`).
    FormField {
        field_type: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        checked: Option<bool>,
    },
    /// A field result; `instruction` is the field code (`PAGE`, `DATE ...`).
    Field { instruction: String },
    /// Text a comment is anchored on.
    Commented { comment_id: String },
    /// Hyperlink text with its target.
    Hyperlink { target: String },
}

/// A table, or a sheet.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// `part` + `table` for Word; `sheet` for a sheet.
    pub location: Location,
    /// The sheet name for a sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub rows: Vec<Row>,
    /// Merged regions of a sheet (`A1:C2`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// 1-based.
    pub index: u32,
    /// Cells in column order. A cell covered by a horizontal or vertical
    /// merge is not repeated: the merged region is one cell with spans.
    /// Sheets list only non-empty cells and merged-region origins.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// `part`, `table`, `row`, `col` for Word; `sheet`, `cell` for sheets.
    pub location: Location,
    /// 1-based grid row and column of the top-left of the cell.
    pub row: u32,
    pub col: u32,
    pub row_span: u32,
    pub col_span: u32,
    /// The cell's content (paragraphs and nested tables). A sheet cell holds
    /// one paragraph with its displayed text.
    pub blocks: Vec<Block>,
    /// For a numeric sheet cell: the number as stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<f64>,
}

impl Cell {
    /// The cell's text: its paragraphs joined by `\n` (nested tables
    /// flattened, cells joined by tabs).
    pub fn text(&self) -> String {
        let mut out = String::new();
        cell_text(&self.blocks, &mut out);
        out
    }
}

fn cell_text(blocks: &[Block], out: &mut String) {
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match block {
            Block::Paragraph(p) => out.push_str(&p.text),
            Block::Table(t) => {
                for (r, row) in t.rows.iter().enumerate() {
                    if r > 0 {
                        out.push('\n');
                    }
                    let cells: Vec<String> = row.cells.iter().map(|c| c.text()).collect();
                    out.push_str(&cells.join("\t"));
                }
            }
        }
    }
}

/// What an OOXML / ODF package says about itself.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PackageInfo {
    pub parts: Vec<PartInfo>,
    /// A VBA project is present (or the content type is macro-enabled).
    pub has_macros: bool,
    pub external_relationships: Vec<ExternalRelationship>,
    /// Embedded OLE objects and packages (`word/embeddings/...`).
    pub embedded_objects: Vec<String>,
    pub comments: Vec<Comment>,
    /// Where tracked changes are (one entry per revision mark).
    pub revisions: Vec<Revision>,
    /// Where hidden text is, with the text.
    pub hidden_text: Vec<LocatedText>,
    /// Sheets the workbook hides (their cells are read like any other
    /// sheet's; this marks them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hidden_sheets: Vec<HiddenSheet>,
    pub metadata: Metadata,
}

/// A sheet a person opening the workbook does not see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HiddenSheet {
    pub name: String,
    /// Hidden so that it cannot be shown from Excel's menus
    /// (`veryHidden`: only VBA or an XML editor brings it back).
    pub very_hidden: bool,
    /// Characters of text in its cells and drawings.
    pub chars: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartInfo {
    pub name: String,
    pub size: u64,
    pub compressed_size: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExternalRelationship {
    /// The part whose `.rels` declares it.
    pub source_part: String,
    pub id: String,
    /// The relationship type's last path segment (`attachedTemplate`,
    /// `image`, `oleObject`, `hyperlink`, ...).
    pub rel_type: String,
    pub target: String,
    /// True when opening the document fetches the target (remote template,
    /// linked image or object, frame, subdocument) rather than merely
    /// linking to it (hyperlink).
    pub loads_content: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comment {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub text: String,
    /// Where the comment is anchored, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Location>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    /// `insert`, `delete`, `move`, `format`, `property`.
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub location: Location,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LocatedText {
    pub location: Location,
    pub text: String,
}

/// Document properties (`docProps/core.xml`, `docProps/app.xml`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Metadata {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creator: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application: Option<String>,
}

/// A non-fatal oddity met while reading.
#[derive(Debug, Clone, Serialize)]
pub struct ReadNote {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    pub message: String,
}

/// Column letters of a 1-based column number.
pub fn col_letters(mut n: u32) -> String {
    let mut s = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        s.push((b'A' + r) as char);
        n = (n - 1) / 26;
    }
    s.iter().rev().collect()
}

/// Split `B12` into (column 2, row 12).
pub fn parse_ref(r: &str) -> Option<(u32, u32)> {
    let r = r.trim().trim_start_matches('$');
    let letters: String = r.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let digits = r[letters.len()..].trim_start_matches('$');
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut col = 0u32;
    for c in letters.chars() {
        col = col * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    let row = digits.parse::<u32>().ok()?;
    if row == 0 {
        return None;
    }
    Some((col, row))
}
