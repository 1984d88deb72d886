//! `migrate --to`: carry a filled form's values onto another year's blank
//! template of the same form, for any call. The places on both sides are
//! read from the layout ([`crate::forms::slots`]): label cells and their
//! value cells, grids by row and column header. Values are matched by
//! label (numbering, blanks, units and notes aside), then by similarity
//! (a renamed label, reported for review), or as `--map` says; amounts
//! are converted when the unit changes (円 ↔ 千円). Every value is either
//! placed or reported; the new template's other bytes stay as they were.

mod leftovers;
mod places;
pub mod report;
mod sentences;
mod to_fill;
mod values;
mod write;

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

/// The text of every paragraph and cell of the documents, walked once
/// (`blanks::texts`): the filled copy, this year's template and last
/// year's when given.
pub(super) struct Texts {
    pub(super) filled: Vec<(String, Location)>,
    pub(super) new: Vec<(String, Location)>,
    pub(super) old: Option<Vec<(String, Location)>>,
}

/// What the carrying has already dealt with: a place listed here is not a
/// left-over typed entry.
pub(super) struct Dealt<'a> {
    pub(super) sentences: &'a [Location],
    pub(super) old: &'a [Slot],
    pub(super) placed: &'a [Carried],
}

impl Dealt<'_> {
    pub(super) fn covers(&self, l: &Location) -> bool {
        self.sentences.iter().any(|u| places::same_place(u, l))
            || self.old.iter().any(|s| places::same_place(&s.location, l))
            || self
                .placed
                .iter()
                .any(|p| places::same_place(&p.old_place, l))
    }
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
    let texts = Texts {
        filled: crate::forms::blanks::texts(filled),
        new: crate::forms::blanks::texts(new_doc),
        old: old_template.map(crate::forms::blanks::texts),
    };
    let template_slots: Option<Vec<Slot>> = old_template.map(|t| slots::slots(t, true));
    let new_wording = slots::wording(new_doc);
    let all_new_texts: Vec<String> = texts
        .new
        .iter()
        .map(|(t, _)| t.clone())
        .chain(new_wording.iter().cloned())
        .collect();
    let mut out = Outcome::default();
    let (sentences, sentence_to_fill) = sentences::carry_sentences(&texts);
    let filled_used: Vec<Location> = sentences.iter().map(|s| s.old_place.clone()).collect();
    let new_filled: BTreeSet<String> = sentences.iter().map(|s| squash(&s.new_label)).collect();
    out.sentences(sentences);
    // A value typed into a sentence's blanks is carried with the sentence,
    // not again as a label's value.
    let old: Vec<Slot> = places::old_values(
        filled,
        template_slots.as_deref(),
        texts.old.as_deref(),
        &all_new_texts,
    )
    .into_iter()
    .filter(|s| {
        !filled_used
            .iter()
            .any(|l| places::same_place(l, &s.location))
    })
    .collect();
    let new = slots::slots(new_doc, true);
    let pairs = places::matches(&old, &new, map);
    let mut matched_old = vec![false; old.len()];
    let mut fed_new = vec![false; new.len()];
    for &(o, n, renamed) in &pairs {
        matched_old[o] = true;
        if out.pair(&old[o], &new[n], renamed) {
            fed_new[n] = true;
        }
    }
    for (o, s) in old.iter().enumerate() {
        if !matched_old[o] {
            out.not_matched(s, map);
        }
    }
    let Outcome {
        mut placed,
        mut unplaced,
        writes,
    } = out;
    let matched_keys: BTreeSet<String> = pairs.iter().map(|&(o, _, _)| old[o].key()).collect();
    let last_year = to_fill::LastYear {
        slots: template_slots.as_deref().unwrap_or(&old),
        matched: &matched_keys,
        texts: texts.old.is_none().then_some(texts.filled.as_slice()),
    };
    let mut to_fill = to_fill::places_to_fill(&new, &fed_new, &last_year);
    to_fill.extend(sentence_to_fill);
    let dealt = Dealt {
        sentences: &filled_used,
        old: &old,
        placed: &placed,
    };
    let left_over = match &texts.old {
        Some(old_texts) => leftovers::with_template(old_texts, &texts.filled, &dealt, &unplaced),
        None => leftovers::without_template(&texts.filled, &all_new_texts, &dealt),
    };
    unplaced.extend(left_over);
    let changed_wording = leftovers::changed_wording(
        &slots::wording(old_template.unwrap_or(filled)),
        new_wording,
        &new_filled,
    );
    let (bytes, computed) = write::write(new_doc.format, new_bytes, &writes, limits)?;
    mark_computed(&mut placed, &computed);
    Ok(Carry {
        bytes,
        placed,
        unplaced,
        to_fill,
        changed_wording,
    })
}

/// A cell the new template computes gets nothing written; the carried
/// value says so.
fn mark_computed(placed: &mut [Carried], computed: &[String]) {
    for p in placed {
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
}

/// What the carrying has decided so far: values placed or not, and the
/// writes into the new template.
#[derive(Default)]
struct Outcome {
    placed: Vec<Carried>,
    unplaced: Vec<Unplaced>,
    writes: Vec<(Location, String)>,
}

impl Outcome {
    /// The sentences with blanks: placed where the new template has the
    /// same sentence.
    fn sentences(&mut self, sentences: Vec<sentences::Sentence>) {
        for s in sentences {
            match s.new_place.clone() {
                Some(at) => {
                    self.writes.push((at.clone(), s.new_text.clone()));
                    self.placed.push(Carried {
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
                None => self.unplaced.push(Unplaced {
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
    }

    /// One matched pair of places: carry the old value onto the new place
    /// (true when something is written there).
    fn pair(&mut self, os: &Slot, ns: &Slot, renamed: bool) -> bool {
        let value = os.value.trim();
        // A choice: the marks move over when the options are the same.
        if slots::is_choice(&ns.value) {
            if value.is_empty() || slots::unmarked(value) == squash(value) {
                return false; // nothing marked
            }
            if slots::unmarked(value) != slots::unmarked(&ns.value) {
                self.unplaced.push(Unplaced {
                    old_label: os.name(),
                    value: value.to_string(),
                    old_place: os.location.clone(),
                    reason: Text::new(
                        format!("「{}」の選択肢が新しい様式では変わっています。新しい様式で選び直してください。", ns.name()),
                        format!("the options of 「{}」 changed; choose again on the new template", ns.name()),
                    ),
                });
                return false;
            }
        } else if values::is_unfilled(value) {
            return false;
        }
        let review = renamed.then(|| renamed_review(os, ns));
        let (new_value, review) = match new_value(os, ns, value, review) {
            Ok(v) => v,
            Err(reason) => {
                self.unplaced.push(Unplaced {
                    old_label: os.name(),
                    value: value.to_string(),
                    old_place: os.location.clone(),
                    reason,
                });
                return false;
            }
        };
        self.writes.push((ns.location.clone(), new_value.clone()));
        self.placed.push(Carried {
            old_label: os.name(),
            new_label: ns.name(),
            value: value.to_string(),
            new_value,
            old_place: os.location.clone(),
            new_place: ns.location.clone(),
            review,
            computed: false,
        });
        true
    }

    /// An old value no new place was matched to: reported unless empty.
    fn not_matched(&mut self, s: &Slot, map: &LabelMap) {
        let v = s.value.trim();
        if values::is_unfilled(v) || slots::is_choice(v) && slots::unmarked(v) == squash(v) {
            return;
        }
        let mapped_away = map
            .iter()
            .any(|(k, t)| t.trim().is_empty() && (label_key(k) == s.key() || *k == s.name()));
        self.unplaced.push(Unplaced {
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
}

/// Why a pair matched by similarity or place is to be looked at.
fn renamed_review(os: &Slot, ns: &Slot) -> Text {
    // Matched by its place in the form rather than its words: the
    // same label printed elsewhere (two entries swapped).
    if os.name() == ns.name() {
        return Text::new(
            format!(
                "「{}」の欄の位置が変わっています（{} → {}）。同じ項目か確かめてください。",
                ns.name(),
                os.location.describe(),
                ns.location.describe()
            ),
            format!(
                "「{}」 moved ({} → {}); check it is the same entry",
                ns.name(),
                os.location.describe_in(crate::diag::Lang::En),
                ns.location.describe_in(crate::diag::Lang::En)
            ),
        );
    }
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
}

/// The value as the new place takes it, with the review to show: a unit
/// typed or printed after the number is taken off, converted, and the new
/// template's own unit printed after it again. Err: why it cannot be
/// converted.
fn new_value(
    os: &Slot,
    ns: &Slot,
    value: &str,
    mut review: Option<Text>,
) -> Result<(String, Option<Text>), Text> {
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
        (Some(from), Some(to)) if from != to => {
            let (v, note) = values::convert(&number, from, to)?;
            review = note.or(review);
            v
        }
        _ => value_for_unit.to_string(),
    };
    let new_value = match &ns.suffix {
        Some(sfx) => format!("{new_value}{sfx}"),
        None => new_value,
    };
    Ok((new_value, review))
}
