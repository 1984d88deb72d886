//! The central table of rule codes: codes raised by the readers and the
//! document-level rules (IN, VER, PH, SEC).
//!
//! Codes are stable; a retired code is never reused. Each row keeps its
//! rule file's source (`include_str!`) so `yoshiki explain` can print the
//! file's `//!` docs.

use super::RuleMeta;
use crate::model::finding::Severity;

#[path = "in001.rs"]
pub mod in001;
#[path = "in002.rs"]
pub mod in002;
#[path = "in003.rs"]
pub mod in003;
#[path = "in004.rs"]
pub mod in004;
#[path = "in005.rs"]
pub mod in005;
#[path = "in006.rs"]
pub mod in006;
#[path = "ph001.rs"]
pub mod ph001;
#[path = "sec001.rs"]
pub mod sec001;
#[path = "sec002.rs"]
pub mod sec002;
#[path = "sec003.rs"]
pub mod sec003;
#[path = "sec004.rs"]
pub mod sec004;
#[path = "sec005.rs"]
pub mod sec005;
#[path = "sec006.rs"]
pub mod sec006;
#[path = "sec007.rs"]
pub mod sec007;
#[path = "text_match.rs"]
pub mod text_match;
#[path = "ver001.rs"]
pub mod ver001;
#[path = "ver002.rs"]
pub mod ver002;
#[path = "ver003.rs"]
pub mod ver003;
#[path = "ver004.rs"]
pub mod ver004;

pub static RULES: &[RuleMeta] = &[
    RuleMeta {
        code: "IN001",
        default_severity: Severity::Error,
        title_ja: "ファイルが読み込めない・壊れている",
        title_en: "File unreadable or corrupt",
        source: include_str!("in001.rs"),
        rule: None,
    },
    RuleMeta {
        code: "IN002",
        default_severity: Severity::Error,
        title_ja: "パスワード保護・暗号化されている",
        title_en: "File is password-protected or encrypted",
        source: include_str!("in002.rs"),
        rule: None,
    },
    RuleMeta {
        code: "IN003",
        default_severity: Severity::Error,
        title_ja: "対応していないファイル形式",
        title_en: "Unsupported file format",
        source: include_str!("in003.rs"),
        rule: None,
    },
    RuleMeta {
        code: "IN004",
        default_severity: Severity::Warning,
        title_ja: "既知の様式が見つからない",
        title_en: "No known form recognised",
        source: include_str!("in004.rs"),
        rule: None,
    },
    RuleMeta {
        code: "IN005",
        default_severity: Severity::Error,
        title_ja: "処理の上限を超えた（大きすぎる・圧縮率が異常）",
        title_en: "Resource limit hit",
        source: include_str!("in005.rs"),
        rule: None,
    },
    RuleMeta {
        code: "IN006",
        default_severity: Severity::Error,
        title_ja: "確認できる文字がない（画像だけの PDF）",
        title_en: "No text to check (image-only PDF)",
        source: include_str!("in006.rs"),
        rule: None,
    },
    RuleMeta {
        code: "PH001",
        default_severity: Severity::Error,
        title_ja: "記入例・仮の文字が残っている",
        title_en: "Template example or placeholder left in",
        source: include_str!("ph001.rs"),
        rule: Some(&ph001::Ph001),
    },
    RuleMeta {
        code: "SEC001",
        default_severity: Severity::Error,
        title_ja: "マクロが含まれている",
        title_en: "Macros present",
        source: include_str!("sec001.rs"),
        rule: Some(&sec001::Sec001),
    },
    RuleMeta {
        code: "SEC002",
        default_severity: Severity::Error,
        title_ja: "外部の内容を読み込む関係（外部テンプレート・リンク）",
        title_en: "External relationship that loads content",
        source: include_str!("sec002.rs"),
        rule: Some(&sec002::Sec002),
    },
    RuleMeta {
        code: "SEC003",
        default_severity: Severity::Warning,
        title_ja: "埋め込みオブジェクト・実行ファイル",
        title_en: "Embedded OLE object or executable payload",
        source: include_str!("sec003.rs"),
        rule: Some(&sec003::Sec003),
    },
    RuleMeta {
        code: "SEC004",
        default_severity: Severity::Warning,
        title_ja: "コメントが残っている",
        title_en: "Comments left in the document",
        source: include_str!("sec004.rs"),
        rule: Some(&sec004::Sec004),
    },
    RuleMeta {
        code: "SEC005",
        default_severity: Severity::Warning,
        title_ja: "確定していない変更履歴",
        title_en: "Unaccepted tracked changes",
        source: include_str!("sec005.rs"),
        rule: Some(&sec005::Sec005),
    },
    RuleMeta {
        code: "SEC006",
        default_severity: Severity::Info,
        title_ja: "文書プロパティの個人情報（作成者・最終更新者）",
        title_en: "Personal metadata (author, last modified by)",
        source: include_str!("sec006.rs"),
        rule: Some(&sec006::Sec006),
    },
    RuleMeta {
        code: "SEC007",
        default_severity: Severity::Warning,
        title_ja: "隠し文字",
        title_en: "Hidden text",
        source: include_str!("sec007.rs"),
        rule: Some(&sec007::Sec007),
    },
    RuleMeta {
        code: "VER001",
        default_severity: Severity::Error,
        title_ja: "古い版の統一基準を引用している",
        title_en: "Outdated edition of a standard cited",
        source: include_str!("ver001.rs"),
        rule: Some(&ver001::Ver001),
    },
    RuleMeta {
        code: "VER002",
        default_severity: Severity::Error,
        title_ja: "旧組織名を使っている",
        title_en: "Former organisation name",
        source: include_str!("ver002.rs"),
        rule: Some(&ver002::Ver002),
    },
    RuleMeta {
        code: "VER003",
        default_severity: Severity::Warning,
        title_ja: "旧版の様式で作成されている",
        title_en: "Form built from an old template version",
        source: include_str!("ver003.rs"),
        rule: Some(&ver003::Ver003),
    },
    RuleMeta {
        code: "VER004",
        default_severity: Severity::Warning,
        title_ja: "件名が公募の正式名称と異なる",
        title_en: "Title differs from the official title of the call",
        source: include_str!("ver004.rs"),
        rule: Some(&ver004::Ver004),
    },
];
