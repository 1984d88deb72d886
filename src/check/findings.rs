//! The findings for files that could not be checked: unreadable (IN001–
//! IN006) or met under a name yoshiki does not read.

use crate::diag::{Diagnostic, Text};
use crate::error::ReadError;

/// The finding for a file that could not be read (IN001–IN005).
pub fn read_error_finding(err: &ReadError) -> Diagnostic {
    let code = err.code();
    let help = match code {
        "IN002" => Text::new(
            "パスワードを解除したファイルを提出してください（受け渡しの安全は別の方法で確保してください）。",
            "Submit the file without a password to open; protect the transfer another way.",
        ),
        "IN003" => Text::new(
            "Word は .docx、Excel は .xlsx で保存し直して提出してください。",
            "Save Word files as .docx and Excel files as .xlsx and submit again.",
        ),
        "IN006" => Text::new(
            "Word / Excel の元ファイル（.docx / .xlsx）を提出してください。スキャンした PDF では内容を確認できません。",
            "Submit the Word / Excel original (.docx / .xlsx); a scanned PDF cannot be checked.",
        ),
        "IN005" => Text::new(
            "通常の様式はこの上限よりはるかに小さくなります。ファイルを作り直してください。",
            "A genuine form is far below the limits; recreate the file.",
        ),
        _ => Text::new(
            "元のアプリケーションで開けるか確認し、保存し直したファイルを提出してください。",
            "Check that the file opens in its application, save it again and resubmit.",
        ),
    };
    Diagnostic::new(code, Text::new(err.message_ja(), err.message_en()))
        .help(help)
        .detail(err.detail())
}

/// The finding for a file met in a folder or .zip set under a name yoshiki
/// does not read, whose bytes are not a document either: IN003 with advice
/// for a file that may not belong to the submission at all.
pub(super) fn foreign_finding(err: &ReadError) -> Diagnostic {
    let ReadError::Unsupported { looks_like } = err else {
        return read_error_finding(err);
    };
    Diagnostic::new(
        "IN003",
        Text::new(
            format!("提出書類として読める形式のファイルではありません（{looks_like}）。このファイルの中身は確認していません。"),
            format!("Not a document yoshiki reads ({looks_like}); its content was not checked."),
        ),
    )
    .help(Text::new(
        "提出書類でなければフォルダ（または .zip）から除いてください。提出書類であれば、Word は .docx、Excel は .xlsx で保存したものを入れてください。スキャン画像では内容を確認できません。",
        "If it is not part of the submission, remove it from the folder (or .zip); if it is, save Word files as .docx and Excel files as .xlsx. A scanned image cannot be checked.",
    ))
}
