//! Text reader (.txt / .csv).
//!
//! The encoding is detected ([`encoding::decode`]): BOM, UTF-16 without a
//! BOM, UTF-8, then Shift_JIS (CP932) against EUC-JP. Each line becomes a
//! [`Paragraph`] located by its 1-based line number; a line holding tabs
//! (Word's "save as text" writes table cells that way) keeps its cells with
//! the character column where each starts. A CSV file is parsed properly
//! (quoted commas, doubled quotes, quoted line breaks): each record is one
//! paragraph located at the line where it starts, its text the fields
//! joined by tabs, its cells the fields with their source columns.

pub mod csv;
pub mod encoding;

use crate::error::ReadError;
use crate::model::{Block, Document, Format, LineCell, Location, Paragraph, ReadNote};
use crate::read::Limits;

/// Read a text or CSV file held in memory.
pub fn read(
    name: &str,
    bytes: &[u8],
    format: Format,
    limits: &Limits,
) -> Result<Document, ReadError> {
    let len = bytes.len() as u64;
    let max = limits.max_file_bytes.min(limits.max_part_bytes);
    if len > max {
        return Err(ReadError::LimitExceeded {
            part: None,
            detail: format!("text file is {len} bytes, over the limit of {max} bytes"),
        });
    }
    let decoded = encoding::decode(bytes);
    let mut doc = Document::new(name, format, len);
    doc.encoding = Some(decoded.encoding.to_string());
    if decoded.errors > 0 {
        doc.notes.push(ReadNote {
            part: None,
            message: format!(
                "{} byte sequence(s) could not be decoded as {} and were replaced by U+FFFD",
                decoded.errors, decoded.encoding
            ),
        });
    }
    // A second BOM (or one left by a converter) is not text.
    let text = decoded
        .text
        .strip_prefix('\u{FEFF}')
        .unwrap_or(&decoded.text);
    let budget = limits.max_sheet_cells;
    if format == Format::Csv {
        read_csv(text, budget, &mut doc)?;
    } else {
        read_lines(text, budget, &mut doc)?;
    }
    Ok(doc)
}

fn too_many(count: u64, budget: u64) -> ReadError {
    ReadError::LimitExceeded {
        part: None,
        detail: format!("over {budget} lines and cells (at least {count})"),
    }
}

/// Split on `\r\n`, `\r` or `\n`; a final line break does not start an
/// empty line.
pub fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() {
        match bytes.get(i) {
            Some(b'\n') => {
                lines.push(text.get(start..i).unwrap_or_default());
                i += 1;
                start = i;
            }
            Some(b'\r') => {
                lines.push(text.get(start..i).unwrap_or_default());
                i += if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        lines.push(text.get(start..).unwrap_or_default());
    }
    lines
}

fn read_lines(text: &str, budget: u64, doc: &mut Document) -> Result<(), ReadError> {
    // Count before building, so a file of nothing but line breaks or tabs
    // is refused without allocating a paragraph per line.
    let breaks = text.bytes().filter(|b| *b == b'\n' || *b == b'\r').count() as u64;
    let tabs = text.bytes().filter(|b| *b == b'\t').count() as u64;
    if breaks > budget || tabs > budget || breaks + tabs > budget {
        return Err(too_many(breaks + tabs, budget));
    }
    for (i, line) in split_lines(text).into_iter().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let mut p = Paragraph::new(Location::line(n), line);
        if line.contains('\t') {
            p.cells = tab_cells(line);
        }
        doc.blocks.push(Block::Paragraph(p));
    }
    Ok(())
}

/// The tab-separated cells of a line, each with the 1-based character
/// column where it starts. Empty cells are kept, so the n-th cell is always
/// the n-th column of the row.
pub fn tab_cells(line: &str) -> Vec<LineCell> {
    let mut cells = Vec::new();
    let mut column = 1u32;
    for part in line.split('\t') {
        cells.push(LineCell {
            column,
            text: part.to_string(),
        });
        let chars = u32::try_from(part.chars().count()).unwrap_or(u32::MAX);
        column = column.saturating_add(chars).saturating_add(1);
    }
    cells
}

fn read_csv(text: &str, budget: u64, doc: &mut Document) -> Result<(), ReadError> {
    let first_line = split_lines(text).into_iter().next().unwrap_or_default();
    // A "CSV" saved by a tool that wrote tabs instead of commas.
    let delimiter = if !first_line.contains(',') && first_line.contains('\t') {
        '\t'
    } else {
        ','
    };
    let parsed = csv::parse(text, delimiter, budget).map_err(|n| too_many(n, budget))?;
    if parsed.unterminated_quote {
        doc.notes.push(ReadNote {
            part: None,
            message: "the file ends inside a quoted CSV field".into(),
        });
    }
    for record in parsed.records {
        let joined = record
            .fields
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join("\t");
        let mut p = Paragraph::new(Location::line(record.line), joined);
        if record.fields.len() > 1 {
            p.cells = record
                .fields
                .into_iter()
                .map(|f| LineCell {
                    column: f.column,
                    text: f.text,
                })
                .collect();
        }
        doc.blocks.push(Block::Paragraph(p));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings() {
        assert_eq!(split_lines("a\r\nb\rc\nd"), ["a", "b", "c", "d"]);
        assert_eq!(split_lines("a\n\nb\n"), ["a", "", "b"]);
        assert_eq!(split_lines("\n"), [""]);
        assert!(split_lines("").is_empty());
    }

    #[test]
    fn tab_cell_columns_count_characters() {
        let cells = tab_cells("\t申請者\t企業・団体名\t");
        let got: Vec<(u32, &str)> = cells.iter().map(|c| (c.column, c.text.as_str())).collect();
        assert_eq!(got, [(1, ""), (2, "申請者"), (6, "企業・団体名"), (13, "")]);
    }
}
