//! Field extraction: for each recognised form, find every canonical field
//! the way its definition says (label → value cell, heading → free text,
//! table rows, header lines) and normalise it.
//!
//! A label whose value is blank still yields the field, with an empty
//! value and the location of the blank cell, so rules can point at it.

use super::definition::{FieldDef, Find, FormDef, FormSet, ListFind, Normalize, def_key, def_keys};
use super::keyset::{KeySet, LabelFirsts};
use super::layout::Layout;
use super::lists;
use super::matching::{After, Joined, LabelKey, LabelMatch, starts_with_any};
use super::normalize::{AmountUnit, parse_date, recognise_certifications, split_name_kana};
use super::recognize::{Recognized, recognize_joined};
pub use super::values::business_type;
pub(crate) use super::values::normalize_value;
use super::values::{clean, is_note, strip_suffix};
use super::{ExtractedForm, FieldValue};
use crate::model::{Document, Location};
use serde_json::Value;
use std::collections::BTreeMap;
use std::ops::Range;

/// Find and extract every form of `defs` in a document.
pub fn extract_with(doc: &Document, defs: &FormSet) -> Vec<ExtractedForm> {
    let layout = Layout::build(doc);
    extract_layout(&layout, defs)
}

/// Extraction on an already built layout.
pub fn extract_layout(layout: &Layout, defs: &FormSet) -> Vec<ExtractedForm> {
    let joined = Joined::build(layout);
    let found = recognize_joined(layout, &joined, defs);
    let spare = spare_copies(layout, defs, &found);
    found
        .into_iter()
        .enumerate()
        .filter(|(k, _)| !spare.contains(k))
        .filter_map(|(_, r)| {
            let def = defs.forms.get(r.def)?;
            Some(extract_form(layout, &joined, def, &r))
        })
        .collect()
}

/// Repeated copies of one form left blank (a sheet printing the same
/// 診断書 four times, only the first filled): one form to fill, not one
/// each. A copy is spare when every line it holds is also in the other
/// copies of the same form; when no copy holds a line of its own (all
/// blank), the first stays.
fn spare_copies(layout: &Layout, defs: &FormSet, found: &[Recognized]) -> Vec<usize> {
    use std::collections::BTreeSet;
    let keys = |r: &Recognized| -> BTreeSet<&str> {
        (r.start..r.end.min(layout.units.len()))
            .map(|i| layout.units[i].key())
            .filter(|k| !k.is_empty())
            .collect()
    };
    let id = |k: usize| defs.forms.get(found[k].def).map(|f| f.id.as_str());
    let sets: Vec<_> = found.iter().map(keys).collect();
    let covered = |a: usize| {
        let mut others = (0..found.len())
            .filter(|&b| b != a && id(b) == id(a))
            .peekable();
        others.peek().is_some()
            && sets[a]
                .iter()
                .all(|k| others.clone().any(|b| sets[b].contains(k)))
    };
    let spare: Vec<bool> = (0..found.len()).map(covered).collect();
    (0..found.len())
        .filter(|&a| {
            let first_of_id = (0..a).all(|b| id(b) != id(a));
            let all_spare = (0..found.len())
                .filter(|&b| id(b) == id(a))
                .all(|b| spare[b]);
            spare[a] && !(all_spare && first_of_id)
        })
        .collect()
}

fn extract_form(layout: &Layout, joined: &Joined, def: &FormDef, r: &Recognized) -> ExtractedForm {
    let ctx = Ctx::new(layout, joined, def, r);
    let mut fields: BTreeMap<String, FieldValue> = BTreeMap::new();
    for f in &def.fields {
        ctx.field(f, &mut fields);
    }
    for l in &def.lists {
        match l.find {
            ListFind::Table => lists::table_list(&ctx, l, &mut fields),
            ListFind::Items => lists::items_list(&ctx, l, &mut fields),
            ListFind::AddedRows => lists::added_rows(&ctx, l, &mut fields),
            ListFind::Blocks => lists::block_list(&ctx, l, &mut fields),
        }
    }
    let last = (r.start..r.end)
        .rev()
        .find(|&i| layout.units.get(i).is_some_and(|u| !u.key().is_empty()))
        .unwrap_or(r.start);
    ExtractedForm {
        form: def.id.clone(),
        template_version: def.version.clone(),
        similarity: (r.similarity * 1000.0).round() / 1000.0,
        start: ctx.unit_loc(r.start),
        end: ctx.unit_loc(last),
        fields,
    }
}

/// Everything needed while extracting one form.
pub(crate) struct Ctx<'a> {
    pub layout: &'a Layout,
    pub joined: &'a Joined,
    /// The form's extent in units.
    pub range: Range<usize>,
    /// The title unit.
    pub title: usize,
    /// Keys of the definition's wording.
    keys: &'a KeySet,
}

impl<'a> Ctx<'a> {
    fn new(layout: &'a Layout, joined: &'a Joined, def: &'a FormDef, r: &Recognized) -> Ctx<'a> {
        Ctx {
            layout,
            joined,
            range: r.start..r.end,
            title: r.title,
            keys: def.keys(),
        }
    }

    pub fn unit_loc(&self, i: usize) -> Location {
        self.layout
            .units
            .get(i)
            .map(|u| u.loc.clone())
            .unwrap_or_default()
    }

    /// The location of a whole unit's value: its cell, or the line.
    pub fn value_loc(&self, i: usize) -> Location {
        let Some(u) = self.layout.units.get(i) else {
            return Location::default();
        };
        if let Some(c) = u.cell.and_then(|c| self.layout.cells.get(c))
            && (c.units.start == i || u.first_col.is_none())
        {
            return c.loc.clone();
        }
        let lead = u.text.len() - u.text.trim_start().len();
        u.loc_at(lead)
    }

    pub fn key(&self, i: usize) -> &str {
        self.layout.units.get(i).map(|u| u.key()).unwrap_or("")
    }

    /// The length of [`Ctx::key`] in chars (kept with the key).
    fn key_chars(&self, i: usize) -> usize {
        self.layout.units.get(i).map_or(0, |u| u.norm.char_len())
    }

    pub fn text(&self, i: usize) -> &str {
        self.layout
            .units
            .get(i)
            .map(|u| u.text.as_str())
            .unwrap_or("")
    }

    pub fn is_label_line(&self, i: usize) -> bool {
        self.matches_any(i, &self.keys.labels, &self.keys.label_firsts)
    }

    pub fn is_heading(&self, i: usize) -> bool {
        self.matches_any(i, &self.keys.headings, &self.keys.heading_firsts)
    }

    /// Does a non-empty unit match one of these label keys?
    fn matches_any(&self, i: usize, keys: &[LabelKey<'_>], firsts: &LabelFirsts) -> bool {
        firsts.may_start(self.layout, i) && keys.iter().any(|k| k.matches(self.layout, i).is_some())
    }

    /// Template guidance, not a value.
    pub fn is_instruction(&self, i: usize) -> bool {
        let key = self.key(i);
        if key.is_empty() {
            return false;
        }
        let instructions = &self.keys.instructions;
        if instructions.iter().any(|ik| ik == key) {
            return true;
        }
        let n = self.key_chars(i);
        // Inside a guidance line (all of them at once, see
        // `instructions_joined`), or holding one nearly as long as itself
        // (byte lengths first: setting up a substring search costs more
        // than the test).
        n >= 8
            && (self.keys.instructions_joined.contains(key)
                || instructions
                    .iter()
                    .zip(&self.keys.instruction_finders)
                    .zip(&self.keys.instruction_chars)
                    .any(|((ik, finder), &ik_chars)| {
                        ik.len() < key.len()
                            && ik_chars * 10 >= n * 8
                            && finder.find(key.as_bytes()).is_some()
                    }))
    }

    /// Any template wording (label, heading, guidance, boilerplate).
    pub fn is_template(&self, i: usize) -> bool {
        let key = self.key(i);
        if key.is_empty() {
            return false;
        }
        self.is_label_line(i)
            || self.is_instruction(i)
            || self.keys.template.iter().any(|t| t == key)
            || self.key_chars(i) >= 4 && self.keys.template_joined.contains(key)
    }

    /// Is a cell template wording (its first non-empty line)?
    pub fn cell_is_label(&self, cell: usize) -> bool {
        let Some(c) = self.layout.cells.get(cell) else {
            return false;
        };
        c.units
            .clone()
            .find(|&i| !self.key(i).is_empty())
            .is_some_and(|i| self.is_label_line(i) || self.is_heading(i))
    }

    /// The search range for a field: the form, narrowed by `after` /
    /// `before` anchors when they are found.
    pub fn scope(&self, after: &[String], before: &[String]) -> Range<usize> {
        // The anchors' keys once, not once for every unit tried.
        let after_keys: Vec<LabelKey> = after.iter().map(|p| LabelKey::new(def_key(p))).collect();
        let before_keys: Vec<LabelKey> = before.iter().map(|p| LabelKey::new(def_key(p))).collect();
        // A unit none of the anchors can open is passed over at once.
        let at = |i: usize, keys: &[LabelKey<'_>], firsts: &LabelFirsts| {
            firsts.may_start(self.layout, i) && starts_with_any(self.layout, i, keys)
        };
        let mut start = self.range.start;
        let after_firsts = LabelFirsts::of(&after_keys);
        if !after.is_empty()
            && let Some(i) = self
                .range
                .clone()
                .find(|&i| at(i, &after_keys, &after_firsts))
        {
            start = i + 1;
        }
        let mut end = self.range.end;
        let before_firsts = LabelFirsts::of(&before_keys);
        if !before.is_empty()
            && let Some(i) = (start..self.range.end).find(|&i| at(i, &before_keys, &before_firsts))
        {
            end = i;
        }
        start..end
    }

    /// The first unit in `scope` where one of `labels` starts.
    pub fn find_label(&self, scope: Range<usize>, labels: &[String]) -> Option<LabelMatch> {
        let keys: Vec<LabelKey> = labels
            .iter()
            .map(|l| def_key(l))
            .filter(|k| !k.is_empty())
            .map(LabelKey::new)
            .collect();
        let firsts = LabelFirsts::of(&keys);
        scope
            .into_iter()
            .filter(|&i| firsts.may_start(self.layout, i))
            .find_map(|i| keys.iter().find_map(|k| k.matches(self.layout, i)))
    }

    /// The next heading of the form after unit `from`, other than `own`.
    pub fn next_heading(&self, from: usize, end: usize, own: &[String]) -> usize {
        let own_keys: Vec<LabelKey> = own.iter().map(|s| LabelKey::new(def_key(s))).collect();
        (from..end)
            .find(|&j| {
                self.is_heading(j)
                    && !own_keys
                        .iter()
                        .any(|k| !k.key.is_empty() && k.matches(self.layout, j).is_some())
            })
            .unwrap_or(end)
    }

    /// Lines after unit `i` in its cell up to the next label line.
    fn rest_of_cell(&self, i: usize) -> Vec<usize> {
        let Some(cell) = self
            .layout
            .units
            .get(i)
            .and_then(|u| u.cell)
            .and_then(|c| self.layout.cells.get(c))
        else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for j in i + 1..cell.units.end {
            if self.is_label_line(j) {
                break;
            }
            out.push(j);
        }
        out
    }

    /// The ruby reading of the value at `loc` (its cell's or paragraph's
    /// lines), when some line there carries ruby.
    fn ruby_reading(&self, loc: &Location) -> Option<String> {
        let layout = self.layout;
        let in_cell = layout.cells.iter().find(|c| &c.loc == loc);
        let units: Vec<&super::layout::Unit> = match in_cell {
            Some(c) => layout.units.get(c.units.clone())?.iter().collect(),
            None => layout.units.iter().filter(|u| &u.loc == loc).collect(),
        };
        if units.iter().all(|u| u.reading.is_none()) {
            return None;
        }
        let lines: Vec<&str> = units
            .iter()
            .map(|u| u.reading.as_deref().unwrap_or(u.text.as_str()))
            .collect();
        let reading = lines.join("").trim().to_string();
        (!reading.is_empty()).then_some(reading)
    }

    /// Lines joined as a cell's text is (`\n`), the whole trimmed.
    fn join_units(&self, units: &[usize]) -> String {
        let lines: Vec<&str> = units.iter().map(|&j| self.text(j)).collect();
        lines.join("\n").trim().to_string()
    }

    /// The value of a found label, with its location.
    pub fn label_value(&self, m: &LabelMatch) -> (String, Location) {
        self.label_value_for(m, None)
    }

    /// As [`Ctx::label_value`]; lines of the label's cell that are only
    /// the field's template text (`strip`, `blank_if`) are not its value.
    fn label_value_for(&self, m: &LabelMatch, f: Option<&FieldDef>) -> (String, Location) {
        let layout = self.layout;
        let Some(u) = layout.units.get(m.end) else {
            return (String::new(), Location::default());
        };
        if let After::Value(k) = m.after {
            let off = u.norm.raw_offset(k);
            let rest = u.text.get(off..).unwrap_or("");
            let lead = rest.len() - rest.trim_start().len();
            let mut text = rest.trim().to_string();
            let more = self.join_units(&self.rest_of_cell(m.end));
            if !more.is_empty() {
                text = format!("{text}\n{more}");
            }
            return (text, u.loc_at(off + lead));
        }
        // Nothing after the label on its line: the rest of its cell, the
        // cell to the right, the cell below, or the next line.
        if let Some(cell) = u.cell {
            // 方眼紙: one character per box along the row.
            if let Some(f) = f.filter(|f| f.boxes) {
                return super::grid::boxes_value(layout, cell, &f.box_marks, |o| {
                    self.cell_is_label(o)
                });
            }
            if self.blank_line_in_cell(m.end) && !self.written_under(m.end) {
                return (String::new(), u.loc_at(u.text.trim_end().len()));
            }
            let rest: Vec<usize> = self
                .rest_of_cell(m.end)
                .into_iter()
                .filter(|&j| f.is_none_or(|f| !clean(self.text(j), f).is_empty()))
                .filter(|&j| !is_note(self.key(j)))
                .collect();
            if let Some(&first) = rest.iter().find(|&&j| !self.key(j).is_empty()) {
                return (self.join_units(&rest), self.value_loc(first));
            }
            // The cell closes with the field's own template text
            // (「メール（　　　）」): the value is written inside it, and it
            // is blank; the cells around belong to other entries.
            let closes = f.is_some_and(|f| {
                f.strip.iter().any(|s| {
                    matches!(s.trim(), "）" | ")") && u.text.trim_end().ends_with(s.trim())
                })
            });
            if closes {
                return (String::new(), u.loc_at(u.text.trim_end().len()));
            }
            let value_of = |o: usize| {
                let loc = layout
                    .cells
                    .get(o)
                    .map(|c| c.loc.clone())
                    .unwrap_or_default();
                let date = f.is_some_and(|f| f.normalize == Normalize::Date);
                (self.date_cells(o, date), loc)
            };
            // A date typed into a row of 年 / 月 / 日 under the label.
            if f.is_some_and(|f| f.normalize == Normalize::Date)
                && let Some(found) = super::grid::date_below(layout, cell)
            {
                return found;
            }
            let right = layout
                .right_of(cell)
                .or_else(|| super::grid::right_covering(layout, cell));
            if let Some(o) = right.filter(|&o| !self.cell_is_label(o)) {
                return value_of(o);
            }
            // A vertical layout: the value under the label.
            if let Some(b) = layout.below(cell).filter(|&b| !self.cell_is_label(b)) {
                return value_of(b);
            }
            // A sheet does not list blank cells: the one next to the label.
            if let Some(loc) = layout.blank_right(cell) {
                return (String::new(), loc);
            }
            // Blank: where the value would follow the label.
            return (String::new(), u.loc_at(u.text.trim_end().len()));
        }
        let mut seen = 0;
        let mut j = m.end + 1;
        while j < self.range.end && seen < 1 {
            if let Some(next) = layout.units.get(j)
                && !next.key().is_empty()
            {
                seen += 1;
                if next.cell.is_none() && !self.is_template(j) && !self.is_heading(j) {
                    return (next.text.trim().to_string(), self.value_loc(j));
                }
            }
            j += 1;
        }
        (String::new(), u.loc_at(u.text.trim_end().len()))
    }

    /// The line under label line `i` in its cell holds the applicant's
    /// writing, not template text (「計　　　」 over 「１，７００米ドル」):
    /// the value was written there rather than after the label.
    fn written_under(&self, i: usize) -> bool {
        let units = &self.layout.units;
        let (Some(u), Some(next)) = (units.get(i), units.get(i + 1)) else {
            return false;
        };
        next.cell == u.cell
            && !self.key(i + 1).is_empty()
            && !self.is_template(i + 1)
            && !is_note(self.key(i + 1))
    }

    /// Unit `i` is one line of a cell of several lines, its label followed
    /// by blank space (「特定技能所属機関名　　　　　　」 over 「所在地　…」):
    /// the value is written on that line, and it is blank.
    fn blank_line_in_cell(&self, i: usize) -> bool {
        let units = &self.layout.units;
        let Some(u) = units.get(i) else { return false };
        let same_cell = |j: usize| units.get(j).is_some_and(|o| o.cell == u.cell);
        let several = (i > 0 && same_cell(i - 1)) || same_cell(i + 1);
        let trailing = u.text[u.text.trim_end().len()..]
            .chars()
            .filter(|c| *c == '\u{3000}' || *c == ' ')
            .count();
        several && trailing >= 3
    }

    /// The text of cell `o`; when the cells right of it are the printed
    /// 年 / 月 / 日 of a date typed over cells (「1990」「年」「5」「月」
    /// 「14」「日」), the whole date. A date field whose cells are all
    /// blank reads as the printed frame 「年月日」 (a date not filled in).
    fn date_cells(&self, o: usize, date: bool) -> String {
        let layout = self.layout;
        let text = layout.cell_text(o).trim().to_string();
        let key = |c: usize| crate::base::squash(layout.cell_text(c).trim());
        // The printed 年 right of the label: nothing typed before it.
        if date && key(o) == "年" {
            return "年月日".to_string();
        }
        if layout.right_of(o).map(key).as_deref() != Some("年") {
            return text;
        }
        if text.is_empty() {
            return if date { "年月日".to_string() } else { text };
        }
        let mut out = text;
        let mut at = o;
        for unit in ["年", "月", "日"] {
            let Some(u) = layout.right_of(at).filter(|&c| key(c) == unit) else {
                break;
            };
            out.push_str(unit);
            if unit == "日" {
                break;
            }
            let Some(v) = layout.right_of(u) else { break };
            let digits = key(v);
            if digits.is_empty() || !digits.chars().all(|c| c.is_numeric()) {
                break;
            }
            out.push_str(&digits);
            at = v;
        }
        out
    }

    fn field(&self, f: &FieldDef, out: &mut BTreeMap<String, FieldValue>) {
        let found = match f.find {
            Find::Label => {
                let scope = self.scope(&f.after, &f.before);
                self.find_label(scope, &f.labels).map(|m| {
                    let (v, loc) = self.label_value_for(&m, Some(f));
                    // Template text after the label (`総額　千円（※…）`) is
                    // no value: look where the value would be instead.
                    if matches!(m.after, After::Value(_)) && clean(&v, f).is_empty() {
                        let bare = LabelMatch {
                            after: After::Nothing,
                            ..m
                        };
                        let (v2, loc2) = self.label_value_for(&bare, Some(f));
                        if !clean(&v2, f).is_empty() || loc2 != loc {
                            return (v2, loc2);
                        }
                    }
                    (v, loc)
                })
            }
            Find::Title => self.title_value(f),
            Find::Addressee => self.line_ending(f),
            Find::DateLine => self.date_line(f),
            Find::Text => self.text_value(f).map(|(v, loc, _)| (v, loc)),
            Find::Unit => self.unit_value(f),
            Find::Inline => super::inline::value(self, f),
        };
        let Some((raw, loc)) = found else { return };
        let mut value = clean(&raw, f);
        if f.find == Find::Text {
            // 件名 without a trailing 申請書 / 企画提案書.
            value = strip_suffix(&value, &f.suffix);
        }
        match f.normalize {
            Normalize::NameKana => {
                let (name, mut kana) = split_name_kana(&value);
                // Furigana as ruby over the name instead of 「（やまだ）」.
                if kana.is_none() {
                    kana = self.ruby_reading(&loc);
                }
                out.insert(f.path.clone(), FieldValue::new(name, loc.clone()));
                if let Some(kp) = &f.kana_path {
                    let mut fv = FieldValue::new(kana.clone().unwrap_or_default(), loc);
                    fv.normalized = kana.map(|k| Value::String(super::normalize::reading_key(&k)));
                    out.insert(kp.clone(), fv);
                }
            }
            Normalize::Certifications => self.certifications(f, out),
            _ => {
                let mut fv = normalize_value(f.normalize, &value, loc, self.amount_unit(f, out));
                // A printed choice (「■有　□無」): the option ticked.
                if f.kind == Some(super::rule_keys::Kind::Choice) && !f.options.is_empty() {
                    let opts: Vec<&str> = f.options.iter().map(String::as_str).collect();
                    if let super::filling::Ticked::One(o, _) =
                        super::filling::ticked_choice(value.trim(), &opts)
                    {
                        fv.normalized = Some(Value::String(o.to_string()));
                    }
                }
                out.insert(f.path.clone(), fv);
            }
        }
    }

    fn amount_unit(&self, f: &FieldDef, out: &BTreeMap<String, FieldValue>) -> AmountUnit {
        f.unit_from
            .as_ref()
            .and_then(|p| out.get(p))
            .and_then(|v| AmountUnit::from_label(&v.value))
            .or_else(|| f.unit.as_deref().and_then(AmountUnit::from_label))
            .unwrap_or(AmountUnit::Yen)
    }

    fn title_value(&self, f: &FieldDef) -> Option<(String, Location)> {
        let suffixes = def_keys(&f.suffix);
        let strip = |i: usize| -> Option<(String, Location)> {
            let u = self.layout.units.get(i)?;
            let s = suffixes.iter().find(|s| u.key().ends_with(s.as_str()))?;
            let keep = u.norm.char_len().saturating_sub(s.chars().count());
            let raw = u.text.get(..u.norm.raw_offset(keep)).unwrap_or("");
            // A title broken over lines of one paragraph (a manual line
            // break): the lines before belong to it.
            let mut first = i;
            while first > self.range.start
                && let (Some(prev), Some(cur)) = (
                    self.layout.units.get(first - 1),
                    self.layout.units.get(first),
                )
                && prev.cell.is_none()
                && cur.cell.is_none()
                && prev.loc == cur.loc
                && !prev.key().is_empty()
            {
                first -= 1;
            }
            let mut text: String = (first..i)
                .filter_map(|j| self.layout.units.get(j))
                .map(|p| p.text.trim())
                .collect();
            text.push_str(raw.trim());
            Some((text, self.value_loc(first)))
        };
        strip(self.title)
            .or_else(|| self.range.clone().find_map(strip))
            .or_else(|| {
                let m = self.find_label(self.range.clone(), &f.labels)?;
                Some(self.label_value(&m))
            })
    }

    /// Header lines are searched before the title unless `before` says
    /// otherwise.
    fn header_scope(&self, f: &FieldDef) -> Range<usize> {
        let scope = self.scope(&f.after, &f.before);
        if f.before.is_empty() && self.title > scope.start && self.title < scope.end {
            scope.start..self.title
        } else {
            scope
        }
    }

    fn line_ending(&self, f: &FieldDef) -> Option<(String, Location)> {
        let suffixes = def_keys(&f.suffix);
        self.header_scope(f).find_map(|i| {
            let key = self.key(i);
            let n = key.chars().count();
            let s = suffixes
                .iter()
                .find(|s| key.ends_with(s.as_str()) && n > s.chars().count() && n <= 60)?;
            let u = self.layout.units.get(i)?;
            let keep = u.norm.char_len().saturating_sub(s.chars().count());
            let raw = u.text.get(..u.norm.raw_offset(keep)).unwrap_or("");
            Some((raw.trim().to_string(), self.value_loc(i)))
        })
    }

    fn date_line(&self, f: &FieldDef) -> Option<(String, Location)> {
        self.header_scope(f).find_map(|i| {
            let key = self.key(i);
            // 「（受理受付年月日）」「生年月日」 name a date; 「～」 a period.
            let text = self.text(i);
            let ok = !key.is_empty()
                && key.chars().count() <= 40
                && !text.contains("年月日")
                && !text.contains(['～', '〜'])
                && parse_date(text).is_some();
            ok.then(|| (self.text(i).trim().to_string(), self.value_loc(i)))
        })
    }

    /// Free text under a heading up to the next heading, guidance left
    /// out. Returns the text, its location, and the units it came from.
    fn text_value(&self, f: &FieldDef) -> Option<(String, Location, Vec<usize>)> {
        let scope = self.scope(&f.after, &f.before);
        let m = self.find_label(scope.clone(), &f.labels)?;
        let stop = self.next_heading(m.end + 1, scope.end, &f.labels);
        let mut parts: Vec<String> = Vec::new();
        let mut units: Vec<usize> = Vec::new();
        let mut loc: Option<Location> = None;
        if let After::Value(k) = m.after
            && let Some(u) = self.layout.units.get(m.end)
        {
            let off = u.norm.raw_offset(k);
            let rest = u.text.get(off..).unwrap_or("").trim();
            if !rest.is_empty() {
                parts.push(rest.to_string());
                units.push(m.end);
                let lead = u
                    .text
                    .get(off..)
                    .map(|r| r.len() - r.trim_start().len())
                    .unwrap_or(0);
                loc = Some(u.loc_at(off + lead));
            }
        }
        for j in m.end + 1..stop {
            let t = self.text(j);
            let in_cell = self.layout.units.get(j).is_some_and(|u| u.cell.is_some());
            if (t.trim().is_empty() && !in_cell) || self.is_instruction(j) {
                continue;
            }
            if loc.is_none() && !t.trim().is_empty() {
                loc = Some(self.value_loc(j));
            }
            parts.push(t.to_string());
            units.push(j);
        }
        let loc = loc.unwrap_or_else(|| {
            // Blank: the first cell below the heading, else the heading.
            let own_cell = self.layout.units.get(m.end).and_then(|u| u.cell);
            (m.end + 1..stop)
                .find_map(|j| {
                    let c = self.layout.units.get(j)?.cell?;
                    (Some(c) != own_cell)
                        .then(|| self.layout.cells.get(c).map(|c| c.loc.clone()))?
                })
                .unwrap_or_else(|| self.value_loc(m.start))
        });
        Some((parts.join("\n").trim().to_string(), loc, units))
    }

    fn unit_value(&self, f: &FieldDef) -> Option<(String, Location)> {
        let m = self.find_label(self.scope(&f.after, &f.before), &f.labels)?;
        let u = self.layout.units.get(m.start)?;
        let mut key = u.key().to_string();
        if let Some(c) = u.cell.and_then(|c| self.layout.cells.get(c)) {
            key = (m.start..c.units.end).map(|j| self.key(j)).collect();
        }
        let unit = if key.contains("(千円)") || key.contains("単位:千円") {
            "千円"
        } else if key.contains("(円)") || key.contains("単位:円") {
            "円"
        } else {
            ""
        };
        Some((unit.to_string(), self.value_loc(m.start)))
    }

    fn certifications(&self, f: &FieldDef, out: &mut BTreeMap<String, FieldValue>) {
        let Some((_, _, units)) = self.text_value(f) else {
            return;
        };
        let mut seen: Vec<String> = Vec::new();
        for j in units {
            for name in recognise_certifications(self.text(j)) {
                if seen.contains(&name) {
                    continue;
                }
                let mut fv = FieldValue::new(name.clone(), self.value_loc(j));
                fv.normalized = Some(Value::String(name.clone()));
                out.insert(format!("{}[{}]", f.path, seen.len()), fv);
                seen.push(name);
            }
        }
    }
}
