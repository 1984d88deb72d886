//! IN003 — 対応していない形式。
//!
//! 何を調べるか: ファイルが yoshiki の読める形式（.docx .docm .dotx .doc .dot
//! .xlsx .xlsm .xls .xlsb .ods .pdf .txt .csv）か。メッセージには、ファイルが
//! 何に見えるか（RTF、OpenDocument テキスト、PowerPoint、Word 6/95 の文書
//! （版の名前付き）、Office 文書でない zip など）を書きます。ファイル名では
//! なく中身のバイトで判断します。
//!
//! なぜ問題か: 様式は公募が求める形式で提出するもので、この形式のファイルは
//! 確認も変換もできません。
//!
//! 例: `様式１.rtf` →
//! 「対応していない形式のファイルです（RTF文書 (Rich Text Format)）。.docx / .xlsx などで保存し直してください。」
//!
//! ---
//!
//! IN003 — unsupported format.
//!
//! What it checks: whether the file is one of the formats yoshiki reads
//! (.docx .docm .dotx .doc .dot .odt .xlsx .xlsm .xls .xlsb .ods .pdf .txt
//! .csv). The message says what the file looks like: an RTF, a picture
//! (PNG, JPEG, TIFF — often a scan), an OpenDocument presentation, a
//! PowerPoint file, a Word 6/95 file (named by its version), a zip that is
//! not an Office document. Raised by the readers, which look at the bytes,
//! not the name. In a folder every file is looked at: a file under a name
//! yoshiki does not read is read when its bytes are a supported document,
//! and is otherwise this finding (text under another name included); only
//! Office lock files (`~$…`) and system files are skipped, and counted.
//!
//! Why it matters: the forms must be submitted in the format the call asks
//! for; such a file cannot be checked or converted.
//!
//! Example: `様式１.rtf` →
//! 「対応していない形式のファイルです（RTF文書 (Rich Text Format)）。.docx / .xlsx などで保存し直してください。」
