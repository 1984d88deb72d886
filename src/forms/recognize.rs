//! Form recognition: which forms a document holds, where each starts and
//! ends, which template version it was built from, and how closely it
//! matches the template.
//!
//! A form is anchored on its title line (matched whole, even when broken
//! over lines), extended back to a preamble line just before it
//! (`（様式１）`, `別紙４`). Each candidate runs up to the next one; a
//! candidate whose extent holds too little of the template's boilerplate
//! is dropped (weakest first) and its neighbours grow back. Versions of one
//! form compete on their clause text (`version_markers`), never on the
//! edition the text cites.

use super::definition::{FormDef, FormSet, def_key};
use super::keyset::{KeySet, Marker, first_char_byte};
use super::layout::Layout;
use super::matching::{Joined, match_phrase};

/// A form found in a document.
#[derive(Debug, Clone)]
pub struct Recognized {
    /// Index of the chosen definition in the form set.
    pub def: usize,
    /// First unit of the form (the preamble or the title).
    pub start: usize,
    /// The title unit.
    pub title: usize,
    /// One past the last unit of the form.
    pub end: usize,
    pub similarity: f64,
}

#[derive(Debug, Clone)]
struct Candidate {
    /// Definitions of one form id anchored at the same title (versions).
    defs: Vec<usize>,
    start: usize,
    title: usize,
    /// The version chosen and its similarity for the extent ending at
    /// `.0`: a candidate's extent changes only when a neighbour is dropped,
    /// and scoring (a search for every marker) was redone for every
    /// candidate after each drop.
    scored: Option<(usize, usize, f64)>,
}

/// How many non-empty units back from a title a preamble may be.
const PREAMBLE_WINDOW: usize = 12;
/// How many non-empty units after a title its context phrase may be.
const CONTEXT_WINDOW: usize = 6;

/// Find every form of `defs` in the layout, in document order.
pub fn recognize(layout: &Layout, defs: &FormSet) -> Vec<Recognized> {
    recognize_joined(layout, &Joined::build(layout), defs)
}

/// [`recognize`] with the layout's keys already joined.
pub fn recognize_joined(layout: &Layout, joined: &Joined, defs: &FormSet) -> Vec<Recognized> {
    let mut titles: Vec<(usize, usize)> = Vec::new(); // (unit, def)
    // What [`KeySet::may_be_title`] asks of each unit's key (none when it
    // is empty), taken once: every definition asks about every unit.
    let ends: Vec<Option<(u8, u8)>> = layout
        .units
        .iter()
        .map(|u| Some((first_char_byte(u.key())?, *u.key().as_bytes().last()?)))
        .collect();
    for (d, def) in defs.forms.iter().enumerate() {
        let keys = def.keys();
        for (i, e) in ends.iter().enumerate() {
            if let Some((first, last)) = *e
                && keys.may_be_title(first, last)
                && is_title(layout, joined, keys, i)
            {
                titles.push((i, d));
            }
        }
    }
    titles.sort_unstable();
    let title_units: Vec<usize> = titles.iter().map(|t| t.0).collect();

    // Group versions of one form at one title; find each group's preamble.
    let mut cands: Vec<Candidate> = Vec::new();
    for &(i, d) in &titles {
        let id = &defs.forms[d].id;
        if let Some(c) = cands
            .iter_mut()
            .find(|c| c.title == i && defs.forms.get(c.defs[0]).is_some_and(|f| &f.id == id))
        {
            c.defs.push(d);
            continue;
        }
        // Once the form has been found, a later 「…別紙２」 with its title
        // is an attachment; alone in a file (a split submission) it is
        // the form's own part.
        let seen_before = cands
            .iter()
            .any(|c| c.title < i && defs.forms.get(c.defs[0]).is_some_and(|f| &f.id == id));
        if seen_before && attachment_of(layout, &defs.forms[d], i, &title_units) {
            continue;
        }
        let start = preamble_before(layout, &defs.forms[d], i, &title_units).unwrap_or(i);
        cands.push(Candidate {
            defs: vec![d],
            start,
            title: i,
            scored: None,
        });
    }
    cands.sort_by_key(|c| (c.start, c.title));

    // Drop the weakest candidate below its threshold until all hold.
    loop {
        for k in 0..cands.len() {
            let end = extent_end(&cands, k, layout.units.len());
            if cands[k].scored.is_none_or(|s| s.0 != end) {
                let (def, sim) = choose_version(joined, defs, &cands[k], end);
                cands[k].scored = Some((end, def, sim));
            }
        }
        let scored: Vec<(usize, usize, f64, f64)> = (0..cands.len())
            .map(|k| {
                let (def, sim) = cands[k].scored.map_or((0, 0.0), |s| (s.1, s.2));
                let min = defs
                    .forms
                    .get(def)
                    .map(|f| f.recognize.min_similarity)
                    .unwrap_or(1.0);
                (k, def, sim, min)
            })
            .collect();
        // Two forms (ids) anchored at one title — a call's own 企画提案書
        // beside the built-in one: the one whose boilerplate the text holds
        // better is the form; on a tie the later definition (a user's
        // `--forms` over the built-in) wins.
        let shadowed = scored.iter().find_map(|a| {
            scored
                .iter()
                .find(|b| {
                    b.0 != a.0
                        && cands[b.0].title == cands[a.0].title
                        && (b.2 > a.2 || (b.2 == a.2 && b.1 > a.1))
                })
                .map(|_| a.0)
        });
        if let Some(k) = shadowed {
            cands.remove(k);
            continue;
        }
        let weakest = scored
            .iter()
            .filter(|(_, _, sim, min)| sim < min)
            .min_by(|a, b| a.2.total_cmp(&b.2));
        match weakest {
            Some(&(k, ..)) => {
                cands.remove(k);
            }
            None => {
                return scored
                    .into_iter()
                    .map(|(k, def, sim, _)| Recognized {
                        def,
                        start: cands[k].start,
                        title: cands[k].title,
                        end: extent_end(&cands, k, layout.units.len()),
                        similarity: sim,
                    })
                    .collect();
            }
        }
    }
}

/// One past the last unit of candidate `k`: the next candidate's start
/// (another title at the same place does not count).
fn extent_end(cands: &[Candidate], k: usize, len: usize) -> usize {
    let me = &cands[k];
    cands
        .iter()
        .skip(k + 1)
        .map(|c| c.start)
        .find(|&s| s > me.title)
        .unwrap_or(len)
}

/// The keys a definition's title is recognised by, computed once.
/// Is unit `i` the title line of a definition?
fn is_title(layout: &Layout, joined: &Joined, k: &KeySet, i: usize) -> bool {
    let Some(unit) = layout.units.get(i) else {
        return false;
    };
    let key = unit.key();
    if key.is_empty() {
        return false;
    }
    let mut end: Option<usize> = None;
    // The title may follow a preamble on the same line (別紙４　…報告書):
    // the chars to skip, in the order of the preambles (nearly always
    // none: no vector is collected for them, unit by unit).
    let skips = || {
        k.preambles
            .iter()
            .filter(|pk| key.starts_with(pk.as_str()))
            .map(|pk| pk.chars().count())
    };
    // Whether any preamble opens the key, asked once for the unit rather
    // than once for each title.
    let skipping = skips().next().is_some();
    for tk in &k.titles {
        // A title read from the line's start begins with the key's first
        // byte (`match_phrase` asks for a key that starts the phrase).
        let direct = key.as_bytes().first() == tk.as_bytes().first();
        if direct && let Some(j) = match_phrase(layout, i, tk, 0) {
            end = Some(j);
            break;
        }
        if skipping && let Some(j) = skips().find_map(|s| match_phrase(layout, i, tk, s)) {
            end = Some(j);
            break;
        }
    }
    if end.is_none() {
        // A title line, not a sentence that happens to end so (the suffix
        // test first: it is the cheap one).
        if k.suffixes.iter().any(|sk| key.ends_with(sk.as_str()))
            && key.chars().count() <= 200
            && !key.contains('。')
        {
            end = Some(i);
        }
    }
    let Some(end) = end else {
        return false;
    };
    if k.context.is_empty() {
        return true;
    }
    let mut to = end + 1;
    let mut seen = 0;
    while to < layout.units.len() && seen < CONTEXT_WINDOW {
        if !layout.units[to].key().is_empty() {
            seen += 1;
        }
        to += 1;
    }
    let window = joined.slice(end + 1, to);
    k.context_finders
        .iter()
        .any(|f| f.find(window.as_bytes()).is_some())
}

/// The preamble line just before a title, if any.
fn preamble_before(
    layout: &Layout,
    def: &FormDef,
    title: usize,
    titles: &[usize],
) -> Option<usize> {
    let keys: Vec<String> = def
        .recognize
        .preamble
        .iter()
        .map(|p| def_key(p).into_owned())
        .collect();
    let mut seen = 0;
    let mut i = title;
    while i > 0 && seen < PREAMBLE_WINDOW {
        i -= 1;
        if titles.contains(&i) {
            return None;
        }
        let k = layout.units[i].key();
        if k.is_empty() {
            continue;
        }
        seen += 1;
        if keys.iter().any(|p| p == k) {
            return Some(i);
        }
    }
    None
}

/// Is the title at `title` that of an attachment to the form: its nearest
/// marker line before reads as the form's own marker with more after it
/// (「参考様式第１－６号　別紙２（…）」 over a second 「雇用条件書」)?
fn attachment_of(layout: &Layout, def: &FormDef, title: usize, titles: &[usize]) -> bool {
    let keys = &def.keys().preambles;
    let mut seen = 0;
    let mut i = title;
    while i > 0 && seen < PREAMBLE_WINDOW {
        i -= 1;
        if titles.contains(&i) {
            return false;
        }
        let k = layout.units[i].key();
        if k.is_empty() {
            continue;
        }
        seen += 1;
        if keys.iter().any(|p| p == k) {
            return false;
        }
        if let Some(rest) = keys.iter().find_map(|p| k.strip_prefix(p.as_str())) {
            return ["別紙", "別添", "別記"].iter().any(|m| rest.starts_with(m));
        }
    }
    false
}

/// The share of `markers` found in units `from..to` (those written with a
/// leading `!` count when absent). Returns (found positives ratio, absent
/// negatives ratio).
fn marker_scores(joined: &Joined, from: usize, to: usize, markers: &[Marker]) -> (f64, f64) {
    let text = joined.slice(from, to);
    let (mut pos, mut pos_found, mut neg, mut neg_absent) = (0usize, 0usize, 0usize, 0usize);
    for m in markers {
        if m.negated {
            neg += 1;
            if m.finder.is_some() && !m.found_in(text) {
                neg_absent += 1;
            }
        } else {
            pos += 1;
            if m.found_in(text) {
                pos_found += 1;
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    (ratio(pos_found, pos), ratio(neg_absent, neg))
}

/// The share of a definition's boilerplate found in a range.
pub fn similarity(joined: &Joined, def: &FormDef, from: usize, to: usize) -> f64 {
    if def.recognize.boilerplate.is_empty() {
        return 1.0;
    }
    marker_scores(joined, from, to, &def.keys().boilerplate).0
}

/// Pick the version of a candidate: most clause markers found, then
/// fewest contrary markers (only when some clause marker was found at
/// all), then the best boilerplate match, then the newest version (the
/// order of the set).
fn choose_version(joined: &Joined, defs: &FormSet, cand: &Candidate, end: usize) -> (usize, f64) {
    let scored: Vec<(usize, f64, f64, f64)> = cand
        .defs
        .iter()
        .filter_map(|&d| {
            let def = defs.forms.get(d)?;
            let (pos, neg) = marker_scores(joined, cand.start, end, &def.keys().version_markers);
            Some((d, pos, neg, similarity(joined, def, cand.start, end)))
        })
        .collect();
    let any_marker = scored.iter().any(|s| s.1 > 0.0);
    let mut best: Option<&(usize, f64, f64, f64)> = None;
    for s in &scored {
        let better = match best {
            None => true,
            Some(b) => {
                let ord = if any_marker {
                    s.1.total_cmp(&b.1)
                        .then(s.2.total_cmp(&b.2))
                        .then(s.3.total_cmp(&b.3))
                } else {
                    s.3.total_cmp(&b.3)
                };
                ord == std::cmp::Ordering::Greater
            }
        };
        if better {
            best = Some(s);
        }
    }
    match best {
        Some(&(d, _, _, sim)) => (d, sim),
        None => (cand.defs.first().copied().unwrap_or(0), 0.0),
    }
}
