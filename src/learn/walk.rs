//! The walk over one form's units, paragraph by paragraph and row by row:
//! what each unit adds to the form, and the state carried between units
//! (the table being read, the conditional part, an office-use area).

use super::fields::{Paths, close_roman, make_conditional, push_date_field};
use super::paras::para;
use super::rows::{TableState, cell_as_paragraphs, row, row_condition, row_sentences, yes_no_run};
use super::text::*;
use super::units::{Unit, UnitCell};
use super::{LearnedForm, dates, scope};

/// What is carried from one unit to the next.
pub(super) struct Walk {
    pub(super) paths: Paths,
    /// Units after this one are below the title.
    title_at: usize,
    /// A unit stated in a heading applies to the next table.
    pending_unit: Option<&'static str>,
    last_table: usize,
    /// The rows of the table being read: unit, sums, Roman items.
    table: TableState,
    /// The last field of the table just read: its value ends where the
    /// text after the table begins.
    table_end: Option<usize>,
    /// The unit each field was learned from.
    pub(super) at: Vec<usize>,
    /// The first text of each unit.
    pub(super) firsts: Vec<String>,
    /// The conditional part being read (opened by a paragraph or a row).
    part: Option<(bool, String)>,
    /// A condition note of the row before (a label spread over two rows).
    row_note: Option<String>,
    /// The last text read: what a date line or a field comes after.
    anchor: String,
    /// A 「行政庁側記入欄」 heading whose boxes are being read.
    office: Option<String>,
    /// The 「①…の有無」 whose circled items are being read.
    yes_no: Option<String>,
    /// The Roman numeral of the section being read (「Ⅰ」).
    section: Option<String>,
    /// A label the row before left running on (「主たる営業所の」 over
    /// 「名称」): the start of the place of this row's label.
    runs_on: Option<String>,
    /// The column of a note column's header (「留意事項」) in the table
    /// being read.
    note_col: Option<(usize, u32)>,
}

impl Walk {
    pub(super) fn new(title: &str, title_at: usize) -> Walk {
        Walk {
            paths: Paths::default(),
            title_at,
            pending_unit: None,
            last_table: 0,
            table: TableState::default(),
            table_end: None,
            at: Vec::new(),
            firsts: Vec::new(),
            part: None,
            row_note: None,
            anchor: title.to_string(),
            office: None,
            yes_no: None,
            section: None,
            runs_on: None,
            note_col: None,
        }
    }

    /// Read unit `i` into the form.
    pub(super) fn unit(&mut self, f: &mut LearnedForm, i: usize, u: &Unit) {
        let first = first_text(u);
        if let Some(n) = scope::section_number(&first)
            && !n.chars().all(|c| c.is_ascii_digit())
        {
            self.section = Some(n);
        }
        self.open_or_close_parts(&first, matches!(u, Unit::Para(_)));
        self.firsts.push(first);
        let n0 = f.fields.len();
        let this_note = match u {
            Unit::Para(text) => {
                self.para(f, i, text);
                None
            }
            Unit::Row { table, cells } => {
                if *table != self.last_table {
                    self.new_table(f, *table);
                }
                if self.text_cell(f, i, u, cells, n0) {
                    self.runs_on = None;
                    return;
                }
                self.date_row(f, cells);
                self.note_column(f, *table, cells);
                let before = f.fields.len();
                row(f, &mut self.paths, cells, &mut self.table, &self.anchor);
                super::grid::box_runs(f, cells, before);
                if f.fields.len() > before {
                    self.table_end = Some(f.fields.len() - 1);
                }
                row_condition(cells).or(yes_no_run(cells, &mut self.yes_no))
            }
        };
        self.settle(f, i, n0, this_note);
        self.in_section(f, n0);
        self.run_on(f, u, n0);
        if let Some(t) = last_text(u) {
            self.anchor = t;
        }
    }

    /// A conditional part ends where the next section opens, or at a
    /// sentence of its own (「上記の記載内容は、事実と相違ありません。」); an
    /// attachment only some applicants fill runs to the form's end. An
    /// office-use area runs to the next heading in brackets or numbered.
    fn open_or_close_parts(&mut self, first: &str, is_para: bool) {
        if let Some((p, note)) = &self.part
            && !super::is_form_marker_start(note)
            && ((*p == is_para && scope::section_number(first).is_some())
                || (is_para && is_sentence(first))
                || (!is_para && declares(first)))
        {
            self.part = None;
        }
        if scope::conditional_heading(first) {
            self.part = Some((is_para, first.trim().to_string()));
        }
        if self.office.is_some()
            && (scope::section_number(first).is_some() || first.starts_with(['（', '(', '【']))
        {
            self.office = None;
        }
        if super::notes::is_office_use(first) && first.chars().count() <= 20 && !is_para {
            self.office = Some(first.trim().to_string());
        }
    }

    fn para(&mut self, f: &mut LearnedForm, i: usize, text: &str) {
        if let Some(k) = self.table_end.take()
            && !text.trim().is_empty()
            && let Some(fld) = f.fields.get_mut(k)
            && fld.find == "label"
        {
            fld.before = vec![text.trim().to_string()];
        }
        if let Some(un) = unit_in(text) {
            self.pending_unit = Some(un);
        }
        para(f, &mut self.paths, text, i > self.title_at, &self.anchor);
    }

    fn new_table(&mut self, f: &mut LearnedForm, table: usize) {
        self.yes_no = None;
        close_roman(f, &mut self.table.roman);
        self.table = TableState {
            unit: self.pending_unit.take(),
            ..TableState::default()
        };
        self.last_table = table;
    }

    /// A cell holding lines of text and nothing beside it (a form written
    /// into one big table cell): read as paragraphs. False when the row is
    /// not one.
    fn text_cell(
        &mut self,
        f: &mut LearnedForm,
        i: usize,
        u: &Unit,
        cells: &[UnitCell],
        n0: usize,
    ) -> bool {
        let Some(lines) = cell_as_paragraphs(cells) else {
            return false;
        };
        let fixed_from = f.fixed.len();
        let mut a = self.anchor.clone();
        for line in lines {
            para(f, &mut self.paths, line, i > self.title_at, &a);
            if !line.trim().is_empty() && !dates::is_frame(line) {
                a = line.trim().to_string();
            }
        }
        // A □ line among the lines of a cell is one option of several,
        // not a statement every applicant ticks.
        for fld in f.fields[n0..].iter_mut() {
            if fld.kind == Some("checkbox") {
                make_conditional(fld, "該当する場合に印を付ける選択肢");
            }
        }
        row_sentences(f, cells, fixed_from);
        self.table_end = (f.fields.len() > n0).then(|| f.fields.len() - 1);
        let part = self.part.as_ref().map(|p| p.1.clone());
        for k in n0..f.fields.len() {
            self.at.push(i);
            if let (Some(n), Some(fld)) = (&part, f.fields.get_mut(k)) {
                make_conditional(fld, n);
            }
        }
        self.row_note = None;
        if let Some(t) = last_text(u) {
            self.anchor = t;
        }
        true
    }

    /// The fields learned from unit `i` (from index `n0`): for the office
    /// when under an office-use heading, else conditional on the part,
    /// the row's own note, or the note of the row before.
    fn settle(&mut self, f: &mut LearnedForm, i: usize, n0: usize, this_note: Option<String>) {
        let note = self
            .part
            .as_ref()
            .map(|(_, n)| n.clone())
            .or_else(|| this_note.clone())
            .or_else(|| self.row_note.clone());
        for k in n0..f.fields.len() {
            self.at.push(i);
            if let (Some(o), Some(fld)) = (&self.office, f.fields.get_mut(k)) {
                fld.must_be_blank = true;
                fld.required = false;
                fld.conditional = None;
                // Named as the area it is in: 「行政庁側記入欄（許可番号）」.
                if fld.place.is_none() {
                    fld.place = Some(format!("{o}（{}）", fld.label.trim()));
                }
                f.guesses.push(format!(
                    "「{}」は「{o}」の欄（空欄のまま）としました",
                    fld.label
                ));
                continue;
            }
            if let (Some(n), Some(fld)) = (&note, f.fields.get_mut(k)) {
                make_conditional(fld, n);
            }
        }
        self.row_note = this_note;
    }

    /// A row of printed 年 / 月 / 日 with no label of its own, under a
    /// label naming a date one or two rows above (a sheet's 「申請書作成年
    /// 月日」 over its 年 月 日 cells): that label's date, typed into the
    /// cells between.
    fn date_row(&mut self, f: &mut LearnedForm, cells: &[UnitCell]) {
        let texts: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
        if !dates::is_frame_row(&texts) {
            return;
        }
        // `firsts` ends with this row's own first text.
        let n = self.firsts.len();
        let label = (2..=3)
            .filter_map(|back| n.checked_sub(back).and_then(|k| self.firsts.get(k)))
            .find(|t| dates::names_date(t) && date_label(t))
            .cloned();
        let Some(label) = label else { return };
        if f.fields.iter().any(|x| x.label == label) {
            return;
        }
        push_date_field(f, &mut self.paths, &label);
        f.rows.push(label);
    }

    /// A column headed 「留意事項」「備考」「注意事項」 in a list of items
    /// (a checklist of documents, each row with its printed notes): the
    /// ※ notes printed under it are the form's own wording, to stay as
    /// printed (TPL001), each copy of a note repeated in several rows
    /// counted. A note telling the applicant to delete it is not kept.
    fn note_column(&mut self, f: &mut LearnedForm, table: usize, cells: &[UnitCell]) {
        if let Some(h) = cells.iter().find(|c| is_note_header(&c.text) && c.col > 0) {
            self.note_col = Some((table, h.col));
            return;
        }
        let Some((t, col)) = self.note_col else {
            return;
        };
        if t != table {
            self.note_col = None;
            return;
        }
        for c in cells.iter().filter(|c| c.col == col) {
            for line in c.text.lines().map(str::trim) {
                let note = line.starts_with('※')
                    && line.ends_with('。')
                    && line.chars().count() >= 12
                    && !line.contains("削除")
                    && !has_blank_run(line);
                if note {
                    f.fixed.push(line.to_string());
                }
            }
        }
    }

    /// A label printed over two rows of a sheet (「主たる営業所の」 in one
    /// row, 「名称」 under it, beside one box merged over both): the
    /// entry is found by its lower line, and its place is the whole
    /// label. A first cell ending in 「の」 cannot end a label: it runs on
    /// into the first cell of the next row.
    fn run_on(&mut self, f: &mut LearnedForm, u: &Unit, n0: usize) {
        let Unit::Row { cells, .. } = u else {
            self.runs_on = None;
            return;
        };
        let first = cells.iter().map(|c| c.text.trim()).find(|t| !t.is_empty());
        if let (Some(head), Some(first)) = (self.runs_on.take(), first) {
            for fld in f.fields[n0..].iter_mut() {
                if fld.label.trim() == first && fld.place.is_none() {
                    fld.place = Some(format!("{head}{first}"));
                }
            }
        }
        self.runs_on = first
            .filter(|t| {
                t.ends_with('の') && !t.contains('\n') && t.chars().count() <= 20 && is_label(t)
            })
            .map(str::to_string);
    }

    /// The numbered items learned from index `n0` (「１　氏名」) are in
    /// the Roman section being read.
    fn in_section(&self, f: &mut LearnedForm, n0: usize) {
        let Some(sec) = &self.section else { return };
        for fld in f.fields[n0..].iter_mut() {
            let numbered = scope::section_number(&fld.label)
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
            if numbered {
                fld.section = Some(sec.clone());
            }
        }
    }

    /// The end of the form: a Roman item still open closes.
    pub(super) fn finish(&mut self, f: &mut LearnedForm) {
        close_roman(f, &mut self.table.roman);
    }
}

/// 「以上の記載内容は事実と相違ありません。」 in a row of a sheet: the
/// applicant's declaration, which closes the entries of every form that
/// prints one; what follows it (the signature, the date) is the
/// applicant's own, not part of a conditional section above.
fn declares(first: &str) -> bool {
    let t = first.trim();
    is_sentence(t) && t.contains("相違") && t.chars().count() <= 40
}

/// The header of a column of printed notes.
fn is_note_header(text: &str) -> bool {
    let t = super::vocab::fold(text);
    ["留意事項", "備考", "注意事項", "注意点"].contains(&t.as_str())
}

/// The first non-empty text of a unit (a paragraph, or a row's first
/// filled cell).
fn first_text(u: &Unit) -> String {
    match u {
        Unit::Para(t) => t.trim().to_string(),
        Unit::Row { cells, .. } => cells
            .iter()
            .map(|c| c.text.trim())
            .find(|t| !t.is_empty())
            .unwrap_or("")
            .to_string(),
    }
}

/// The last non-empty text of a unit: what a date line after it is found
/// after.
fn last_text(u: &Unit) -> Option<String> {
    let t = match u {
        Unit::Para(t) => t.trim(),
        Unit::Row { cells, .. } => cells
            .iter()
            .map(|c| c.text.trim())
            .rfind(|t| !t.is_empty())?,
    };
    let line = t.lines().next().unwrap_or(t).trim();
    (!line.is_empty() && !dates::is_frame(line)).then(|| line.to_string())
}
