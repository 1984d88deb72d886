//! IN006 — 確認できる文字がない。
//!
//! 何を調べるか: PDF に文字の情報（テキスト層）があるか。紙をスキャンした PDF
//! や画像として印刷した PDF は画像だけで、様式を読み取る文字がありません。
//! どのページからも文字が取れないとき、PDF の読み取りが出す指摘です。
//!
//! なぜ問題か: 提出物を何も確認できず、担当者が目で読むことになります。申請者
//! の手元には PDF の元になった Word / Excel のファイルがあるはずです。
//!
//! 例: コピー機でスキャンした `申請書.pdf` →
//! 「PDF に文字の情報がありません（スキャンした画像のみ）。…Word / Excel の元ファイルを提出してください。」
//!
//! ---
//!
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
