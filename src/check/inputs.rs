//! The files a command reads: submission sets ([`SetSpec`]) and their
//! members, expanded into single inputs in set order (zip members listed,
//! taken out only when read). `check` and `extract` read through here, so
//! both see the same files the same way.

use super::CheckError;
use super::walk::expand;
use super::zip_set::{ZipSource, take_zip_member, zip_members};
use crate::error::ReadError;
use crate::model::Document;
use crate::read::Limits;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// File extensions a directory's files are read by: the formats we read
/// (Word, legacy Word, Excel, ODF, PDF, text), and word-processor formats
/// that are likely a form saved wrongly (reported as IN003 by the
/// readers). Any other file met in a folder walk is [`Member::Foreign`]:
/// looked at by its bytes and reported (IN003 naming what it is) unless
/// it turns out to be a document yoshiki reads under another name.
const DIR_EXTENSIONS: &[&str] = &[
    "docx", "docm", "dotx", "xlsx", "xlsm", "xls", "xlsb", "ods", "txt", "csv", "doc", "dot",
    "pdf", "rtf", "odt", "jtd", "jtdc",
];

/// One submission set before reading.
#[derive(Debug, Clone)]
pub struct SetSpec {
    /// The set's name as given: the directory, the .zip or the file.
    pub display: String,
    /// Where to look for `yoshiki.toml`.
    pub config_start: PathBuf,
    /// What the look-up from `config_start` found, once `plan` has looked:
    /// a worker child and the closing "config used" note then take it from
    /// here instead of testing every folder again (three times per set).
    pub config_found: ConfigFound,
    pub members: Vec<Member>,
}

/// The `yoshiki.toml` of a set, as far as it has been looked up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ConfigFound {
    /// Not looked up yet: look from the set's `config_start`.
    #[default]
    NotLooked,
    /// None in the set's folder or above it: the built-in call's defaults.
    Builtin,
    /// This file.
    File(PathBuf),
}

impl ConfigFound {
    /// The file, once looked up; `None` for the built-in defaults and
    /// `NotLooked`.
    pub fn file(&self) -> Option<&Path> {
        match self {
            ConfigFound::File(f) => Some(f),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Member {
    Disk {
        path: PathBuf,
        display: String,
    },
    /// All members of a zip, read in place.
    Zip {
        path: PathBuf,
        display: String,
    },
    /// A file handed over in memory (the page, the server): read from its
    /// bytes; a `.zip` is a submission set read member by member.
    Memory {
        display: String,
        bytes: Arc<[u8]>,
    },
    /// A folder or file that could not even be listed: a finding on that
    /// path, the rest of the batch goes on.
    Unreadable {
        display: String,
        detail: String,
    },
    /// A file a folder walk met whose name is not one of the formats
    /// yoshiki reads (a picture, a presentation, an unknown file): read by
    /// its bytes when they are a document yoshiki reads, otherwise an
    /// IN003 finding naming what it is (never silently left out).
    Foreign {
        path: PathBuf,
        display: String,
    },
}

/// One file to read: from disk, a member of a zip (taken out when its turn
/// comes), or a finding about a zip member that cannot even be taken out.
pub(super) enum Input {
    Disk {
        path: PathBuf,
        display: String,
    },
    /// A [`Member::Foreign`] file.
    Foreign {
        path: PathBuf,
        display: String,
    },
    ZipMember {
        zip: ZipSource,
        index: usize,
        declared: u64,
        display: String,
    },
    Failed {
        display: String,
        error: ReadError,
    },
    /// Bytes handed to the engine by a door that has no file system (the
    /// page, the server).
    Memory {
        display: String,
        bytes: Vec<u8>,
    },
}

impl Input {
    /// A file met under a name yoshiki does not read (see
    /// [`Member::Foreign`]).
    pub(super) fn is_foreign(&self) -> bool {
        match self {
            Input::Foreign { .. } => true,
            Input::ZipMember { display, .. } | Input::Memory { display, .. } => {
                !has_read_extension(Path::new(display))
            }
            _ => false,
        }
    }

    pub(super) fn display(&self) -> &str {
        match self {
            Input::Disk { display, .. }
            | Input::Foreign { display, .. }
            | Input::ZipMember { display, .. }
            | Input::Memory { display, .. }
            | Input::Failed { display, .. } => display,
        }
    }
}

/// The files of the sets, in set order, zip members listed (not yet taken
/// out): what `check` reads, and what `extract` reads.
pub(super) fn inputs_of(specs: &[SetSpec], limits: &Limits) -> Vec<(usize, Input)> {
    let mut inputs: Vec<(usize, Input)> = Vec::new();
    for (set, spec) in specs.iter().enumerate() {
        for member in &spec.members {
            match member {
                Member::Disk { path, display } => inputs.push((
                    set,
                    Input::Disk {
                        path: path.clone(),
                        display: display.clone(),
                    },
                )),
                Member::Zip { path, display } => {
                    let source = ZipSource::Disk(path.clone());
                    for input in zip_members(&source, display, limits) {
                        inputs.push((set, input));
                    }
                }
                Member::Memory { display, bytes } if is_zip_name(Path::new(display)) => {
                    let source = ZipSource::Memory(Arc::clone(bytes));
                    for input in zip_members(&source, display, limits) {
                        inputs.push((set, input));
                    }
                }
                Member::Memory { display, bytes } => inputs.push((
                    set,
                    Input::Memory {
                        display: display.clone(),
                        bytes: bytes.to_vec(),
                    },
                )),
                Member::Foreign { path, display } => inputs.push((
                    set,
                    Input::Foreign {
                        path: path.clone(),
                        display: display.clone(),
                    },
                )),
                Member::Unreadable { display, detail } => inputs.push((
                    set,
                    Input::Failed {
                        display: display.clone(),
                        error: ReadError::Io {
                            path: display.clone(),
                            source: std::io::Error::other(detail.clone()),
                        },
                    },
                )),
            }
        }
    }

    inputs
}

/// One file `check` reads: a file on disk, a member of a .zip set, bytes
/// handed over, or a file that could not even be listed.
pub struct InputFile {
    /// Index of its submission set.
    pub set: usize,
    input: Input,
}

impl InputFile {
    /// The file as it is named in reports (`set.zip/提出書類/理由書.docx`).
    pub fn display(&self) -> &str {
        self.input.display()
    }

    /// Read it into the located document model.
    pub fn read(self, limits: &Limits) -> Result<Document, ReadError> {
        read_input(self.input, limits)
    }
}

/// Every file `check` would read for `paths` (files, folders, .zip sets),
/// in the order it reads them; `extract` reads the same.
pub fn input_files(paths: &[PathBuf], limits: &Limits) -> Result<Vec<InputFile>, CheckError> {
    Ok(input_files_and_skipped(paths, limits)?.0)
}

/// [`input_files`], and how many lock and system files the folder walks
/// left out ([`Summary::skipped`]).
pub fn input_files_and_skipped(
    paths: &[PathBuf],
    limits: &Limits,
) -> Result<(Vec<InputFile>, usize), CheckError> {
    let mut specs = Vec::new();
    let mut skipped = 0;
    for path in paths {
        expand(path, &mut specs, &mut skipped)?;
    }
    let files = inputs_of(&specs, limits)
        .into_iter()
        .map(|(set, input)| InputFile { set, input })
        .collect();
    Ok((files, skipped))
}

pub(super) fn read_input(input: Input, limits: &Limits) -> Result<Document, ReadError> {
    let display = input.display().to_string();
    match input {
        Input::Disk { path, .. } => crate::read::read_path(&path, limits),
        Input::Foreign { path, .. } => crate::read::read_foreign(&path, limits),
        Input::ZipMember {
            zip,
            index,
            declared,
            ..
        } => take_zip_member(&zip, index, declared, &display, limits).and_then(|bytes| {
            // A member under a name yoshiki does not read is looked at as a
            // folder's file is.
            if has_read_extension(Path::new(&display)) {
                crate::read::read_bytes(&display, bytes, limits)
            } else {
                crate::read::read_foreign_bytes(&display, bytes, limits)
            }
        }),
        Input::Failed { error, .. } => Err(error),
        // As a folder's file is: a name yoshiki does not read is looked at
        // by its bytes (the page and the CLI give the same findings).
        Input::Memory { bytes, .. } if has_read_extension(Path::new(&display)) => {
            crate::read::read_bytes(&display, bytes, limits)
        }
        Input::Memory { bytes, .. } => crate::read::read_foreign_bytes(&display, bytes, limits),
    }
}

/// A name whose extension is one of [`DIR_EXTENSIONS`].
pub(super) fn has_read_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DIR_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

pub(super) fn is_zip_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// Files the office applications or the OS leave beside documents.
pub(super) fn is_junk(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
        || name.eq_ignore_ascii_case(crate::config::FILE_NAME)
}
