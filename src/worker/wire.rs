//! What crosses the pipe between the parent and a check worker, one JSON
//! object per line. Paths travel byte-exact (a name that is not UTF-8 stays
//! the same file), findings with every field.

use crate::check::{ConfigFound, FileReport, FormRef, Member, SetSpec};
use crate::diag::{Applicability, Diagnostic, Excerpt, Fix, Severity, Text};
use crate::model::Location;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A path as UTF-8 when it is, else its raw bytes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum PathWire {
    Utf8(String),
    Bytes(Vec<u8>),
}

impl PathWire {
    pub fn from_path(p: &Path) -> PathWire {
        match p.to_str() {
            Some(s) => PathWire::Utf8(s.to_string()),
            None => PathWire::Bytes(path_bytes(p)),
        }
    }

    pub fn to_path(&self) -> PathBuf {
        match self {
            PathWire::Utf8(s) => PathBuf::from(s),
            PathWire::Bytes(b) => path_from_bytes(b),
        }
    }
}

#[cfg(unix)]
fn path_bytes(p: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    p.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(p: &Path) -> Vec<u8> {
    p.to_string_lossy().into_owned().into_bytes()
}

#[cfg(unix)]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(b))
}

#[cfg(not(unix))]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(b).into_owned())
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetWire {
    display: String,
    config_start: PathWire,
    /// The parent's look-up, so that the child does not test the folders
    /// again.
    #[serde(default)]
    config_found: ConfigWire,
    members: Vec<MemberWire>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
enum ConfigWire {
    #[default]
    NotLooked,
    Builtin,
    File(PathWire),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
enum MemberWire {
    Disk { path: PathWire, display: String },
    Zip { path: PathWire, display: String },
    Unreadable { display: String, detail: String },
    Memory { display: String, bytes: Vec<u8> },
    Foreign { path: PathWire, display: String },
}

impl SetWire {
    pub fn from_spec(spec: &SetSpec) -> SetWire {
        SetWire {
            display: spec.display.clone(),
            config_start: PathWire::from_path(&spec.config_start),
            config_found: match &spec.config_found {
                ConfigFound::NotLooked => ConfigWire::NotLooked,
                ConfigFound::Builtin => ConfigWire::Builtin,
                ConfigFound::File(f) => ConfigWire::File(PathWire::from_path(f)),
            },
            members: spec
                .members
                .iter()
                .map(|m| match m {
                    Member::Disk { path, display } => MemberWire::Disk {
                        path: PathWire::from_path(path),
                        display: display.clone(),
                    },
                    Member::Zip { path, display } => MemberWire::Zip {
                        path: PathWire::from_path(path),
                        display: display.clone(),
                    },
                    Member::Unreadable { display, detail } => MemberWire::Unreadable {
                        display: display.clone(),
                        detail: detail.clone(),
                    },
                    Member::Memory { display, bytes } => MemberWire::Memory {
                        display: display.clone(),
                        bytes: bytes.to_vec(),
                    },
                    Member::Foreign { path, display } => MemberWire::Foreign {
                        path: PathWire::from_path(path),
                        display: display.clone(),
                    },
                })
                .collect(),
        }
    }

    pub fn to_spec(&self) -> SetSpec {
        SetSpec {
            display: self.display.clone(),
            config_start: self.config_start.to_path(),
            config_found: match &self.config_found {
                ConfigWire::NotLooked => ConfigFound::NotLooked,
                ConfigWire::Builtin => ConfigFound::Builtin,
                ConfigWire::File(f) => ConfigFound::File(f.to_path()),
            },
            members: self
                .members
                .iter()
                .map(|m| match m {
                    MemberWire::Disk { path, display } => Member::Disk {
                        path: path.to_path(),
                        display: display.clone(),
                    },
                    MemberWire::Zip { path, display } => Member::Zip {
                        path: path.to_path(),
                        display: display.clone(),
                    },
                    MemberWire::Unreadable { display, detail } => Member::Unreadable {
                        display: display.clone(),
                        detail: detail.clone(),
                    },
                    MemberWire::Memory { display, bytes } => Member::Memory {
                        display: display.clone(),
                        bytes: bytes.as_slice().into(),
                    },
                    MemberWire::Foreign { path, display } => Member::Foreign {
                        path: path.to_path(),
                        display: display.clone(),
                    },
                })
                .collect(),
        }
    }
}

/// A finding with every field (the renderers' JSON leaves some out).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DiagWire {
    code: String,
    severity: Severity,
    message: Text,
    help: Option<Text>,
    form: Option<String>,
    field: Option<String>,
    place: Option<Text>,
    location: Option<Location>,
    excerpt: Option<(String, Option<(usize, usize)>)>,
    fix: Option<(String, Applicability, String)>,
    related: Option<String>,
    personal: bool,
    #[serde(default)]
    detail: Option<String>,
}

impl DiagWire {
    pub fn from_diag(d: &Diagnostic) -> DiagWire {
        DiagWire {
            code: d.code.to_string(),
            severity: d.severity,
            message: d.message.clone(),
            help: d.help.clone(),
            form: d.form.clone(),
            field: d.field.clone(),
            place: d.place.clone(),
            location: d.location.clone(),
            excerpt: d.excerpt.as_ref().map(|e| (e.text.clone(), e.highlight)),
            fix: d
                .fix
                .as_ref()
                .map(|f| (f.replacement.clone(), f.applicability, f.original.clone())),
            related: d.related.clone(),
            personal: d.personal,
            detail: d.detail.clone(),
        }
    }

    /// [`DiagWire::from_diag`] without copying the texts (the child's
    /// side, once per finding it sends).
    pub fn from_owned(d: Diagnostic) -> DiagWire {
        DiagWire {
            code: d.code.to_string(),
            severity: d.severity,
            message: d.message,
            help: d.help,
            form: d.form,
            field: d.field,
            place: d.place,
            location: d.location,
            excerpt: d.excerpt.map(|e| (e.text, e.highlight)),
            fix: d.fix.map(|f| (f.replacement, f.applicability, f.original)),
            related: d.related,
            personal: d.personal,
            detail: d.detail,
        }
    }

    pub fn to_diag(&self) -> Diagnostic {
        self.clone().into_diag()
    }

    /// [`DiagWire::to_diag`] without copying the texts (the parent's side,
    /// once per finding of the batch).
    pub fn into_diag(self) -> Diagnostic {
        let mut d = Diagnostic::new(static_code(&self.code), self.message);
        d.severity = self.severity;
        d.help = self.help;
        d.form = self.form;
        d.field = self.field;
        d.place = self.place;
        d.location = self.location;
        d.excerpt = self
            .excerpt
            .map(|(text, highlight)| Excerpt { text, highlight });
        d.fix = self.fix.map(|(replacement, applicability, original)| Fix {
            replacement,
            applicability,
            original,
        });
        d.related = self.related;
        d.personal = self.personal;
        d.detail = self.detail;
        d
    }
}

/// The registry's `&'static str` for a code (codes are a fixed table; an
/// unknown one, which only a newer child could send, is kept once).
fn static_code(code: &str) -> &'static str {
    // `meta` ignores case; the code must be the same text.
    if let Some(meta) = crate::rules::meta(code).filter(|m| m.code == code) {
        return meta.code;
    }
    for known in ["IN001", "IN002", "IN003", "IN004", "IN005", "IN006"] {
        if known == code {
            return known;
        }
    }
    Box::leak(code.to_string().into_boxed_str())
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileWire {
    path: String,
    format: String,
    forms: Vec<(String, String)>,
    diagnostics: Vec<DiagWire>,
    set: usize,
    path_bytes: Option<Vec<u8>>,
}

impl FileWire {
    /// The wire form of a report, taking its texts over (the child sends
    /// each report once).
    pub fn from_report(r: FileReport) -> FileWire {
        FileWire {
            path: r.path,
            format: r.format,
            forms: r
                .forms
                .into_iter()
                .map(|f| (f.form, f.template_version))
                .collect(),
            diagnostics: r
                .diagnostics
                .into_iter()
                .map(DiagWire::from_owned)
                .collect(),
            set: r.set,
            path_bytes: r.path_bytes,
        }
    }

    pub fn into_report(self) -> FileReport {
        FileReport {
            path: self.path,
            format: self.format,
            forms: self
                .forms
                .into_iter()
                .map(|(form, template_version)| FormRef {
                    form,
                    template_version,
                })
                .collect(),
            diagnostics: self
                .diagnostics
                .into_iter()
                .map(DiagWire::into_diag)
                .collect(),
            set: self.set,
            path_bytes: self.path_bytes,
        }
    }
}

/// Parent → child.
#[derive(Debug, Serialize, Deserialize)]
pub struct Request {
    pub sets: Vec<SetWire>,
    /// The first set's index in the whole check.
    pub index: usize,
    pub skip: Vec<(String, DiagWire)>,
    pub threads: usize,
}

/// Child → parent, one per line; `Result` ends a request.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "e")]
pub enum Event {
    /// File number `i` of the request whose first set is `k` is about to
    /// be read (`k` tells the events of a request sent ahead from those of
    /// the one before it).
    Start { k: usize, i: usize, display: String },
    /// File number `i` of request `k` is settled.
    Done { k: usize, i: usize },
    Result {
        files: Vec<FileWire>,
        internal_errors: Vec<String>,
        /// The child should be replaced (a thread of it overran and may
        /// still be running).
        recycle: bool,
    },
}

/// A `Result` line read straight into its fields. Through [`Event`] (an
/// internally tagged enum) serde first buffers the whole object, copying
/// every string once more, before it picks the variant; the result lines
/// are nearly all the bytes a child sends. The `e` key is ignored.
#[derive(Debug, Deserialize)]
pub struct ResultWire {
    pub files: Vec<FileWire>,
    pub internal_errors: Vec<String>,
    pub recycle: bool,
}

/// Whether a line is the end of a request.
pub fn is_result(line: &str) -> bool {
    line.starts_with("{\"e\":\"Result\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Text};

    #[test]
    fn a_result_line_reads_the_same_as_a_result_wire() {
        let diag = Diagnostic::new("PH001", Text::new("残っています", "left in"))
            .help(Text::new("書いてください", "write it"));
        let report = FileReport {
            path: "set/01.docx".into(),
            format: "docx".into(),
            forms: Vec::new(),
            diagnostics: vec![diag],
            set: 3,
            path_bytes: None,
        };
        let line = serde_json::to_string(&Event::Result {
            files: vec![FileWire::from_report(report)],
            internal_errors: vec!["one".into()],
            recycle: true,
        })
        .unwrap();
        assert!(is_result(&line));
        let got: ResultWire = serde_json::from_str(&line).unwrap();
        let Ok(Event::Result {
            files,
            internal_errors,
            recycle,
        }) = serde_json::from_str::<Event>(&line)
        else {
            panic!("not a result: {line}");
        };
        assert_eq!(got.internal_errors, internal_errors);
        assert_eq!(got.recycle, recycle);
        let json = |f: Vec<FileWire>| {
            let reports: Vec<FileReport> = f.into_iter().map(FileWire::into_report).collect();
            format!("{reports:?}")
        };
        assert_eq!(json(got.files), json(files));
    }

    #[test]
    fn a_set_crosses_with_the_parents_config_look_up() {
        let spec = |found: ConfigFound| SetSpec {
            display: "set".into(),
            config_start: PathBuf::from("/in/set"),
            config_found: found,
            members: Vec::new(),
        };
        for found in [
            ConfigFound::NotLooked,
            ConfigFound::Builtin,
            ConfigFound::File(PathBuf::from("/in/yoshiki.toml")),
        ] {
            let line = serde_json::to_string(&SetWire::from_spec(&spec(found.clone())))
                .unwrap_or_default();
            let back: SetWire = serde_json::from_str(&line).unwrap();
            assert_eq!(back.to_spec().config_found, found, "{line}");
        }
        // A line without it is a set not looked up (the child looks).
        let old = r#"{"display":"set","config_start":{"Utf8":"/in/set"},"members":[]}"#;
        let back: SetWire = serde_json::from_str(old).unwrap();
        assert_eq!(back.to_spec().config_found, ConfigFound::NotLooked);
    }
}
