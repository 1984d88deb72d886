//! REQ001 必須の記入欄が空欄 / required entry empty.
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
//! 使われていない予備の行は対象外。理由書・名簿・報告書の様式が申請書と同じ
//! ファイルに白紙のまま残っているだけのときは（提出時期が違うため）対象外。
//! 欄そのものが見つからないときは、提出書類一式のどのファイルにもない場合に
//! 様式の先頭を指して報告する（一つの様式が複数ファイルに分かれていてもよい）。
//!
//! Why: an empty required entry gets a submission returned before review.
//! 実施状況の空欄は RPT001、日付の「令和　年　月　日」は REQ003 が扱う。
//!
//! 例 / example: 様式１ の「所在地」が空欄 → REQ001「様式１ 申請書 申請者 所在地」
//! が記入されていません。

use super::field_util::{self as fu, diag, is_blank, item, squash};
use super::{FileContext, Rule, SetContext};
use crate::diag::{Diagnostic, Text};
use crate::forms::ExtractedForm;

pub struct Req001;

/// Required top-level fields by form.
fn required(form: &str) -> &'static [&'static str] {
    match form {
        "application" => &[
            "applicant.name",
            "applicant.representative",
            "applicant.address",
            "contact.name",
            "contact.department",
            "contact.position",
            "contact.phone",
            "contact.email",
        ],
        "proposal" => &[
            "title",
            "implementation_method",
            "schedule",
            "track_record",
            "organization",
            "information_management",
            "budget.total",
        ],
        "subcontract_reason" => &[
            "applicant.address",
            "applicant.name",
            "applicant.representative",
            "title",
            "business_type",
            "main_work",
            "subcontract_ratio",
            "reasons",
        ],
        "security_report" => &[
            "date",
            "addressee",
            "reporter.address",
            "reporter.name",
            "reporter.representative",
            "contract.date",
            "contract.title",
        ],
        _ => &[],
    }
}

/// Fields required only when the extractor found their own (blank) cell:
/// ふりがな shares the 氏名 cell in the template.
const REQUIRED_IF_PRESENT: &[(&str, &str)] = &[("application", "contact.name_kana")];

/// Guidance the 様式２ template prints inside the answer cells; a cell
/// holding only these lines is still empty.
const GUIDANCE: &[&str] = &[
    "＊募集要領の２．事業内容の項目ごとに、具体的な実施方法及び内容を記載してください。",
    "＊本事業の成果を高めるための具体的な提案を記載してください。",
    "類似事業の実績",
    "・事業名、事業概要、実施年度、発注者等（自主事業の場合はその旨）",
    "＊各業務従事者の氏名、所属、役職、業務経験、その他略歴（学歴、職歴、研修実績その他経歴、専門的知識その他の知見、母語及び外国語能力、国籍等のいずれかから原課で任意に設定）",
    "＊再委託を行う場合は、再委託先の名称、業務内容及び業務範囲を明記すること（事業全体の企画及び立案並びに根幹に関わる執行管理について、再委託をすることはできない）。",
    "＊事業費総額に対する再委託費の割合が５０％を超える場合は、相当な理由がわかる内容（別添「再委託費率が５０％を超える理由書」を作成し提出すること）。",
    "※グループ企業(委託事業事務処理マニュアル３ページに記載のグループ企業をいう。)との取引であることのみを選定理由とする再委託（再々委託及びそれ以下の委託を含む）は認めない。",
    "＊情報管理に対する社内規則等（社内規則がない場合は代わりとなるもの。）",
    "＊その他原課において必要と判断する書類等",
    "＊受託者の情報管理体制がわかる「情報管理体制図」、情報を取扱う者の氏名、住所、生年月日、所属部署、役職等がわかる「情報取扱者名簿」を契約時に提出することを確約すること。（別添様式にて提示）",
];

/// True when the text holds nothing but the template's guidance lines.
pub fn only_guidance(text: &str) -> bool {
    let guidance: Vec<String> = GUIDANCE.iter().map(|g| squash(g)).collect();
    let mut any = false;
    for line in text.lines() {
        let l = squash(line);
        if l.is_empty() {
            continue;
        }
        any = true;
        let is_guidance = guidance
            .iter()
            .any(|g| *g == l || (l.chars().count() >= 6 && g.contains(&l)));
        if !is_guidance {
            return false;
        }
    }
    any
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
    let guidance = form.form == "proposal" && !is_blank(&fv.value) && only_guidance(&fv.value);
    if is_blank(&fv.value) || guidance {
        out.push(
            diag("REQ001", form, field, empty_msg(form, field, guidance))
                .help(help_for(form, field)),
        );
    }
}

impl Rule for Req001 {
    fn check_file(&self, ctx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        for form in ctx.forms.iter().filter(|f| fu::in_use(ctx.forms, f)) {
            for field in required(&form.form) {
                push_if_blank(form, field, out);
            }
            // ふりがな shares the 氏名 cell: a blank cell is one finding (on
            // 氏名); a name written without its reading is a finding on the kana.
            for (id, field) in REQUIRED_IF_PRESENT {
                if form.form == *id && form.text("contact.name").is_some() {
                    push_if_blank(form, field, out);
                }
            }
            match form.form.as_str() {
                "subcontract_reason" => {
                    for i in fu::indices(form, "subcontractors") {
                        if !fu::row_used(form, "subcontractors", i, &["tier"]) {
                            continue;
                        }
                        for f in ["name", "settlement", "amount", "scope"] {
                            push_if_blank(form, &item("subcontractors", i, f), out);
                        }
                        if !fu::is_sub_sub(form, i) {
                            push_if_blank(form, &item("subcontractors", i, "ratio"), out);
                        }
                        let method = item("subcontractors", i, "selection_method");
                        let reason = item("subcontractors", i, "selection_reason");
                        if form.text(&method).is_none() && form.text(&reason).is_none() {
                            if form.get(&method).is_some() {
                                push_if_blank(form, &method, out);
                            } else {
                                push_if_blank(form, &reason, out);
                            }
                        }
                    }
                }
                "handler_roster" => {
                    for i in fu::indices(form, "handlers") {
                        if !fu::row_used(form, "handlers", i, &["role", "label"]) {
                            continue;
                        }
                        for f in ["name", "department", "position"] {
                            push_if_blank(form, &item("handlers", i, f), out);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// A required entry whose cell is in none of the set's files holding the
    /// form (its row was deleted, or the form is incomplete).
    fn check_set(&self, ctx: &SetContext<'_>, out: &mut Vec<(String, Diagnostic)>) {
        for id in [
            "application",
            "proposal",
            "subcontract_reason",
            "security_report",
        ] {
            let instances = fu::set_forms(ctx, id);
            let Some((first_file, first_form)) = instances.first() else {
                continue;
            };
            for field in required(id) {
                if instances.iter().any(|(_, f)| f.get(field).is_some()) {
                    continue;
                }
                let place = crate::forms::definition::place_of(id, field);
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
