//! `migrate --to`: carry a filled form's values onto another year's blank
//! template of the same form, for any call. The places on both sides are
//! read from the layout ([`crate::forms::slots`]): label cells and their
//! value cells, grids by row and column header. Values are matched by
//! label (numbering, blanks, units and notes aside), then by similarity
//! (a renamed label, reported for review), or as `--map` says; amounts
//! are converted when the unit changes (円 ↔ 千円). Every value is either
//! placed or reported; the new template's other bytes stay as they were.

use super::docx_scan::{self, DocxScan};
use super::docx_text::DOCUMENT_PART;
use super::package::Package;
use super::xlsx_cells::{CellValue, set_cells};
use super::xml::{Splice, apply_splices, check_well_formed};
use super::{WriteError, xlsx_scan};
use crate::diag::Text;
use crate::forms::slots::{self, Slot, Unit, label_key, similarity};
use crate::model::{Document, Format, Location};
use crate::read::Limits;
use crate::rules::field_util::squash;
use std::collections::{BTreeMap, BTreeSet};

/// Labels this similar (0..1) are taken as one field renamed.
pub const RENAMED_AT: f64 = 0.5;

/// A value carried over.
#[derive(Debug, Clone)]
pub struct Carried {
    pub old_label: String,
    pub new_label: String,
    pub value: String,
    /// As written into the new template (unit converted).
    pub new_value: String,
    pub old_place: Location,
    pub new_place: Location,
    /// Why a person should look at it (a renamed label, a converted unit).
    pub review: Option<Text>,
    /// The new template computes this cell with a formula: nothing was
    /// written; the formula gives the value.
    pub computed: bool,
}

/// A value that found no place.
#[derive(Debug, Clone)]
pub struct Unplaced {
    pub old_label: String,
    pub value: String,
    pub old_place: Location,
    pub reason: Text,
}

/// A place of the new template that nothing was carried into.
#[derive(Debug, Clone)]
pub struct ToFill {
    pub label: String,
    pub place: Location,
    /// The old template had no such field: it is new this year.
    pub new_field: bool,
}

/// What `migrate --to` did.
#[derive(Debug, Clone)]
pub struct Carry {
    pub bytes: Vec<u8>,
    pub placed: Vec<Carried>,
    pub unplaced: Vec<Unplaced>,
    pub to_fill: Vec<ToFill>,
    /// Fixed wording of the new template that the old one did not have
    /// (to read again before signing).
    pub changed_wording: Vec<String>,
}

/// `old label → new label` pairs given by the user (`--map`); an empty new
/// label means "do not carry".
pub type LabelMap = BTreeMap<String, String>;

/// The old form's places with their values: with the old blank template,
/// its places looked up in the filled copy by label; without it, the
/// filled copy's own label/value pairs.
fn old_values(
    filled: &Document,
    old_template: Option<&Document>,
    new_texts: &[String],
) -> Vec<Slot> {
    // The templates' own words: a cell printing one is a label, and a
    // "value" that is one is wording, not data.
    let mut printed: BTreeSet<String> = new_texts
        .iter()
        .map(|w| squash(w))
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(t) = old_template {
        printed.extend(
            crate::forms::blanks::texts(t)
                .iter()
                .map(|(w, _)| squash(w))
                .filter(|w| !w.is_empty()),
        );
    }
    let in_filled = slots::filled_slots(filled, &printed);
    let Some(template) = old_template else {
        return in_filled
            .into_iter()
            .filter(|s| slots::is_choice(&s.value) || !printed.contains(&squash(&s.value)))
            .collect();
    };
    let mut used = BTreeSet::new();
    let mut out = Vec::new();
    for t in slots::slots(template, true) {
        let key = t.key();
        // The same cell first (the filled copy is the template typed
        // into), else the same label in the nearest table (rows added).
        let found = in_filled
            .iter()
            .enumerate()
            .find(|(i, f)| !used.contains(i) && f.key() == key && f.location == t.location)
            .or_else(|| {
                in_filled
                    .iter()
                    .enumerate()
                    .filter(|(i, f)| !used.contains(i) && f.key() == key)
                    .min_by_key(|(_, f)| f.table.abs_diff(t.table))
            });
        if let Some((i, f)) = found {
            used.insert(i);
            out.push(Slot {
                label: t.label.clone(),
                grid: t.grid.clone(),
                suffix: t.suffix.clone(),
                context: t.context.clone(),
                ..f.clone()
            });
        }
    }
    out
}

/// Two places are the same cell or paragraph (a paragraph inside a cell is
/// that cell's place too).
fn same_place(a: &Location, b: &Location) -> bool {
    if a == b {
        return true;
    }
    // Two paragraphs are the same place only if they are the same paragraph.
    if a.paragraph.is_some() && b.paragraph.is_some() {
        return a.part == b.part && a.paragraph == b.paragraph;
    }
    let cell = |l: &Location| {
        (
            l.part.clone(),
            l.table,
            l.row,
            l.col,
            l.sheet.clone(),
            l.cell.clone(),
        )
    };
    (a.table.is_some() || a.sheet.is_some()) && cell(a) == cell(b)
}

/// A sentence with blanks carried over.
struct Sentence {
    old_label: String,
    new_label: String,
    fills: Vec<String>,
    old_place: Location,
    new_place: Option<Location>,
    new_text: String,
    review: Option<Text>,
}

/// Sentences with blanks (令和　年　月　日, （　　円）, prose with spaces to
/// type into): what the filled copy typed into the old template's
/// sentences, written into the new template's matching sentences.
fn carry_sentences(
    filled: &Document,
    old_template: Option<&Document>,
    new_doc: &Document,
) -> (Vec<Sentence>, Vec<ToFill>) {
    use crate::forms::blanks::{shape_of, texts};
    let new_shapes: Vec<(crate::forms::blanks::Shape, Location)> = texts(new_doc)
        .into_iter()
        .filter_map(|(t, l)| shape_of(&t).map(|s| (s, l)))
        .collect();
    let old_shapes: Vec<(crate::forms::blanks::Shape, Option<Location>)> = match old_template {
        Some(t) => texts(t)
            .into_iter()
            .filter_map(|(t, l)| shape_of(&t).map(|s| (s, Some(l))))
            .collect(),
        // Without the old template, last year's sentences are taken to be
        // this year's, also with the money unit of last year (円 where it is
        // now 千円).
        None => new_shapes
            .iter()
            .flat_map(|(s, _)| {
                let mut v = vec![(s.clone(), None)];
                let yen: Vec<String> = s
                    .parts
                    .iter()
                    .map(|p| p.replace("千円", "円").replace("万円", "円"))
                    .collect();
                if yen != s.parts
                    && let Some(old) = shape_of(&yen.join("\u{3000}\u{3000}"))
                    && old.blanks() == s.blanks()
                {
                    v.insert(0, (old, None));
                }
                v
            })
            .collect(),
    };
    // A filled line that reads exactly as a template prints it had
    // nothing typed into it.
    let printed: BTreeSet<String> = texts(old_template.unwrap_or(new_doc))
        .iter()
        .map(|(t, _)| squash(t))
        .collect();
    let filled_texts: Vec<(String, Location)> = texts(filled)
        .into_iter()
        .filter(|(t, _)| !printed.contains(&squash(t)))
        .collect();
    let mut used_filled = vec![false; filled_texts.len()];
    let mut used_new = vec![false; new_shapes.len()];
    let mut out = Vec::new();
    for (os, oloc) in &old_shapes {
        let found = filled_texts
            .iter()
            .enumerate()
            .filter(|(i, _)| !used_filled[*i])
            .filter_map(|(i, (t, l))| os.fills(t).map(|f| (i, f, l)))
            .min_by_key(|(i, _, l)| (oloc.as_ref() != Some(*l), *i));
        let Some((i, fills, floc)) = found else {
            continue;
        };
        used_filled[i] = true;
        // Compared with a change of money unit aside (converted below).
        let unit_free = |k: String| k.replace("千円", "円").replace("万円", "円");
        let key = unit_free(os.key());
        let same = (0..new_shapes.len())
            .find(|&n| !used_new[n] && unit_free(new_shapes[n].0.key()) == key);
        let target = same.or_else(|| {
            (0..new_shapes.len())
                .filter(|&n| !used_new[n] && new_shapes[n].0.blanks() == os.blanks())
                .map(|n| (similarity(&unit_free(new_shapes[n].0.key()), &key), n))
                .filter(|(s, _)| *s >= 0.6)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, n)| n)
        });
        let old_label = os.display();
        match target {
            Some(n) => {
                used_new[n] = true;
                let (ns, nloc) = &new_shapes[n];
                // A money unit printed right after a blank (（　　円）→（　　千円）).
                let unit_after = |parts: &[String], k: usize| {
                    parts.get(k + 1).and_then(|p| {
                        let p = squash(p);
                        ["千円", "万円", "円"]
                            .into_iter()
                            .find(|u| p.starts_with(u))
                            .and_then(slots::unit_of)
                    })
                };
                let mut fills = fills;
                let mut note = None;
                for (k, fill) in fills.iter_mut().enumerate() {
                    if let (Some(from), Some(to)) =
                        (unit_after(&os.parts, k), unit_after(&ns.parts, k))
                        && from != to
                        && !fill.is_empty()
                        && let Ok((v, n)) = convert(fill, from, to)
                    {
                        *fill = v;
                        note = n;
                    }
                }
                out.push(Sentence {
                    new_label: ns.display(),
                    review: note.clone().or_else(|| same.is_none().then(|| {
                        Text::new(
                            format!("文が「{old_label}」から「{}」に変わっています。記入した内容がそのままでよいか確かめてください。", ns.display()),
                            format!("the sentence changed from 「{old_label}」 to 「{}」; check the entries still hold", ns.display()),
                        )
                    })),
                    new_text: ns.fill(&fills),
                    old_label,
                    fills,
                    old_place: floc.clone(),
                    new_place: Some(nloc.clone()),
                });
            }
            None => out.push(Sentence {
                new_label: String::new(),
                review: None,
                new_text: String::new(),
                old_label,
                fills,
                old_place: floc.clone(),
                new_place: None,
            }),
        }
    }
    // Printed choices outside label cells (■ 申請者は…誓約します): the
    // marks move over where the new template prints the same options.
    for (nt, nloc) in texts(new_doc) {
        if !slots::is_choice(&nt) || shape_of(&nt).is_some() {
            continue;
        }
        let want = slots::unmarked(&nt);
        let found = filled_texts.iter().enumerate().find(|(i, (t, _))| {
            !used_filled[*i] && slots::unmarked(t) == want && squash(t) != want
        });
        if let Some((i, (t, floc))) = found {
            used_filled[i] = true;
            out.push(Sentence {
                old_label: nt.trim().to_string(),
                new_label: nt.trim().to_string(),
                fills: vec![t.trim().to_string()],
                old_place: floc.clone(),
                new_place: Some(nloc),
                new_text: t.trim().to_string(),
                review: None,
            });
        }
    }
    // This year's sentences nothing was typed into: to fill in by hand
    // (new this year when last year's form had no such sentence).
    let last_year: Vec<String> = match old_template {
        Some(t) => texts(t).into_iter().map(|(t, _)| t).collect(),
        None => filled_texts.iter().map(|(t, _)| t.clone()).collect(),
    };
    let unit_free = |k: String| k.replace("千円", "円").replace("万円", "円");
    let to_fill = new_shapes
        .iter()
        .enumerate()
        .filter(|(n, _)| !used_new[*n])
        .map(|(_, (shape, loc))| ToFill {
            label: shape.display(),
            place: loc.clone(),
            new_field: !last_year.iter().any(|t| {
                shape_of(t).is_some_and(|s| unit_free(s.key()) == unit_free(shape.key()))
                    || shape.fills(t).is_some()
            }),
        })
        .collect();
    (out, to_fill)
}

/// A value place still showing only what the template prints there: a
/// unit (「円」), a sentence with its blanks empty (「（　　円）」).
fn is_unfilled(value: &str) -> bool {
    let v = value.trim();
    squash(v).is_empty()
        || slots::unit_only(v).is_some()
        || crate::forms::blanks::shape_of(v).is_some_and(|s| s.fills(v).is_none())
}

/// Digits of an amount (full-width and commas allowed), as an integer.
fn amount(value: &str) -> Option<i64> {
    let s = squash(value);
    let s = s.trim_end_matches(['円', '千', '万']).replace(',', "");
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return None;
    }
    s.parse().ok()
}

fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// The value converted from one unit to another, or why not.
fn convert(value: &str, from: Unit, to: Unit) -> Result<(String, Option<Text>), Text> {
    let Some(n) = amount(value) else {
        return Err(Text::new(
            format!(
                "単位が{}から{}に変わりましたが、「{value}」は金額として読めないため換算できません。",
                from.as_str(),
                to.as_str()
            ),
            format!(
                "the unit changed from {} to {}, but 「{value}」 is not an amount",
                from.as_str(),
                to.as_str()
            ),
        ));
    };
    let yen = n * from.factor();
    let whole = yen / to.factor();
    let exact = yen % to.factor() == 0;
    let text = if value.contains(',') || value.contains('，') {
        grouped(whole)
    } else {
        whole.to_string()
    };
    let note = Text::new(
        format!(
            "単位が{}から{}に変わったため、{value}{} を {text}{} に換算しました{}。",
            from.as_str(),
            to.as_str(),
            from.as_str(),
            to.as_str(),
            if exact {
                ""
            } else {
                "（端数は切り捨て）"
            }
        ),
        format!(
            "the unit changed from {} to {}: {value} → {text}{}",
            from.as_str(),
            to.as_str(),
            if exact { "" } else { " (rounded down)" }
        ),
    );
    Ok((text, Some(note)))
}

/// Match old places to new ones: `--map`, the same label, then the most
/// similar label. Returns (old index, new index, renamed?).
fn matches(old: &[Slot], new: &[Slot], map: &LabelMap) -> Vec<(usize, usize, bool)> {
    let mut out: Vec<(usize, usize, bool)> = Vec::new();
    let mut new_used = vec![false; new.len()];
    let mut old_done = vec![false; old.len()];
    fn take(
        o: usize,
        n: usize,
        renamed: bool,
        out: &mut Vec<(usize, usize, bool)>,
        new_used: &mut [bool],
        old_done: &mut [bool],
    ) {
        new_used[n] = true;
        old_done[o] = true;
        out.push((o, n, renamed));
    }
    // --map first.
    for (o, s) in old.iter().enumerate() {
        let Some(target) = map
            .iter()
            .find(|(k, _)| label_key(k) == s.key() || **k == s.name())
            .map(|(_, v)| v)
        else {
            continue;
        };
        if target.trim().is_empty() {
            old_done[o] = true;
            continue;
        }
        let key = label_key(target);
        if let Some(n) = (0..new.len())
            .find(|&n| !new_used[n] && (new[n].key() == key || new[n].name() == *target))
        {
            take(o, n, false, &mut out, &mut new_used, &mut old_done);
        }
    }
    // The same label: the same block first (two 連絡先 under two
    // headings), then the nearest table; a label that appears several
    // times goes only to a place under a similar heading.
    let count = |slots: &[Slot], key: &str| slots.iter().filter(|s| s.key() == key).count();
    for o in 0..old.len() {
        if old_done[o] {
            continue;
        }
        let key = old[o].key();
        let ctx = label_key(&old[o].context);
        let same: Vec<usize> = (0..new.len())
            .filter(|&n| !new_used[n] && new[n].key() == key)
            .collect();
        let repeated = count(old, &key) > 1 || count(new, &key) > 1;
        let best = same
            .iter()
            .copied()
            .find(|&n| label_key(&new[n].context) == ctx)
            .or_else(|| {
                if repeated {
                    same.iter()
                        .copied()
                        .map(|n| (similarity(&label_key(&new[n].context), &ctx), n))
                        .filter(|(s, _)| *s >= RENAMED_AT)
                        .max_by(|a, b| a.0.total_cmp(&b.0))
                        .map(|(_, n)| n)
                } else {
                    same.iter()
                        .copied()
                        .min_by_key(|&n| new[n].table.abs_diff(old[o].table))
                }
            });
        if let Some(n) = best {
            take(o, n, false, &mut out, &mut new_used, &mut old_done);
        }
    }
    // A renamed label: the most similar one left, above the threshold.
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for o in (0..old.len()).filter(|&o| !old_done[o] && !is_unfilled(&old[o].value)) {
        for n in (0..new.len()).filter(|&n| !new_used[n]) {
            let s = similarity(&old[o].key(), &new[n].key());
            if s >= RENAMED_AT {
                candidates.push((s, o, n));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, o, n) in candidates {
        if !old_done[o] && !new_used[n] {
            take(o, n, true, &mut out, &mut new_used, &mut old_done);
        }
    }
    out
}

/// Carry `filled`'s values onto the blank template `new_bytes` (read as
/// `new_doc`). `old_template` is the filled form's own blank template,
/// when the user has it.
pub fn carry(
    filled: &Document,
    old_template: Option<&Document>,
    new_doc: &Document,
    new_bytes: &[u8],
    map: &LabelMap,
    limits: &Limits,
) -> Result<Carry, WriteError> {
    let new_wording = slots::wording(new_doc);
    let all_new_texts: Vec<String> = crate::forms::blanks::texts(new_doc)
        .into_iter()
        .map(|(t, _)| t)
        .chain(new_wording.iter().cloned())
        .collect();
    let mut placed = Vec::new();
    let mut unplaced = Vec::new();
    let mut writes: Vec<(Location, String)> = Vec::new();
    let (sentences, sentence_to_fill) = carry_sentences(filled, old_template, new_doc);
    let filled_used: Vec<Location> = sentences.iter().map(|s| s.old_place.clone()).collect();
    let new_filled: BTreeSet<String> = sentences.iter().map(|s| squash(&s.new_label)).collect();
    for s in sentences {
        match s.new_place.clone() {
            Some(at) => {
                writes.push((at.clone(), s.new_text.clone()));
                placed.push(Carried {
                    old_label: s.old_label,
                    new_label: s.new_label,
                    value: s.fills.join("／"),
                    new_value: s.new_text,
                    old_place: s.old_place,
                    new_place: at,
                    review: s.review,
                    computed: false,
                });
            }
            None => unplaced.push(Unplaced {
                old_label: s.old_label.clone(),
                value: s.fills.join("／"),
                old_place: s.old_place,
                reason: Text::new(
                    format!(
                        "新しい様式に「{}」に当たる文が見つかりません。",
                        s.old_label
                    ),
                    format!("the new template has no sentence like 「{}」", s.old_label),
                ),
            }),
        }
    }
    // A value typed into a sentence's blanks is carried with the sentence,
    // not again as a label's value.
    let old: Vec<Slot> = old_values(filled, old_template, &all_new_texts)
        .into_iter()
        .filter(|s| !filled_used.iter().any(|l| same_place(l, &s.location)))
        .collect();
    let new = slots::slots(new_doc, true);
    let pairs = matches(&old, &new, map);
    let mut matched_old = vec![false; old.len()];
    let mut fed_new = vec![false; new.len()];
    for &(o, n, renamed) in &pairs {
        matched_old[o] = true;
        let (os, ns) = (&old[o], &new[n]);
        let value = os.value.trim();
        // A choice: the marks move over when the options are the same.
        if slots::is_choice(&ns.value) {
            if value.is_empty() || slots::unmarked(value) == squash(value) {
                continue; // nothing marked
            }
            if slots::unmarked(value) != slots::unmarked(&ns.value) {
                unplaced.push(Unplaced {
                    old_label: os.name(),
                    value: value.to_string(),
                    old_place: os.location.clone(),
                    reason: Text::new(
                        format!("「{}」の選択肢が新しい様式では変わっています。新しい様式で選び直してください。", ns.name()),
                        format!("the options of 「{}」 changed; choose again on the new template", ns.name()),
                    ),
                });
                continue;
            }
        } else if is_unfilled(value) {
            continue;
        }
        let mut review = renamed.then(|| {
            Text::new(
                format!(
                    "ラベルが「{}」から「{}」に変わっています。同じ項目か確かめてください。",
                    os.name(),
                    ns.name()
                ),
                format!(
                    "the label changed from 「{}」 to 「{}」; check it is the same entry",
                    os.name(),
                    ns.name()
                ),
            )
        });
        // A unit typed or printed after the number: taken off, converted,
        // and the new template's own unit printed after it again.
        let (number, typed_unit) = slots::split_unit(value);
        let from_unit = typed_unit
            .as_deref()
            .and_then(slots::unit_of)
            .or_else(|| os.unit());
        let value_for_unit = if ns.suffix.is_some() {
            number.as_str()
        } else {
            value
        };
        let new_value = match (from_unit, ns.unit()) {
            (Some(from), Some(to)) if from != to => match convert(&number, from, to) {
                Ok((v, note)) => {
                    review = note.or(review);
                    v
                }
                Err(reason) => {
                    unplaced.push(Unplaced {
                        old_label: os.name(),
                        value: value.to_string(),
                        old_place: os.location.clone(),
                        reason,
                    });
                    continue;
                }
            },
            _ => value_for_unit.to_string(),
        };
        let new_value = match &ns.suffix {
            Some(sfx) => format!("{new_value}{sfx}"),
            None => new_value,
        };
        fed_new[n] = true;
        writes.push((ns.location.clone(), new_value.clone()));
        placed.push(Carried {
            old_label: os.name(),
            new_label: ns.name(),
            value: value.to_string(),
            new_value,
            old_place: os.location.clone(),
            new_place: ns.location.clone(),
            review,
            computed: false,
        });
    }
    for (o, s) in old.iter().enumerate() {
        let v = s.value.trim();
        if matched_old[o]
            || is_unfilled(v)
            || slots::is_choice(v) && slots::unmarked(v) == squash(v)
        {
            continue;
        }
        let mapped_away = map
            .iter()
            .any(|(k, t)| t.trim().is_empty() && (label_key(k) == s.key() || *k == s.name()));
        unplaced.push(Unplaced {
            old_label: s.name(),
            value: v.to_string(),
            old_place: s.location.clone(),
            reason: if mapped_away {
                Text::new("--map で移さないと指定されています。", "--map says not to carry it")
            } else {
                Text::new(
                    format!("新しい様式に「{}」に当たる欄が見つかりません（削除された項目か、名前が大きく変わった項目です）。必要なら --map で移し先を指定してください。", s.name()),
                    format!("the new template has no place for 「{}」 (removed, or renamed beyond recognition); name its place with --map if needed", s.name()),
                )
            },
        });
    }
    let old_keys: BTreeSet<String> = match old_template {
        Some(t) => slots::slots(t, true).iter().map(Slot::key).collect(),
        None => old.iter().map(Slot::key).collect(),
    };
    let mut to_fill: Vec<ToFill> = new
        .iter()
        .enumerate()
        .filter(|(n, s)| !fed_new[*n] && !slots::is_choice(&s.value))
        .map(|(_, s)| ToFill {
            label: s.name(),
            place: s.location.clone(),
            new_field: !old_keys.contains(&s.key()),
        })
        .collect();
    to_fill.extend(sentence_to_fill);
    // With last year's template, whatever reads differently in the filled
    // copy than in the template at the same place was typed by the
    // applicant: if nothing above carried it or said so, it is said here.
    if let Some(t) = old_template {
        let printed: BTreeMap<Location, String> = crate::forms::blanks::texts(t)
            .into_iter()
            .map(|(text, l)| (l, squash(&text)))
            .collect();
        let reported: Vec<Location> = unplaced.iter().map(|u| u.old_place.clone()).collect();
        for (text, l) in crate::forms::blanks::texts(filled) {
            let sq = squash(&text);
            if sq.is_empty()
                || printed.get(&l) == Some(&sq)
                || filled_used.iter().any(|u| same_place(u, &l))
                || old.iter().any(|s| same_place(&s.location, &l))
                || placed.iter().any(|p| same_place(&p.old_place, &l))
                || reported.iter().any(|r| same_place(r, &l))
            {
                continue;
            }
            unplaced.push(Unplaced {
                old_label: text.trim().chars().take(40).collect(),
                value: text.trim().to_string(),
                old_place: l,
                reason: Text::new(
                    "記入された内容ですが、新しい様式のどの欄に当たるか分かりませんでした。新しい様式に書き写してください。",
                    "typed in, but no place of the new template could be found for it; copy it over by hand",
                ),
            });
        }
    }
    // Without last year's template, a line of the filled copy that this
    // year's template does not print, holding what was typed (digits, a
    // mark), went nowhere: said, never dropped.
    if old_template.is_none() {
        let printed: BTreeSet<String> = all_new_texts.iter().map(|w| squash(w)).collect();
        // Labels of what was carried (経常損益 of 経常損益｜前年度), compared
        // with a vanished label, say it was carried under its new name.
        let carried_labels: Vec<String> = placed
            .iter()
            .flat_map(|p| p.old_label.split('｜').map(label_key).collect::<Vec<_>>())
            .collect();
        let mut found: Vec<(String, Location, bool)> = Vec::new();
        for (t, l) in crate::forms::blanks::texts(filled) {
            let sq = squash(&t);
            let key = label_key(&t);
            let typed = key.chars().any(|c| c.is_ascii_digit())
                || sq.chars().any(|c| ['■', '☑', '✓'].contains(&c));
            // Reworded print (listed as changed wording) and labels are not
            // typed entries.
            let reworded = printed
                .iter()
                .any(|p| p.chars().count() >= 4 && similarity(p, &sq) >= 0.6);
            // In a table cell, anything this year's template does not
            // print is taken as typed (a name, an address); in running text
            // only what holds digits or marks.
            let in_cell = l.table.is_some() || l.sheet.is_some();
            if !(typed || in_cell)
                || reworded
                || old.iter().any(|s| s.key() == key)
                || printed.contains(&sq)
                || carried_labels
                    .iter()
                    .any(|c| similarity(c, &key) >= RENAMED_AT)
                || filled_used.iter().any(|u| same_place(u, &l))
                || old.iter().any(|s| same_place(&s.location, &l))
                || placed.iter().any(|p| same_place(&p.old_place, &l))
            {
                continue;
            }
            found.push((t.trim().to_string(), l, typed));
        }
        for (text, place, _) in found {
            unplaced.push(Unplaced {
                old_label: text.chars().take(40).collect(),
                value: text,
                old_place: place,
                reason: Text::new(
                    "新しい様式に移す先が見つかりませんでした（削除された欄か、名前が大きく変わった欄です）。記入した内容を移す先を確かめてください（昨年度の空の様式を --from で渡すと、欄ごとに対応を調べます）。",
                    "no place for it in the new template (a removed entry, or one renamed beyond recognition); check where it belongs (with last year's blank template as --from, each entry is matched)",
                ),
            });
        }
    }
    let before: BTreeSet<String> = slots::wording(old_template.unwrap_or(filled))
        .iter()
        .map(|w| squash(w))
        .collect();
    let mut changed_wording: Vec<String> = Vec::new();
    for w in new_wording {
        let blank_filled = crate::forms::blanks::shape_of(&w)
            .is_some_and(|sh| new_filled.contains(&squash(&sh.display())))
            || new_filled.contains(&squash(w.trim()));
        if !blank_filled && !before.contains(&squash(&w)) && !changed_wording.contains(&w) {
            changed_wording.push(w);
        }
    }
    let (bytes, computed) = write(new_doc.format, new_bytes, &writes, limits)?;
    for p in &mut placed {
        if p.new_place
            .cell
            .as_ref()
            .is_some_and(|c| computed.contains(c))
        {
            p.computed = true;
            p.review = Some(Text::new(
                "この欄は新しい様式では式で計算されるため、値は書き込んでいません（式の結果を確かめてください）。",
                "the new template computes this cell with a formula; nothing was written (check the result)",
            ));
        }
    }
    Ok(Carry {
        bytes,
        placed,
        unplaced,
        to_fill,
        changed_wording,
    })
}

/// Write the values into the template's bytes; also returns the cells left
/// alone because the template computes them.
fn write(
    format: Format,
    bytes: &[u8],
    writes: &[(Location, String)],
    limits: &Limits,
) -> Result<(Vec<u8>, Vec<String>), WriteError> {
    let pkg = Package::parse(bytes.to_vec(), limits)?;
    let mut changes: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut computed = Vec::new();
    if format.is_word() {
        let xml = pkg.read_string(DOCUMENT_PART)?;
        let scan: DocxScan = docx_scan::scan(&xml, DOCUMENT_PART, limits.max_xml_depth)?;
        let mut splices: Vec<Splice> = Vec::new();
        for (loc, value) in writes {
            if let Some(ordinal) = loc.paragraph {
                let Some(p) = scan.paras.iter().find(|p| p.ordinal == ordinal) else {
                    return Err(WriteError::Internal(format!(
                        "no paragraph at {}",
                        loc.describe()
                    )));
                };
                splices.extend(super::migrate::set_paragraph_text(&xml, p, value, false));
                continue;
            }
            let cell = match (loc.table, loc.row, loc.col) {
                (Some(t), Some(r), Some(c)) => scan.cell_at(t, r, c),
                _ => None,
            };
            let Some(cell) = cell else {
                return Err(WriteError::Internal(format!(
                    "no cell at {}",
                    loc.describe()
                )));
            };
            let lines: Vec<String> = value.lines().map(str::to_string).collect();
            splices.extend(super::migrate::fill_cell(
                &xml,
                &scan,
                cell.paras.first().copied(),
                &lines,
                false,
            ));
        }
        let out = apply_splices(&xml, &splices, DOCUMENT_PART)?;
        check_well_formed(&out, DOCUMENT_PART, limits.max_xml_depth)?;
        changes.insert(DOCUMENT_PART.to_string(), out.into_bytes());
    } else if matches!(format, Format::Xlsx | Format::Xlsm) {
        let book = xlsx_scan::workbook(&pkg)?;
        let mut by_part: BTreeMap<String, Vec<(String, CellValue)>> = BTreeMap::new();
        for (loc, value) in writes {
            let (Some(sheet), Some(cell)) = (&loc.sheet, &loc.cell) else {
                return Err(WriteError::Internal(format!(
                    "no cell at {}",
                    loc.describe()
                )));
            };
            let Some(part) = book.sheet(sheet) else {
                return Err(WriteError::Internal(format!("no sheet {sheet}")));
            };
            // A number stays a number (formulas over it compute), unless its
            // leading zeros matter (番号: 0001234567).
            let digits = squash(value);
            let v = match amount(value) {
                Some(n)
                    if !(value.contains('円') || digits.starts_with('0') && digits.len() > 1)
                        && digits.chars().all(|c| c.is_ascii_digit() || c == ',') =>
                {
                    CellValue::Number(n as f64)
                }
                _ => CellValue::Text(value.clone()),
            };
            by_part
                .entry(part.part.clone())
                .or_default()
                .push((cell.clone(), v));
        }
        for (part, values) in by_part {
            let xml = pkg.read_string(&part)?;
            let (splices, formulas) = set_cells(&xml, &part, &values)?;
            computed.extend(formulas);
            let out = apply_splices(&xml, &splices, &part)?;
            check_well_formed(&out, &part, limits.max_xml_depth)?;
            changes.insert(part, out.into_bytes());
        }
    } else {
        return Err(WriteError::Unsupported(format!(
            "values can be carried into .docx and .xlsx templates, not {}",
            format.as_str()
        )));
    }
    if changes.is_empty() {
        return Ok((bytes.to_vec(), computed));
    }
    Ok((pkg.rewrite(&changes)?, computed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_convert_between_units() {
        let (v, note) = convert("1,200,000", Unit::Yen, Unit::ThousandYen).unwrap();
        assert_eq!(v, "1,200");
        assert!(note.unwrap().ja.contains("換算"));
        let (v, _) = convert("１２００", Unit::ThousandYen, Unit::Yen).unwrap();
        assert_eq!(v, "1200000");
        let (v, note) = convert("1,234,567", Unit::Yen, Unit::ThousandYen).unwrap();
        assert_eq!(v, "1,234");
        assert!(note.unwrap().ja.contains("切り捨て"));
        assert!(convert("未定", Unit::Yen, Unit::ThousandYen).is_err());
    }
}
