//! REQ001 — 必須の記入欄が空欄。
//!
//! 何を調べるか: 各様式で必ず記入する欄が空欄のままになっていないか。
//! - 様式１ 申請書: 企業・団体名、代表者役職・氏名、所在地、連絡担当窓口の
//!   氏名・所属・役職・電話番号・E-mail（ふりがな欄が分かれていればそれも）
//! - 様式２ 企画提案書: 件名、１．〜５．の各項目（記入要領の＊行だけが残って
//!   いるものも空欄とみなす）、７．の総額
//! - 別添 理由書: 住所・名称・代表者氏名、件名、事業類型、主要な業務、
//!   再委託費率、７．理由、記入した再委託先の行の名称・精算の有無・金額・
//!   選定方法・業務範囲（再委託先の行は比率も）
//! - 別添様式 情報取扱者名簿: 記入した行の氏名・所属部署・役職
//!   （住所・生年月日は※５により契約前は不要、日本国籍の人のパスポート欄は不要）
//! - 別紙 実施状況報告書: 日付、宛先、住所・名称・代表者氏名、契約締結日、契約件名
//!
//! 他の公募の様式では、様式定義（`--forms`、`yoshiki learn`）で `required = true` の欄、
//! `kind = "checkbox"` の□（印がなければ指摘）、`required_columns` の列が対象。
//! 書類の一覧のように行が印刷されている一覧（`printed_rows`）では全ての行の、
//! 「有」「無」などの選択肢の列はどれにも○がないときに指摘する。
//!
//! 使われていない予備の行は対象外。理由書・名簿・報告書の様式が申請書と同じ
//! ファイルに白紙のまま残っているだけのときは（提出時期が違うため）対象外。
//! 欄そのものが見つからないときは、提出書類一式のどのファイルにもない場合に
//! 様式の先頭を指して報告する（一つの様式が複数ファイルに分かれていてもよい）。
//!
//! 実施状況の空欄は RPT001、日付の「令和　年　月　日」は REQ003 が扱う。
//!
//! なぜ問題か: 必須の欄が空欄の申請書は、審査の前に差し戻されます。
//!
//! 例: 様式１ の「所在地」が空欄 → REQ001「様式１ 申請書 申請者 所在地」
//! が記入されていません。
//!
//! ---
//!
//! REQ001 — required entry empty.
//!
//! What it checks: whether an entry every form must have is left blank.
//! - 様式１ 申請書: organisation name, representative's title and name,
//!   address, the contact person's name, department, title, telephone and
//!   e-mail (and the furigana fields when separate)
//! - 様式２ 企画提案書: 件名, each of items １．to ５．(an item holding only the
//!   template's ＊ guidance lines counts as blank), the total of ７．
//! - 別添 理由書: address, name, representative, 件名, project type, main
//!   work, subcontract ratio, ７．reason, and for each filled subcontractor row
//!   its name, settlement, amount, selection method and scope (and the ratio
//!   on subcontractor rows)
//! - 別添様式 情報取扱者名簿: name, department and title of each filled row
//!   (address and birth date are not needed before the contract (※５), nor the
//!   passport field for a Japanese national)
//! - 別紙 実施状況報告書: date, addressee, address, name, representative,
//!   contract date, contract title
//!
//! For other calls' forms: fields with `required = true` in the form
//! definition (`--forms`, `yoshiki learn`), □ boxes of `kind = "checkbox"`
//! (reported when unticked) and `required_columns`. In a list whose rows
//! the template prints (`printed_rows`, a list of documents) every row is
//! checked; a column of options (有 / 無) is reported when none is marked.
//!
//! Spare rows are not checked. Nor is a 理由書, roster or report left blank in
//! the same file as the application (they are handed in at another time).
//! When the field itself is missing, it is reported at the start of the form
//! only if no file of the submission set has it (one form may be split over
//! several files). A blank status in a report is RPT001; a date left as
//! 「令和　年　月　日」 is REQ003.
//!
//! Why it matters: an empty required entry gets a submission returned before
//! review.
//!
//! Example: 様式１ with 「所在地」 blank → REQ001 「様式１ 申請書 申請者 所在地」
//! が記入されていません。

use super::declared;
use super::field_util::{self as fu, diag, is_blank, item, squash};
use super::{FileContext, Rule, SetContext};
use crate::forms::ExtractedForm;
use crate::forms::rule_keys::{Kind, Required};
use crate::model::finding::{Diagnostic, Text};

pub struct Req001;

/// The form's required top-level fields (`required = true`).
fn required(form: &ExtractedForm) -> Vec<&'static str> {
    declared::fields_where(form, |f| {
        f.required == Required::Yes && f.kind != Some(Kind::Checkbox)
    })
    .into_iter()
    .map(|f| f.path.as_str())
    .collect()
}

/// True when the text holds nothing but the template's guidance lines (the
/// definition's `instructions`).
pub fn only_guidance(form: &ExtractedForm, text: &str) -> bool {
    let Some(def) = declared::def_of(form) else {
        return false;
    };
    let guidance = def.squashed_guidance();
    let mut any = false;
    for line in text.lines() {
        // A guidance line is inside the joined lines, and so is every
        // prefix of it: a line whose opening is in none is not guidance,
        // told without squashing it (nearly every entry is in no guidance).
        if let Some(opening) = squashed_opening(line)
            && !guidance.joined.contains(opening)
        {
            return false;
        }
        let l = squash(line);
        if l.is_empty() {
            continue;
        }
        any = true;
        // A squashed line holds no white space, so it is inside one
        // guidance line exactly when it is inside all of them joined by
        // line breaks: one search, not one per guidance line, after the
        // pair filter (most values are in no guidance).
        let is_guidance =
            guidance.lines.contains(&l) || l.chars().count() >= 6 && guidance.joined.contains(&l);
        if !is_guidance {
            return false;
        }
    }
    any
}

/// The most characters [`squashed_opening`] reads.
const OPENING_CHARS: usize = 8;

/// A prefix of `squash(line)`, read off the line without squashing it:
/// the first characters after its leading blanks that are NFKC-stable and
/// not blank, at most [`OPENING_CHARS`], each followed by another such
/// character (a stable character is its own NFKC form, and the starter
/// after it keeps anything later from composing with it). None when that
/// gives fewer than two characters.
fn squashed_opening(line: &str) -> Option<&str> {
    let stable = |c: char| crate::base::is_nfkc_stable(c) && !matches!(c, ' ' | '\t'..='\r');
    let body = line.trim_start_matches([' ', '\t', '\u{3000}']);
    let mut kept = 0;
    let mut end = 0;
    for (i, c) in body.char_indices().take(OPENING_CHARS + 1) {
        if !stable(c) {
            break;
        }
        // The character before this stable one is surely kept as it is.
        if i > 0 {
            kept += 1;
            end = i;
        }
    }
    (kept >= 2).then(|| body.get(..end)).flatten()
}

fn empty_msg(form: &ExtractedForm, field: &str, guidance: bool) -> Text {
    let place = crate::forms::definition::place_of(&form.form, field);
    if guidance {
        Text::new(
            format!(
                "「{}」が記入されていません（記入要領の説明文だけが残っています）。",
                place.ja
            ),
            format!(
                "{} is empty: only the template's guidance text is there.",
                place.en
            ),
        )
    } else {
        Text::new(
            format!("「{}」が記入されていません。", place.ja),
            format!("{} is empty.", place.en),
        )
    }
}

/// What to write, for the fields where a hint helps.
fn help_for(form: &ExtractedForm, field: &str) -> Text {
    let place = crate::forms::definition::place_of(&form.form, field);
    let leaf = field.rsplit('.').next().unwrap_or(field);
    match leaf {
        "email" => Text::new(
            "連絡担当者のメールアドレスを半角で記入してください（例: taro@example.co.jp）。",
            "Write the contact's e-mail address in half-width characters (e.g. taro@example.co.jp).",
        ),
        "phone" => Text::new(
            "連絡のつく電話番号を半角数字で記入してください（例: 03-1234-5678）。",
            "Write a telephone number in half-width digits (e.g. 03-1234-5678).",
        ),
        "date" if field.contains("contract") => Text::new(
            "契約締結日を「令和７年４月１日」のように記入してください。",
            "Write the date the contract was concluded, e.g. 令和７年４月１日.",
        ),
        "date" => Text::new(
            "報告日を「令和８年１０月１日」のように記入してください。",
            "Write the date of the report, e.g. 令和８年１０月１日.",
        ),
        "total" => Text::new(
            "事業費の総額（消費税込み、千円単位）を記入してください。",
            "Write the total project cost (tax included, in thousand yen).",
        ),
        "business_type" => Text::new(
            "事業類型「Ⅰ」「Ⅱ」「Ⅲ」のいずれか、特段の定めがない場合は「－」を記入してください。",
            "Write the project type Ⅰ, Ⅱ or Ⅲ, or － when none applies.",
        ),
        "subcontract_ratio" => Text::new(
            "再委託費（消費税込み）÷ 総額（消費税込み）× 100 で求めた率を「62.5%」のように記入してください。",
            "Write subcontract cost ÷ total (both tax included) × 100, e.g. 62.5%.",
        ),
        "ratio" => Text::new(
            "この再委託先の契約金額 ÷ 事業費総額（消費税込み）× 100 の率を記入してください。",
            "Write this subcontractor's amount ÷ the total (tax included) × 100.",
        ),
        "name_kana" => Text::new(
            "氏名のふりがなを記入してください（例: 山田 太郎（やまだ たろう））。",
            "Write the reading of the name in hiragana.",
        ),
        _ => Text::new(
            format!("「{}」を記入してください。", place.ja),
            format!("Fill in {}.", place.en),
        ),
    }
}

fn push_if_blank(form: &ExtractedForm, field: &str, out: &mut Vec<Diagnostic>) {
    let Some(fv) = form.get(field) else { return };
    let guidance = !is_blank(&fv.value) && only_guidance(form, &fv.value);
    if is_blank(&fv.value) || guidance {
        out.push(
            diag("REQ001", form, field, empty_msg(form, field, guidance))
                .help(help_for(form, field)),
        );
    }
}

/// A column of printed options (「有」「無」) in a row: none marked.
fn push_if_unmarked(
    form: &ExtractedForm,
    field: &str,
    options: &[String],
    out: &mut Vec<Diagnostic>,
) {
    let Some(fv) = form.get(field) else { return };
    if !is_blank(&fv.value) {
        return;
    }
    let place = crate::forms::definition::place_of(&form.form, field);
    let ja: Vec<String> = options.iter().map(|o| format!("「{o}」")).collect();
    out.push(
        diag(
            "REQ001",
            form,
            field,
            Text::new(
                format!(
                    "「{}」の{}のどれにも印が付いていません。",
                    place.ja,
                    ja.join("")
                ),
                format!("{}: none of {} is marked.", place.en, options.join(" / ")),
            ),
        )
        .help(Text::new(
            "当てはまるものに○を付けてください。",
            "Circle the one that applies.",
        )),
    );
}

/// The entries of the form's lists: in every used row, the definition's
/// `required_columns`, `required_unless_sub` (not in a 再々委託先 row) and
/// one of each `required_one_of` group.
fn required_in_lists(form: &ExtractedForm, out: &mut Vec<Diagnostic>) {
    let Some(def) = declared::def_of(form) else {
        return;
    };
    for list in &def.lists {
        let printed: Vec<&str> = list.printed_columns.iter().map(String::as_str).collect();
        for i in fu::indices(form, &list.path) {
            // A printed row (a document the list names) is answered by
            // every applicant; a spare row only once written in.
            if !list.printed_rows && !fu::row_used(form, &list.path, i, &printed) {
                continue;
            }
            for c in &list.required_columns {
                let options = list
                    .columns
                    .iter()
                    .find(|col| col.fields.contains(c))
                    .map(|col| col.options.as_slice())
                    .unwrap_or_default();
                if options.is_empty() {
                    push_if_blank(form, &item(&list.path, i, c), out);
                } else {
                    push_if_unmarked(form, &item(&list.path, i, c), options, out);
                }
            }
            if !fu::is_sub_sub_in(form, &list.path, i) {
                for c in &list.required_unless_sub {
                    push_if_blank(form, &item(&list.path, i, c), out);
                }
            }
            for group in &list.required_one_of {
                let paths: Vec<String> = group.iter().map(|c| item(&list.path, i, c)).collect();
                if paths.iter().any(|p| form.text(p).is_some()) {
                    continue;
                }
                let at = paths
                    .iter()
                    .find(|p| form.get(p).is_some())
                    .or(paths.last());
                if let Some(p) = at {
                    push_if_blank(form, p, out);
                }
            }
        }
    }
}

impl Rule for Req001 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        for form in ctx.forms.iter().filter(|f| fu::in_use(ctx.forms, f)) {
            for field in required(form) {
                push_if_blank(form, field, out);
            }
            // A box to tick: its paragraph or cell must hold a tick.
            for f in declared::fields_where(form, |f| {
                f.required == Required::Yes && f.kind == Some(Kind::Checkbox)
            }) {
                let Some((false, location)) = declared::checkbox_state(ctx.doc, f) else {
                    continue;
                };
                let place = crate::forms::definition::place_of(&form.form, &f.path);
                out.push(
                    diag(
                        "REQ001",
                        form,
                        &f.path,
                        Text::new(
                            format!("「{}」に印が付いていません。", place.ja),
                            format!("{} is not ticked.", place.en),
                        ),
                    )
                    .location(location)
                    .help(declared::help_of(f).unwrap_or_else(|| {
                        Text::new(
                            "内容を確認し、□を■（または☑）にして印を付けてください。",
                            "Read the statement and tick its box (■ or ☑).",
                        )
                    })),
                );
            }
            // `if_found`: only when the entry's own cell was found. The
            // reading of a name (a ふりがな sharing the 氏名 cell) is looked
            // at once the name is written: a blank cell is one finding, on
            // the name.
            for f in declared::fields_where(form, |_| true) {
                if f.required == Required::IfFound {
                    push_if_blank(form, &f.path, out);
                }
                if let Some(kana) = &f.kana_path
                    && f.kana_required == Required::IfFound
                    && form.text(&f.path).is_some()
                {
                    push_if_blank(form, kana, out);
                }
            }
            required_in_lists(form, out);
        }
    }

    /// A required entry whose cell is in none of the set's files holding the
    /// form (its row was deleted, or the form is incomplete).
    fn check_set(&self, ctx: &SetContext<'_>, out: &mut Vec<(String, Diagnostic)>) {
        let mut ids: Vec<&str> = Vec::new();
        for file in ctx.files {
            for form in file.forms {
                if !ids.contains(&form.form.as_str()) {
                    ids.push(&form.form);
                }
            }
        }
        for id in ids {
            let instances = fu::set_copies(ctx, id);
            let Some((first_file, first_form)) = instances.first() else {
                continue;
            };
            // A deleted template row is TPL002's finding, not a second one.
            let rows: Vec<String> = declared::def_of(first_form)
                .and_then(|d| d.template.as_ref())
                .map(|t| t.rows.iter().map(|r| squash(r)).collect())
                .unwrap_or_default();
            for field in required(first_form) {
                if instances.iter().any(|(_, f)| f.get(field).is_some()) {
                    continue;
                }
                let in_rows = declared::fields_where(first_form, |f| f.path == field)
                    .iter()
                    .any(|f| f.labels.iter().any(|l| rows.contains(&squash(l))));
                if in_rows {
                    continue;
                }
                let place = crate::forms::definition::place_of(&first_form.form, field);
                let d = diag(
                    "REQ001",
                    first_form,
                    field,
                    Text::new(
                        format!("「{}」の記入欄が見つかりません（様式の欄が削除されていないか確認してください）。", place.ja),
                        format!("{} was not found: the entry seems to have been deleted from the form.", place.en),
                    ),
                )
                .help(help_for(first_form, field));
                out.push((first_file.path.to_string(), d));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The opening read off a line is always where its squashed form starts.
    #[test]
    fn the_opening_starts_the_squashed_line() {
        let pieces = [
            "a", "Z", " ", "\t", "あ", "か", "\u{3099}", "ﾊ", "ﾟ", "（", "０", "漢", "、",
            "\u{3000}", "①", "é", "e\u{301}", "ー", "※", "記載",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut checked = 0;
        for _ in 0..20_000 {
            crate::base::xorshift(&mut seed);
            let n = (seed % 14) as usize;
            let line: String = (0..n)
                .map(|k| pieces[(seed >> (k * 4 % 60)) as usize % pieces.len()])
                .collect();
            if let Some(opening) = squashed_opening(&line) {
                checked += 1;
                assert!(squash(&line).starts_with(opening), "{line:?} {opening:?}");
                assert!(opening.chars().count() >= 2, "{line:?}");
            }
        }
        assert!(checked > 1_000);
        assert_eq!(
            squashed_opening("　記載してください"),
            Some("記載してくださ")
        );
        assert_eq!(squashed_opening("か\u{3099}き"), None);
    }
}
