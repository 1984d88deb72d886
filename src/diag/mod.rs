//! Diagnostics are data: a code, a severity, a message in both languages,
//! where it is, an excerpt and an optional fix. The CLI renders them
//! (human via miette, JSON, SARIF); the library never prints.

pub mod check_report;
pub mod concise;
pub mod human;
pub mod json;
pub mod pretty;
pub mod sarif;

// The words of a finding live in the lowest layer, so that the model,
// forms and config can use them without depending on diag.
pub use crate::base::{Applicability, Lang, Severity, Text};

pub use crate::model::finding::{Diagnostic, Excerpt, Fix, Origin};

impl Diagnostic {
    /// A finding with the rule's default severity; set the rest with the
    /// builder methods. (The rules themselves use `rules::finding`, which
    /// does the same from below.)
    pub fn new(code: &'static str, message: Text) -> Self {
        Diagnostic::with_severity(code, crate::rules::default_severity(code), message)
    }
}
