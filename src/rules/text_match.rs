//! Helpers shared by the document-level rules: walking the text a person
//! sees (paragraphs and cells with their full location), excerpts with a
//! highlighted span, and attributing a location to a form and field.

use crate::forms::ExtractedForm;
use crate::knowledge::fold::Folded;
use crate::knowledge::{Knowledge, PhraseMatch};
use crate::model::finding::{Diagnostic, Text};
use crate::model::{Block, Document, Location, Paragraph, StoryKind, collect_paragraphs};
use crate::rules::FileContext;
use std::cell::RefCell;
use std::rc::Rc;

/// A piece of text to scan with where it is. For Word and sheets one
/// paragraph; for a text file the whole file (so a phrase broken over two
/// lines by a PDF export is still seen), with the line each byte is on.
#[derive(Debug, Clone)]
pub struct TextUnit {
    pub text: String,
    /// Location of the unit (of its first line for a joined text file).
    pub location: Location,
    /// For a joined text file: `(byte offset where a line starts, its location)`.
    lines: Vec<(usize, Location)>,
    /// The kind of story the unit is in (main for a joined text file).
    group: Group,
}

/// The kinds of story [`Stories`] chooses among.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Main,
    HeaderFooter,
    Notes,
}

impl Group {
    /// The group of a story; None for comments, which no text rule reads.
    fn of(kind: StoryKind) -> Option<Group> {
        match kind {
            StoryKind::Header | StoryKind::Footer => Some(Group::HeaderFooter),
            StoryKind::Footnotes | StoryKind::Endnotes => Some(Group::Notes),
            StoryKind::Comments => None,
        }
    }
}

impl TextUnit {
    /// The location of the byte at `offset`.
    pub fn location_at(&self, offset: usize) -> Location {
        if self.lines.is_empty() {
            return self.location.clone();
        }
        let i = self.lines.partition_point(|(start, _)| *start <= offset);
        self.lines
            .get(i.saturating_sub(1))
            .map(|(_, loc)| loc.clone())
            .unwrap_or_else(|| self.location.clone())
    }
}

/// Which stories to scan.
#[derive(Debug, Clone, Copy)]
pub struct Stories {
    pub headers_footers: bool,
    pub notes: bool,
}

impl Stories {
    /// Whether text of `group` is among these stories.
    fn wants(self, group: Group) -> bool {
        match group {
            Group::Main => true,
            Group::HeaderFooter => self.headers_footers,
            Group::Notes => self.notes,
        }
    }

    /// The memo slot of the units built for these stories.
    fn slot(self) -> usize {
        usize::from(self.headers_footers) | usize::from(self.notes) << 1
    }

    /// Every story but comment bodies: main text, headers/footers and
    /// foot/endnotes.
    pub const ALL: Stories = Stories {
        headers_footers: true,
        notes: true,
    };
}

/// The paragraphs of a document with their full location: main story
/// first (descending into table cells, with the cell's table/row/col or
/// sheet/cell filled into the paragraph's location), then headers/footers
/// and foot/endnotes as asked. Comment bodies are never included.
pub fn located_paragraphs(doc: &Document, stories: Stories) -> Vec<(&Paragraph, Location)> {
    located_where(doc, stories, &|_| true)
}

/// [`located_paragraphs`] limited to the paragraphs `keep` accepts (the
/// others are never located: building a location clones its names).
pub fn located_where<'a>(
    doc: &'a Document,
    stories: Stories,
    keep: &dyn Fn(&Paragraph) -> bool,
) -> Vec<(&'a Paragraph, Location)> {
    locate(doc, stories, keep, &mut Vec::new())
}

/// [`located_where`], noting in `starts` the index of the first paragraph
/// of each story and the kind of that story.
fn locate<'a>(
    doc: &'a Document,
    stories: Stories,
    keep: &dyn Fn(&Paragraph) -> bool,
    starts: &mut Vec<(usize, Group)>,
) -> Vec<(&'a Paragraph, Location)> {
    let mut out = Vec::new();
    starts.push((0, Group::Main));
    let top = Location::default();
    let root = Outer {
        loc: &top,
        parent: None,
    };
    collect(&doc.blocks, &root, keep, &mut out);
    for story in &doc.stories {
        let Some(group) = Group::of(story.kind) else {
            continue;
        };
        if stories.wants(group) {
            starts.push((out.len(), group));
            let base = Location::in_part(story.part.clone());
            let root = Outer {
                loc: &base,
                parent: None,
            };
            collect(&story.blocks, &root, keep, &mut out);
        }
    }
    out
}

/// The text units of a document (see [`located_paragraphs`]): one per
/// non-blank paragraph, or one for a whole text file. Built once per file
/// while a [`memo_phrase_text`] guard lives, and shared by every rule that
/// reads them.
pub fn text_units(doc: &Document, stories: Stories) -> Units {
    // Word and sheets: the units of every story, each rule skipping the
    // stories it does not read; a text file joins only the stories asked.
    let built_for = if doc.format.is_line_based() {
        stories
    } else {
        Stories::ALL
    };
    let key = std::ptr::from_ref(doc) as usize;
    let slot = built_for.slot();
    let kept = with_memo(key, |m| m.units[slot].clone()).flatten();
    let all = kept.unwrap_or_else(|| {
        let built = Rc::new(build_units(doc, built_for));
        with_memo(key, |m| m.units[slot] = Some(Rc::clone(&built)));
        built
    });
    Units { all, stories }
}

/// The text units of some stories of a document (see [`text_units`]).
pub struct Units {
    all: Rc<Vec<TextUnit>>,
    stories: Stories,
}

impl Units {
    pub fn iter(&self) -> impl Iterator<Item = &TextUnit> {
        let stories = self.stories;
        self.all.iter().filter(move |u| stories.wants(u.group))
    }
}

fn build_units(doc: &Document, stories: Stories) -> Vec<TextUnit> {
    if doc.format.is_line_based() {
        let paragraphs = located_paragraphs(doc, stories);
        // One unit for the whole file, lines joined by '\n'.
        let mut text = String::new();
        let mut lines = Vec::new();
        for (p, loc) in paragraphs {
            if !lines.is_empty() {
                text.push('\n');
            }
            lines.push((text.len(), loc));
            text.push_str(&p.text);
        }
        let location = lines.first().map(|(_, l)| l.clone()).unwrap_or_default();
        return vec![TextUnit {
            text,
            location,
            lines,
            group: Group::Main,
        }];
    }
    let mut starts = Vec::new();
    // Not blank: one walk from the start, not a trim from both ends.
    let not_blank = |p: &Paragraph| p.text.contains(|c: char| !c.is_whitespace());
    let located = locate(doc, stories, &not_blank, &mut starts);
    let mut units = Vec::with_capacity(located.len());
    let mut next_start = starts.iter().peekable();
    let mut group = Group::Main;
    for (i, (p, location)) in located.into_iter().enumerate() {
        while let Some(&(_, g)) = next_start.next_if(|(at, _)| *at <= i) {
            group = g;
        }
        units.push(TextUnit {
            text: p.text.clone(),
            location,
            lines: Vec::new(),
            group,
        });
    }
    units
}

/// The paragraphs of `stories` in document order, without their locations.
pub fn paragraphs(doc: &Document, stories: Stories) -> Vec<&Paragraph> {
    let mut out = doc.paragraphs();
    for story in &doc.stories {
        let Some(group) = Group::of(story.kind) else {
            continue;
        };
        if stories.wants(group) {
            collect_paragraphs(&story.blocks, &mut out);
        }
    }
    out
}

fn collect<'a>(
    blocks: &'a [Block],
    outer: &Outer<'_>,
    keep: &dyn Fn(&Paragraph) -> bool,
    out: &mut Vec<(&'a Paragraph, Location)>,
) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                if keep(p) {
                    out.push((p, outer.resolve(&p.location)));
                }
            }
            Block::Table(t) => {
                let table = Outer {
                    loc: &t.location,
                    parent: Some(outer),
                };
                for row in &t.rows {
                    for cell in &row.cells {
                        let cell_outer = Outer {
                            loc: &cell.location,
                            parent: Some(&table),
                        };
                        collect(&cell.blocks, &cell_outer, keep, out);
                    }
                }
            }
        }
    }
}

/// The locations a paragraph sits in (cell, table, story), innermost
/// first. A paragraph's full location is resolved from them only when it
/// is kept: filling every table's and cell's location on the way down
/// cloned their names for paragraphs never asked for.
struct Outer<'l> {
    loc: &'l Location,
    parent: Option<&'l Outer<'l>>,
}

impl Outer<'_> {
    /// `inner` filled from each outer location in turn (what nested
    /// [`fill`] calls give, with each name cloned once).
    fn resolve(&self, inner: &Location) -> Location {
        let mut levels: [&Location; 8] = [inner; 8];
        let mut n = 1;
        let mut at = Some(self);
        while let Some(o) = at {
            if n == levels.len() {
                // Deeper than any document nests: fill the rest the slow way.
                let mut loc = inner.clone();
                let mut rest = Some(self);
                while let Some(r) = rest {
                    loc = fill(&loc, r.loc);
                    rest = r.parent;
                }
                return loc;
            }
            levels[n] = o.loc;
            n += 1;
            at = o.parent;
        }
        let levels = &levels[..n];
        let num = |f: fn(&Location) -> Option<u32>| levels.iter().find_map(|l| f(l));
        let name = |f: fn(&Location) -> &Option<String>| levels.iter().find_map(|l| f(l).clone());
        Location {
            part: levels.iter().find_map(|l| l.part.clone()),
            paragraph: num(|l| l.paragraph),
            table: num(|l| l.table),
            row: num(|l| l.row),
            col: num(|l| l.col),
            sheet: name(|l| &l.sheet),
            cell: name(|l| &l.cell),
            page: num(|l| l.page),
            line: num(|l| l.line),
            column: num(|l| l.column),
        }
    }
}

/// At most this many findings of one kind per file; the rest are counted
/// in one closing finding, so a heavily commented file does not bury
/// everything else.
pub const MAX_PER_FILE: usize = 20;

/// Keep the first [`MAX_PER_FILE`] findings and add one that counts the
/// others.
pub fn cap_findings(mut found: Vec<Diagnostic>, code: &'static str, out: &mut Vec<Diagnostic>) {
    if found.len() > MAX_PER_FILE {
        let rest = found.len() - MAX_PER_FILE;
        found.truncate(MAX_PER_FILE);
        found.push(crate::rules::finding(
            code,
            Text::new(
                format!("ほかにも同じ種類の指摘が {rest} 件あります。"),
                format!("{rest} more findings of the same kind."),
            ),
        ));
    }
    out.extend(found);
}

/// `inner` with every field it lacks taken from `outer`.
pub fn fill(inner: &Location, outer: &Location) -> Location {
    Location {
        part: inner.part.clone().or_else(|| outer.part.clone()),
        paragraph: inner.paragraph.or(outer.paragraph),
        table: inner.table.or(outer.table),
        row: inner.row.or(outer.row),
        col: inner.col.or(outer.col),
        sheet: inner.sheet.clone().or_else(|| outer.sheet.clone()),
        cell: inner.cell.clone().or_else(|| outer.cell.clone()),
        page: inner.page.or(outer.page),
        line: inner.line.or(outer.line),
        column: inner.column.or(outer.column),
    }
}

/// An excerpt of `text` around the byte range `start..end`: the line(s)
/// holding it, cut to about `context` characters on each side (marked
/// with …), and the range's position inside the excerpt.
pub fn excerpt_around(
    text: &str,
    start: usize,
    end: usize,
    context: usize,
) -> (String, Option<(usize, usize)>) {
    let start = floor_char(text, start.min(text.len()));
    let end = floor_char(text, end.min(text.len()).max(start));
    let line_start = text
        .get(..start)
        .and_then(|s| s.rfind('\n'))
        .map(|i| i + 1)
        .unwrap_or(0);
    let line_end = text
        .get(end..)
        .and_then(|s| s.find('\n'))
        .map(|i| end + i)
        .unwrap_or(text.len());
    // Cut to `context` characters on each side.
    let before: Vec<(usize, char)> = text
        .get(line_start..start)
        .unwrap_or("")
        .char_indices()
        .collect();
    let from = if before.len() > context {
        line_start + before[before.len() - context].0
    } else {
        line_start
    };
    let after = text.get(end..line_end).unwrap_or("");
    let to = match after.char_indices().nth(context) {
        Some((i, _)) => end + i,
        None => line_end,
    };
    let mut out = String::new();
    if from > line_start {
        out.push('…');
    }
    let hl_start = out.len() + (start - from);
    out.push_str(text.get(from..to).unwrap_or(""));
    let hl_end = hl_start + (end - start);
    if to < line_end {
        out.push('…');
    }
    let highlight = if end > start {
        Some((hl_start, hl_end))
    } else {
        None
    };
    (out, highlight)
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether two locations name the same cell / paragraph / line.
pub fn same_place(a: &Location, b: &Location) -> bool {
    let part_eq = part_of(a) == part_of(b);
    if let (Some(sa), Some(sb)) = (&a.sheet, &b.sheet) {
        return sa == sb && a.cell.is_some() && a.cell == b.cell;
    }
    if a.table.is_some() && b.table.is_some() && a.row.is_some() && a.col.is_some() {
        return part_eq && a.table == b.table && a.row == b.row && a.col == b.col;
    }
    if a.paragraph.is_some() && b.paragraph.is_some() {
        return part_eq && a.paragraph == b.paragraph;
    }
    if a.line.is_some() && b.line.is_some() {
        return a.line == b.line;
    }
    false
}

/// Whether two locations are in the same table row (Word) or sheet row.
pub fn same_row(a: &Location, b: &Location) -> bool {
    if a.table.is_some() && a.row.is_some() {
        return part_of(a) == part_of(b) && a.table == b.table && a.row == b.row;
    }
    if let (Some(sa), Some(sb), Some(ca), Some(cb)) = (&a.sheet, &b.sheet, &a.cell, &b.cell) {
        let digits = |c: &str| c.chars().filter(|c| c.is_ascii_digit()).collect::<String>();
        return sa == sb && digits(ca) == digits(cb);
    }
    false
}

fn part_of(l: &Location) -> &str {
    l.part.as_deref().unwrap_or("word/document.xml")
}

/// A comparable position for "is this inside the form": (part rank, a
/// number in document order). None when the location gives no order.
fn order_key(l: &Location) -> Option<(u8, String, u32)> {
    if let Some(p) = l.paragraph {
        return Some((0, part_of(l).to_string(), p));
    }
    if let Some(line) = l.line {
        return Some((1, String::new(), line));
    }
    if let Some(t) = l.table {
        // Tables only compare with tables (a coarser order).
        return Some((2, part_of(l).to_string(), t));
    }
    None
}

/// Whether `loc` lies within the form's start..end.
pub fn within_form(form: &ExtractedForm, loc: &Location) -> bool {
    if let Some(sheet) = &loc.sheet {
        return form.start.sheet.as_ref() == Some(sheet) || form.end.sheet.as_ref() == Some(sheet);
    }
    let (Some(k), Some(s), Some(e)) =
        (order_key(loc), order_key(&form.start), order_key(&form.end))
    else {
        return false;
    };
    if k.0 != s.0 || k.0 != e.0 || k.1 != s.1 {
        return false;
    }
    s.2 <= k.2 && k.2 <= e.2
}

/// The form and field a location belongs to: the field whose value is at
/// that place (a list entry `items[3]` when only its row matches), else
/// just the form whose range holds it.
pub fn attribute(forms: &[ExtractedForm], loc: &Location) -> Option<(String, Option<String>)> {
    for form in forms {
        if let Some((path, _)) = form
            .fields
            .iter()
            .find(|(_, v)| same_place(&v.location, loc))
        {
            return Some((form.form.clone(), Some(path.clone())));
        }
    }
    for form in forms {
        if let Some((path, _)) = form
            .fields
            .iter()
            .find(|(p, v)| p.contains('[') && same_row(&v.location, loc))
        {
            let entry = path
                .split(']')
                .next()
                .map(|s| format!("{s}]"))
                .unwrap_or_else(|| path.clone());
            return Some((form.form.clone(), Some(entry)));
        }
    }
    forms
        .iter()
        .find(|f| within_form(f, loc))
        .map(|f| (f.form.clone(), None))
}

/// Findings for every outdated wording of knowledge rule `code` (VER001,
/// VER002) in the text a person reads (main story, headers, footers,
/// notes), each with its exact span, the form/field it sits in, and a fix
/// to the wording current at the as-of date. One finding per mention (a
/// name with its abbreviation in brackets is one); a historical or
/// bibliographic mention is none (see [`crate::knowledge::context`]). `describe` gives the message
/// and help for one match.
pub fn knowledge_findings(
    ctx: &FileContext<'_>,
    code: &'static str,
    describe: impl Fn(&PhraseMatch<'_>, &FileContext<'_>) -> (Text, Text),
    out: &mut Vec<Diagnostic>,
) {
    let phrase_text = phrase_text(ctx.doc, ctx.knowledge);
    let PhraseText { units, folded, .. } = &*phrase_text;
    let texts: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
    for (i, m) in ctx
        .knowledge
        .mentions_folded(code, &texts, folded, ctx.as_of)
    {
        let Some(unit) = units.get(i) else { continue };
        {
            let location = unit.location_at(m.start);
            let (excerpt, highlight) = excerpt_around(&unit.text, m.start, m.end, 30);
            let (message, help) = describe(&m, ctx);
            let mut d = crate::rules::finding(code, message)
                .help(help)
                .location(location.clone())
                .excerpt(excerpt, highlight)
                .fix(m.original.clone(), m.replacement.clone(), m.fix);
            d = with_place(d, ctx.forms, &location);
            out.push(d);
        }
    }
}

/// The text the phrase rules search, folded once per file: every rule
/// that looks for outdated wordings (VER001, VER002) reads the same units.
pub struct PhraseText {
    pub units: Rc<Vec<TextUnit>>,
    /// `Folded::new` of each unit's text; empty for a unit that can hold
    /// no phrase of the knowledge (most: folding every unit was 4 % of
    /// `check`).
    pub folded: Vec<Folded>,
    /// The knowledge the units were sieved for (compared by address).
    knowledge: *const Knowledge,
}

impl PhraseText {
    pub fn new(doc: &Document, knowledge: &Knowledge) -> Self {
        let units = text_units(doc, Stories::ALL).all;
        let folded = units
            .iter()
            .map(|u| {
                if knowledge.may_hold(&u.text) {
                    Folded::new(&u.text)
                } else {
                    Folded::default()
                }
            })
            .collect();
        PhraseText {
            units,
            folded,
            knowledge,
        }
    }
}

/// What is kept of one file's text while its rules run.
struct FileMemo {
    /// The document (by address, valid while its [`PhraseTextMemo`]
    /// borrows it).
    key: usize,
    /// Text units by [`Stories::slot`] of the stories they were built for.
    units: [Option<Rc<Vec<TextUnit>>>; 4],
    phrase: Option<Rc<PhraseText>>,
}

thread_local! {
    /// The file whose text is kept on this thread, and what of it a rule
    /// asked for.
    static FILE_TEXT: RefCell<Option<FileMemo>> = const { RefCell::new(None) };
}

/// `f` of the memo when it is kept for the document `key`. The borrow
/// ends before anything is built (building may ask the memo again).
fn with_memo<T>(key: usize, f: impl FnOnce(&mut FileMemo) -> T) -> Option<T> {
    FILE_TEXT.with_borrow_mut(|memo| match memo {
        Some(m) if m.key == key => Some(f(m)),
        _ => None,
    })
}

/// While alive, the text units and phrase text of `doc` are built once
/// and shared by the rules run on this thread (see [`text_units`],
/// [`phrase_text`]).
pub struct PhraseTextMemo<'a> {
    previous: Option<FileMemo>,
    _doc: std::marker::PhantomData<&'a Document>,
}

/// Keep the text of `doc` for the per-file rules run while the returned
/// guard lives (the pipeline holds one around them).
pub fn memo_phrase_text(doc: &Document) -> PhraseTextMemo<'_> {
    let key = std::ptr::from_ref(doc) as usize;
    let memo = FileMemo {
        key,
        units: Default::default(),
        phrase: None,
    };
    PhraseTextMemo {
        previous: FILE_TEXT.replace(Some(memo)),
        _doc: std::marker::PhantomData,
    }
}

impl Drop for PhraseTextMemo<'_> {
    fn drop(&mut self) {
        FILE_TEXT.set(self.previous.take());
    }
}

/// The phrase text of `doc` for `knowledge`: the memo's when one is kept
/// for the document (and was built for the same knowledge), else built now.
pub fn phrase_text(doc: &Document, knowledge: &Knowledge) -> Rc<PhraseText> {
    let key = std::ptr::from_ref(doc) as usize;
    let kept = with_memo(key, |m| m.phrase.clone()).flatten();
    if let Some(text) = kept.filter(|t| std::ptr::eq(t.knowledge, knowledge)) {
        return text;
    }
    let built = Rc::new(PhraseText::new(doc, knowledge));
    with_memo(key, |m| m.phrase = Some(Rc::clone(&built)));
    built
}

/// Set form, field and place from where the finding is.
pub fn with_place(mut d: Diagnostic, forms: &[ExtractedForm], location: &Location) -> Diagnostic {
    if let Some((form, field)) = attribute(forms, location) {
        d.place = Some(match &field {
            Some(f) => crate::forms::definition::place_of(&form, f),
            None => crate::forms::definition::form_name(&form),
        });
        d.form = Some(form);
        d.field = field;
    }
    d
}

/// A date as Japanese prose: 2025年7月1日.
pub fn ja_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// At most `max` characters of `text`, with `…` when it was cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() > max {
        format!("{}…", text.chars().take(max).collect::<String>())
    } else {
        text.to_string()
    }
}

/// A phrase as one line for a message: line breaks and runs of spaces
/// inside it removed (a PDF export breaks lines mid-word).
pub fn one_line(s: &str) -> String {
    s.split(['\n', '\r']).map(str::trim).collect::<String>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_marks_the_span() {
        let text = "前の行\n本業務全体における「統一基準」（令和５年度版）に基づく。\n次の行";
        let start = text.find("令和").unwrap();
        let end = start + "令和５年度版".len();
        let (ex, hl) = excerpt_around(text, start, end, 60);
        assert_eq!(
            ex,
            "本業務全体における「統一基準」（令和５年度版）に基づく。"
        );
        let (s, e) = hl.unwrap();
        assert_eq!(&ex[s..e], "令和５年度版");
    }

    #[test]
    fn long_lines_are_cut_with_ellipses() {
        let text = format!("{}令和５年度版{}", "あ".repeat(100), "い".repeat(100));
        let start = 300;
        let (ex, hl) = excerpt_around(&text, start, start + "令和５年度版".len(), 5);
        assert_eq!(ex, "…あああああ令和５年度版いいいいい…");
        let (s, e) = hl.unwrap();
        assert_eq!(&ex[s..e], "令和５年度版");
    }

    #[test]
    fn same_place_compares_cells() {
        let mut a = Location::in_part("word/document.xml");
        a.table = Some(1);
        a.row = Some(2);
        a.col = Some(3);
        let mut b = a.clone();
        b.paragraph = Some(40);
        assert!(same_place(&a, &b));
        b.col = Some(2);
        assert!(!same_place(&a, &b));
        assert!(same_row(&a, &b));
    }
}
