//! Command-line paths into submission sets: folders walked (each folder's
//! own files one set, each .zip one set), files named together one set.

use super::CheckError;
use super::inputs::{ConfigFound, Member, SetSpec, has_read_extension, is_junk, is_zip_name};
use super::zip_set::zip_junk_members;
use std::path::{Path, PathBuf};

/// The files named on the command line (not folders, not .zip sets) as
/// one submission set, where the first of them stood: XD and the other
/// set rules compare them as they were handed in.
pub(super) fn files_together(specs: Vec<SetSpec>, paths: &[PathBuf]) -> Vec<SetSpec> {
    let named_file = |s: &SetSpec| matches!(s.members.as_slice(), [Member::Disk { path, .. }] if paths.iter().any(|p| p == path));
    if specs.iter().filter(|s| named_file(s)).count() < 2 {
        return specs;
    }
    let mut out: Vec<SetSpec> = Vec::new();
    let mut together: Option<usize> = None;
    for spec in specs {
        if !named_file(&spec) {
            out.push(spec);
            continue;
        }
        match together {
            Some(i) => out[i].members.extend(spec.members),
            None => {
                let parent = spec
                    .config_start
                    .parent()
                    .map(|p| p.display().to_string())
                    .filter(|p| !p.is_empty())
                    .unwrap_or_else(|| ".".to_string());
                together = Some(out.len());
                out.push(SetSpec {
                    display: parent,
                    ..spec
                });
            }
        }
    }
    out
}

/// Turn one command-line path into submission sets.
pub(super) fn expand(
    path: &Path,
    specs: &mut Vec<SetSpec>,
    skipped: &mut usize,
) -> Result<(), CheckError> {
    let meta =
        std::fs::metadata(path).map_err(|_| CheckError::NotFound(path.display().to_string()))?;
    if meta.is_dir() {
        walk_dir(path, specs, skipped)
    } else {
        let display = path.display().to_string();
        let member = if is_zip_name(path) {
            *skipped += zip_junk_members(path);
            Member::Zip {
                path: path.to_path_buf(),
                display,
            }
        } else {
            Member::Disk {
                path: path.to_path_buf(),
                display,
            }
        };
        specs.push(SetSpec {
            display: path.display().to_string(),
            config_start: path.to_path_buf(),
            config_found: ConfigFound::NotLooked,
            members: vec![member],
        });
        Ok(())
    }
}

/// A directory: its own files form one set, each .zip in it is a set, and
/// each sub-directory is walked the same way. Symbolic links to
/// directories are not followed (no loops). A directory that cannot be
/// listed is a set of its own holding one finding on its path: the rest of
/// the batch still runs. Every file met is a member (read, or reported by
/// what it is), except lock and system files, which are counted in
/// `skipped`.
fn walk_dir(dir: &Path, specs: &mut Vec<SetSpec>, skipped: &mut usize) -> Result<(), CheckError> {
    let unreadable = |specs: &mut Vec<SetSpec>, e: std::io::Error| {
        let display = dir.display().to_string();
        specs.push(SetSpec {
            display: display.clone(),
            config_start: dir.to_path_buf(),
            config_found: ConfigFound::NotLooked,
            members: vec![Member::Unreadable {
                display,
                detail: format!("フォルダの中を読めません: {e}"),
            }],
        });
    };
    let listing = match std::fs::read_dir(dir) {
        Ok(l) => l,
        Err(e) => {
            unreadable(specs, e);
            return Ok(());
        }
    };
    let mut entries: Vec<(String, PathBuf, std::fs::FileType)> = Vec::new();
    for entry in listing {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                unreadable(specs, e);
                return Ok(());
            }
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_junk(&name) {
            *skipped += 1;
            continue;
        }
        match entry.file_type() {
            Ok(file_type) => entries.push((name, entry.path(), file_type)),
            Err(e) => {
                unreadable(specs, e);
                return Ok(());
            }
        }
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut own = Vec::new();
    let mut zips = Vec::new();
    let mut subdirs = Vec::new();
    for (_, path, file_type) in entries {
        if file_type.is_dir() {
            subdirs.push(path);
        } else if file_type.is_symlink() && path.is_dir() {
            continue;
        } else if is_zip_name(&path) {
            zips.push(path);
        } else {
            let known = has_read_extension(&path);
            let display = path.display().to_string();
            own.push(if known {
                Member::Disk { path, display }
            } else {
                Member::Foreign { path, display }
            });
        }
    }
    if !own.is_empty() {
        specs.push(SetSpec {
            display: dir.display().to_string(),
            config_start: dir.to_path_buf(),
            config_found: ConfigFound::NotLooked,
            members: own,
        });
    }
    for path in zips {
        *skipped += zip_junk_members(&path);
        specs.push(SetSpec {
            display: path.display().to_string(),
            config_start: dir.to_path_buf(),
            config_found: ConfigFound::NotLooked,
            members: vec![Member::Zip {
                display: path.display().to_string(),
                path,
            }],
        });
    }
    for sub in subdirs {
        walk_dir(&sub, specs, skipped)?;
    }
    Ok(())
}
