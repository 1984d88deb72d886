//! A submission .zip read in place: its members listed against the limits
//! from the central directory, each taken out in memory when its turn comes.

use super::inputs::{Input, is_junk};
use crate::error::ReadError;
use crate::read::Limits;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where a submission zip's bytes are: on disk (read in place, one member
/// at a time) or already in memory.
#[derive(Clone)]
pub(crate) enum ZipSource {
    Disk(PathBuf),
    Memory(Arc<[u8]>),
}

trait ReadSeek: Read + std::io::Seek + Send {}
impl<T: Read + std::io::Seek + Send> ReadSeek for T {}

impl ZipSource {
    fn len(&self) -> std::io::Result<u64> {
        match self {
            ZipSource::Disk(path) => std::fs::metadata(path).map(|m| m.len()),
            ZipSource::Memory(bytes) => Ok(bytes.len() as u64),
        }
    }

    fn open(&self, display: &str) -> Result<zip::ZipArchive<Box<dyn ReadSeek>>, ReadError> {
        let reader: Box<dyn ReadSeek> = match self {
            ZipSource::Disk(path) => {
                let file = std::fs::File::open(path).map_err(|source| ReadError::Io {
                    path: display.to_string(),
                    source,
                })?;
                Box::new(std::io::BufReader::new(file))
            }
            ZipSource::Memory(bytes) => Box::new(std::io::Cursor::new(Arc::clone(bytes))),
        };
        zip::ZipArchive::new(reader).map_err(|e| ReadError::CorruptZip {
            detail: e.to_string(),
        })
    }
}

/// Lock and system files in a submission .zip, which [`zip_members`]
/// leaves out: counted from the central directory (nothing inflated; a zip
/// that cannot be opened counts none, its finding comes later).
pub(super) fn zip_junk_members(path: &Path) -> usize {
    let Ok(file) = std::fs::File::open(path) else {
        return 0;
    };
    let Ok(mut archive) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return 0;
    };
    (0..archive.len())
        .filter_map(|i| {
            let f = archive.by_index_raw(i).ok()?;
            (!f.is_dir()).then(|| decode_name(f.name_raw()))
        })
        .filter(|name| {
            let base = name.rsplit('/').next().unwrap_or(name);
            !name.starts_with("__MACOSX/") && !base.is_empty() && is_junk(base)
        })
        .count()
}

/// The members of a submission .zip as inputs, checked against the limits
/// from the zip's directory (nothing inflated yet: [`take_zip_member`]
/// takes each out when its turn comes). A zip that cannot be opened is one
/// failed input named after the archive.
pub(super) fn zip_members(source: &ZipSource, display: &str, limits: &Limits) -> Vec<Input> {
    let failed = |error: ReadError| {
        vec![Input::Failed {
            display: display.to_string(),
            error,
        }]
    };
    let size = match source.len() {
        Ok(n) => n,
        Err(source) => {
            return failed(ReadError::Io {
                path: display.to_string(),
                source,
            });
        }
    };
    if size > limits.max_file_bytes {
        return failed(ReadError::LimitExceeded {
            part: None,
            detail: format!(
                "zip is {size} bytes, over the limit of {} bytes",
                limits.max_file_bytes
            ),
        });
    }
    let mut archive = match source.open(display) {
        Ok(a) => a,
        Err(e) => return failed(e),
    };
    if archive.len() > limits.max_entries {
        return failed(ReadError::LimitExceeded {
            part: None,
            detail: format!(
                "{} zip entries, over the limit of {}",
                archive.len(),
                limits.max_entries
            ),
        });
    }
    let mut out = Vec::new();
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        // Metadata without inflating.
        let (name, is_dir, encrypted, declared, compressed) = match archive.by_index_raw(index) {
            Ok(f) => (
                decode_name(f.name_raw()),
                f.is_dir(),
                f.encrypted(),
                f.size(),
                f.compressed_size(),
            ),
            Err(e) => {
                out.push(Input::Failed {
                    display: member_display(display, &format!("#{index}")),
                    error: ReadError::CorruptZip {
                        detail: e.to_string(),
                    },
                });
                continue;
            }
        };
        let base = name.rsplit('/').next().unwrap_or(&name).to_string();
        if is_dir || base.is_empty() || is_junk(&base) || name.starts_with("__MACOSX/") {
            continue;
        }
        let shown = member_display(display, &name);
        let fail = |error| Input::Failed {
            display: shown.clone(),
            error,
        };
        if encrypted {
            out.push(fail(ReadError::Encrypted {
                detail: "the zip member is encrypted with a password".into(),
            }));
            continue;
        }
        if declared > limits.max_file_bytes {
            out.push(fail(ReadError::LimitExceeded {
                part: Some(name.clone()),
                detail: format!(
                    "{declared} bytes inflated, over the limit of {} bytes",
                    limits.max_file_bytes
                ),
            }));
            continue;
        }
        if declared > limits.ratio_floor_bytes && declared / compressed.max(1) > limits.max_ratio {
            out.push(fail(ReadError::LimitExceeded {
                part: Some(name.clone()),
                detail: format!(
                    "compression ratio {}:1 over the limit of {}:1",
                    declared / compressed.max(1),
                    limits.max_ratio
                ),
            }));
            continue;
        }
        if total.saturating_add(declared) > limits.max_total_inflated {
            out.push(fail(ReadError::LimitExceeded {
                part: Some(name.clone()),
                detail: format!(
                    "the zip inflates to more than {} bytes in total",
                    limits.max_total_inflated
                ),
            }));
            continue;
        }
        total = total.saturating_add(declared);
        out.push(Input::ZipMember {
            zip: source.clone(),
            index,
            declared,
            display: shown,
        });
    }
    out
}

/// Take one member out of a submission zip, in memory, never trusting its
/// declared size (read at most one byte past it).
pub(super) fn take_zip_member(
    zip: &ZipSource,
    index: usize,
    declared: u64,
    display: &str,
    limits: &Limits,
) -> Result<Vec<u8>, ReadError> {
    let mut archive = zip.open(display)?;
    let mut member = archive.by_index(index).map_err(|e| ReadError::CorruptZip {
        detail: e.to_string(),
    })?;
    let cap = declared.min(limits.max_file_bytes).saturating_add(1);
    let mut bytes =
        Vec::with_capacity(usize::try_from(declared.min(64 * 1024 * 1024)).unwrap_or(0));
    (&mut member)
        .take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::CorruptZip {
            detail: e.to_string(),
        })?;
    if bytes.len() as u64 > declared {
        return Err(ReadError::LimitExceeded {
            part: Some(decode_name(member.name_raw())),
            detail: "the member inflates beyond its declared size".into(),
        });
    }
    Ok(bytes)
}

/// A zip member as people see its path: the archive, then the member's own
/// folders, with the platform's one separator (`C:\\受付\\set.zip\\提出書類\\理由書.docx`
/// on Windows, never a mix of `\\` and `/`).
fn member_display(archive: &str, name: &str) -> String {
    let sep = std::path::MAIN_SEPARATOR;
    let name: String = name
        .chars()
        .map(|c| if c == '/' { sep } else { c })
        .collect();
    format!("{archive}{sep}{name}")
}

/// Zip member names: UTF-8 when they are, else Shift_JIS (what Windows
/// writes for Japanese names without the UTF-8 flag).
fn decode_name(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::SHIFT_JIS.decode(raw).0.into_owned(),
    }
}
