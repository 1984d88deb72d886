//! The text operators of a page's content streams (PDF 32000-1 9.4): the
//! text and graphics matrices are followed so every glyph gets its
//! position on the page, its size and its advance. Form XObjects are
//! entered (to a fixed depth); images are counted (a page of images and no
//! text is a scan). Straight painted path segments and thin filled
//! rectangles are kept as rules (table borders) for [`super::tables`].

use super::fonts::Font;
use super::obj::{deref, dict_of, num, stream_bytes};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;

/// A glyph placed on the page (user space, y up).
#[derive(Debug, Clone)]
pub struct Placed {
    pub x: f32,
    pub y: f32,
    pub end: f32,
    pub size: f32,
    pub text: String,
}

/// A straight painted line on the page (user space): a table border.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// Rules kept per page: a page of hatching is not a table.
const MAX_RULES: usize = 20_000;
/// Points of the path being built.
const MAX_PATH: usize = 4_096;
/// A filled rectangle thinner than this (points) is a border line.
const THIN: f32 = 2.5;

type M = [f32; 6];
const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

#[derive(Clone)]
struct State {
    ctm: M,
    font: Option<Vec<u8>>,
    size: f32,
    tc: f32,
    tw: f32,
    th: f32,
    tl: f32,
    rise: f32,
}

/// What the interpreter may spend on one document.
pub struct Budget {
    pub ops: u64,
    pub glyphs: u64,
    pub bytes: usize,
}

pub struct Page<'a> {
    doc: &'a Document,
    fonts: HashMap<(Option<ObjectId>, Vec<u8>), Font>,
    pub glyphs: Vec<Placed>,
    pub rules: Vec<Rule>,
    pub images: u32,
    pub exhausted: bool,
    state: State,
    stack: Vec<State>,
    tm: M,
    tlm: M,
    /// The path being built: straight segments and rectangles, already
    /// in page space.
    path: Vec<Rule>,
    rects: Vec<Rule>,
    /// The current point and the start of the subpath (page space).
    at: Option<(f32, f32)>,
    start: Option<(f32, f32)>,
}

const MAX_FORM_DEPTH: u32 = 8;

impl<'a> Page<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Page {
            doc,
            fonts: HashMap::new(),
            glyphs: Vec::new(),
            rules: Vec::new(),
            images: 0,
            exhausted: false,
            state: State {
                ctm: ID,
                font: None,
                size: 0.0,
                tc: 0.0,
                tw: 0.0,
                th: 1.0,
                tl: 0.0,
                rise: 0.0,
            },
            stack: Vec::new(),
            tm: ID,
            tlm: ID,
            path: Vec::new(),
            rects: Vec::new(),
            at: None,
            start: None,
        }
    }

    /// Run a content stream with its resources.
    pub fn run(
        &mut self,
        content: &[u8],
        resources: Option<(&Dictionary, Option<ObjectId>)>,
        budget: &mut Budget,
        depth: u32,
    ) {
        let Ok(ops) = Content::decode(content) else {
            return;
        };
        for op in &ops.operations {
            if budget.ops == 0 || budget.glyphs == 0 {
                self.exhausted = true;
                return;
            }
            budget.ops -= 1;
            self.operate(op, resources, budget, depth);
        }
    }

    /// One operator: graphics state, text, or path.
    fn operate(
        &mut self,
        op: &lopdf::content::Operation,
        resources: Option<(&Dictionary, Option<ObjectId>)>,
        budget: &mut Budget,
        depth: u32,
    ) {
        let doc = self.doc;
        let n = |i: usize| op.operands.get(i).and_then(|o| num(doc, o)).unwrap_or(0.0);
        match op.operator.as_str() {
            "q" if self.stack.len() < 64 => self.stack.push(self.state.clone()),
            "Q" => {
                if let Some(s) = self.stack.pop() {
                    self.state = s;
                }
            }
            "cm" => {
                let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                self.state.ctm = mul(&m, &self.state.ctm);
            }
            "BT" => {
                self.tm = ID;
                self.tlm = ID;
            }
            "Tf" => {
                self.state.font = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .map(<[u8]>::to_vec);
                self.state.size = n(1);
                if let (Some(name), Some((res, id))) = (self.state.font.clone(), resources) {
                    self.ensure_font(res, id, &name, budget.bytes);
                }
            }
            "Tc" => self.state.tc = n(0),
            "Tw" => self.state.tw = n(0),
            "Tz" => self.state.th = n(0) / 100.0,
            "TL" => self.state.tl = n(0),
            "Ts" => self.state.rise = n(0),
            "Td" => self.td(n(0), n(1)),
            "TD" => {
                self.state.tl = -n(1);
                self.td(n(0), n(1));
            }
            "Tm" => {
                self.tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                self.tm = self.tlm;
            }
            "T*" => self.td(0.0, -self.state.tl),
            "Tj" => self.show_operand(op.operands.first(), resources, budget),
            "'" => {
                self.td(0.0, -self.state.tl);
                self.show_operand(op.operands.first(), resources, budget);
            }
            "\"" => {
                self.state.tw = n(0);
                self.state.tc = n(1);
                self.td(0.0, -self.state.tl);
                self.show_operand(op.operands.get(2), resources, budget);
            }
            "TJ" => {
                if let Some(Object::Array(items)) = op.operands.first() {
                    self.show_array(items, resources, budget);
                }
            }
            "Do" => {
                if let (Some(name), Some((res, _))) = (
                    op.operands.first().and_then(|o| o.as_name().ok()),
                    resources,
                ) {
                    self.xobject(res, name, budget, depth);
                }
            }
            "BI" => self.images += 1,
            other => self.path_op(other, n),
        }
    }

    /// A `TJ` array: strings shown, numbers moving the text position.
    fn show_array(
        &mut self,
        items: &[Object],
        resources: Option<(&Dictionary, Option<ObjectId>)>,
        budget: &mut Budget,
    ) {
        for item in items {
            match item {
                Object::String(..) => self.show_operand(Some(item), resources, budget),
                other => {
                    let adj = num(self.doc, other).unwrap_or(0.0);
                    let tx = -adj / 1000.0 * self.state.size * self.state.th;
                    self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
                }
            }
        }
    }

    /// A path construction or painting operator (`n(i)`: operand `i`).
    fn path_op(&mut self, operator: &str, n: impl Fn(usize) -> f32) {
        match operator {
            "m" => {
                let p = self.point(n(0), n(1));
                self.at = Some(p);
                self.start = Some(p);
            }
            "l" => {
                let p = self.point(n(0), n(1));
                if let Some(a) = self.at {
                    self.line(a, p);
                }
                self.at = Some(p);
            }
            "h" => {
                if let (Some(a), Some(s)) = (self.at, self.start) {
                    self.line(a, s);
                }
                self.at = self.start;
            }
            // A curve is no border: its end is only the new point.
            "c" | "y" => self.at = Some(self.point(n(4), n(5))),
            "v" => self.at = Some(self.point(n(2), n(3))),
            "re" => {
                let (a, b) = (self.point(n(0), n(1)), self.point(n(0) + n(2), n(1) + n(3)));
                if self.rects.len() < MAX_PATH {
                    self.rects.push(Rule {
                        x0: a.0.min(b.0),
                        y0: a.1.min(b.1),
                        x1: a.0.max(b.0),
                        y1: a.1.max(b.1),
                    });
                }
                self.at = Some(a);
                self.start = Some(a);
            }
            "S" | "s" => self.paint(true, operator == "s"),
            "f" | "F" | "f*" => self.paint(false, true),
            "B" | "B*" | "b" | "b*" => self.paint(true, true),
            "n" => self.end_path(),
            _ => {}
        }
    }

    /// A path point in page space.
    /// A straight segment of the current path (a possible table border),
    /// up to the path's bound.
    fn line(&mut self, a: (f32, f32), b: (f32, f32)) {
        if self.path.len() < MAX_PATH {
            self.path.push(Rule {
                x0: a.0,
                y0: a.1,
                x1: b.0,
                y1: b.1,
            });
        }
    }

    fn point(&self, x: f32, y: f32) -> (f32, f32) {
        let m = mul(&[1.0, 0.0, 0.0, 1.0, x, y], &self.state.ctm);
        (m[4], m[5])
    }

    /// Keep the painted path's straight axis-aligned segments as rules:
    /// stroked lines and rectangle edges, and a thin filled rectangle as
    /// the line along its length (Word and LibreOffice draw borders both
    /// ways). Wide filled rectangles are shading, not borders.
    fn paint(&mut self, stroke: bool, fill: bool) {
        let mut found = Vec::new();
        if stroke {
            found.extend(self.path.iter().copied());
            for r in &self.rects {
                found.extend([
                    Rule { y1: r.y0, ..*r },
                    Rule { y0: r.y1, ..*r },
                    Rule { x1: r.x0, ..*r },
                    Rule { x0: r.x1, ..*r },
                ]);
            }
        } else if fill {
            for r in &self.rects {
                let (w, h) = (r.x1 - r.x0, r.y1 - r.y0);
                if h <= THIN && w > h {
                    let y = (r.y0 + r.y1) / 2.0;
                    found.push(Rule { y0: y, y1: y, ..*r });
                } else if w <= THIN && h > w {
                    let x = (r.x0 + r.x1) / 2.0;
                    found.push(Rule { x0: x, x1: x, ..*r });
                }
            }
        }
        for r in found {
            let axis = (r.y0 - r.y1).abs() < 0.5 || (r.x0 - r.x1).abs() < 0.5;
            let finite = [r.x0, r.y0, r.x1, r.y1].iter().all(|v| v.is_finite());
            if axis && finite && self.rules.len() < MAX_RULES {
                self.rules.push(r);
            }
        }
        self.end_path();
    }

    fn end_path(&mut self) {
        self.path.clear();
        self.rects.clear();
        self.at = None;
        self.start = None;
    }

    fn td(&mut self, tx: f32, ty: f32) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    fn ensure_font(
        &mut self,
        res: &Dictionary,
        res_id: Option<ObjectId>,
        name: &[u8],
        limit: usize,
    ) {
        let key = (res_id, name.to_vec());
        if self.fonts.contains_key(&key) {
            return;
        }
        let font = res
            .get(b"Font")
            .ok()
            .and_then(|o| dict_of(self.doc, o))
            .and_then(|fonts| fonts.get(name).ok())
            .and_then(|o| dict_of(self.doc, o));
        if let Some(f) = font {
            self.fonts.insert(key, Font::load(self.doc, f, limit));
        }
    }

    fn show_operand(
        &mut self,
        operand: Option<&Object>,
        resources: Option<(&Dictionary, Option<ObjectId>)>,
        budget: &mut Budget,
    ) {
        let Some(Object::String(bytes, _)) = operand else {
            return;
        };
        let Some(name) = &self.state.font else { return };
        let res_id = resources.and_then(|r| r.1);
        let Some(font) = self.fonts.get(&(res_id, name.clone())) else {
            return;
        };
        let st = &self.state;
        for g in font.glyphs(bytes) {
            let trm = mul(
                &mul(
                    &[st.size * st.th, 0.0, 0.0, st.size, 0.0, st.rise],
                    &self.tm,
                ),
                &st.ctm,
            );
            let advance =
                (g.width / 1000.0 * st.size + st.tc + if g.is_space { st.tw } else { 0.0 }) * st.th;
            let next = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], &self.tm);
            let end = mul(&mul(&[1.0, 0.0, 0.0, 1.0, 0.0, 0.0], &next), &st.ctm)[4];
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            if !g.text.is_empty() && size.is_finite() && budget.glyphs > 0 {
                budget.glyphs -= 1;
                self.glyphs.push(Placed {
                    x: trm[4],
                    y: trm[5],
                    end,
                    size,
                    text: g.text,
                });
            }
            self.tm = next;
        }
    }

    fn xobject(&mut self, res: &Dictionary, name: &[u8], budget: &mut Budget, depth: u32) {
        let Some(obj_ref) = res
            .get(b"XObject")
            .ok()
            .and_then(|o| dict_of(self.doc, o))
            .and_then(|x| x.get(name).ok())
        else {
            return;
        };
        let id = obj_ref.as_reference().ok();
        let Object::Stream(stream) = deref(self.doc, obj_ref) else {
            return;
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => self.images += 1,
            Ok(b"Form") if depth < MAX_FORM_DEPTH => {
                let Some(bytes) = stream_bytes(self.doc, obj_ref, budget.bytes) else {
                    return;
                };
                let saved = (self.state.clone(), self.tm, self.tlm);
                if let Some(m) = stream
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .and_then(|o| o.as_array().ok())
                    && m.len() == 6
                {
                    let v: Vec<f32> = m.iter().map(|o| num(self.doc, o).unwrap_or(0.0)).collect();
                    let mm = [v[0], v[1], v[2], v[3], v[4], v[5]];
                    self.state.ctm = mul(&mm, &self.state.ctm);
                }
                let own = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|o| dict_of(self.doc, o))
                    .map(|d| (d, id));
                let inherited = (res, None);
                self.run(&bytes, Some(own.unwrap_or(inherited)), budget, depth + 1);
                (self.state, self.tm, self.tlm) = saved;
            }
            _ => {}
        }
    }
}
