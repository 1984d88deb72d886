//! Decide what a file is from its bytes, not its name.

use crate::model::Format;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Word(Format),
    /// Word 97–2003 (.doc / .dot) in an OLE2 container.
    LegacyWord(Format),
    Pdf,
    Sheet(Format),
    /// An OpenDocument text document (.odt).
    OdfText,
    Text(Format),
    /// An OLE2/CFB container holding an encrypted OOXML package.
    Encrypted,
    /// Something we recognise but do not read; says what it looks like.
    Unsupported(String),
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY_MAGIC: &[u8] = b"PK\x05\x06";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Sniff a file. `name` only breaks ties the bytes cannot (txt vs csv,
/// docx vs docm vs dotx once the content types have been read).
pub fn sniff(name: &str, bytes: &[u8]) -> Kind {
    let ext = extension(name);
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(ZIP_EMPTY_MAGIC) {
        return sniff_zip(&ext, bytes);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return sniff_ole(&ext, bytes);
    }
    if bytes.starts_with(b"{\\rtf") {
        return Kind::Unsupported("RTF文書 (Rich Text Format)".into());
    }
    if is_pdf(bytes) {
        return Kind::Pdf;
    }
    if bytes.starts_with(b"Rar!") || bytes.starts_with(b"7z\xBC\xAF\x27\x1C") {
        return Kind::Unsupported("RAR/7z圧縮ファイル".into());
    }
    if ext != "txt"
        && ext != "csv"
        && let Some(what) = web_page(bytes)
    {
        return Kind::Unsupported(format!(
            "{what}（拡張子 .{ext} ですが Office 文書ではありません）"
        ));
    }
    if let Some(what) = media_kind(bytes) {
        return Kind::Unsupported(what.into());
    }
    if looks_binary(bytes) {
        return Kind::Unsupported(format!(
            "テキストでも Office 文書でもないバイナリファイル（拡張子 .{ext}）"
        ));
    }
    if ext == "csv" {
        Kind::Text(Format::Csv)
    } else {
        Kind::Text(Format::Txt)
    }
}

/// An HTML page or a single-file web page (MHTML): what Excel and Word
/// write for 「Web ページ」 and what some systems export under an .xls or
/// .doc name.
fn web_page(bytes: &[u8]) -> Option<&'static str> {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or(bytes);
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let t = text.trim_start();
    if t.starts_with("mime-version:") {
        return Some("Web ページ（MHTML）");
    }
    let html = t.starts_with("<html")
        || t.starts_with("<!doctype html")
        || (t.starts_with("<?xml") && t.contains("<html"));
    html.then_some("Web ページ（HTML）")
}

/// Pictures, scans and media by their magic bytes.
fn media_kind(bytes: &[u8]) -> Option<&'static str> {
    let kinds: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "画像ファイル（PNG）"),
        (b"\xFF\xD8\xFF", "画像ファイル（JPEG）"),
        (b"GIF87a", "画像ファイル（GIF）"),
        (b"GIF89a", "画像ファイル（GIF）"),
        (
            b"II*\x00",
            "画像ファイル（TIFF。スキャンした書類の可能性があります）",
        ),
        (
            b"MM\x00*",
            "画像ファイル（TIFF。スキャンした書類の可能性があります）",
        ),
        (b"BM", "画像ファイル（BMP）"),
    ];
    if let Some((_, what)) = kinds.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(what);
    }
    let brand = bytes.get(4..12)?;
    if brand.starts_with(b"ftyp") {
        let b = &brand[4..];
        return Some(if b == b"heic" || b == b"heix" || b == b"mif1" {
            "画像ファイル（HEIC）"
        } else {
            "動画・音声ファイル（MP4 など）"
        });
    }
    if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Some("画像ファイル（WebP）");
    }
    None
}

fn extension(name: &str) -> String {
    std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Decide between Word, Excel and ODF by the names of the zip entries, read
/// from the central directory only (nothing is inflated here).
fn sniff_zip(ext: &str, bytes: &[u8]) -> Kind {
    let names = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(archive) => archive
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .collect::<Vec<_>>(),
        // Leave the precise error to the reader for the extension.
        Err(_) => {
            return match ext {
                "xlsx" | "xlsm" | "ods" | "xlsb" => Kind::Sheet(sheet_format(ext)),
                "odt" => Kind::OdfText,
                _ => Kind::Word(word_format(ext)),
            };
        }
    };
    let has = |n: &str| names.iter().any(|x| x == n);
    if has("word/document.xml") || names.iter().any(|n| n.starts_with("word/")) {
        return Kind::Word(word_format(ext));
    }
    if has("xl/workbook.xml") || has("xl/workbook.bin") {
        let format = if has("xl/workbook.bin") {
            Format::Xlsb
        } else if ext == "xlsm" || has("xl/vbaProject.bin") {
            Format::Xlsm
        } else {
            Format::Xlsx
        };
        return Kind::Sheet(format);
    }
    if has("content.xml") && has("mimetype") {
        let mimetype = mimetype_of(bytes).unwrap_or_default();
        if mimetype.contains("spreadsheet") {
            return Kind::Sheet(Format::Ods);
        }
        if mimetype.contains("opendocument.text") {
            return Kind::OdfText;
        }
        if mimetype.contains("text") {
            return Kind::Unsupported(format!("OpenDocument テキスト文書の一種 ({mimetype})"));
        }
        if mimetype.contains("presentation") {
            return Kind::Unsupported("OpenDocument プレゼンテーション (.odp)".into());
        }
        if mimetype.contains("graphics") {
            return Kind::Unsupported("OpenDocument 図形描画 (.odg)".into());
        }
        return Kind::Unsupported(format!("OpenDocument 文書 ({mimetype})"));
    }
    if has("ppt/presentation.xml") {
        return Kind::Unsupported("PowerPoint プレゼンテーション (.pptx)".into());
    }
    match ext {
        "docx" | "docm" | "dotx" => Kind::Word(word_format(ext)),
        "xlsx" | "xlsm" => Kind::Sheet(sheet_format(ext)),
        _ => Kind::Unsupported("Office 文書ではない ZIP 圧縮ファイル".into()),
    }
}

fn mimetype_of(bytes: &[u8]) -> Option<String> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let file = archive.by_name("mimetype").ok()?;
    let mut s = String::new();
    file.take(256).read_to_string(&mut s).ok()?;
    Some(s)
}

fn word_format(ext: &str) -> Format {
    match ext {
        "docm" => Format::Docm,
        "dotx" => Format::Dotx,
        _ => Format::Docx,
    }
}

fn sheet_format(ext: &str) -> Format {
    match ext {
        "xlsm" => Format::Xlsm,
        "ods" => Format::Ods,
        "xlsb" => Format::Xlsb,
        _ => Format::Xlsx,
    }
}

/// OLE2 compound file: an encrypted OOXML package, a legacy .xls (read by
/// calamine), or a legacy .doc/.ppt (named, not read). Stream names are
/// stored as UTF-16LE in 128-byte directory entries, so a search for the
/// NUL-terminated name at an entry boundary, with the entry's name-length
/// field agreeing, finds them without parsing the container (and without
/// matching the same word in document text, e.g. a "Book Title" style).
fn sniff_ole(ext: &str, bytes: &[u8]) -> Kind {
    let has_stream = |name: &str| {
        let mut needle: Vec<u8> = name.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        needle.extend_from_slice(&[0, 0]);
        let name_len = needle.len();
        bytes.chunks(128).any(|entry| {
            entry.starts_with(&needle)
                && entry.get(64..66) == Some(&(name_len as u16).to_le_bytes()[..])
        })
    };
    if has_stream("EncryptedPackage") {
        return Kind::Encrypted;
    }
    // The streams at the root decide (an embedded workbook inside a Word
    // document's ObjectPool must not make it a workbook).
    if let Ok(cfb) = cfb::CompoundFile::open(std::io::Cursor::new(bytes)) {
        if cfb.is_stream("/WordDocument") {
            return Kind::LegacyWord(if ext == "dot" {
                Format::Dot
            } else {
                Format::Doc
            });
        }
        if cfb.is_stream("/Workbook") || cfb.is_stream("/Book") {
            return Kind::Sheet(Format::Xls);
        }
    }
    if has_stream("Workbook") || has_stream("Book") {
        return Kind::Sheet(Format::Xls);
    }
    if has_stream("WordDocument") {
        return Kind::LegacyWord(if ext == "dot" {
            Format::Dot
        } else {
            Format::Doc
        });
    }
    if has_stream("PowerPoint Document") {
        return Kind::Unsupported("旧形式の PowerPoint (.ppt)".into());
    }
    match ext {
        "xls" => Kind::Sheet(Format::Xls),
        "doc" | "dot" => Kind::LegacyWord(if ext == "dot" {
            Format::Dot
        } else {
            Format::Doc
        }),
        _ => Kind::Unsupported("OLE2 複合ファイル（旧形式の Office 文書）".into()),
    }
}

/// `%PDF-` within the first KiB (PDF readers accept leading junk, as
/// some mail gateways and printers add).
fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// Binary if it has NUL bytes outside what UTF-16 text would have.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
        || crate::read::text::encoding::utf16_without_bom(bytes).is_some()
    {
        return false;
    }
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x09) || (0x0E..0x1B).contains(&b))
        .count();
    controls > head.len() / 100 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_bytes_are_text() {
        assert_eq!(sniff("a.txt", "様式".as_bytes()), Kind::Text(Format::Txt));
        assert_eq!(sniff("a.csv", b"a,b\n"), Kind::Text(Format::Csv));
    }

    #[test]
    fn web_pages_under_office_names_are_named() {
        let html = "\u{feff}<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><body>名簿</body></html>";
        match sniff("名簿.xls", html.as_bytes()) {
            Kind::Unsupported(what) => {
                assert!(what.contains("HTML") && what.contains(".xls"), "{what}")
            }
            other => panic!("{other:?}"),
        }
        let mht = b"MIME-Version: 1.0\r\nContent-Type: multipart/related";
        assert!(matches!(sniff("a.doc", mht), Kind::Unsupported(w) if w.contains("MHTML")));
        // A text file that happens to start with a tag stays text.
        assert_eq!(sniff("a.txt", b"<html>"), Kind::Text(Format::Txt));
    }

    #[test]
    fn pdf_is_pdf_and_binary_is_unsupported() {
        assert_eq!(sniff("a.docx", b"%PDF-1.7"), Kind::Pdf);
        assert!(matches!(sniff("a.bin", &[0u8; 64]), Kind::Unsupported(_)));
    }

    #[test]
    fn ole_with_encrypted_package_is_encrypted() {
        let mut bytes = OLE_MAGIC.to_vec();
        bytes.resize(512, 0);
        let mut entry: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        entry.resize(64, 0);
        entry.extend_from_slice(&34u16.to_le_bytes());
        entry.resize(128, 0);
        bytes.extend(entry);
        assert_eq!(sniff("x.docx", &bytes), Kind::Encrypted);
    }
}
