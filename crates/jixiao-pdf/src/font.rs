//! Fonts: how a shown string splits into character codes, each code's
//! Unicode text and its advance width.
//!
//! Unicode comes from the font's `ToUnicode` `CMap` first; simple fonts
//! without one fall back to their encoding (`WinAnsiEncoding`,
//! `StandardEncoding`, `Differences` with standard glyph names). A font whose
//! codes cannot be mapped (a composite font with a predefined `CMap` such as
//! `GBK-EUC-H` or `Identity-H` and no `ToUnicode`, a `Type3` font without
//! one, a symbolic simple font without one) yields no text for its glyphs;
//! the caller reports it.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use crate::cmap::CMap;
use crate::pdfobj::{
    array, decode, get, get_array, get_dict, get_name, get_num, num, resolve, stream,
};

/// How a font's codes map to Unicode.
#[derive(Debug, Clone)]
enum Unicode {
    FromCMap(CMap),
    /// A 256-entry table from the simple font's encoding.
    Table(Box<[Option<char>; 256]>),
    /// Nothing maps: the reason, for the diagnostic.
    None(String),
}

#[derive(Debug, Clone)]
pub struct Font {
    /// `BaseFont` (or the resource name when absent), for messages.
    pub name: String,
    composite: bool,
    /// An embedded encoding `CMap` (composite fonts), for code lengths and CIDs.
    encoding: Option<CMap>,
    unicode: Unicode,
    /// Simple fonts: widths from `FirstChar`.
    first_char: u32,
    widths: Vec<f64>,
    /// Composite fonts: CID → width.
    cid_widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph space → text space (0.001 except for `Type3`).
    scale: f64,
    /// Vertical writing (`Identity-V`): glyphs advance downwards.
    pub vertical: bool,
}

/// One decoded code.
pub struct Glyph {
    /// `None` when the code has no Unicode mapping.
    pub text: Option<String>,
    /// Advance in text space units for a font size of 1.
    pub width: f64,
    /// A single-byte code 32 (word spacing `Tw` applies to it).
    pub is_space: bool,
}

/// Limit on decoded font-related streams (`ToUnicode`, embedded `CMap`s).
const CMAP_LIMIT: usize = 4 << 20;

impl Font {
    /// A font that maps nothing, for a missing or unreadable font resource.
    pub fn missing(name: &str) -> Font {
        Font {
            name: name.to_owned(),
            composite: false,
            encoding: None,
            unicode: Unicode::None(format!("the font resource {name} is missing")),
            first_char: 0,
            widths: Vec::new(),
            cid_widths: HashMap::new(),
            default_width: 500.0,
            scale: 0.001,
            vertical: false,
        }
    }

    /// Load a font. Its `CMap` streams decode within `budget` (at most 4 MiB
    /// each), which shrinks by what they decode: past it, a font has no
    /// Unicode map and is reported.
    pub fn load(
        doc: &Document,
        dict: &Dictionary,
        resource_name: &str,
        budget: &mut usize,
    ) -> Font {
        let mut decode_cmap = |s: &lopdf::Stream| {
            let bytes = decode(s, CMAP_LIMIT.min(*budget)).ok()?;
            *budget = budget.saturating_sub(bytes.len());
            Some(CMap::parse(&bytes))
        };
        let subtype = get_name(doc, dict, b"Subtype").unwrap_or_default();
        let name = get_name(doc, dict, b"BaseFont").map_or_else(
            || resource_name.to_owned(),
            |n| String::from_utf8_lossy(n).into_owned(),
        );
        let to_unicode = get(doc, dict, b"ToUnicode")
            .and_then(|o| stream(doc, o))
            .and_then(&mut decode_cmap)
            .filter(|c| !c.is_empty());
        // A ToUnicode map that is there but cannot be read (damaged, empty,
        // or past the decoding budget) is reported as such.
        let unreadable =
            (to_unicode.is_none() && get(doc, dict, b"ToUnicode").is_some()).then(|| {
                "its ToUnicode map cannot be read (damaged, empty or past the decoding limit)"
                    .to_owned()
            });
        let mut font = Font::missing(resource_name);
        font.name = name;
        if subtype == b"Type0" {
            font.composite = true;
            font.default_width = 1000.0;
            let enc = get(doc, dict, b"Encoding");
            let enc_name = enc.and_then(|o| match o {
                Object::Name(n) => Some(n.clone()),
                _ => None,
            });
            if let Some(s) = enc.and_then(|o| stream(doc, o)) {
                font.encoding = decode_cmap(s);
            }
            font.vertical = enc_name.as_deref().is_some_and(|n| n.ends_with(b"-V"));
            if let Some(desc) = get_array(doc, dict, b"DescendantFonts")
                .and_then(|a| a.first())
                .and_then(|o| crate::pdfobj::dict(doc, o))
            {
                if let Some(dw) = get_num(doc, desc, b"DW") {
                    font.default_width = dw;
                }
                if let Some(w) = get_array(doc, desc, b"W") {
                    font.cid_widths = cid_widths(doc, w);
                }
            }
            font.unicode = match to_unicode {
                Some(c) => Unicode::FromCMap(c),
                None => Unicode::None(unreadable.unwrap_or_else(|| match enc_name {
                    Some(n) => format!(
                        "composite font with the predefined CMap {} and no ToUnicode map",
                        String::from_utf8_lossy(&n)
                    ),
                    None => "composite font with an embedded CMap and no ToUnicode map".into(),
                })),
            };
            return font;
        }
        // Simple fonts: Type1, MMType1, TrueType, Type3.
        if let Some(fc) = get_num(doc, dict, b"FirstChar") {
            font.first_char = fc.clamp(0.0, 255.0) as u32;
        }
        if let Some(w) = get_array(doc, dict, b"Widths") {
            font.widths = w
                .iter()
                .take(256)
                .map(|o| num(doc, o).unwrap_or(0.0))
                .collect();
        }
        let descriptor = get_dict(doc, dict, b"FontDescriptor");
        if let Some(mw) = descriptor.and_then(|d| get_num(doc, d, b"MissingWidth")) {
            font.default_width = mw;
        }
        if subtype == b"Type3" {
            if let Some(m) = get_array(doc, dict, b"FontMatrix") {
                if let Some(a) = m.first().and_then(|o| num(doc, o)) {
                    font.scale = a;
                }
            }
        }
        font.unicode = if let Some(c) = to_unicode {
            Unicode::FromCMap(c)
        } else if let Some(reason) = unreadable {
            // The producer meant the map to be used: the encoding alone may
            // give the wrong characters (subset fonts renumber their codes).
            Unicode::None(reason)
        } else if subtype == b"Type3" {
            Unicode::None("Type3 font without a ToUnicode map".into())
        } else {
            let flags = descriptor
                .and_then(|d| get_num(doc, d, b"Flags"))
                .unwrap_or(0.0) as u32;
            let symbolic = flags & 4 != 0 && flags & 32 == 0;
            // An embedded font program brings its own built-in encoding,
            // which this crate does not read: without an Encoding, codes
            // cannot be assumed to be StandardEncoding.
            let embedded = descriptor.is_some_and(|d| {
                [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                    .iter()
                    .any(|k| d.get(k).is_ok())
            });
            simple_table(doc, dict, symbolic, embedded)
        };
        font
    }

    /// Why this font's text cannot be read, if it cannot.
    pub fn unmapped_reason(&self) -> Option<&str> {
        match &self.unicode {
            Unicode::None(r) => Some(r),
            _ => None,
        }
    }

    pub fn decode(&self, bytes: &[u8]) -> Vec<Glyph> {
        let codes: Vec<(usize, u32)> = if self.composite {
            match &self.encoding {
                Some(c) => c.split_codes(bytes, 2),
                None => CMap::default().split_codes(bytes, 2),
            }
        } else {
            bytes.iter().map(|&b| (1, u32::from(b))).collect()
        };
        codes
            .into_iter()
            .map(|(len, code)| {
                let text = match &self.unicode {
                    Unicode::FromCMap(c) => c.lookup(len, code),
                    Unicode::Table(t) => t.get(code as usize).copied().flatten().map(String::from),
                    Unicode::None(_) => None,
                };
                let width = if self.composite {
                    let cid = self
                        .encoding
                        .as_ref()
                        .and_then(|e| e.cid(len, code))
                        .unwrap_or(code);
                    self.cid_widths
                        .get(&cid)
                        .copied()
                        .unwrap_or(self.default_width)
                } else {
                    code.checked_sub(self.first_char)
                        .and_then(|i| self.widths.get(i as usize))
                        .copied()
                        .unwrap_or(self.default_width)
                };
                Glyph {
                    text,
                    width: width * self.scale,
                    is_space: len == 1 && code == 32,
                }
            })
            .collect()
    }
}

/// The `W` array of a CID font: `c [w1 w2 …]` and `c_first c_last w`.
fn cid_widths(doc: &Document, w: &[Object]) -> HashMap<u32, f64> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i < w.len() && out.len() < 200_000 {
        let Some(first) = num(doc, &w[i]) else { break };
        let first = first.clamp(0.0, f64::from(u32::MAX)) as u32;
        if let Some(list) = w.get(i + 1).and_then(|o| array(doc, o)) {
            for (k, o) in list.iter().enumerate().take(65_536) {
                if let Some(v) = num(doc, o) {
                    out.insert(first.saturating_add(k as u32), v);
                }
            }
            i += 2;
        } else {
            let (Some(last), Some(v)) = (
                w.get(i + 1).and_then(|o| num(doc, o)),
                w.get(i + 2).and_then(|o| num(doc, o)),
            ) else {
                break;
            };
            let last = last.clamp(0.0, f64::from(u32::MAX)) as u32;
            for cid in first..=last.min(first.saturating_add(65_535)) {
                out.insert(cid, v);
            }
            i += 3;
        }
    }
    out
}

const WIN_ANSI_80: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

fn base_table(encoding: &[u8]) -> [Option<char>; 256] {
    let mut t = [None; 256];
    for c in 32u8..=126 {
        t[c as usize] = Some(char::from(c));
    }
    match encoding {
        b"WinAnsiEncoding" => {
            for (i, &u) in WIN_ANSI_80.iter().enumerate() {
                if u != 0 {
                    t[0x80 + i] = char::from_u32(u32::from(u));
                }
            }
            for c in 0xA0u32..=0xFF {
                t[c as usize] = char::from_u32(c);
            }
        }
        b"MacRomanEncoding" => {}
        _ => {
            // StandardEncoding: quotes differ from ASCII.
            t[39] = Some('\u{2019}');
            t[96] = Some('\u{2018}');
        }
    }
    t
}

fn simple_table(doc: &Document, dict: &Dictionary, symbolic: bool, embedded: bool) -> Unicode {
    let enc = get(doc, dict, b"Encoding");
    let (base, differences) = match enc {
        Some(Object::Name(n)) => (Some(n.as_slice()), None),
        Some(Object::Dictionary(d)) => (
            get_name(doc, d, b"BaseEncoding"),
            get_array(doc, d, b"Differences"),
        ),
        _ => (None, None),
    };
    if base.is_none() && differences.is_none() && symbolic {
        return Unicode::None("symbolic font without an encoding or a ToUnicode map".into());
    }
    // Codes outside Differences follow the base encoding; with none given,
    // an embedded font's own (unknown) encoding, so they stay unmapped.
    let mut table = match base {
        Some(b) => base_table(b),
        None if embedded => [None; 256],
        None => base_table(b"StandardEncoding"),
    };
    if let Some(diff) = differences {
        let mut code: Option<usize> = None;
        for o in diff {
            match resolve(doc, o) {
                Some(Object::Integer(i)) => code = usize::try_from(*i).ok(),
                Some(Object::Name(n)) => {
                    if let Some(c) = code.filter(|&c| c < 256) {
                        table[c] = glyph_name_to_unicode(n).and_then(|s| s.chars().next());
                        code = Some(c + 1);
                    }
                }
                _ => {}
            }
        }
    }
    if table.iter().all(Option::is_none) {
        return Unicode::None(
            "embedded font with its own encoding and no Encoding or ToUnicode map".into(),
        );
    }
    Unicode::Table(Box::new(table))
}

/// Standard glyph names outside `uniXXXX`/`uXXXX` and single letters.
const NAMES: &[(&str, char)] = &[
    ("space", ' '),
    ("exclam", '!'),
    ("quotedbl", '"'),
    ("numbersign", '#'),
    ("dollar", '$'),
    ("percent", '%'),
    ("ampersand", '&'),
    ("quotesingle", '\''),
    ("parenleft", '('),
    ("parenright", ')'),
    ("asterisk", '*'),
    ("plus", '+'),
    ("comma", ','),
    ("hyphen", '-'),
    ("period", '.'),
    ("slash", '/'),
    ("zero", '0'),
    ("one", '1'),
    ("two", '2'),
    ("three", '3'),
    ("four", '4'),
    ("five", '5'),
    ("six", '6'),
    ("seven", '7'),
    ("eight", '8'),
    ("nine", '9'),
    ("colon", ':'),
    ("semicolon", ';'),
    ("less", '<'),
    ("equal", '='),
    ("greater", '>'),
    ("question", '?'),
    ("at", '@'),
    ("bracketleft", '['),
    ("backslash", '\\'),
    ("bracketright", ']'),
    ("asciicircum", '^'),
    ("underscore", '_'),
    ("grave", '`'),
    ("braceleft", '{'),
    ("bar", '|'),
    ("braceright", '}'),
    ("asciitilde", '~'),
    ("quoteright", '\u{2019}'),
    ("quoteleft", '\u{2018}'),
    ("endash", '\u{2013}'),
    ("emdash", '\u{2014}'),
    ("bullet", '\u{2022}'),
    ("degree", '\u{B0}'),
    ("periodcentered", '\u{B7}'),
    ("multiply", '\u{D7}'),
    ("divide", '\u{F7}'),
    ("nbspace", '\u{A0}'),
    ("yen", '\u{A5}'),
    ("section", '\u{A7}'),
];

/// The Unicode text of a standard glyph name (`A`, `zero`, `space`,
/// `uni7EE9`, `u1F600`); `None` for names outside that small list.
pub fn glyph_name_to_unicode(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let name = name.split('.').next()?;
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 {
            let units: Option<Vec<u16>> = (0..hex.len() / 4)
                .map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).ok())
                .collect();
            return char::decode_utf16(units?)
                .collect::<Result<String, _>>()
                .ok();
        }
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) {
            if let Ok(v) = u32::from_str_radix(hex, 16) {
                return char::from_u32(v).map(String::from);
            }
        }
    }
    if name.len() == 1 && name.as_bytes()[0].is_ascii_alphabetic() {
        return Some(name.to_owned());
    }
    NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, c)| String::from(c))
}

#[cfg(test)]
mod tests {
    use super::glyph_name_to_unicode;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_to_unicode(b"uni7EE9").as_deref(), Some("绩"));
        assert_eq!(glyph_name_to_unicode(b"u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_name_to_unicode(b"zero").as_deref(), Some("0"));
        assert_eq!(glyph_name_to_unicode(b"a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_name_to_unicode(b"g123"), None);
    }
}
