//! IN001 — ファイルが読み込めない・壊れている。
//!
//! 何を調べるか: ファイルがそもそも開けるか。規則ではなく読み取りの段階で
//! 出る指摘: ZIP 形式として正しくない、形式に必要な部分（`word/document.xml`
//! など）がない、内部の XML が読めない、表計算の読み取りで拒まれた、ディスク
//! から読めない、のいずれか。
//!
//! なぜ問題か: 誰も開けないファイルは受け付けられません。メールの中継で
//! 途中が切れた、壊れた Office ファイルを書く道具で保存した、ということが
//! よくあります。このファイルの他の点は確認しません。
//!
//! 例: ZIP の目録が途中で切れた `申請書.docx` →
//! 「ファイルが壊れているため読み込めません（ZIP 形式として正しくありません）。保存し直したファイルを提出してください。」
//!
//! ---
//!
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
//! 「ファイルが壊れているため読み込めません（ZIP 形式として正しくありません）。保存し直したファイルを提出してください。」
