//! Helpers shared by the field rules (REQ, SUM, SUB, ROS, RPT, XD, FMT):
//! reading amounts / percentages / dates out of [`FieldValue`]s whether or
//! not the extractor normalised them, formatting yen in the declared unit,
//! building a [`Diagnostic`] located at a field, and deciding which forms of
//! a file are "in use" (an untouched optional template left in a document
//! next to filled forms is not checked field by field).

/// Moved to the lowest layer; kept here for the rules that use it.
pub use crate::base::squash;
use crate::forms::definition::place_of;
use crate::forms::normalize::{AmountUnit, DateParse, parse_amount, parse_date, parse_percent};
use crate::forms::{ExtractedForm, FieldValue};
use crate::model::finding::{Diagnostic, Text};
use crate::rules::roles::Role;
use crate::rules::{FileContext, SetContext};
use unicode_normalization::UnicodeNormalization;

// ---------------------------------------------------------------- text

/// NFKC (full-width digits and letters to half-width, ㈱ to (株), Ⅲ to III).
pub fn nfkc(s: &str) -> String {
    s.nfkc().collect()
}

pub fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// Dashes people write in a cell to mean "nothing".
const DASHES: &[char] = &['-', 'ー', '−', '‐', '‑', '―', '—', '–', '─', 'ｰ', '_', '＿'];

/// A cell that says "none" rather than a value (`－`, `なし`).
pub fn is_nil_mark(s: &str) -> bool {
    // A first character that is its own NFKC form, no blank, and none of
    // those a mark opens with starts the squashed text as it is (or
    // composed with a sound mark after it, into no such character): no
    // mark, told without squashing a whole entry.
    let body = s.trim_start_matches([' ', '\t', '\n', '\u{b}', '\u{c}', '\r', '\u{3000}']);
    if let Some(c) = body.chars().next()
        && crate::base::is_nfkc_stable(c)
        && !c.is_whitespace()
        && !DASHES.contains(&c)
        && !matches!(c, 'な' | '無')
    {
        return false;
    }
    let t = squash(s);
    !t.is_empty()
        && (t.chars().all(|c| DASHES.contains(&c)) || matches!(t.as_str(), "なし" | "無し" | "無"))
}

/// Template example markers: an entry holding one of them was not filled in
/// by the applicant (PH001 reports them; here they only make a form count as
/// untouched).
pub(super) fn is_template_text(s: &str) -> bool {
    // 年 is found with memchr, the digit test walks every char, and the
    // date parse is the costly part: in that order.
    holds_mark(s) || holds_nen(s) && !has_digit(s) && is_date_frame(s)
}

/// Template example marks. Each starts with its own character of 【 ＜ <
/// （ ● ○ 〇 △ □, so a mark occurs exactly where one of these characters
/// starts it.
const MARKS: &[&str] = &[
    "【例】",
    "＜記載例＞",
    "<記載例>",
    "（例）",
    "●●",
    "○○",
    "〇〇",
    "△△",
    "□□",
];

/// Whether the text holds one of [`MARKS`], compared only where a mark's
/// first character may start (see [`super::mark_scan`]): one pass instead
/// of nine substring searches.
fn holds_mark(s: &str) -> bool {
    let bytes = s.as_bytes();
    super::mark_scan::any_lead(bytes, |i| {
        (bytes.get(i) == Some(&b'<') || is_mark_start_at(bytes, i))
            && s.get(i..)
                .is_some_and(|t| MARKS.iter().any(|m| t.starts_with(m)))
    })
}

/// Whether the three bytes at `i` encode 【 ＜ （ ● ○ 〇 △ □.
fn is_mark_start_at(bytes: &[u8], i: usize) -> bool {
    let at = |k: usize| bytes.get(i + k).copied();
    match (at(0), at(1), at(2)) {
        // 【 U+3010, 〇 U+3007
        (Some(0xE3), Some(0x80), Some(t)) => matches!(t, 0x90 | 0x87),
        // ＜ U+FF1C, （ U+FF08
        (Some(0xEF), Some(0xBC), Some(t)) => matches!(t, 0x9C | 0x88),
        // ● U+25CF, ○ U+25CB
        (Some(0xE2), Some(0x97), Some(t)) => matches!(t, 0x8F | 0x8B),
        // △ U+25B3, □ U+25A1
        (Some(0xE2), Some(0x96), Some(t)) => matches!(t, 0xB3 | 0xA1),
        _ => false,
    }
}

/// Whether the text holds 年 or its compatibility twin U+F98E (each found
/// with memchr on its last byte).
fn holds_nen(s: &str) -> bool {
    s.contains('年') || s.contains('\u{f98e}')
}

/// Whether the squashed text holds an ASCII digit, without folding it: a
/// digit of the NFKC form comes from the compatibility decomposition of
/// one character (`１`, `①`, `²`), and composition keeps it (no ASCII
/// digit composes with anything).
fn has_digit(s: &str) -> bool {
    s.chars().any(|c| {
        if c.is_ascii() || crate::base::is_nfkc_stable(c) {
            return c.is_ascii_digit();
        }
        let mut digit = false;
        unicode_normalization::char::decompose_compatible(c, |d| digit |= d.is_ascii_digit());
        digit
    })
}

/// A date frame left blank (`令和　年　月　日`): every incomplete date
/// holds 年 once normalised, and NFKC makes 年 only from 年 and its
/// compatibility twin U+F98E, so a text without either is no frame (the
/// parse is the costly part).
fn is_date_frame(s: &str) -> bool {
    holds_nen(s) && matches!(parse_date(s), Some(DateParse::Incomplete))
}

// ---------------------------------------------------------------- units and numbers

/// The unit the 様式２ budget is declared in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Yen,
    Thousand,
}

impl Unit {
    /// One unit, in yen: the rounding tolerance of the sum checks.
    pub fn yen(self) -> i64 {
        match self {
            Unit::Yen => 1,
            Unit::Thousand => 1000,
        }
    }

    fn amount_unit(self) -> AmountUnit {
        match self {
            Unit::Yen => AmountUnit::Yen,
            Unit::Thousand => AmountUnit::Thousand,
        }
    }
}

/// The declared unit of a proposal's budget (`budget.unit`); the template
/// declares 千円, so that is the default when the unit was not found.
pub fn budget_unit(form: &ExtractedForm) -> Unit {
    match form.text("budget.unit") {
        Some(u) if !squash(u).contains('千') && squash(u).contains('円') => Unit::Yen,
        _ => Unit::Thousand,
    }
}

/// `31500` → `31,500`.
pub fn group_digits(n: i64) -> String {
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

/// A yen amount as a number in the unit, without the unit
/// (`31_500_000` in 千円 → `31,500`; `2_500_500` → `2,500.5`).
pub fn number_in_unit(yen: i64, unit: Unit) -> String {
    let u = unit.yen();
    let whole = group_digits(yen / u);
    let frac = (yen % u).abs();
    if frac == 0 {
        return whole;
    }
    let frac = format!("{frac:03}");
    let frac = frac.trim_end_matches('0');
    if yen < 0 && yen / u == 0 {
        format!("-0.{frac}")
    } else {
        format!("{whole}.{frac}")
    }
}

/// A yen amount in the unit, Japanese (`31,500千円`).
pub fn ja_amount(yen: i64, unit: Unit) -> String {
    match unit {
        Unit::Yen => format!("{}円", number_in_unit(yen, unit)),
        Unit::Thousand => format!("{}千円", number_in_unit(yen, unit)),
    }
}

/// A yen amount in the unit, English (`31,500 thousand yen`).
pub fn en_amount(yen: i64, unit: Unit) -> String {
    match unit {
        Unit::Yen => format!("{} yen", number_in_unit(yen, unit)),
        Unit::Thousand => format!("{} thousand yen", number_in_unit(yen, unit)),
    }
}

/// A percentage to one decimal (`62.5%`).
pub fn pct(p: f64) -> String {
    format!("{p:.1}%")
}

/// Replace the first number in `original` with `number` (ASCII digits and
/// commas), keeping what surrounds it and writing full-width digits if the
/// original used them: `１２，０００千円` + `11,500` → `１１，５００千円`.
pub fn replace_number(original: &str, number: &str) -> String {
    let is_digit = crate::base::is_digit_any_width;
    let is_num = |c: char| is_digit(c) || matches!(c, ',' | '，' | '.' | '．');
    let chars: Vec<(usize, char)> = original.char_indices().collect();
    let mut start = None;
    for (i, &(_, c)) in chars.iter().enumerate() {
        if is_digit(c) {
            start = Some(i);
            break;
        }
    }
    let Some(mut s) = start else {
        return number.to_string();
    };
    while s > 0
        && chars
            .get(s - 1)
            .is_some_and(|&(_, c)| is_num(c) && !matches!(c, '.' | '．'))
    {
        s -= 1;
    }
    let mut e = s;
    while chars.get(e).is_some_and(|&(_, c)| is_num(c)) {
        e += 1;
    }
    let bs = chars.get(s).map(|&(b, _)| b).unwrap_or(0);
    let be = chars.get(e).map(|&(b, _)| b).unwrap_or(original.len());
    let run = original.get(bs..be).unwrap_or("");
    let wide = run.chars().any(|c| ('０'..='９').contains(&c));
    let number: String = if wide {
        number
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
                ',' => '，',
                '.' => '．',
                _ => c,
            })
            .collect()
    } else {
        number.to_string()
    };
    format!(
        "{}{}{}",
        original.get(..bs).unwrap_or(""),
        number,
        original.get(be..).unwrap_or("")
    )
}

/// An amount field as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Amount {
    /// The field was not found in the form.
    Absent,
    /// Found, nothing written.
    Blank,
    /// `－` / `なし`: zero.
    Nil,
    Value(i64),
    /// Written but not a number; says why.
    Bad(String),
}

impl Amount {
    /// The amount, a blank or a dash counting as zero; None when unreadable.
    pub fn or_zero(&self) -> Option<i64> {
        match self {
            Amount::Value(v) => Some(*v),
            Amount::Absent | Amount::Blank | Amount::Nil => Some(0),
            Amount::Bad(_) => None,
        }
    }

    /// The amount when one was written (a dash counts as zero).
    pub fn written(&self) -> Option<i64> {
        match self {
            Amount::Value(v) => Some(*v),
            Amount::Nil => Some(0),
            _ => None,
        }
    }

    pub fn is_bad(&self) -> bool {
        matches!(self, Amount::Bad(_))
    }
}

/// Larger than any budget (10^15 yen): read as not a number, which also
/// keeps every sum the rules make far from overflowing.
const MAX_YEN: i64 = 1_000_000_000_000_000;

/// Read an amount field, in yen: the extractor's normalised value when it
/// set one, else the text parsed in `unit`.
pub fn amount(form: &ExtractedForm, path: &str, unit: Unit) -> Amount {
    match read_amount(form, path, unit) {
        Amount::Value(v) if v.checked_abs().is_none_or(|a| a > MAX_YEN) => {
            Amount::Bad("金額が大きすぎます（1,000兆円を超えています）".to_string())
        }
        a => a,
    }
}

fn read_amount(form: &ExtractedForm, path: &str, unit: Unit) -> Amount {
    let Some(fv) = form.get(path) else {
        return Amount::Absent;
    };
    if let Some(v) = fv
        .normalized
        .as_ref()
        .and_then(|v| v.as_i64().or_else(|| v.as_f64().map(|f| f.round() as i64)))
    {
        return Amount::Value(v);
    }
    if is_blank(&fv.value) {
        return Amount::Blank;
    }
    if is_nil_mark(&fv.value) {
        return Amount::Nil;
    }
    if let Some(reason) = &fv.unnormalized {
        return Amount::Bad(reason.clone());
    }
    match parse_amount(&fv.value, unit.amount_unit()) {
        Ok(v) => Amount::Value(v),
        Err(e) => Amount::Bad(e),
    }
}

/// A percentage field: Some(Ok(62.5)), Some(Err(why)), None when blank or
/// absent or a dash.
pub fn percent(form: &ExtractedForm, path: &str) -> Option<Result<f64, String>> {
    let fv = form.get(path)?;
    if let Some(v) = fv.as_f64() {
        return Some(Ok(v));
    }
    if is_blank(&fv.value) || is_nil_mark(&fv.value) {
        return None;
    }
    Some(parse_percent(&fv.value))
}

/// A date field as read: the extractor's ISO value when it set one, else
/// the text parsed. None when blank or when no date is written.
pub fn date(fv: &FieldValue) -> Option<DateParse> {
    if let Some(iso) = fv.normalized.as_ref().and_then(|v| v.as_str())
        && let Ok(d) = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
    {
        return Some(DateParse::Date(d));
    }
    if is_blank(&fv.value) {
        return None;
    }
    parse_date(&fv.value)
}

/// Ratios compare "to 0.1 point": a stated figure rounded or truncated to
/// one decimal is right.
pub fn ratio_matches(stated: f64, computed: f64) -> bool {
    (stated - computed).abs() < 0.1 + 1e-9
}

// ---------------------------------------------------------------- 様式２ budget

/// The 様式２ ７．事業費総額 table, read in yen.
pub struct Budget {
    pub unit: Unit,
    pub personnel: Amount,
    pub project: Amount,
    /// ①旅費 ②会場費 ③謝金 ④補助職員人件費.
    pub breakdown: [Amount; 4],
    /// Rows the applicant added under ④ (⑤印刷製本費 …): label and amount.
    pub added: Vec<(String, Amount)>,
    pub subcontract: Amount,
    pub general_admin: Amount,
    pub subtotal: Amount,
    pub tax: Amount,
    pub total: Amount,
}

/// The canonical paths of ①〜④.
pub const BREAKDOWN: [&str; 4] = [
    "budget.travel",
    "budget.venue",
    "budget.honoraria",
    "budget.assistant_personnel",
];

/// Rows added under ④ (`[[list]] find = "added_rows"`).
pub const ADDED: &str = "budget.added_expenses";

impl Budget {
    pub fn of(form: &ExtractedForm) -> Budget {
        let unit = budget_unit(form);
        let a = |p: &str| amount(form, p, unit);
        Budget {
            unit,
            personnel: a("budget.personnel"),
            project: a("budget.project_expenses"),
            breakdown: BREAKDOWN.map(a),
            added: (0..form.list_len(ADDED))
                .map(|i| {
                    let label = form
                        .text(&item(ADDED, i, "label"))
                        .unwrap_or("")
                        .to_string();
                    (label, a(&item(ADDED, i, "amount")))
                })
                .collect(),
            subcontract: a("budget.subcontract"),
            general_admin: a("budget.general_admin"),
            subtotal: a("budget.subtotal"),
            tax: a("budget.consumption_tax"),
            total: a("budget.total"),
        }
    }

    /// ①+②+③+④ (and the rows added under ④) when at least one was
    /// written; None when none was or one is not a number.
    pub fn breakdown_sum(&self) -> Option<i64> {
        let all = || self.breakdown.iter().chain(self.added.iter().map(|a| &a.1));
        if all().all(|b| b.written().is_none()) || all().any(Amount::is_bad) {
            return None;
        }
        all().map(Amount::or_zero).sum()
    }

    /// Ⅱ as written, or ①〜④ when Ⅱ was left blank.
    pub fn project_or_breakdown(&self) -> Option<i64> {
        match &self.project {
            Amount::Bad(_) => None,
            Amount::Value(_) | Amount::Nil => self.project.written(),
            Amount::Absent | Amount::Blank => Some(self.breakdown_sum().unwrap_or(0)),
        }
    }

    /// Ⅰ+Ⅱ+Ⅲ+Ⅳ (blank counts as zero; Ⅱ from ①〜④ when Ⅱ is blank).
    pub fn components_sum(&self) -> Option<i64> {
        Some(
            self.personnel.or_zero()?
                + self.project_or_breakdown()?
                + self.subcontract.or_zero()?
                + self.general_admin.or_zero()?,
        )
    }
}

// ---------------------------------------------------------------- lists

/// The indices `0..n` of a list field (`handlers`, `items`, ...).
pub fn indices(form: &ExtractedForm, list: &str) -> std::ops::Range<usize> {
    0..form.list_len(list)
}

/// `subcontractors[2].amount`.
pub fn item(list: &str, i: usize, field: &str) -> String {
    format!("{list}[{i}].{field}")
}

/// A 理由書 row's tier: true for 再々委託先 and lower. A row without a tier
/// whose 比率 cell is the template's ＿ is taken as 再々委託先.
pub fn is_sub_sub(form: &ExtractedForm, i: usize) -> bool {
    is_sub_sub_in(form, "subcontractors", i)
}

/// [`is_sub_sub`] for row `i` of `list`.
pub fn is_sub_sub_in(form: &ExtractedForm, list: &str, i: usize) -> bool {
    let tier = form.get(&item(list, i, "tier"));
    if let Some(n) = tier
        .and_then(|t| t.normalized.as_ref())
        .and_then(|n| n.as_str())
    {
        return n == "sub_subcontractor";
    }
    match tier.map(|t| t.value.trim()).filter(|t| !t.is_empty()) {
        Some(t) => t == "sub_subcontractor" || t.contains("再々"),
        None => form
            .text(&item(list, i, "ratio"))
            .is_some_and(|r| squash(r).chars().all(|c| c == '_' || c == '＿')),
    }
}

/// A list row something was written in: spare template rows are blank,
/// and a row that only says 「なし」 / 「－」 (no subcontractor, no one in
/// that role) is no entry either.
pub fn row_used(form: &ExtractedForm, list: &str, i: usize, ignore: &[&str]) -> bool {
    let prefix = format!("{list}[{i}].");
    form.fields_under(&prefix)
        .filter_map(|(k, v)| Some((k.strip_prefix(&prefix)?, v)))
        .any(|(f, v)| !ignore.contains(&f) && !is_blank(&v.value) && !is_nil_mark(&v.value))
}

pub use super::in_use::{
    UntouchedMemo, forms, in_use, is_untouched, memo_untouched, set_copies, set_forms,
};

/// The 様式２ 総額 (tax included, yen) of a set: the first proposal in use
/// that states one, with its file.
pub fn set_total<'a>(
    ctx: &'a SetContext<'a>,
) -> Option<(&'a FileContext<'a>, &'a ExtractedForm, i64)> {
    set_forms(ctx, Role::Budget)
        .into_iter()
        .find_map(|(file, form)| {
            Budget::of(form)
                .total
                .written()
                .filter(|t| *t > 0)
                .map(|t| (file, form, t))
        })
}

/// A 理由書 row's amount (yen, tax included).
pub fn row_amount(form: &ExtractedForm, i: usize) -> Amount {
    amount(form, &item("subcontractors", i, "amount"), Unit::Yen)
}

/// Σ of the 再委託先 rows (再々委託先 and lower left out) and the indices
/// summed; None when a row's amount is not a number.
pub fn subcontractor_sum(form: &ExtractedForm) -> Option<(i64, Vec<usize>)> {
    let mut sum = 0;
    let mut rows = Vec::new();
    for i in indices(form, "subcontractors") {
        if is_sub_sub(form, i) || !row_used(form, "subcontractors", i, &["tier"]) {
            continue;
        }
        match row_amount(form, i) {
            Amount::Bad(_) => return None,
            a => {
                if let Some(v) = a.written() {
                    sum += v;
                    rows.push(i);
                }
            }
        }
    }
    Some((sum, rows))
}

/// Where a cross-document finding points: " (other.docx)" when the other
/// form is in another file, "" when in the same one.
pub fn other_file_note(this: &str, other: &str) -> String {
    if this == other {
        String::new()
    } else {
        format!("（{}）", file_name(other))
    }
}

/// Company names compared across forms: NFKC, no blanks, the company type
/// (株式会社, ㈱, (株) …; data in schemas/vocabulary/filling.toml) left out.
pub fn normalize_org(name: &str) -> String {
    crate::forms::filling::applicant_key(name)
}

/// The form's name as people say it.
pub fn form_name(form: &str) -> Text {
    crate::forms::definition::form_name(form)
}

/// Only the file name of a path, for messages.
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

// ---------------------------------------------------------------- diagnostics

/// Cut a long value down to a window around the highlight (byte offsets
/// recomputed for the shortened text).
pub fn excerpt_window(
    value: &str,
    span: Option<(usize, usize)>,
) -> (String, Option<(usize, usize)>) {
    const CONTEXT: usize = 30;
    const MAX_SPAN: usize = 80;
    let chars: Vec<(usize, char)> = value.char_indices().collect();
    if chars.len() <= CONTEXT * 2 + MAX_SPAN {
        return (value.to_string(), span);
    }
    let (bs, be) = span.unwrap_or((0, 0));
    let cs = chars
        .iter()
        .position(|&(b, _)| b >= bs)
        .unwrap_or(chars.len());
    let ce = chars
        .iter()
        .position(|&(b, _)| b >= be)
        .unwrap_or(chars.len())
        .max(cs);
    let ce_cut = ce.min(cs + MAX_SPAN);
    let from = cs.saturating_sub(CONTEXT);
    let to = (ce_cut + CONTEXT).min(chars.len());
    let byte = |ci: usize| chars.get(ci).map(|&(b, _)| b).unwrap_or(value.len());
    let mut text = String::new();
    if from > 0 {
        text.push('…');
    }
    let offset = text.len();
    text.push_str(value.get(byte(from)..byte(to)).unwrap_or(""));
    if to < chars.len() {
        text.push('…');
    }
    let hl = span.map(|_| {
        (
            offset + byte(cs) - byte(from),
            offset + byte(ce_cut) - byte(from),
        )
    });
    (text, hl)
}

/// A finding at a field of a form: form, field, place and location set; the
/// value (when not blank) as the excerpt with `span` (bytes of the value)
/// highlighted, the whole value when `span` is None. A field not found is
/// located at the start of the form.
pub fn diag_span(
    code: &'static str,
    form: &ExtractedForm,
    field: &str,
    span: Option<(usize, usize)>,
    message: Text,
) -> Diagnostic {
    let mut d = crate::rules::finding(code, message)
        .form(form.form.clone())
        .field(field)
        .place(
            if field.contains('[') || !matches!(field, "items" | "handlers" | "subcontractors") {
                place_of(&form.form, field)
            } else {
                list_place(&form.form, field)
            },
        );
    match form.get(field) {
        Some(fv) => {
            d = d.location(fv.location.clone());
            if !is_blank(&fv.value) {
                let span = span.or(Some((0, fv.value.len())));
                let (text, hl) = excerpt_window(&fv.value, span);
                d = d.excerpt(text, hl);
            }
        }
        None if matches!(field, "items" | "handlers" | "subcontractors") => {
            d = d.location(list_location(form, field))
        }
        None => d = d.location(form.start.clone()),
    }
    if super::declared::def_of(form).is_some_and(|d| d.personal) {
        d = d.personal();
    }
    d
}

/// The place of a whole list (a finding about the table, not one cell).
pub fn list_place(form: &str, list: &str) -> Text {
    let name = form_name(form);
    // The list's `name` in its definition (any version of the form).
    let def = crate::forms::load::in_force()
        .versions(form)
        .flat_map(|d| d.lists.iter())
        .find(|l| l.path == list && l.name.is_some());
    let ja = def.and_then(|l| l.name.as_deref()).unwrap_or(list);
    let en = def.and_then(|l| l.name_en.as_deref()).unwrap_or(ja);
    Text::new(format!("{} {ja}", name.ja), format!("{} {en}", name.en))
}

/// Where a list's table is: the table (Word), the sheet (Excel) or the
/// first line (text) of its first entry; the form's start when the list is
/// empty. For findings about the list as a whole.
pub fn list_location(form: &ExtractedForm, list: &str) -> crate::model::Location {
    let prefix = format!("{list}[");
    let first = form
        .fields
        .iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .map(|(_, v)| &v.location)
        .min_by_key(|l| (l.table, l.row, l.line, l.cell.clone()));
    match first {
        Some(l) if l.table.is_some() => crate::model::Location {
            part: l.part.clone(),
            table: l.table,
            ..Default::default()
        },
        Some(l) if l.sheet.is_some() => crate::model::Location {
            sheet: l.sheet.clone(),
            ..Default::default()
        },
        Some(l) if l.line.is_some() => crate::model::Location {
            line: l.line,
            ..Default::default()
        },
        _ => form.start.clone(),
    }
}

/// Push a set-level finding for `file`, naming `other` (the file it was
/// compared with) as related when that is a different file.
pub fn push_set(out: &mut Vec<(String, Diagnostic)>, file: &str, other: &str, d: Diagnostic) {
    let d = if other != file { d.related(other) } else { d };
    out.push((file.to_string(), d));
}

/// [`diag_span`] with the whole value highlighted.
pub fn diag(code: &'static str, form: &ExtractedForm, field: &str, message: Text) -> Diagnostic {
    diag_span(code, form, field, None, message)
}

/// The byte range of the first occurrence of `needle` in `value`.
pub fn find_span(value: &str, needle: &str) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    value.find(needle).map(|s| (s, s + needle.len()))
}

/// The byte range of `value` that differs from `other` (common prefix and
/// suffix left out); at least one character when `value` is not empty.
pub fn diff_span(value: &str, other: &str) -> Option<(usize, usize)> {
    let a: Vec<(usize, char)> = value.char_indices().collect();
    let b: Vec<char> = other.chars().collect();
    if a.is_empty() {
        return None;
    }
    let mut pre = 0;
    while pre < a.len() && pre < b.len() && a.get(pre).map(|x| x.1) == b.get(pre).copied() {
        pre += 1;
    }
    let mut suf = 0;
    while suf < a.len() - pre
        && suf < b.len() - pre.min(b.len())
        && a.get(a.len() - 1 - suf).map(|x| x.1) == b.get(b.len() - 1 - suf).copied()
    {
        suf += 1;
    }
    let mut s = pre;
    let mut e = a.len() - suf;
    if s >= e {
        s = s.min(a.len() - 1);
        e = s + 1;
    }
    let byte = |ci: usize| a.get(ci).map(|&(b, _)| b).unwrap_or(value.len());
    Some((byte(s), byte(e)))
}

/// The in-use forms whose budget the built-in budget rules (SUM001–SUM006)
/// check: those whose definition lays out the canonical budget
/// (`budget.project_expenses` …) and declares no `[[relation]]` of its own
/// (a definition with relations is checked by them instead).
pub fn budget_forms<'a>(ctx: &'a FileContext<'_>) -> impl Iterator<Item = &'a ExtractedForm> + 'a {
    ctx.forms.iter().filter(move |f| {
        in_use(ctx.forms, f)
            && super::declared::def_of(f).is_some_and(|d| {
                d.relations.is_empty()
                    && d.fields.iter().any(|x| x.path == "budget.project_expenses")
            })
    })
}

#[cfg(test)]
mod tests;
