//! IN001 — file unreadable or corrupt.
//!
//! What it checks: whether the file can be opened at all. Raised by the
//! readers, not by a rule: a zip container that is not valid, a part the
//! format requires that is missing (`word/document.xml`), XML that does not
//! parse, a spreadsheet the sheet library rejects, or a file that cannot be
//! read from disk.
//!
//! Why it matters: a file nobody can open cannot be accepted; often it was
//! cut short by an e-mail gateway or saved by a tool that writes broken
//! Office files. Nothing else in the file is checked.
//!
//! Example: `申請書.docx` whose zip directory is truncated →
//! 「ファイルが壊れているため読み込めません（ZIP形式として不正…）。保存し直したファイルを提出してください。」
