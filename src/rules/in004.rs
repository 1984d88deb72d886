//! IN004 — no known form recognised in the file.
//!
//! What it checks: a file that could be read but in which none of the forms
//! of the call (様式１ 申請書, 様式２ 企画提案書, 別添 理由書, 別添様式 名簿, 別記,
//! 別紙 報告書) was found. Raised by the check pipeline after extraction.
//!
//! Why it matters: either the file is an attachment that is not a form
//! (then this warning can be ignored), or the form was rebuilt so freely
//! that its entries cannot be found and checked — the official would have
//! to check it by hand.
//!
//! Example: a cover letter `送付状.docx` in the submission folder →
//! 「この文書から既知の様式を見つけられませんでした。」
