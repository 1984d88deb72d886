//! Typed errors, one enum per layer.

use thiserror::Error;

/// Why a file could not be read. Each maps to an IN00x rule code.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Not a valid zip, or a zip entry that cannot be inflated.
    #[error("corrupt zip container: {detail}")]
    CorruptZip { detail: String },
    /// A part the format requires is absent.
    #[error("missing part {part}")]
    MissingPart { part: String },
    /// XML that does not parse; `offset` is the byte offset in the part.
    #[error("malformed XML in {part} at byte {offset}: {detail}")]
    MalformedXml {
        part: String,
        offset: u64,
        detail: String,
    },
    /// A DOCTYPE or entity declaration: refused, never expanded.
    #[error("{part} declares a DOCTYPE or entities (refused, not expanded)")]
    DtdRefused { part: String },
    /// Element nesting beyond the limit.
    #[error("{part}: XML nesting deeper than {limit} levels")]
    TooDeep { part: String, limit: usize },
    /// Password-protected or encrypted.
    #[error("encrypted file: {detail}")]
    Encrypted { detail: String },
    /// Not a format we read; `looks_like` says what it seems to be.
    #[error("unsupported format: {looks_like}")]
    Unsupported { looks_like: String },
    /// A resource limit was hit (zip bomb, huge part, too many cells).
    #[error("resource limit hit{}: {detail}", part.as_ref().map(|p| format!(" in {p}")).unwrap_or_default())]
    LimitExceeded {
        part: Option<String>,
        detail: String,
    },
    /// An OLE2 compound file (.xls, .doc) whose structure is broken: a
    /// sector chain that loops, a size its sectors cannot hold.
    #[error("corrupt OLE2 compound file: {detail}")]
    CorruptContainer { detail: String },
    /// An Office name (.docx, .xlsx …) on empty or plain-text bytes.
    #[error("the file is empty or not an Office document: {detail}")]
    EmptyOrNotOffice { detail: String },
    /// A PDF whose structure cannot be parsed.
    #[error("corrupt PDF: {detail}")]
    CorruptPdf { detail: String },
    /// A PDF with no text layer (a scan): nothing to check.
    #[error("no text to check: {detail}")]
    NoText { detail: String },
    /// A spreadsheet the sheet library rejected.
    #[error("spreadsheet error: {detail}")]
    Sheet { detail: String },
}

impl ReadError {
    /// The rule code a finding about this error carries.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Io { .. }
            | ReadError::CorruptZip { .. }
            | ReadError::MissingPart { .. }
            | ReadError::MalformedXml { .. }
            | ReadError::EmptyOrNotOffice { .. }
            | ReadError::CorruptContainer { .. }
            | ReadError::CorruptPdf { .. }
            | ReadError::Sheet { .. } => "IN001",
            ReadError::Encrypted { .. } => "IN002",
            ReadError::Unsupported { .. } => "IN003",
            ReadError::NoText { .. } => "IN006",
            ReadError::DtdRefused { .. }
            | ReadError::TooDeep { .. }
            | ReadError::LimitExceeded { .. } => "IN005",
        }
    }

    /// A plain-Japanese explanation for the person who sent the file.
    pub fn message_ja(&self) -> String {
        match self {
            ReadError::Io { source, .. } => format!("ファイルを読み込めません（{source}）。"),
            ReadError::CorruptZip { detail } => {
                format!("ファイルが壊れているため読み込めません（ZIP形式として不正: {detail}）。保存し直したファイルを提出してください。")
            }
            ReadError::MissingPart { part } => {
                format!("ファイルの必須部分 {part} がありません。Word/Excelで開いて保存し直してください。")
            }
            ReadError::MalformedXml { part, offset, detail } => format!(
                "ファイル内部のXML（{part} の {offset} バイト目）が壊れています（{detail}）。Word/Excelで開いて保存し直してください。"
            ),
            ReadError::DtdRefused { part } => format!(
                "ファイル内部のXML（{part}）にDOCTYPE/実体宣言があり、安全のため読み込みを中止しました。"
            ),
            ReadError::TooDeep { part, limit } => format!(
                "ファイル内部のXML（{part}）の入れ子が深すぎます（上限 {limit} 段）。安全のため読み込みを中止しました。"
            ),
            ReadError::Encrypted { .. } => {
                "ファイルがパスワードで保護（暗号化）されているため確認できません。パスワードを解除して提出してください。".into()
            }
            ReadError::Unsupported { looks_like } => format!(
                "対応していない形式のファイルです（{looks_like}）。.docx / .xlsx などで保存し直してください。"
            ),
            ReadError::LimitExceeded { part, detail } => format!(
                "ファイルが大きすぎる、または圧縮率が異常なため処理を中止しました{}（{detail}）。",
                part.as_ref().map(|p| format!("（{p}）")).unwrap_or_default()
            ),
            ReadError::CorruptContainer { detail } => format!(
                "ファイルが壊れているため読み込めません（OLE2複合ファイルとして不正: {detail}）。Word/Excelで開いて保存し直したファイルを提出してください。"
            ),
            ReadError::EmptyOrNotOffice { detail } => format!(
                "ファイルが壊れているか、中身が空です（{detail}）。Word/Excelで開けるか確認し、保存し直したファイルを提出してください。"
            ),
            ReadError::CorruptPdf { detail } => format!(
                "PDF ファイルが壊れているため読み込めません（{detail}）。元の Word / Excel ファイルを提出してください。"
            ),
            ReadError::NoText { detail } => format!(
                "PDF に文字の情報がありません（{detail}）。スキャンした画像や画像として印刷した PDF は確認できません。Word / Excel の元ファイルを提出してください。"
            ),
            ReadError::Sheet { detail } => {
                format!("表計算ファイルを読み込めません（{detail}）。Excelで開いて保存し直してください。")
            }
        }
    }
}
