//! IN003 — unsupported format.
//!
//! What it checks: whether the file is one of the formats yoshiki reads
//! (.docx .docm .dotx .xlsx .xlsm .xls .ods .txt .csv). The message says
//! what the file looks like: a legacy Word 97-2003 `.doc`, a PDF, an RTF, a
//! PowerPoint file, a zip that is not an Office document. Raised by the
//! readers, which look at the bytes, not the name.
//!
//! Why it matters: the forms must be submitted in the format the call asks
//! for; a `.doc` or a PDF cannot be checked or converted.
//!
//! Example: `様式１.doc` (Word 97-2003) →
//! 「対応していない形式のファイルです（旧形式の Word 文書 (.doc, Word 97-2003)）。.docx / .xlsx などで保存し直してください。」
