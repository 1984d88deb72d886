//! IN005 — resource limit hit.
//!
//! What it checks: a file larger than the limit, a zip member that inflates
//! far beyond its compressed size (a zip bomb), too many zip entries, XML
//! nested too deeply, a DOCTYPE or entity declaration (refused, never
//! expanded), a sheet with too many cells. Raised by the readers; the file
//! is not processed further.
//!
//! Why it matters: these files cost unbounded memory or time, or are built
//! to attack the reader. A genuine form is never anywhere near the limits.
//!
//! Example: `報告書.docx` whose `word/document.xml` inflates 1,000 times its
//! compressed size → 「…圧縮率が異常なため処理を中止しました…」
