//! The content-stream interpreter: graphics state, text state, fonts and
//! form `XObject`s, giving every glyph its text and box and collecting the
//! ruling lines, all in display space (points, origin at the top left of
//! the page as shown, after `/Rotate`; y grows downwards).

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::font::Font;
use crate::lexer::{Lexer, Operand};
use crate::matrix::Matrix;
use crate::pdfobj::{decode, get, get_dict, get_name, rect, resolve, stream};
use crate::{PdfError, PdfOptions};

/// A glyph with its text and its box in display space.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphBox {
    pub text: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    /// Font size in display units (for line and space tolerances).
    pub size: f64,
}

impl GlyphBox {
    pub fn cx(&self) -> f64 {
        f64::midpoint(self.x0, self.x1)
    }
    pub fn cy(&self) -> f64 {
        f64::midpoint(self.y0, self.y1)
    }
}

/// An axis-aligned ruling segment in display space: `at` is the y of a
/// horizontal line (the x of a vertical one), `from..to` its extent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub at: f64,
    pub from: f64,
    pub to: f64,
}

/// What a page draws.
#[derive(Debug, Default)]
pub struct PageContent {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<GlyphBox>,
    pub horizontal: Vec<Segment>,
    pub vertical: Vec<Segment>,
    /// Fonts whose glyphs had no Unicode: (font name, reason, glyph count).
    pub unmapped: Vec<(String, String, usize)>,
    /// Parts of the page that could not be read, for diagnostics.
    pub problems: Vec<String>,
}

/// Thinnest side of a filled rectangle still read as a ruling, in points.
const THIN: f64 = 3.0;
/// How far a segment may lean and still be horizontal or vertical.
const LEAN: f64 = 0.5;
/// Deepest nesting of form `XObject`s.
const MAX_FORM_DEPTH: usize = 12;
/// Most ruling segments kept per page (the table finder gives up above).
pub const MAX_SEGMENTS: usize = 20_000;

#[derive(Clone)]
struct TextState {
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    text: TextState,
}

struct Interp<'a> {
    doc: &'a Document,
    options: &'a PdfOptions,
    out: PageContent,
    ops: usize,
    fonts: &'a mut FontCache,
    unmapped: HashMap<String, (String, usize)>,
    /// Form `XObject`s being drawn (a form that draws itself is skipped).
    form_stack: Vec<ObjectId>,
    segments: usize,
    /// Bytes of content (page streams and every form `XObject` drawn) that
    /// may still be decoded on this page: a small form drawn a million
    /// times is cheap, a large one drawn again and again runs out.
    budget: usize,
}

/// Fonts loaded so far, by object: pages share their fonts, and a font's
/// `ToUnicode` map is read once per document. `budget` bounds the bytes of
/// `CMap` streams decoded for the whole document.
pub struct FontCache {
    fonts: HashMap<ObjectId, Rc<Font>>,
    budget: usize,
}

impl FontCache {
    pub fn new(budget: usize) -> FontCache {
        FontCache {
            fonts: HashMap::new(),
            budget,
        }
    }
}

/// The page box, rotation and the matrix from user space to display space.
pub fn page_geometry(doc: &Document, page: &Dictionary) -> (f64, f64, Matrix) {
    let media = inherited(doc, page, b"MediaBox")
        .and_then(|o| rect(doc, o))
        .unwrap_or([0.0, 0.0, 612.0, 792.0]);
    let crop = inherited(doc, page, b"CropBox")
        .and_then(|o| rect(doc, o))
        .map_or(media, |c| {
            [
                c[0].max(media[0]),
                c[1].max(media[1]),
                c[2].min(media[2]),
                c[3].min(media[3]),
            ]
        });
    let [x0, y0, x1, y1] = if crop[2] > crop[0] && crop[3] > crop[1] {
        crop
    } else {
        media
    };
    let rotate = inherited(doc, page, b"Rotate")
        .and_then(|o| crate::pdfobj::num(doc, o))
        .unwrap_or(0.0) as i64;
    let (w, h) = (x1 - x0, y1 - y0);
    match rotate.rem_euclid(360) {
        90 => (h, w, Matrix::new(0.0, 1.0, 1.0, 0.0, -y0, -x0)),
        180 => (w, h, Matrix::new(-1.0, 0.0, 0.0, 1.0, x1, -y0)),
        270 => (h, w, Matrix::new(0.0, -1.0, -1.0, 0.0, y1, x1)),
        _ => (w, h, Matrix::new(1.0, 0.0, 0.0, -1.0, -x0, y1)),
    }
}

/// A page attribute, inherited from the page tree (at most 32 parents up).
pub fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Some(v) = get(doc, node, key) {
            return Some(v);
        }
        node = get_dict(doc, node, b"Parent")?;
    }
    None
}

/// A decoding limit hit while reading a page names the page-wide budget.
fn page_limit(e: PdfError, options: &PdfOptions) -> PdfError {
    match e {
        PdfError::Limit(_) => PdfError::Limit(format!(
            "a page's content streams and form XObjects decode to more than {} bytes",
            options.max_stream_bytes
        )),
        other => other,
    }
}

/// Run a page's content streams.
pub fn run_page(
    doc: &Document,
    page: &Dictionary,
    options: &PdfOptions,
    fonts: &mut FontCache,
) -> Result<PageContent, PdfError> {
    let (width, height, display) = page_geometry(doc, page);
    let mut it = Interp {
        doc,
        options,
        out: PageContent {
            width,
            height,
            ..PageContent::default()
        },
        ops: 0,
        fonts,
        unmapped: HashMap::new(),
        form_stack: Vec::new(),
        segments: 0,
        budget: options.max_stream_bytes,
    };
    let mut content = Vec::new();
    if let Some(c) = page.get(b"Contents").ok().and_then(|o| resolve(doc, o)) {
        let parts: Vec<&Object> = match c {
            Object::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        for part in parts {
            if let Some(s) = stream(doc, part) {
                let part = decode(s, it.budget).map_err(|e| page_limit(e, options))?;
                it.budget = it.budget.saturating_sub(part.len() + 1);
                content.extend(part);
                content.push(b'\n');
            }
        }
    }
    let resources = inherited(doc, page, b"Resources").and_then(|o| crate::pdfobj::dict(doc, o));
    let gs = GState {
        ctm: display,
        text: TextState {
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
        },
    };
    it.run(&content, resources, gs, 0)?;
    let mut unmapped: Vec<(String, String, usize)> = it
        .unmapped
        .into_iter()
        .map(|(font, (reason, n))| (font, reason, n))
        .collect();
    unmapped.sort();
    it.out.unmapped = unmapped;
    Ok(it.out)
}

impl Interp<'_> {
    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&Dictionary>,
        mut gs: GState,
        depth: usize,
    ) -> Result<(), PdfError> {
        let mut stack: Vec<GState> = Vec::new();
        let mut lexer = Lexer::new(content);
        let mut operands = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        // Current path: subpaths of display-space points, with a closed flag.
        let mut path: Vec<(Vec<(f64, f64)>, bool)> = Vec::new();
        while let Some(op) = lexer.next_op(&mut operands) {
            self.ops += 1;
            if self.ops > self.options.max_operators_per_page {
                return Err(PdfError::Limit(format!(
                    "a page has more than {} content-stream operators",
                    self.options.max_operators_per_page
                )));
            }
            let n = |i: usize| operands.get(i).and_then(Operand::num).unwrap_or(0.0);
            match op {
                b"q" if stack.len() < 4096 => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                b"cm" => {
                    let m = Matrix::new(n(0), n(1), n(2), n(3), n(4), n(5));
                    let new = m.then(&gs.ctm);
                    if new.is_finite() {
                        gs.ctm = new;
                    }
                }
                b"BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                b"Tf" => {
                    if let Some(Operand::Name(name)) = operands.first() {
                        gs.text.font = Some(self.font(resources, name));
                    }
                    gs.text.size = n(1);
                }
                b"Tc" => gs.text.char_spacing = n(0),
                b"Tw" => gs.text.word_spacing = n(0),
                b"Tz" => gs.text.hscale = n(0) / 100.0,
                b"TL" => gs.text.leading = n(0),
                b"Ts" => gs.text.rise = n(0),
                b"Td" => {
                    tlm = Matrix::translate(n(0), n(1)).then(&tlm);
                    tm = tlm;
                }
                b"TD" => {
                    gs.text.leading = -n(1);
                    tlm = Matrix::translate(n(0), n(1)).then(&tlm);
                    tm = tlm;
                }
                b"Tm" => {
                    let m = Matrix::new(n(0), n(1), n(2), n(3), n(4), n(5));
                    if m.is_finite() {
                        tlm = m;
                        tm = m;
                    }
                }
                b"T*" => {
                    tlm = Matrix::translate(0.0, -gs.text.leading).then(&tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op != b"Tj" {
                        if op == b"\"" {
                            gs.text.word_spacing = n(0);
                            gs.text.char_spacing = n(1);
                        }
                        tlm = Matrix::translate(0.0, -gs.text.leading).then(&tlm);
                        tm = tlm;
                    }
                    if let Some(Operand::Str(s)) = operands.last() {
                        let s = s.clone();
                        self.show(&gs, &mut tm, &s);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = operands.first() {
                        let items = items.clone();
                        for item in &items {
                            match item {
                                Operand::Str(s) => self.show(&gs, &mut tm, s),
                                Operand::Number(adj) => {
                                    let tx = -adj / 1000.0 * gs.text.size * gs.text.hscale;
                                    let font_vertical =
                                        gs.text.font.as_ref().is_some_and(|f| f.vertical);
                                    tm = if font_vertical {
                                        Matrix::translate(0.0, adj / 1000.0 * gs.text.size)
                                    } else {
                                        Matrix::translate(tx, 0.0)
                                    }
                                    .then(&tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"m" => {
                    let p = gs.ctm.apply(n(0), n(1));
                    path.push((vec![p], false));
                }
                b"l" => {
                    let p = gs.ctm.apply(n(0), n(1));
                    match path.last_mut() {
                        Some((sub, false)) if sub.len() < 100_000 => sub.push(p),
                        _ => path.push((vec![p], false)),
                    }
                }
                b"c" | b"v" | b"y" => {
                    // Curves are never rulings: keep only the end point, as a
                    // break in the subpath.
                    let (x, y) = if op == b"c" {
                        (n(4), n(5))
                    } else {
                        (n(2), n(3))
                    };
                    path.push((vec![gs.ctm.apply(x, y)], false));
                }
                b"h" => {
                    if let Some(last) = path.last_mut() {
                        last.1 = true;
                    }
                }
                b"re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    let pts = vec![
                        gs.ctm.apply(x, y),
                        gs.ctm.apply(x + w, y),
                        gs.ctm.apply(x + w, y + h),
                        gs.ctm.apply(x, y + h),
                    ];
                    if path.len() < 1_000_000 {
                        path.push((pts, true));
                    }
                }
                b"S" | b"s" => {
                    if op == b"s" {
                        if let Some(last) = path.last_mut() {
                            last.1 = true;
                        }
                    }
                    self.stroke(&path);
                    path.clear();
                }
                b"f" | b"F" | b"f*" => {
                    self.fill(&path);
                    path.clear();
                }
                b"B" | b"B*" | b"b" | b"b*" => {
                    if op.starts_with(b"b") {
                        if let Some(last) = path.last_mut() {
                            last.1 = true;
                        }
                    }
                    self.stroke(&path);
                    path.clear();
                }
                b"n" => path.clear(),
                b"Do" => {
                    if let Some(Operand::Name(name)) = operands.first() {
                        let name = name.clone();
                        self.draw_xobject(resources, &name, &gs, depth)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Rc<Font> {
        let label = String::from_utf8_lossy(name).into_owned();
        let Some(fonts) = resources.and_then(|r| get_dict(self.doc, r, b"Font")) else {
            return Rc::new(Font::missing(&label));
        };
        let Ok(obj) = fonts.get(name) else {
            return Rc::new(Font::missing(&label));
        };
        if let Object::Reference(id) = obj {
            if let Some(f) = self.fonts.fonts.get(id) {
                return Rc::clone(f);
            }
            let font = Rc::new(match crate::pdfobj::dict(self.doc, obj) {
                Some(d) => Font::load(self.doc, d, &label, &mut self.fonts.budget),
                None => Font::missing(&label),
            });
            self.fonts.fonts.insert(*id, Rc::clone(&font));
            return font;
        }
        Rc::new(match crate::pdfobj::dict(self.doc, obj) {
            Some(d) => Font::load(self.doc, d, &label, &mut self.fonts.budget),
            None => Font::missing(&label),
        })
    }

    fn show(&mut self, gs: &GState, tm: &mut Matrix, bytes: &[u8]) {
        let Some(font) = gs.text.font.clone() else {
            return;
        };
        let t = &gs.text;
        let size_m = Matrix::new(t.size * t.hscale, 0.0, 0.0, t.size, 0.0, t.rise);
        for g in font.decode(bytes) {
            let trm = size_m.then(tm).then(&gs.ctm);
            if font.vertical {
                *tm = Matrix::translate(0.0, -(t.size + t.char_spacing)).then(tm);
            } else {
                let mut adv = g.width * t.size + t.char_spacing;
                if g.is_space {
                    adv += t.word_spacing;
                }
                *tm = Matrix::translate(adv * t.hscale, 0.0).then(tm);
            }
            let Some(text) = g.text else {
                let reason = font
                    .unmapped_reason()
                    .unwrap_or("no Unicode for some codes");
                let e = self
                    .unmapped
                    .entry(font.name.clone())
                    .or_insert_with(|| (reason.to_owned(), 0));
                e.1 += 1;
                continue;
            };
            // Spaces are kept as " " glyphs: a space drawn at the end of a
            // wrapped line is the only trace of the space at the wrap point.
            let text = if text.chars().all(char::is_whitespace) {
                String::from(" ")
            } else if text.chars().all(char::is_control) {
                continue;
            } else {
                text
            };
            if !trm.is_finite() {
                continue;
            }
            // The glyph box in glyph space: its advance wide (1 em when the
            // width is zero), from the descender to the ascender.
            let w = if g.width > 0.0 { g.width } else { 1.0 };
            let corners = [
                trm.apply(0.0, -0.12),
                trm.apply(w, -0.12),
                trm.apply(0.0, 0.88),
                trm.apply(w, 0.88),
            ];
            let x0 = corners.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
            let x1 = corners
                .iter()
                .map(|p| p.0)
                .fold(f64::NEG_INFINITY, f64::max);
            let y0 = corners.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
            let y1 = corners
                .iter()
                .map(|p| p.1)
                .fold(f64::NEG_INFINITY, f64::max);
            let (cx, cy) = (f64::midpoint(x0, x1), f64::midpoint(y0, y1));
            // Clip to the page box.
            if cx < 0.0 || cy < 0.0 || cx > self.out.width || cy > self.out.height {
                continue;
            }
            let size = (trm.c * trm.c + trm.d * trm.d).sqrt();
            if self.out.glyphs.len() < 10_000_000 {
                self.out.glyphs.push(GlyphBox {
                    text,
                    x0,
                    y0,
                    x1,
                    y1,
                    size,
                });
            }
        }
    }

    fn add_segment(&mut self, (ax, ay): (f64, f64), (bx, by): (f64, f64)) {
        if self.segments >= MAX_SEGMENTS * 5 {
            self.segments += 1;
            return;
        }
        let (w, h) = (self.out.width, self.out.height);
        if (ay - by).abs() <= LEAN && (ax - bx).abs() > LEAN {
            let y = f64::midpoint(ay, by);
            if y < -1.0 || y > h + 1.0 {
                return;
            }
            let (from, to) = (ax.min(bx).max(0.0), ax.max(bx).min(w));
            if to > from {
                self.segments += 1;
                self.out.horizontal.push(Segment { at: y, from, to });
            }
        } else if (ax - bx).abs() <= LEAN && (ay - by).abs() > LEAN {
            let x = f64::midpoint(ax, bx);
            if x < -1.0 || x > w + 1.0 {
                return;
            }
            let (from, to) = (ay.min(by).max(0.0), ay.max(by).min(h));
            if to > from {
                self.segments += 1;
                self.out.vertical.push(Segment { at: x, from, to });
            }
        }
    }

    fn stroke(&mut self, path: &[(Vec<(f64, f64)>, bool)]) {
        for (sub, closed) in path {
            for pair in sub.windows(2) {
                self.add_segment(pair[0], pair[1]);
            }
            if *closed && sub.len() > 2 {
                self.add_segment(sub[sub.len() - 1], sub[0]);
            }
        }
    }

    /// Thin filled shapes are rulings (`Chromium` draws borders so).
    fn fill(&mut self, path: &[(Vec<(f64, f64)>, bool)]) {
        for (sub, _) in path {
            if sub.len() < 3 {
                continue;
            }
            let x0 = sub.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
            let x1 = sub.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
            let y0 = sub.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
            let y1 = sub.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
            let (w, h) = (x1 - x0, y1 - y0);
            if h <= THIN && w > h.max(LEAN) * 2.0 {
                let y = f64::midpoint(y0, y1);
                self.add_segment((x0, y), (x1, y));
            } else if w <= THIN && h > w.max(LEAN) * 2.0 {
                let x = f64::midpoint(x0, x1);
                self.add_segment((x, y0), (x, y1));
            }
        }
    }

    fn draw_xobject(
        &mut self,
        resources: Option<&Dictionary>,
        name: &[u8],
        gs: &GState,
        depth: usize,
    ) -> Result<(), PdfError> {
        let doc = self.doc;
        let Some(obj) = resources
            .and_then(|r| get_dict(doc, r, b"XObject"))
            .and_then(|x| x.get(name).ok())
        else {
            return Ok(());
        };
        let id = match obj {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        let Some(s) = stream(doc, obj) else {
            return Ok(());
        };
        if get_name(doc, &s.dict, b"Subtype") != Some(b"Form") {
            return Ok(());
        }
        let label = String::from_utf8_lossy(name);
        if depth >= MAX_FORM_DEPTH || id.is_some_and(|i| self.form_stack.contains(&i)) {
            self.out.problems.push(format!(
                "the form XObject {label} draws itself (or nests more than {MAX_FORM_DEPTH} deep); the repeat was skipped"
            ));
            return Ok(());
        }
        let bytes = match decode(s, self.budget) {
            Ok(b) => {
                self.budget = self.budget.saturating_sub(b.len());
                b
            }
            Err(e @ PdfError::Limit(_)) => return Err(page_limit(e, self.options)),
            Err(e) => {
                self.out
                    .problems
                    .push(format!("the form XObject {label} cannot be read: {e}"));
                return Ok(());
            }
        };
        let mut inner = gs.clone();
        if let Some(m) = get(doc, &s.dict, b"Matrix").and_then(|o| crate::pdfobj::array(doc, o)) {
            let v: Vec<f64> = m
                .iter()
                .filter_map(|o| crate::pdfobj::num(doc, o))
                .collect();
            if v.len() == 6 {
                let m = Matrix::new(v[0], v[1], v[2], v[3], v[4], v[5]);
                let ctm = m.then(&gs.ctm);
                if ctm.is_finite() {
                    inner.ctm = ctm;
                }
            }
        }
        let form_resources = get_dict(doc, &s.dict, b"Resources").or(resources);
        if let Some(i) = id {
            self.form_stack.push(i);
        }
        let r = self.run(&bytes, form_resources, inner, depth + 1);
        if id.is_some() {
            self.form_stack.pop();
        }
        r
    }
}
