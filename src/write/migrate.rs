//! `migrate`: move what was filled into an old 別紙４ (r5) security report
//! onto the current r7 template.
//!
//! The r7 template (`templates/security_report_r7.docx`, built from the
//! call's text by `scripts/gen_r7_template.py`) is filled with every field
//! extracted from the old report: date, addressee, reporter, contract and
//! each item's status and detail. Places in the template are found by
//! their text (the date line, the line ending in 殿, the 住所 / 名称 /
//! 代表者氏名 labels, the 契約締結日 / 契約件名 rows, the
//! 情報セキュリティに関する事項 N） rows), not by fixed positions.
//!
//! Items whose requirement changed between the two versions keep their old
//! answer, highlighted, with a Word comment saying what changed: the person
//! must answer them afresh. Every non-empty field that has no place in the
//! template is reported, never dropped silently.

use super::WriteError;
use super::comments::{self, Anchor, NewComment};
use super::docx_scan::{self, DocxScan, Para};
use super::docx_text::{DOCUMENT_PART, para_location};
use super::package::Package;
use super::xml::{Splice, apply_splices, check_well_formed, escape_text};
use crate::diag::{Lang, Text};
use crate::forms::{FieldValue, list_len};
use crate::model::Location;
use crate::read::Limits;
use std::collections::BTreeMap;

/// The current (r7) report template.
pub const R7_TEMPLATE: &[u8] = include_bytes!("../../templates/security_report_r7.docx");

/// Whether a change between versions needs a fresh answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// The requirement itself changed: the old answer may no longer hold.
    Requirement,
    /// Only wording changed (an edition, a renamed office): the answer
    /// carries over.
    Wording,
}

/// One difference between the r5 and r7 clause of an item.
#[derive(Debug, Clone)]
pub struct ItemChange {
    /// Item number (2–17).
    pub item: u32,
    pub kind: ChangeKind,
    pub what: Text,
}

/// The clause differences between 別紙４ (r5, seed 002) and the current
/// 別紙 (r7, seed 000), found by comparing the two texts.
pub fn r5_to_r7_changes() -> Vec<ItemChange> {
    vec![
        ItemChange {
            item: 2,
            kind: ChangeKind::Wording,
            what: Text::new(
                "準拠する統一基準の版が「令和５年度版」から「令和７年度版」に更新されました。",
                "the cited edition of the Common Standards moved from FY2023 (令和５年度版) to FY2025 (令和７年度版).",
            ),
        },
        ItemChange {
            item: 3,
            kind: ChangeKind::Wording,
            what: Text::new(
                "監査を行う組織名が「内閣官房内閣サイバーセキュリティセンター」から「内閣官房国家サイバー統括室」に変わりました。",
                "the auditing office was renamed from 内閣官房内閣サイバーセキュリティセンター (NISC) to 内閣官房国家サイバー統括室.",
            ),
        },
        ItemChange {
            item: 15,
            kind: ChangeKind::Requirement,
            what: Text::new(
                "要件が変わりました：（７）電子メールに加えウェブサイトを含むシステムにも「.go.jp」ドメインを使用、（９）SPFに加えDKIM・DMARCによるなりすまし防止策、（１０）ドメインに関する情報が正確であることの定期的な確認が追加。",
                "the requirement changed: (7) the .go.jp domain now also applies to websites, (9) DKIM and DMARC are required besides SPF, (10) a periodic check that domain information is accurate was added.",
            ),
        },
    ]
}

/// A field written into the new report.
#[derive(Debug, Clone)]
pub struct PlacedField {
    pub field: String,
    pub value: String,
    pub location: Location,
}

/// A filled-in field that could not be written into the new report.
#[derive(Debug, Clone)]
pub struct NotPlaced {
    pub field: String,
    pub value: String,
    pub reason: Text,
}

/// What `migrate` did.
#[derive(Debug, Clone)]
pub struct Migration {
    /// The new .docx.
    pub bytes: Vec<u8>,
    pub placed: Vec<PlacedField>,
    /// Items to answer afresh (their requirement changed).
    pub fresh_answers: Vec<ItemChange>,
    /// Items whose wording changed; their answer carried over.
    pub wording_updates: Vec<ItemChange>,
    pub not_placed: Vec<NotPlaced>,
}

/// Options for [`migrate_security_report`].
#[derive(Debug, Clone)]
pub struct MigrateOptions {
    /// Language of the comments written into the new report.
    pub lang: Lang,
    /// Comment author.
    pub author: String,
    /// Comment date (ISO 8601), or None.
    pub date: Option<String>,
}

impl Default for MigrateOptions {
    fn default() -> Self {
        MigrateOptions {
            lang: Lang::Ja,
            author: "yoshiki".into(),
            date: None,
        }
    }
}

/// Build an r7 report from the fields extracted from an old report
/// (`ExtractedForm::fields` of a `security_report`).
pub fn migrate_security_report(
    fields: &BTreeMap<String, FieldValue>,
    opts: &MigrateOptions,
    limits: &Limits,
) -> Result<Migration, WriteError> {
    let pkg = Package::parse(R7_TEMPLATE.to_vec(), limits)?;
    let xml = pkg.read_string(DOCUMENT_PART)?;
    let scan = docx_scan::scan(&xml, DOCUMENT_PART, limits.max_xml_depth)?;
    let places = Places::find(&scan);
    let changes = r5_to_r7_changes();
    let fresh: Vec<u32> = changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Requirement)
        .map(|c| c.item)
        .collect();

    let mut splices: Vec<Splice> = Vec::new();
    let mut placed = Vec::new();
    let mut not_placed = Vec::new();
    let mut handled: Vec<String> = Vec::new();
    let value = |k: &str| -> Option<String> {
        fields
            .get(k)
            .map(|f| f.value.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let no_place = |field: &str, v: String| NotPlaced {
        field: field.to_string(),
        value: v,
        reason: Text::new(
            "r7様式に対応する記入欄が見つかりません。",
            "no matching entry in the r7 template.",
        ),
    };

    // Lines of the heading: replace the template text of the paragraph.
    let heading: [(&str, Option<usize>, MakeLine); 5] = [
        ("date", places.date, |_, v| v.to_string()),
        ("addressee", places.addressee, |_, v| {
            if v.ends_with('殿') {
                v.to_string()
            } else {
                format!("{v}　殿")
            }
        }),
        ("reporter.address", places.address, |label, v| {
            format!("{label}　{v}")
        }),
        ("reporter.name", places.name, |label, v| {
            format!("{label}　{v}")
        }),
        (
            "reporter.representative",
            places.representative,
            |label, v| format!("{label}　{v}"),
        ),
    ];
    for (field, para, make) in heading {
        handled.push(field.to_string());
        let Some(v) = value(field) else { continue };
        match para.and_then(|i| scan.paras.get(i)) {
            Some(p) => {
                let label = p.text.trim();
                let text = make(label, &v.replace('\n', "　"));
                splices.extend(set_paragraph_text(&xml, p, &text, false));
                placed.push(PlacedField {
                    field: field.into(),
                    value: v,
                    location: para_location(&scan, p, DOCUMENT_PART),
                });
            }
            None => not_placed.push(no_place(field, v)),
        }
    }

    // Contract rows.
    for (field, cell) in [
        ("contract.date", places.contract_date),
        ("contract.title", places.contract_title),
    ] {
        handled.push(field.to_string());
        let Some(v) = value(field) else { continue };
        match cell.and_then(|c| scan.cells.get(c)) {
            Some(c) => {
                let lines: Vec<String> = v.lines().map(str::to_string).collect();
                splices.extend(fill_cell(
                    &xml,
                    &scan,
                    c.paras.first().copied(),
                    &lines,
                    false,
                ));
                let mut loc = Location::in_part(DOCUMENT_PART);
                loc.table = Some(c.table);
                loc.row = Some(c.row);
                loc.col = Some(c.col);
                placed.push(PlacedField {
                    field: field.into(),
                    value: v,
                    location: loc,
                });
            }
            None => not_placed.push(no_place(field, v)),
        }
    }

    // Items.
    let n_items = list_len(fields, "items");
    let mut comment_cells: Vec<(u32, Anchor, Text)> = Vec::new();
    for i in 0..n_items {
        let number = fields
            .get(&format!("items[{i}].number"))
            .and_then(item_number)
            .unwrap_or(i as u32 + 2);
        for k in ["number", "status", "detail"] {
            handled.push(format!("items[{i}].{k}"));
        }
        let status = value(&format!("items[{i}].status"));
        let detail = value(&format!("items[{i}].detail"));
        let cell = places.items.get(&number).and_then(|&c| scan.cells.get(c));
        let Some(cell) = cell else {
            for (k, v) in [("status", status), ("detail", detail)] {
                if let Some(v) = v {
                    not_placed.push(NotPlaced {
                        field: format!("items[{i}].{k}"),
                        value: v,
                        reason: Text::new(
                            format!("r7様式に項目 {number}） の行がありません。"),
                            format!("the r7 template has no row for item {number})."),
                        ),
                    });
                }
            }
            continue;
        };
        let highlight = fresh.contains(&number);
        let mut lines: Vec<String> = Vec::new();
        if let Some(s) = &status {
            lines.push(s.clone());
        }
        if let Some(d) = &detail {
            lines.extend(d.lines().map(str::to_string));
        }
        let mut loc = Location::in_part(DOCUMENT_PART);
        loc.table = Some(cell.table);
        loc.row = Some(cell.row);
        loc.col = Some(cell.col);
        if !lines.is_empty() {
            splices.extend(fill_cell(
                &xml,
                &scan,
                cell.paras.first().copied(),
                &lines,
                highlight,
            ));
        }
        for (k, v) in [("status", &status), ("detail", &detail)] {
            if let Some(v) = v {
                placed.push(PlacedField {
                    field: format!("items[{i}].{k}"),
                    value: v.clone(),
                    location: loc.clone(),
                });
            }
        }
        if let Some(change) = changes
            .iter()
            .find(|c| c.item == number && c.kind == ChangeKind::Requirement)
        {
            let old = match (&status, &detail) {
                (None, None) => {
                    Text::new("（旧報告書では未記入）", "(left blank in the old report)")
                }
                _ => Text::new(
                    "旧報告書の記載を黄色で示しています。",
                    "the old answer is carried over and highlighted.",
                ),
            };
            let text = Text::new(
                format!(
                    "【要再回答】{number}） {} {} 変更後の要件に照らして実施状況を確認し、改めて記入してください。",
                    change.what.ja, old.ja
                ),
                format!(
                    "[answer again] item {number}): {} {} Check the status against the new requirement and fill it in again.",
                    change.what.en, old.en
                ),
            );
            comment_cells.push((
                number,
                Anchor::Cell {
                    table: cell.table,
                    row: cell.row,
                    col: cell.col,
                },
                text,
            ));
        }
    }
    // Items the old report had no row for are still to be answered.
    for &n in &fresh {
        if !comment_cells.iter().any(|(k, _, _)| *k == n)
            && let Some(cell) = places.items.get(&n).and_then(|&c| scan.cells.get(c))
            && let Some(change) = changes.iter().find(|c| c.item == n)
        {
            comment_cells.push((
                n,
                Anchor::Cell {
                    table: cell.table,
                    row: cell.row,
                    col: cell.col,
                },
                Text::new(
                    format!(
                        "【要回答】{n}） {} 実施状況を記入してください。",
                        change.what.ja
                    ),
                    format!("[answer] item {n}): {} Fill in the status.", change.what.en),
                ),
            ));
        }
    }

    // Every other filled-in field: reported, never dropped silently.
    for (k, f) in fields {
        if handled.iter().any(|h| h == k) {
            continue;
        }
        let v = f.value.trim();
        if !v.is_empty() {
            not_placed.push(no_place(k, v.to_string()));
        }
    }

    let new_xml = apply_splices(&xml, &splices, DOCUMENT_PART)?;
    check_well_formed(&new_xml, DOCUMENT_PART, limits.max_xml_depth)?;
    let mut changes_map = BTreeMap::new();
    changes_map.insert(DOCUMENT_PART.to_string(), new_xml.into_bytes());
    let filled = pkg.rewrite(&changes_map)?;

    // Comments on the items to answer afresh.
    let bytes = if comment_cells.is_empty() {
        filled
    } else {
        let pkg2 = Package::parse(filled, limits)?;
        let specs: Vec<NewComment> = comment_cells
            .iter()
            .map(|(_, anchor, text)| NewComment {
                anchor: anchor.clone(),
                author: opts.author.clone(),
                initials: "Y".into(),
                date: opts.date.clone(),
                text: text.get(opts.lang).to_string(),
            })
            .collect();
        let (c, _) = comments::add_comments(&pkg2, &specs, limits)?;
        pkg2.rewrite(&c)?
    };

    Ok(Migration {
        bytes,
        placed,
        fresh_answers: changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Requirement)
            .cloned()
            .collect(),
        wording_updates: changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Wording)
            .cloned()
            .collect(),
        not_placed,
    })
}

/// Builds a heading line from the template's label and the value.
type MakeLine = fn(&str, &str) -> String;

/// An item number from its field: the normalised number, else the digits
/// of the text (full-width allowed: `１５）`).
fn item_number(f: &FieldValue) -> Option<u32> {
    if let Some(n) = f.normalized.as_ref().and_then(|v| v.as_u64()) {
        return u32::try_from(n).ok();
    }
    let digits: String = f
        .value
        .chars()
        .filter_map(|c| c.to_digit(10).or_else(|| fullwidth_digit(c)))
        .map(|d| char::from_digit(d, 10).unwrap_or('0'))
        .collect();
    digits.parse().ok()
}

fn fullwidth_digit(c: char) -> Option<u32> {
    let n = c as u32;
    (0xFF10..=0xFF19).contains(&n).then(|| n - 0xFF10)
}

/// Where each entry of the template is.
#[derive(Debug, Default)]
struct Places {
    date: Option<usize>,
    addressee: Option<usize>,
    address: Option<usize>,
    name: Option<usize>,
    representative: Option<usize>,
    /// Value cells (indices into `scan.cells`).
    contract_date: Option<usize>,
    contract_title: Option<usize>,
    /// Item number → 実施状況 cell.
    items: BTreeMap<u32, usize>,
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

impl Places {
    fn find(scan: &DocxScan) -> Places {
        let mut p = Places::default();
        for (i, para) in scan.paras.iter().enumerate() {
            if para.cell.is_some() {
                continue;
            }
            let t = squash(&para.text);
            if p.date.is_none() && t.starts_with("令和") && t.ends_with("日") && t.contains('月')
            {
                p.date = Some(i);
            } else if p.addressee.is_none() && t.ends_with('殿') {
                p.addressee = Some(i);
            } else if p.address.is_none() && t == "住所" {
                p.address = Some(i);
            } else if p.name.is_none() && t == "名称" {
                p.name = Some(i);
            } else if p.representative.is_none() && t == "代表者氏名" {
                p.representative = Some(i);
            }
        }
        let cell_text = |ci: usize| -> String {
            scan.cells
                .get(ci)
                .map(|c| {
                    c.paras
                        .iter()
                        .filter_map(|&i| scan.paras.get(i))
                        .map(|p| p.text.as_str())
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default()
        };
        // The last cell of the same row.
        let row_last = |ci: usize| -> Option<usize> {
            let c = scan.cells.get(ci)?;
            scan.cells
                .iter()
                .enumerate()
                .filter(|(_, x)| x.table == c.table && x.row == c.row)
                .max_by_key(|(_, x)| x.col)
                .map(|(i, _)| i)
                .filter(|&i| i != ci)
        };
        for ci in 0..scan.cells.len() {
            let t = squash(&cell_text(ci));
            if t == "契約締結日" {
                p.contract_date = row_last(ci);
            } else if t == "契約件名" {
                p.contract_title = row_last(ci);
            } else if let Some(rest) = t
                .strip_prefix("情報セキュリティに関する事項")
                .and_then(|r| r.strip_suffix('）').or_else(|| r.strip_suffix(')')))
                .filter(|r| {
                    !r.is_empty()
                        && r.chars()
                            .all(|c| c.is_ascii_digit() || fullwidth_digit(c).is_some())
                })
            {
                let n: String = rest
                    .chars()
                    .filter_map(|c| c.to_digit(10).or_else(|| fullwidth_digit(c)))
                    .map(|d| char::from_digit(d, 10).unwrap_or('0'))
                    .collect();
                if let (Ok(n), Some(last)) = (n.parse::<u32>(), row_last(ci)) {
                    p.items.entry(n).or_insert(last);
                }
            }
        }
        p
    }
}

fn run_xml(text: &str, highlight: bool) -> String {
    let rpr = if highlight {
        "<w:rPr><w:highlight w:val=\"yellow\"/></w:rPr>"
    } else {
        ""
    };
    format!(
        "<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape_text(text)
    )
}

/// Replace the whole text of a template paragraph: the first text node
/// gets the text (keeping its run's formatting), the others are emptied;
/// a paragraph without text gets a run.
pub(crate) fn set_paragraph_text(xml: &str, p: &Para, text: &str, highlight: bool) -> Vec<Splice> {
    let nodes: Vec<_> = p.pieces.iter().filter_map(|x| x.node.as_ref()).collect();
    match nodes.split_first() {
        Some((first, rest)) if !first.self_closing => {
            let mut out = vec![Splice::replace(first.content.clone(), escape_text(text))];
            if !first.preserve {
                out.push(Splice::insert(
                    first.start_tag.end - 1,
                    " xml:space=\"preserve\"",
                ));
            }
            for n in rest {
                if !n.self_closing {
                    out.push(Splice::replace(n.content.clone(), ""));
                }
            }
            out
        }
        _ => append_run(xml, p, &run_xml(text, highlight)),
    }
}

/// Insert a run at the end of a paragraph (expanding `<w:p/>`).
fn append_run(xml: &str, p: &Para, run: &str) -> Vec<Splice> {
    if p.self_closing {
        let tag = &xml[p.start_tag.clone()];
        let open = tag.trim_end_matches('>').trim_end_matches('/').trim_end();
        vec![Splice::replace(
            p.start_tag.clone(),
            format!("{open}>{run}</w:p>"),
        )]
    } else {
        vec![Splice::insert(p.end_tag, run.to_string())]
    }
}

/// Fill an empty template cell: the first line into its first paragraph,
/// the others as new paragraphs after it (with the same paragraph
/// properties).
pub(crate) fn fill_cell(
    xml: &str,
    scan: &DocxScan,
    first_para: Option<usize>,
    lines: &[String],
    highlight: bool,
) -> Vec<Splice> {
    let Some(p) = first_para.and_then(|i| scan.paras.get(i)) else {
        return Vec::new();
    };
    let Some((first, rest)) = lines.split_first() else {
        return Vec::new();
    };
    let mut out = if p.text.trim().is_empty() {
        append_run(xml, p, &run_xml(first, highlight))
    } else {
        set_paragraph_text(xml, p, first, highlight)
    };
    if !rest.is_empty() {
        let ppr = if p.self_closing {
            ""
        } else {
            &xml[p.start_tag.end..p.content_start]
        };
        let mut extra = String::new();
        for l in rest {
            extra.push_str(&format!("<w:p>{ppr}{}</w:p>", run_xml(l, highlight)));
        }
        let after = if p.self_closing {
            p.start_tag.end
        } else {
            p.end_tag + xml[p.end_tag..].find('>').map_or(0, |i| i + 1)
        };
        out.push(Splice::insert(after, extra));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fv(v: &str) -> FieldValue {
        FieldValue::new(v, Location::default())
    }

    #[test]
    fn template_places_are_all_found() {
        let pkg = Package::parse(R7_TEMPLATE.to_vec(), &Limits::default()).unwrap();
        let xml = pkg.read_string(DOCUMENT_PART).unwrap();
        let scan = docx_scan::scan(&xml, DOCUMENT_PART, 256).unwrap();
        let p = Places::find(&scan);
        assert!(p.date.is_some() && p.addressee.is_some());
        assert!(p.address.is_some() && p.name.is_some() && p.representative.is_some());
        assert!(p.contract_date.is_some() && p.contract_title.is_some());
        assert_eq!(
            p.items.keys().copied().collect::<Vec<_>>(),
            (2..=17).collect::<Vec<_>>()
        );
        let c = &scan.cells[p.items[&15]];
        assert_eq!((c.table, c.row, c.col), (2, 15, 3));
    }

    #[test]
    fn fills_everything_and_flags_item_15() {
        let mut f = BTreeMap::new();
        f.insert("date".into(), fv("令和７年１０月１日"));
        f.insert(
            "addressee".into(),
            fv("経済産業省商務情報政策局サイバーセキュリティ課長　殿"),
        );
        f.insert(
            "reporter.address".into(),
            fv("東京都千代田区霞が関１－３－１"),
        );
        f.insert("reporter.name".into(), fv("株式会社サンプル"));
        f.insert(
            "reporter.representative".into(),
            fv("代表取締役　見本　太郎"),
        );
        f.insert("contract.date".into(), fv("令和７年４月１日"));
        f.insert("contract.title".into(), fv("令和７年度サンプル調査事業"));
        for i in 0..16 {
            f.insert(format!("items[{i}].number"), fv(&format!("{}）", i + 2)));
            f.insert(
                format!("items[{i}].status"),
                fv(if i == 13 { "該当なし" } else { "実施" }),
            );
        }
        f.insert(
            "items[13].detail".into(),
            fv("ウェブサイト及びメール送信機能を構築しないため。\n運用もしない。"),
        );
        f.insert("remarks".into(), fv("別紙参照"));
        let m =
            migrate_security_report(&f, &MigrateOptions::default(), &Limits::default()).unwrap();
        assert_eq!(m.not_placed.len(), 1);
        assert_eq!(m.not_placed[0].field, "remarks");
        assert_eq!(
            m.fresh_answers.iter().map(|c| c.item).collect::<Vec<_>>(),
            vec![15]
        );
        assert_eq!(m.placed.len(), 7 + 16 + 1);

        let pkg = Package::parse(m.bytes.clone(), &Limits::default()).unwrap();
        let xml = pkg.read_string(DOCUMENT_PART).unwrap();
        let scan = docx_scan::scan(&xml, DOCUMENT_PART, 256).unwrap();
        let texts: Vec<&str> = scan.paras.iter().map(|p| p.text.as_str()).collect();
        assert!(texts.contains(&"令和７年１０月１日"));
        assert!(texts.contains(&"住　　　　　所　東京都千代田区霞が関１－３－１"));
        assert!(texts.contains(&"代 表 者 氏 名　代表取締役　見本　太郎"));
        let cell = scan.cell_at(2, 15, 3).unwrap();
        let cell_texts: Vec<&str> = cell
            .paras
            .iter()
            .map(|&i| scan.paras[i].text.as_str())
            .collect();
        assert_eq!(
            cell_texts,
            vec![
                "該当なし",
                "ウェブサイト及びメール送信機能を構築しないため。",
                "運用もしない。"
            ]
        );
        assert!(xml.contains(
            "<w:highlight w:val=\"yellow\"/></w:rPr><w:t xml:space=\"preserve\">該当なし</w:t>"
        ));
        let comments = pkg.read_string("word/comments.xml").unwrap();
        assert!(comments.contains("【要再回答】15）"));
        assert_eq!(
            scan.cell_at(1, 2, 2)
                .map(|c| scan.paras[c.paras[0]].text.as_str()),
            Some("令和７年度サンプル調査事業")
        );
    }
}
