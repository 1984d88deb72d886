//! serde_json's pretty layout (two spaces a level), written faster and
//! from any starting depth.
//!
//! `PrettyFormatter` writes an indentation as one two-byte write per level,
//! on every line of the output: a report of a few thousand findings is
//! several hundred thousand writes. [`Pretty`] writes the line break and the
//! whole indentation at once, and can start a few levels in, so that a
//! piece of a larger document (one file of `extract`'s "files" array) is
//! written in place instead of being indented again line by line. The bytes
//! are those of `PrettyFormatter` (the tests compare them).

use serde_json::ser::Formatter;
use std::io;

/// The pretty formatter; see the module docs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Pretty {
    level: usize,
    has_value: bool,
}

/// Enough spaces for any depth the reports reach in one write (deeper
/// levels take more writes).
const SPACES: &[u8; 64] = b"                                                                ";

impl Pretty {
    /// A formatter whose first value sits `level` levels in: each line it
    /// breaks is indented two more spaces per level than serde_json's.
    pub fn nested(level: usize) -> Pretty {
        Pretty {
            level,
            has_value: false,
        }
    }

    fn newline<W: ?Sized + io::Write>(&self, w: &mut W) -> io::Result<()> {
        w.write_all(b"\n")?;
        let mut n = self.level * 2;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(SPACES.get(..k).unwrap_or_default())?;
            n -= k;
        }
        Ok(())
    }
}

/// `value` as serde_json's `to_writer_pretty` writes it, `level` levels in.
pub fn write_nested<W: io::Write, T: serde::Serialize + ?Sized>(
    writer: W,
    value: &T,
    level: usize,
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(writer, Pretty::nested(level));
    value.serialize(&mut ser)
}

impl Pretty {
    /// `[` or `{`: one level in, nothing in it yet.
    fn open<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// `]` or `}`, on a line of its own when something was inside.
    fn close<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    /// Before an array value or an object key: a comma after the first,
    /// then a new line.
    fn item<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> serde_json::Value {
        let deep = (0..40).fold(json!("葉"), |v, i| json!({ format!("k{i}"): [v, i, null] }));
        json!({
            "empty_array": [],
            "empty_object": {},
            "nested": [[], [{}], [1, [2, [3]]]],
            "text": "改行\nと \"引用\"",
            "deep": deep,
            "numbers": [1.5, -2, 3e10],
        })
    }

    #[test]
    fn same_bytes_as_serde_json() {
        let value = sample();
        let mut ours = Vec::new();
        write_nested(&mut ours, &value, 0).unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }

    /// Levels in: every line after the first gains two spaces a level.
    #[test]
    fn nested_is_indented_text() {
        let value = sample();
        let mut ours = Vec::new();
        write_nested(&mut ours, &value, 2).unwrap();
        let want = serde_json::to_string_pretty(&value)
            .unwrap()
            .replace('\n', "\n    ");
        assert_eq!(String::from_utf8(ours).unwrap(), want);
    }
}
