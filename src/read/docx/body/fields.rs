//! Complex fields, legacy form fields, content-control properties and
//! `w:sym` characters.

use super::*;

impl<'a, 'c> PartParser<'a, 'c> {
    /// `w:fldChar` (begin / separate / end); a begin may carry `w:ffData`.
    pub(super) fn field_char(
        &mut self,
        s: &BytesStart<'_>,
        is_start: bool,
        pb: &mut ParaBuild,
    ) -> Result<(), ReadError> {
        let kind = attr_cow(s, "fldCharType").unwrap_or_default();
        let form = if is_start { self.parse_ffdata()? } else { None };
        match &*kind {
            // Nesting is bounded: past 64 open fields the oldest is dropped.
            "begin" => {
                if self.fields.len() >= MAX_OPEN_RANGES {
                    self.fields.remove(0);
                }
                self.fields.push(FieldState {
                    instr: String::new(),
                    in_result: false,
                    result_para: pb.no,
                    result_start: pb.len(),
                    form,
                });
            }
            "separate" => {
                if let Some(f) = self.fields.last_mut() {
                    f.in_result = true;
                    f.result_para = pb.no;
                    f.result_start = pb.len();
                }
            }
            "end" => {
                if let Some(f) = self.fields.pop() {
                    // A field nested in another's instruction leaves no span.
                    if !self.fields.iter().any(|o| !o.in_result) {
                        close_field_span(pb, f);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The `w:ffData` of a `w:fldChar` whose start was just read, up to the
    /// end of the `w:fldChar`.
    pub(super) fn parse_ffdata(&mut self) -> Result<Option<FormFieldInfo>, ReadError> {
        let end_depth = self.r.depth().saturating_sub(1);
        let mut ff: Option<FormFieldInfo> = None;
        while let Some((s, _)) = self.next_child(end_depth)? {
            let (n, l) = self.name(&s);
            if n != Ns::W {
                continue;
            }
            if l == "ffData" {
                ff = Some(FormFieldInfo::default());
                continue;
            }
            let Some(f) = ff.as_mut() else { continue };
            match l {
                "name" => f.name = attr(&s, "val"),
                "checkBox" => f.field_type = "checkbox".into(),
                "textInput" => f.field_type = "text".into(),
                "ddList" => f.field_type = "dropdown".into(),
                "default" if f.field_type == "checkbox" => {
                    f.default_checked = Some(on_off(&s));
                }
                "checked" => f.checked = Some(on_off(&s)),
                "result" => {
                    f.dropdown_result = attr_cow(&s, "val").and_then(|v| v.trim().parse().ok());
                }
                "listEntry" if f.dropdown_entries.len() < 1000 => {
                    f.dropdown_entries.push(attr(&s, "val").unwrap_or_default());
                }
                _ => {}
            }
        }
        Ok(ff)
    }

    pub(super) fn parse_sdt_pr(&mut self) -> Result<SdtInfo, ReadError> {
        let end_depth = self.r.depth().saturating_sub(1);
        let mut info = SdtInfo::default();
        while let Some((s, _)) = self.next_child(end_depth)? {
            let (n, l) = self.name(&s);
            match (n, l) {
                (Ns::W, "tag") => info.tag = attr(&s, "val"),
                (Ns::W, "alias") => info.alias = attr(&s, "val"),
                (Ns::W, "showingPlcHdr") => info.showing_placeholder = on_off(&s),
                (Ns::W14, "checkbox") => {
                    info.checked.get_or_insert(false);
                }
                (Ns::W14, "checked") => info.checked = Some(on_off(&s)),
                _ => {}
            }
        }
        Ok(info)
    }

    // ----- paragraphs -----
}

/// The span of a field that just ended: a form-field span for `FORM*`
/// fields (a dropdown's chosen entry written in when it shows no result),
/// else a field span with the instruction.
pub(super) fn close_field_span(pb: &mut ParaBuild, f: FieldState) {
    let start = if !f.in_result {
        pb.len()
    } else if f.result_para == pb.no {
        f.result_start
    } else {
        0
    };
    let instruction = f.instr.trim().to_string();
    let code = instruction
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    let form_type = match code.as_str() {
        "FORMTEXT" => Some("text"),
        "FORMCHECKBOX" => Some("checkbox"),
        "FORMDROPDOWN" => Some("dropdown"),
        _ => None,
    };
    if form_type.is_none() && f.form.is_none() {
        pb.span(start, SpanKind::Field { instruction });
        return;
    }
    let form = f.form.unwrap_or_default();
    let field_type = if form.field_type.is_empty() {
        form_type.unwrap_or("text").to_string()
    } else {
        form.field_type.clone()
    };
    if field_type == "dropdown" && start >= pb.len() {
        let chosen = form.dropdown_entries.get(form.dropdown_result.unwrap_or(0));
        if let Some(entry) = chosen {
            pb.push_text(entry, false);
        }
    }
    let checked = if field_type == "checkbox" {
        form.checked.or(form.default_checked).or(Some(false))
    } else {
        None
    };
    pb.span(
        start,
        SpanKind::FormField {
            field_type,
            name: form.name,
            checked,
        },
    );
}

/// The text of a `w:sym` (see [`crate::read::docx::symbols`]).
pub(super) fn sym_char(s: &BytesStart<'_>) -> String {
    let code = attr_cow(s, "char")
        .and_then(|c| u32::from_str_radix(c.trim(), 16).ok())
        .unwrap_or(0);
    crate::read::docx::symbols::sym_text(&attr_cow(s, "font").unwrap_or_default(), code)
}
