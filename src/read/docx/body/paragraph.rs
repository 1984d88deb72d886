//! Paragraphs and runs: text with its spans (hidden, inserted, deleted,
//! content controls, fields), paragraph and run properties.

use super::*;

impl<'a, 'c> PartParser<'a, 'c> {
    /// A `w:p` whose start tag was just read (and counted); `empty` for
    /// `<w:p/>`. Returns the paragraph and the text-box content anchored in
    /// it (to be placed right after it).
    pub(super) fn parse_paragraph(
        &mut self,
        empty: bool,
    ) -> Result<(Paragraph, Vec<Block>), ReadError> {
        let no = self.para_no;
        let mut pb = ParaBuild {
            no,
            loc: self.loc(no),
            text: String::new(),
            spans: Vec::new(),
            style: None,
            container: if self.in_textbox > 0 {
                Container::TextBox
            } else {
                Container::Body
            },
            extra: Vec::new(),
            property_change: false,
            num_id: None,
            ilvl: 0,
        };
        if !empty {
            let end_depth = self.r.depth().saturating_sub(1);
            let mut frames = std::mem::take(&mut self.spare_frames);
            loop {
                match self.next()? {
                    XmlEvent::Start(s) => self.inline(&s, true, &mut pb, &mut frames)?,
                    XmlEvent::Empty(s) => self.inline(&s, false, &mut pb, &mut frames)?,
                    XmlEvent::End(_) => {
                        let depth = self.r.depth();
                        if self.items.saturating_add(pb.spans.len() as u64) > self.max_items {
                            return Err(self.too_many_items());
                        }
                        while frames.last().is_some_and(|(d, _)| *d > depth) {
                            if let Some((_, frame)) = frames.pop() {
                                self.close_frame(&mut pb, frame);
                            }
                        }
                        if depth == end_depth {
                            break;
                        }
                    }
                    XmlEvent::Text(_) => {}
                    XmlEvent::Eof => break,
                }
            }
            while let Some((_, frame)) = frames.pop() {
                self.close_frame(&mut pb, frame);
            }
            self.spare_frames = frames;
        }
        Ok(self.finish_paragraph(pb))
    }

    /// One start (`is_start`) or empty tag inside a paragraph.
    pub(super) fn inline(
        &mut self,
        s: &BytesStart<'_>,
        is_start: bool,
        pb: &mut ParaBuild,
        frames: &mut Vec<(usize, Frame)>,
    ) -> Result<(), ReadError> {
        // Each tag name belongs to one group; the first that knows it reads it.
        if !self.inline_text(s, is_start, pb, frames)?
            && !self.inline_span(s, is_start, pb, frames)?
            && !self.inline_nested(s, is_start, pb, frames)?
        {
            self.inline_comment(s, is_start, pb)?;
        }
        Ok(())
    }

    /// Run and paragraph properties, text, tabs and breaks, field characters.
    fn inline_text(
        &mut self,
        s: &BytesStart<'_>,
        is_start: bool,
        pb: &mut ParaBuild,
        frames: &mut [(usize, Frame)],
    ) -> Result<bool, ReadError> {
        let (n, l) = self.name(s);
        match (n, l) {
            (Ns::W, "pPr") if is_start => self.parse_ppr(pb)?,
            (Ns::W, "rPr") if is_start => self.parse_rpr(frames)?,
            (Ns::W | Ns::M, "t") if is_start => {
                let t = self.r.element_text_cow()?;
                self.emit(pb, frames, &t, TextKind::Normal);
            }
            (Ns::W, "delText") if is_start => {
                let t = self.r.element_text_cow()?;
                self.emit(pb, frames, &t, TextKind::Deleted);
            }
            (Ns::W, "instrText" | "delInstrText") if is_start => {
                let t = self.r.element_text_cow()?;
                self.emit(pb, frames, &t, TextKind::Instr);
            }
            (Ns::W, "tab" | "ptab" | "br" | "cr" | "noBreakHyphen" | "sym") => {
                let t = match l {
                    "tab" | "ptab" => Cow::Borrowed("\t"),
                    "br" | "cr" => Cow::Borrowed("\n"),
                    "noBreakHyphen" => Cow::Borrowed("-"),
                    _ => Cow::Owned(sym_char(s)),
                };
                if is_start {
                    self.r.skip_element()?;
                }
                self.emit(pb, frames, &t, TextKind::Normal);
            }
            (Ns::W, "fldChar") => self.field_char(s, is_start, pb)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Elements that open a span of the paragraph: runs, fields, links, revisions, content controls, ruby.
    fn inline_span(
        &mut self,
        s: &BytesStart<'_>,
        is_start: bool,
        pb: &mut ParaBuild,
        frames: &mut Vec<(usize, Frame)>,
    ) -> Result<bool, ReadError> {
        let (n, l) = self.name(s);
        let depth = self.r.depth();
        match (n, l) {
            (Ns::W, "r") if is_start => frames.push((
                depth,
                Frame::Run {
                    start: pb.len(),
                    hidden: false,
                    format_change: None,
                },
            )),
            (Ns::W, "fldSimple") => {
                let instr = attr(s, "instr").unwrap_or_default();
                if is_start {
                    frames.push((
                        depth,
                        Frame::FldSimple {
                            start: pb.len(),
                            instr,
                        },
                    ));
                } else {
                    self.close_frame(
                        pb,
                        Frame::FldSimple {
                            start: pb.len(),
                            instr,
                        },
                    );
                }
            }
            (Ns::W, "hyperlink") if is_start => {
                let target = attr_cow(s, "id")
                    .and_then(|id| self.rels.get(&*id).cloned())
                    .or_else(|| attr(s, "anchor").map(|a| format!("#{a}")));
                if let Some(target) = target {
                    frames.push((
                        depth,
                        Frame::Hyperlink {
                            start: pb.len(),
                            target,
                        },
                    ));
                }
            }
            (Ns::W, "ins") if is_start => frames.push((
                depth,
                Frame::Ins {
                    start: pb.len(),
                    author: attr(s, "author"),
                    date: attr(s, "date"),
                },
            )),
            (Ns::W, "del" | "moveFrom") if is_start => frames.push((
                depth,
                Frame::Del {
                    author: attr(s, "author"),
                    date: attr(s, "date"),
                    text: String::new(),
                    moved: l == "moveFrom",
                },
            )),
            (Ns::W, "moveTo") if is_start => frames.push((
                depth,
                Frame::MoveTo {
                    start: pb.len(),
                    author: attr(s, "author"),
                    date: attr(s, "date"),
                },
            )),
            (Ns::W, "sdt") if is_start => frames.push((
                depth,
                Frame::Sdt {
                    start: pb.len(),
                    info: SdtInfo::default(),
                },
            )),
            (Ns::W, "ruby") if is_start => frames.push((
                depth,
                Frame::Ruby {
                    start: pb.len(),
                    reading: String::new(),
                },
            )),
            (Ns::W, "rt") if is_start => frames.push((depth, Frame::RubyText)),
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Content nested in a paragraph: text boxes, stray paragraphs and tables, alternate content, content-control properties.
    fn inline_nested(
        &mut self,
        s: &BytesStart<'_>,
        is_start: bool,
        pb: &mut ParaBuild,
        frames: &mut Vec<(usize, Frame)>,
    ) -> Result<bool, ReadError> {
        let (n, l) = self.name(s);
        let depth = self.r.depth();
        match (n, l) {
            (Ns::W, "sdtPr") if is_start => {
                let parsed = self.parse_sdt_pr()?;
                if let Some((_, Frame::Sdt { info, .. })) = frames.last_mut() {
                    *info = parsed;
                }
            }
            (Ns::W, "sdtEndPr" | "rubyPr" | "smartTagPr" | "customXmlPr") if is_start => {
                self.r.skip_element()?;
            }
            (Ns::W, "txbxContent") if is_start => {
                let blocks = self.parse_textbox()?;
                pb.extra.extend(blocks);
            }
            (Ns::W, "p") => {
                // Not valid directly in a paragraph; read so numbering stays true.
                self.enter()?;
                let parsed = self.parse_paragraph(!is_start);
                self.leave();
                let (p, extra) = parsed?;
                pb.extra.push(Block::Paragraph(p));
                pb.extra.extend(extra);
            }
            (Ns::W, "tbl") if is_start => {
                let t = self.parse_table()?;
                pb.extra.push(Block::Table(t));
            }
            (Ns::Mc, "AlternateContent") if is_start => {
                frames.push((
                    depth,
                    Frame::Alt {
                        choice_taken: false,
                    },
                ));
            }
            (Ns::Mc, "Choice") if is_start => {
                if let Some((_, Frame::Alt { choice_taken })) = frames.last_mut() {
                    if *choice_taken {
                        self.r.skip_element()?;
                    } else {
                        *choice_taken = true;
                    }
                }
            }
            (Ns::Mc, "Fallback") if is_start => self.r.skip_element()?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Comment ranges and references: where a comment is anchored.
    fn inline_comment(
        &mut self,
        s: &BytesStart<'_>,
        is_start: bool,
        pb: &mut ParaBuild,
    ) -> Result<(), ReadError> {
        let (n, l) = self.name(s);
        match (n, l) {
            (Ns::W, "commentRangeStart") => {
                if let Some(id) = attr(s, "id") {
                    self.out
                        .comment_anchors
                        .entry(id.clone())
                        .or_insert_with(|| pb.loc.clone());
                    self.open_comment(OpenComment {
                        id,
                        para: pb.no,
                        start: pb.len(),
                    });
                }
                if is_start {
                    self.r.skip_element()?;
                }
            }
            (Ns::W, "commentRangeEnd") => {
                if let Some(id) = attr(s, "id")
                    && let Some(pos) = self.comments_open.iter().position(|c| c.id == id)
                {
                    let c = self.comments_open.remove(pos);
                    let start = if c.para == pb.no { c.start } else { 0 };
                    pb.span(start, SpanKind::Commented { comment_id: c.id });
                }
                if is_start {
                    self.r.skip_element()?;
                }
            }
            (Ns::W, "commentReference") => {
                if let Some(id) = attr(s, "id") {
                    self.out
                        .comment_anchors
                        .entry(id)
                        .or_insert_with(|| pb.loc.clone());
                }
                if is_start {
                    self.r.skip_element()?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Route text read from a run to where it belongs: ruby reading,
    /// deleted text, a field instruction, or the paragraph.
    pub(super) fn emit(
        &mut self,
        pb: &mut ParaBuild,
        frames: &mut [(usize, Frame)],
        text: &str,
        kind: TextKind,
    ) {
        if text.is_empty() {
            return;
        }
        if kind == TextKind::Instr {
            if let Some(f) = self.fields.iter_mut().rev().find(|f| !f.in_result) {
                f.instr.push_str(text);
            }
            return;
        }
        let in_del = frames.iter().any(|(_, f)| matches!(f, Frame::Del { .. }));
        if frames.iter().any(|(_, f)| matches!(f, Frame::RubyText)) {
            if !in_del
                && kind == TextKind::Normal
                && let Some(reading) = frames.iter_mut().rev().find_map(|(_, f)| match f {
                    Frame::Ruby { reading, .. } => Some(reading),
                    _ => None,
                })
            {
                reading.push_str(text);
            }
            return;
        }
        if in_del || kind == TextKind::Deleted {
            let target = frames.iter_mut().rev().find_map(|(_, f)| match f {
                Frame::Del { text, .. } => Some(text),
                _ => None,
            });
            match target {
                Some(t) => t.push_str(text),
                None => push_deleted(pb, text, None),
            }
            return;
        }
        if let Some(f) = self.fields.iter_mut().rev().find(|f| !f.in_result) {
            // Text of a field nested in another field's instruction.
            f.instr.push_str(text);
            return;
        }
        let hidden = frames.iter().rev().find_map(|(_, f)| match f {
            Frame::Run { hidden, .. } => Some(*hidden),
            _ => None,
        });
        pb.push_text(text, hidden.unwrap_or(false));
    }

    /// Close an inline frame: its span and its revision entry.
    pub(super) fn close_frame(&mut self, pb: &mut ParaBuild, frame: Frame) {
        match frame {
            Frame::Run {
                start,
                format_change: Some((author, date)),
                ..
            } => {
                let text = pb.slice_from(start);
                pb.span(
                    start,
                    SpanKind::OtherRevision {
                        what: "format".into(),
                    },
                );
                let loc = pb.loc.clone();
                self.revision("format", author, date, loc, text);
            }
            Frame::Run { .. } | Frame::RubyText | Frame::Alt { .. } => {}
            Frame::Hyperlink { start, target } => pb.span(start, SpanKind::Hyperlink { target }),
            Frame::Ins {
                start,
                author,
                date,
            } => {
                let text = pb.slice_from(start);
                pb.span(
                    start,
                    SpanKind::Inserted {
                        author: author.clone(),
                    },
                );
                let loc = pb.loc.clone();
                self.revision("insert", author, date, loc, text);
            }
            Frame::Del {
                author,
                date,
                text,
                moved,
            } => {
                push_deleted(pb, &text, author.clone());
                let loc = pb.loc.clone();
                self.revision(
                    if moved { "move" } else { "delete" },
                    author,
                    date,
                    loc,
                    text,
                );
            }
            Frame::MoveTo {
                start,
                author,
                date,
            } => {
                let text = pb.slice_from(start);
                pb.span(
                    start,
                    SpanKind::OtherRevision {
                        what: "move".into(),
                    },
                );
                let loc = pb.loc.clone();
                self.revision("move", author, date, loc, text);
            }
            Frame::Sdt { start, info } => pb.span(start, info.span_kind()),
            Frame::FldSimple { start, instr } => {
                if self.fields.iter().any(|f| !f.in_result) {
                    return;
                }
                let field = FieldState {
                    instr,
                    in_result: true,
                    result_para: pb.no,
                    result_start: start,
                    form: None,
                };
                close_field_span(pb, field);
            }
            Frame::Ruby { start, reading } => pb.span(start, SpanKind::Ruby { reading }),
        }
    }

    /// `w:pPr` whose start was just read: style and revision marks.
    pub(super) fn parse_ppr(&mut self, pb: &mut ParaBuild) -> Result<(), ReadError> {
        let end_depth = self.r.depth().saturating_sub(1);
        while let Some((s, is_start)) = self.next_child(end_depth)? {
            let (n, l) = self.name(&s);
            if n != Ns::W {
                continue;
            }
            match l {
                "pStyle" => pb.style = attr(&s, "val"),
                "numId" => pb.num_id = attr_cow(&s, "val").and_then(|v| v.trim().parse().ok()),
                "ilvl" => {
                    pb.ilvl = attr_cow(&s, "val")
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0)
                }
                "sectPr" if is_start => self.scan_props()?,
                "pPrChange" | "rPrChange" | "ins" | "del" | "moveFrom" | "moveTo" => {
                    let kind = match l {
                        "pPrChange" => "property",
                        "rPrChange" => "format",
                        "ins" => "insert",
                        "del" => "delete",
                        _ => "move",
                    };
                    if l == "pPrChange" {
                        pb.property_change = true;
                    }
                    let loc = pb.loc.clone();
                    self.record_change(kind, &s, loc);
                    if is_start {
                        self.r.skip_element()?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// `w:rPr` of a run whose start was just read: hidden text and
    /// formatting revisions.
    pub(super) fn parse_rpr(&mut self, frames: &mut [(usize, Frame)]) -> Result<(), ReadError> {
        let end_depth = self.r.depth().saturating_sub(1);
        while let Some((s, is_start)) = self.next_child(end_depth)? {
            let (n, l) = self.name(&s);
            if n != Ns::W {
                continue;
            }
            let run = frames.iter_mut().rev().find_map(|(_, f)| match f {
                Frame::Run {
                    hidden,
                    format_change,
                    ..
                } => Some((hidden, format_change)),
                _ => None,
            });
            match l {
                "vanish" => {
                    if let Some((hidden, _)) = run {
                        *hidden = on_off(&s);
                    }
                }
                "rPrChange" => {
                    if let Some((_, change)) = run {
                        *change = Some((attr(&s, "author"), attr(&s, "date")));
                    }
                    if is_start {
                        self.r.skip_element()?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Close a paragraph: spans of ranges still open (fields, comments,
    /// block content controls), hidden text recorded.
    pub(super) fn finish_paragraph(&mut self, mut pb: ParaBuild) -> (Paragraph, Vec<Block>) {
        let len = pb.len();
        for f in &self.fields {
            if f.in_result {
                let start = if f.result_para == pb.no {
                    f.result_start
                } else {
                    0
                };
                pb.spans.push(Span {
                    start: start.min(len),
                    end: len,
                    kind: SpanKind::Field {
                        instruction: f.instr.trim().to_string(),
                    },
                });
            }
        }
        for c in &self.comments_open {
            let start = if c.para == pb.no { c.start } else { 0 };
            pb.spans.push(Span {
                start: start.min(len),
                end: len,
                kind: SpanKind::Commented {
                    comment_id: c.id.clone(),
                },
            });
        }
        for info in &self.block_sdts {
            pb.spans.push(Span {
                start: 0,
                end: len,
                kind: info.span_kind(),
            });
        }
        if pb.property_change {
            pb.span(
                0,
                SpanKind::OtherRevision {
                    what: "property".into(),
                },
            );
        }
        for sp in &pb.spans {
            if sp.kind == SpanKind::Hidden {
                self.out.hidden_text.push(LocatedText {
                    location: pb.loc.clone(),
                    text: pb
                        .text
                        .get(sp.start..sp.end)
                        .unwrap_or_default()
                        .to_string(),
                });
            }
        }
        self.items += pb.spans.len() as u64;
        pb.spans.sort_by_key(|s| s.start);
        let list_label = pb
            .num_id
            .and_then(|id| self.out.numbering.label(id, pb.ilvl));
        let p = Paragraph {
            location: pb.loc,
            text: pb.text,
            style: pb.style,
            container: pb.container,
            spans: pb.spans,
            cells: Vec::new(),
            list_label,
        };
        (p, pb.extra)
    }

    // ----- tables -----
}

/// A zero-width deletion mark, merged with one just before at the same
/// place by the same author.
pub(super) fn push_deleted(pb: &mut ParaBuild, text: &str, author: Option<String>) {
    let at = pb.len();
    if let Some(Span {
        start,
        end,
        kind: SpanKind::Deleted {
            text: prev,
            author: a,
        },
    }) = pb.spans.last_mut()
        && *start == at
        && *end == at
        && *a == author
    {
        prev.push_str(text);
        return;
    }
    pb.point(SpanKind::Deleted {
        text: text.to_string(),
        author,
    });
}
