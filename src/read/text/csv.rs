//! A small RFC 4180 CSV parser that keeps where each field starts.
//!
//! Quoted fields may hold commas, doubled quotes and line breaks; a quote in
//! the middle of an unquoted field is kept as text; text after a closing
//! quote is appended (as spreadsheet programs do). Positions are counted in
//! characters so that findings can name the line and column a person sees
//! in an editor.

/// One record: the line it starts on and its fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// 1-based line where the record starts.
    pub line: u32,
    /// Number of physical lines the record spans (more than 1 when a quoted
    /// field holds a line break).
    pub lines: u32,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// 1-based character column, counted from the start of the record's
    /// first line (a field after a quoted line break counts the characters
    /// of the earlier lines too), where the field's content starts (after
    /// an opening quote).
    pub column: u32,
    pub text: String,
}

/// Outcome of parsing a whole file.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub records: Vec<Record>,
    /// True when the file ended inside a quoted field.
    pub unterminated_quote: bool,
}

/// Parse `text` with `delimiter`. Line breaks are `\r\n`, `\r` or `\n`; a
/// break inside a quoted field is kept as `\n`. A final line break does not
/// start an empty record. `max_fields` bounds the total number of fields:
/// parsing stops (returning `Err(count)`) once it is passed.
pub fn parse(text: &str, delimiter: char, max_fields: u64) -> Result<Parsed, u64> {
    let mut out = Parsed::default();
    let mut chars = text.chars().peekable();
    let mut line: u32 = 1;
    let mut total_fields: u64 = 0;

    // Per-record state.
    let mut rec_line = 1u32;
    let mut fields: Vec<Field> = Vec::new();
    let mut field = String::new();
    let mut field_col = 1u32;
    let mut col = 1u32; // column of the next character, from record start
    let mut in_quotes = false;
    let mut at_field_start = true;
    let mut record_has_content = false;

    macro_rules! end_field {
        () => {{
            total_fields += 1;
            if total_fields > max_fields {
                return Err(total_fields);
            }
            fields.push(Field {
                column: field_col,
                text: std::mem::take(&mut field),
            });
            at_field_start = true;
        }};
    }

    while let Some(c) = chars.next() {
        let is_break = c == '\n' || c == '\r';
        if is_break && c == '\r' && chars.peek() == Some(&'\n') {
            chars.next();
        }
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                    col += 2;
                } else {
                    in_quotes = false;
                    col += 1;
                }
            } else if is_break {
                field.push('\n');
                line += 1;
                col += 1;
            } else {
                field.push(c);
                col += 1;
            }
            continue;
        }
        if is_break {
            // An empty line is a record with one empty field.
            end_field!();
            out.records.push(Record {
                line: rec_line,
                lines: line - rec_line + 1,
                fields: std::mem::take(&mut fields),
            });
            line += 1;
            rec_line = line;
            col = 1;
            field_col = 1;
            record_has_content = false;
            continue;
        }
        record_has_content = true;
        if c == delimiter {
            end_field!();
            col += 1;
            field_col = col;
            continue;
        }
        if c == '"' && at_field_start {
            in_quotes = true;
            at_field_start = false;
            col += 1;
            field_col = col;
            continue;
        }
        at_field_start = false;
        field.push(c);
        col += 1;
    }
    if in_quotes {
        out.unterminated_quote = true;
    }
    if record_has_content || !fields.is_empty() {
        total_fields += 1;
        if total_fields > max_fields {
            return Err(total_fields);
        }
        fields.push(Field {
            column: field_col,
            text: field,
        });
        out.records.push(Record {
            line: rec_line,
            lines: line - rec_line + 1,
            fields,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(r: &Record) -> Vec<&str> {
        r.fields.iter().map(|f| f.text.as_str()).collect()
    }

    #[test]
    fn quoted_commas_quotes_and_breaks() {
        let p = parse("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"x\ny\",z\n", ',', 100).unwrap();
        assert_eq!(p.records.len(), 2);
        assert_eq!(texts(&p.records[0]), ["a", "b,c", "say \"hi\""]);
        let cols: Vec<u32> = p.records[0].fields.iter().map(|f| f.column).collect();
        assert_eq!(cols, [1, 4, 10]);
        assert_eq!(p.records[1].line, 2);
        assert_eq!(p.records[1].lines, 2);
        assert_eq!(texts(&p.records[1]), ["x\ny", "z"]);
        assert_eq!(p.records[1].fields[1].column, 7);
    }

    #[test]
    fn empty_lines_and_trailing_fields() {
        let p = parse("a,\n\nb", ',', 100).unwrap();
        assert_eq!(p.records.len(), 3);
        assert_eq!(texts(&p.records[0]), ["a", ""]);
        assert_eq!(texts(&p.records[1]), [""]);
        assert_eq!((p.records[2].line, texts(&p.records[2])), (3, vec!["b"]));
    }

    #[test]
    fn unterminated_quote_and_field_limit() {
        let p = parse("a,\"open", ',', 100).unwrap();
        assert!(p.unterminated_quote);
        assert_eq!(texts(&p.records[0]), ["a", "open"]);
        assert_eq!(parse("a,b,c\n", ',', 2).unwrap_err(), 3);
    }

    #[test]
    fn quote_inside_unquoted_field_is_text() {
        let p = parse("12\"3,\"ab\"cd", ',', 100).unwrap();
        assert_eq!(texts(&p.records[0]), ["12\"3", "abcd"]);
    }
}
