//! IN006 — no text to check.
//!
//! What it checks: whether a PDF has a text layer. A PDF made by scanning
//! paper, or printed to PDF as pictures, holds only images: there is no
//! text to read the form from. Raised by the PDF reader when no page of the
//! file yields text.
//!
//! Why it matters: nothing in the submission can be checked; the official
//! would have to read it by eye. The applicant still has the Word or Excel
//! file the PDF was made from.
//!
//! Example: `申請書.pdf` scanned on a copier →
//! 「PDF に文字の情報がありません（スキャンした画像のみ）。…Word / Excel の元ファイルを提出してください。」
