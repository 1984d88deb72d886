//! Sentences with blanks and printed choices outside label cells: what
//! was typed into last year's, written into this year's.

use super::values::convert;
use super::*;
use crate::forms::blanks::{Shape, shape_of};

/// A sentence with blanks carried over.
pub(super) struct Sentence {
    pub(super) old_label: String,
    pub(super) new_label: String,
    pub(super) fills: Vec<String>,
    pub(super) old_place: Location,
    pub(super) new_place: Option<Location>,
    pub(super) new_text: String,
    pub(super) review: Option<Text>,
}

/// Sentences with blanks (令和　年　月　日, （　　円）, prose with spaces to
/// type into): what the filled copy typed into the old template's
/// sentences, written into the new template's matching sentences.
pub(super) fn carry_sentences(texts: &Texts) -> (Vec<Sentence>, Vec<ToFill>) {
    // A label printed with spaced letters (住　　　所) is not a sentence.
    let new_shapes: Vec<(Shape, Location)> = texts
        .new
        .iter()
        .filter_map(|(t, l)| sentence_shape(t).map(|s| (s, l.clone())))
        .collect();
    let old_shapes = old_shapes(texts, &new_shapes);
    // A filled line that reads exactly as a template prints it had
    // nothing typed into it.
    let printed: BTreeSet<String> = texts
        .old
        .as_deref()
        .unwrap_or(&texts.new)
        .iter()
        .map(|(t, _)| squash(t))
        .collect();
    let filled_texts: Vec<&(String, Location)> = texts
        .filled
        .iter()
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
        match target {
            Some(n) => {
                used_new[n] = true;
                let (ns, nloc) = &new_shapes[n];
                out.push(carried(os, ns, fills, floc, nloc, same.is_some()));
            }
            None => out.push(Sentence {
                new_label: String::new(),
                review: None,
                new_text: String::new(),
                old_label: os.display(),
                fills,
                old_place: floc.clone(),
                new_place: None,
            }),
        }
    }
    out.extend(printed_choices(texts, &filled_texts, &mut used_filled));
    let to_fill = sentences_to_fill(texts, &new_shapes, &used_new);
    (out, to_fill)
}

/// The shape of a sentence with blanks; a label printed with spaced
/// letters (住　　　所) is not a sentence.
fn sentence_shape(t: &str) -> Option<Shape> {
    shape_of(t).filter(|_| !slots::is_spaced_label(t))
}

/// Last year's sentences: the old template's, or without it this year's,
/// also with the money unit of last year (円 where it is now 千円).
fn old_shapes(texts: &Texts, new_shapes: &[(Shape, Location)]) -> Vec<(Shape, Option<Location>)> {
    match &texts.old {
        Some(old) => old
            .iter()
            .filter_map(|(t, l)| sentence_shape(t).map(|s| (s, Some(l.clone()))))
            .collect(),
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
    }
}

/// An old sentence's fills written into the new sentence `ns`, amounts
/// converted where the money unit after a blank changed; a sentence
/// matched by similarity (not `same` words) is to be looked at.
fn carried(
    os: &Shape,
    ns: &Shape,
    mut fills: Vec<String>,
    floc: &Location,
    nloc: &Location,
    same: bool,
) -> Sentence {
    let old_label = os.display();
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
    let mut note = None;
    for (k, fill) in fills.iter_mut().enumerate() {
        if let (Some(from), Some(to)) = (unit_after(&os.parts, k), unit_after(&ns.parts, k))
            && from != to
            && !fill.is_empty()
            && let Ok((v, n)) = convert(fill, from, to)
        {
            *fill = v;
            note = n;
        }
    }
    Sentence {
        new_label: ns.display(),
        review: note.clone().or_else(|| (!same).then(|| {
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
    }
}

/// Printed choices outside label cells (■ 申請者は…誓約します): the
/// marks move over where the new template prints the same options.
fn printed_choices(
    texts: &Texts,
    filled_texts: &[&(String, Location)],
    used_filled: &mut [bool],
) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (nt, nloc) in &texts.new {
        if !slots::is_choice(nt) || shape_of(nt).is_some() {
            continue;
        }
        let want = slots::unmarked(nt);
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
                new_place: Some(nloc.clone()),
                new_text: t.trim().to_string(),
                review: None,
            });
        }
    }
    out
}

/// This year's sentences nothing was typed into: to fill in by hand
/// (new this year when last year's form had no such sentence). Without
/// last year's template, every line of the filled copy is last year's,
/// the ones it prints as this year's template does too.
fn sentences_to_fill(
    texts: &Texts,
    new_shapes: &[(Shape, Location)],
    used_new: &[bool],
) -> Vec<ToFill> {
    let last_year: Vec<&String> = texts
        .old
        .as_deref()
        .unwrap_or(&texts.filled)
        .iter()
        .map(|(t, _)| t)
        .collect();
    new_shapes
        .iter()
        .enumerate()
        .filter(|(n, _)| !used_new[*n])
        .map(|(_, (shape, loc))| ToFill {
            label: shape.display(),
            place: loc.clone(),
            new_field: !last_year.iter().any(|t| {
                let t = unmarked_line(t);
                shape_of(&t).is_some_and(|s| unit_free(s.key()) == unit_free(shape.key()))
                    || shape.fills(&t).is_some()
            }),
        })
        .collect()
}

/// A line with its marks undone (■ → □), its spacing kept: a choice
/// marked last year is the one printed.
fn unmarked_line(t: &str) -> String {
    t.chars()
        .map(|c| {
            if ['■', '☑', '✓', '✔', '☒', '☐'].contains(&c) {
                '□'
            } else {
                c
            }
        })
        .collect()
}

/// A sentence's key with a change of money unit aside (千円 / 万円 → 円).
fn unit_free(key: String) -> String {
    key.replace("千円", "円").replace("万円", "円")
}
