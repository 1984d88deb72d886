//! One finding as data: a code, a severity, a message in both languages,
//! where it is, an excerpt and an optional fix. It lives in the model so
//! that the rules build findings without depending on the renderers above
//! them (diag); diag re-exports it and adds `Diagnostic::new`, which takes
//! the rule table's default severity.

use crate::model::Location;
use serde::Serialize;

pub use crate::base::{Applicability, Lang, Severity, Text};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fix {
    /// The text that replaces `original` at the location.
    pub replacement: String,
    pub applicability: Applicability,
    /// The exact text to be replaced (as it reads in the document, run
    /// splits ignored). Used by `fix` to find the place.
    #[serde(skip)]
    pub original: String,
}

/// An excerpt of the document with the offending span marked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Excerpt {
    pub text: String,
    /// Byte range of `text` to highlight.
    pub highlight: Option<(usize, usize)>,
}

/// One finding.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: Text,
    /// What to write instead.
    pub help: Option<Text>,
    pub form: Option<String>,
    /// Canonical field path (`budget.total`, `items[3].status`).
    pub field: Option<String>,
    /// The place as a person names it (`様式２ ７．事業費総額 Ⅲ`).
    pub place: Option<Text>,
    pub location: Option<Location>,
    pub excerpt: Option<Excerpt>,
    pub fix: Option<Fix>,
    /// For cross-document findings: the other file.
    pub related: Option<String>,
    /// The excerpt holds personal data from the roster: masked unless the
    /// user asks to see it.
    pub personal: bool,
    /// Whose it is: the applicant's, or already in the issuer's blank
    /// template (`check --template`).
    pub origin: Origin,
    /// The technical cause in a library's own words (an unreadable file):
    /// kept out of the message, which speaks the user's language.
    pub detail: Option<String>,
}

/// Who a finding belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Origin {
    /// What the applicant wrote, changed or left unfilled.
    #[default]
    Applicant,
    /// What the call's blank template already contains (a link, a comment,
    /// hidden text, an old edition in a clause): the issuer's.
    Template,
}

impl Diagnostic {
    /// A finding of `code` at `severity` (the rules pass their table's
    /// default); set the rest with the builder methods.
    pub fn with_severity(code: &'static str, severity: Severity, message: Text) -> Self {
        Diagnostic {
            code,
            severity,
            message,
            help: None,
            form: None,
            field: None,
            place: None,
            location: None,
            excerpt: None,
            fix: None,
            related: None,
            personal: false,
            origin: Origin::Applicant,
            detail: None,
        }
    }

    /// Another severity than the rule's default (a rule whose severity
    /// depends on what it found; the config still has the last word).
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }

    pub fn form(mut self, form: impl Into<String>) -> Self {
        self.form = Some(form.into());
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn place(mut self, place: Text) -> Self {
        self.place = Some(place);
        self
    }

    pub fn location(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn excerpt(mut self, text: impl Into<String>, highlight: Option<(usize, usize)>) -> Self {
        self.excerpt = Some(Excerpt {
            text: text.into(),
            highlight,
        });
        self
    }

    pub fn fix(
        mut self,
        original: impl Into<String>,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Self {
        self.fix = Some(Fix {
            replacement: replacement.into(),
            applicability,
            original: original.into(),
        });
        self
    }

    pub fn related(mut self, path: impl Into<String>) -> Self {
        self.related = Some(path.into());
        self
    }

    pub fn detail(mut self, detail: Option<String>) -> Self {
        self.detail = detail;
        self
    }

    pub fn personal(mut self) -> Self {
        self.personal = true;
        self
    }
}
