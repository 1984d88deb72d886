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

    /// A plain-Japanese explanation for the person who sent the file: what
    /// is wrong and where, never a library's own words (those are
    /// `detail`).
    pub fn message_ja(&self) -> String {
        match self {
            ReadError::Io { source, .. } => {
                format!("ファイルを読み込めません（{}）。", io_reason_ja(source))
            }
            ReadError::CorruptZip { .. } => {
                "ファイルが壊れているため読み込めません（ZIP 形式として正しくありません）。保存し直したファイルを提出してください。".into()
            }
            ReadError::MissingPart { part } => {
                format!("ファイルの必須部分 {part} がありません。Word/Excelで開いて保存し直してください。")
            }
            ReadError::MalformedXml { part, offset, .. } => format!(
                "ファイル内部のXML（{part} の {offset} バイト目）が壊れています。Word/Excelで開いて保存し直してください。"
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
                "{}.docx / .xlsx などで保存し直してください。",
                crate::base::wording::with_reason("対応していない形式のファイルです", looks_like)
            ),
            ReadError::LimitExceeded { part, .. } => format!(
                "ファイルが大きすぎる、または圧縮率が異常なため処理を中止しました{}。",
                part.as_ref().map(|p| format!("（{p}）")).unwrap_or_default()
            ),
            ReadError::CorruptContainer { .. } => {
                "ファイルが壊れているため読み込めません（Word/Excel の古い形式のファイルの構造が正しくありません）。Word/Excelで開いて保存し直したファイルを提出してください。".into()
            }
            ReadError::EmptyOrNotOffice { .. } => {
                "ファイルが壊れているか、中身が空です。Word/Excelで開けるか確認し、保存し直したファイルを提出してください。".into()
            }
            ReadError::CorruptPdf { .. } => {
                "PDF ファイルが壊れているため読み込めません。元の Word / Excel ファイルを提出してください。".into()
            }
            ReadError::NoText { detail } => format!(
                "PDF に文字の情報がありません（{detail}）。スキャンした画像や画像として印刷した PDF は確認できません。Word / Excel の元ファイルを提出してください。"
            ),
            ReadError::Sheet { .. } => {
                "表計算ファイルを読み込めません。Excelで開いて保存し直してください。".into()
            }
        }
    }

    /// The same in English (`--lang en`): what and where, the library's
    /// words left to `detail`.
    pub fn message_en(&self) -> String {
        match self {
            ReadError::Io { path, source } => {
                format!("cannot read {path} ({}).", io_reason_en(source))
            }
            ReadError::CorruptZip { .. } => {
                "the file is corrupt and cannot be read (not a valid zip container); submit a file saved again.".into()
            }
            ReadError::MissingPart { part } => {
                format!("the file lacks its required part {part}; open it in Word/Excel and save it again.")
            }
            ReadError::MalformedXml { part, offset, .. } => format!(
                "the XML inside the file ({part}, byte {offset}) is broken; open it in Word/Excel and save it again."
            ),
            ReadError::NoText { .. } => {
                "the PDF has no text (a scan or pictures printed to PDF); submit the Word / Excel original.".into()
            }
            ReadError::CorruptContainer { .. } => {
                "the file is corrupt and cannot be read (a broken legacy Word/Excel container); submit a file saved again.".into()
            }
            ReadError::EmptyOrNotOffice { .. } => {
                "the file is corrupt or empty; check that it opens in Word/Excel and submit it saved again.".into()
            }
            ReadError::CorruptPdf { .. } => {
                "the PDF is corrupt and cannot be read; submit the Word / Excel original.".into()
            }
            ReadError::Sheet { .. } => {
                "the spreadsheet cannot be read; open it in Excel and save it again.".into()
            }
            ReadError::LimitExceeded { part, .. } => format!(
                "processing stopped: the file is too large or compressed abnormally{}.",
                part.as_ref().map(|p| format!(" ({p})")).unwrap_or_default()
            ),
            ReadError::Unsupported { looks_like } => format!(
                "unsupported format ({}); save it as .docx / .xlsx and submit it again.",
                looks_like_en(looks_like)
            ),
            ReadError::Encrypted { .. } => {
                "the file is password-protected (encrypted) and cannot be checked.".into()
            }
            // The rest say nothing a library wrote.
            other => other.to_string(),
        }
    }

    /// The technical cause in the reader's or the library's own words, for
    /// JSON `detail` and the report's 詳細 line; None when the message says it all.
    pub fn detail(&self) -> Option<String> {
        match self {
            ReadError::Io { source, .. } => Some(source.to_string()),
            ReadError::CorruptZip { detail }
            | ReadError::MalformedXml { detail, .. }
            | ReadError::LimitExceeded { detail, .. }
            | ReadError::CorruptContainer { detail }
            | ReadError::EmptyOrNotOffice { detail }
            | ReadError::CorruptPdf { detail }
            | ReadError::NoText { detail }
            | ReadError::Sheet { detail } => Some(detail.clone()),
            // The message says it all: a password to open.
            ReadError::Encrypted { .. } => None,
            ReadError::MissingPart { .. }
            | ReadError::DtdRefused { .. }
            | ReadError::TooDeep { .. }
            | ReadError::Unsupported { .. } => None,
        }
    }
}

/// What an unsupported file looks like, in English: the readers name it in
/// Japanese (the words officials read); the known names are turned here.
fn looks_like_en(ja: &str) -> String {
    const NAMES: &[(&str, &str)] = &[
        ("RTF文書", "an RTF document"),
        ("RAR/7z圧縮ファイル", "a RAR/7z archive"),
        (
            "OpenDocument テキスト文書",
            "an OpenDocument text document (.odt)",
        ),
        ("OpenDocument 文書", "an OpenDocument document"),
        (
            "PowerPoint プレゼンテーション",
            "a PowerPoint presentation (.pptx)",
        ),
        (
            "Office 文書ではない ZIP",
            "a zip archive that is not an Office document",
        ),
        ("旧形式の PowerPoint", "a legacy PowerPoint file (.ppt)"),
        (
            "OLE2 複合ファイル",
            "an OLE2 compound file (a legacy Office document)",
        ),
        (
            "テキストでも Office 文書でもない",
            "a binary file, neither text nor an Office document",
        ),
        ("フォルダ", "a folder, not a file"),
        (
            "高速保存または旧形式",
            "an old Word document (fast-saved or pre-97 format)",
        ),
    ];
    NAMES
        .iter()
        .find(|(j, _)| ja.contains(j))
        .map_or_else(|| ja.to_string(), |(_, e)| e.to_string())
}

/// Why a file could not be opened, in plain Japanese (the system's own
/// words are English or depend on the computer's language).
pub fn io_reason_ja(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "見つかりません",
        K::PermissionDenied => "読み書きする権限がありません",
        K::IsADirectory => "ファイルではなくフォルダです",
        K::AlreadyExists => "既にあります",
        K::StorageFull => "ディスクの空きが足りません",
        K::ReadOnlyFilesystem => "書き込めない場所です",
        K::UnexpectedEof => "途中で切れています",
        _ => "読み書きできません",
    }
}

/// The same in English.
pub fn io_reason_en(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "not found",
        K::PermissionDenied => "permission denied",
        K::IsADirectory => "a folder, not a file",
        K::AlreadyExists => "already exists",
        K::StorageFull => "the disk is full",
        K::ReadOnlyFilesystem => "a read-only place",
        K::UnexpectedEof => "cut short",
        _ => "cannot be read or written",
    }
}

/// An error told to a person: what is wrong and where, in each language,
/// and apart from it the technical cause (a library's or the system's own
/// words), which a message never quotes.
pub trait Explained {
    fn said_ja(&self) -> String;
    fn said_en(&self) -> String;
    fn detail(&self) -> Option<String>;
}

impl Explained for ReadError {
    fn said_ja(&self) -> String {
        self.message_ja()
    }
    fn said_en(&self) -> String {
        self.message_en()
    }
    fn detail(&self) -> Option<String> {
        ReadError::detail(self)
    }
}

impl Explained for std::io::Error {
    fn said_ja(&self) -> String {
        format!("{}。", io_reason_ja(self))
    }
    fn said_en(&self) -> String {
        format!("{}.", io_reason_en(self))
    }
    fn detail(&self) -> Option<String> {
        Some(self.to_string())
    }
}
