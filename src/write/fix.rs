//! `fix`: turn the safe fixes of a file's findings into edits and apply
//! them inside the file, in its own format.

use super::{Edit, EditOutcome, WriteError, docx_text, text_file, xlsx_text};
use crate::diag::{Applicability, Diagnostic};
use crate::model::Format;
use crate::read::Limits;

/// The edits `fix` makes for a file's findings: one per finding carrying a
/// [`Applicability::Safe`] fix. Returns (index of the finding, edit).
pub fn safe_edits(diags: &[Diagnostic]) -> Vec<(usize, Edit)> {
    diags
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let fix = d.fix.as_ref()?;
            if fix.applicability != Applicability::Safe || fix.original.is_empty() {
                return None;
            }
            if fix.original == fix.replacement {
                return None;
            }
            Some((
                i,
                Edit::new(
                    d.location.clone().unwrap_or_default(),
                    fix.original.clone(),
                    fix.replacement.clone(),
                ),
            ))
        })
        .collect()
}

/// What identifies a finding across a file and its fixed copy: code,
/// place and field.
pub fn finding_key(d: &Diagnostic) -> String {
    format!(
        "{}|{}|{}",
        d.code,
        d.location
            .as_ref()
            .map(|l| l.describe())
            .unwrap_or_default(),
        d.field.as_deref().unwrap_or("")
    )
}

/// The findings of the fixed copy that the original did not have: a fix
/// that brings one is refused.
pub fn new_findings<'a>(before: &[Diagnostic], after: &'a [Diagnostic]) -> Vec<&'a Diagnostic> {
    let known: std::collections::BTreeSet<String> = before.iter().map(finding_key).collect();
    after
        .iter()
        .filter(|d| !known.contains(&finding_key(d)))
        .collect()
}

/// Whether `fix` can write this format back.
pub fn can_fix(format: Format) -> bool {
    matches!(
        format,
        Format::Docx
            | Format::Docm
            | Format::Dotx
            | Format::Xlsx
            | Format::Xlsm
            | Format::Txt
            | Format::Csv
    )
}

/// Apply edits to a file's bytes in its own format. `encoding` is the
/// reader's detected text encoding (text files only). When no edit applies
/// the original bytes are returned.
pub fn apply_edits(
    bytes: &[u8],
    format: Format,
    encoding: Option<&str>,
    edits: &[Edit],
    limits: &Limits,
) -> Result<(Vec<u8>, Vec<EditOutcome>), WriteError> {
    if format.is_word() || matches!(format, Format::Xlsx | Format::Xlsm) {
        let pkg = super::package::Package::parse(bytes.to_vec(), limits)?;
        if pkg.is_signed() {
            return Err(WriteError::Unsupported(
                "the file is digitally signed; a change would invalidate the signature (fix it in Word/Excel and sign it again)".into(),
            ));
        }
    }
    match format {
        Format::Docx | Format::Docm | Format::Dotx => {
            docx_text::replace_in_docx(bytes, edits, limits)
        }
        Format::Xlsx | Format::Xlsm => xlsx_text::replace_in_xlsx(bytes, edits, limits),
        Format::Txt | Format::Csv => {
            let (out, _, outcomes) = text_file::replace_in_text(bytes, encoding, edits)?;
            Ok((out, outcomes))
        }
        Format::Xls | Format::Xlsb | Format::Ods => Err(WriteError::Unsupported(format!(
            "{} files cannot be rewritten; save the file as .xlsx first",
            format.as_str()
        ))),
        Format::Odt => Err(WriteError::Unsupported(
            "odt files cannot be rewritten; save the file as .docx first".into(),
        )),
        Format::Doc | Format::Dot | Format::Pdf => Err(WriteError::Unsupported(format!(
            "{} files cannot be rewritten; open the file in Word, save it as .docx, and run fix on that (or migrate an old report to the current .docx)",
            format.as_str()
        ))),
    }
}

/// A short before/after excerpt around the change: the common beginning
/// and end are cut to `context` characters.
pub fn excerpt_pair(before: &str, after: &str, context: usize) -> (String, String) {
    let b: Vec<char> = before.chars().collect();
    let a: Vec<char> = after.chars().collect();
    let mut pre = 0;
    while pre < b.len() && pre < a.len() && b[pre] == a[pre] {
        pre += 1;
    }
    let mut suf = 0;
    while suf < b.len() - pre && suf < a.len() - pre && b[b.len() - 1 - suf] == a[a.len() - 1 - suf]
    {
        suf += 1;
    }
    let cut = |v: &[char]| -> String {
        let start = pre.saturating_sub(context);
        let end = (v.len() - suf + context).min(v.len());
        let mut s = String::new();
        if start > 0 {
            s.push('…');
        }
        s.extend(&v[start..end]);
        if end < v.len() {
            s.push('…');
        }
        s
    };
    (cut(&b), cut(&a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Text;
    use crate::model::Location;

    #[test]
    fn only_safe_fixes_become_edits() {
        let d = |app| {
            Diagnostic::new("VER001", Text::new("古い版", "old edition"))
                .location(Location::line(3))
                .fix("令和５年度版", "令和７年度版", app)
        };
        let diags = vec![
            d(Applicability::Safe),
            d(Applicability::Unsafe),
            d(Applicability::Display),
        ];
        let e = safe_edits(&diags);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].0, 0);
        assert_eq!(e[0].1.location.line, Some(3));
    }

    #[test]
    fn excerpts_cut_around_the_change() {
        let (b, a) = excerpt_pair(
            "本業務全体における情報セキュリティの確保のため、「統一基準」（令和５年度版）、「経済産業省情報セキュリティ管理規程」",
            "本業務全体における情報セキュリティの確保のため、「統一基準」（令和７年度版）、「経済産業省情報セキュリティ管理規程」",
            5,
        );
        assert_eq!(b, "…準」（令和５年度版）、…");
        assert_eq!(a, "…準」（令和７年度版）、…");
    }

    #[test]
    fn signed_packages_are_not_rewritten() {
        let bytes = include_bytes!("../../tests/fixtures/write/split_runs.docx");
        let limits = Limits::default();
        let pkg = super::super::package::Package::parse(bytes.to_vec(), &limits).unwrap();
        let mut add = std::collections::BTreeMap::new();
        add.insert(
            "_xmlsignatures/sig1.xml".to_string(),
            b"<Signature/>".to_vec(),
        );
        let signed = pkg.rewrite(&add).unwrap();
        let edits = vec![super::super::Edit::new(
            Location::default(),
            "令和５年度版",
            "令和７年度版",
        )];
        assert!(apply_edits(bytes, Format::Docx, None, &edits, &limits).is_ok());
        let err = apply_edits(&signed, Format::Docx, None, &edits, &limits).unwrap_err();
        assert!(err.to_string().contains("digitally signed"));
    }
}
