//! `ToUnicode` and embedded `CMap`s: code-space ranges (how many bytes a
//! character code takes) and the code → Unicode map (`bfchar`, `bfrange`).
//! Ranges are kept as ranges, so a hostile `<0000> <FFFFFFFF>` costs nothing.

use std::collections::HashMap;

use crate::lexer::{Lexer, Operand};

#[derive(Debug, Clone, Default)]
pub struct CMap {
    /// `(byte length, low, high)` of each code-space range.
    pub codespace: Vec<(usize, u32, u32)>,
    chars: HashMap<(usize, u32), String>,
    /// `(byte length, low, high, destination)`, sorted by `low`.
    ranges: Vec<(usize, u32, u32, RangeDst)>,
    /// CID mappings of an embedded (non-Unicode) `CMap`: `cidchar`/`cidrange`.
    pub cid_ranges: Vec<(usize, u32, u32, u32)>,
}

#[derive(Debug, Clone)]
enum RangeDst {
    /// The first code's UTF-16 units; later codes add to the last unit.
    Start(Vec<u16>),
    /// One string per code.
    List(Vec<String>),
}

fn code_of(bytes: &[u8]) -> Option<(usize, u32)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some((
        bytes.len(),
        bytes.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b)),
    ))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| {
            if c.len() == 2 {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from(c[0])
            }
        })
        .collect()
}

fn units_to_string(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

impl CMap {
    /// Read a `CMap` program. Malformed entries are skipped.
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lx = Lexer::with_max_operands(data, 1 << 20);
        let mut ops = Vec::new();
        while let Some(op) = lx.next_op(&mut ops) {
            match op {
                b"endcodespacerange" => {
                    for pair in ops.chunks(2) {
                        if let [Operand::Str(lo), Operand::Str(hi)] = pair {
                            if let (Some((n, l)), Some((_, h))) = (code_of(lo), code_of(hi)) {
                                cmap.codespace.push((n, l, h));
                            }
                        }
                    }
                }
                b"endbfchar" => {
                    for pair in ops.chunks(2) {
                        if let [Operand::Str(src), dst] = pair {
                            let Some(key) = code_of(src) else { continue };
                            let text = match dst {
                                Operand::Str(d) => units_to_string(&utf16_units(d)),
                                Operand::Name(n) => {
                                    crate::font::glyph_name_to_unicode(n).unwrap_or_default()
                                }
                                _ => continue,
                            };
                            cmap.chars.insert(key, text);
                        }
                    }
                }
                b"endbfrange" => {
                    for triple in ops.chunks(3) {
                        if let [Operand::Str(lo), Operand::Str(hi), dst] = triple {
                            let (Some((n, l)), Some((_, h))) = (code_of(lo), code_of(hi)) else {
                                continue;
                            };
                            if h < l {
                                continue;
                            }
                            let dst = match dst {
                                Operand::Str(d) => RangeDst::Start(utf16_units(d)),
                                Operand::Array(items) => RangeDst::List(
                                    items
                                        .iter()
                                        .map(|i| match i {
                                            Operand::Str(d) => units_to_string(&utf16_units(d)),
                                            _ => String::new(),
                                        })
                                        .collect(),
                                ),
                                _ => continue,
                            };
                            cmap.ranges.push((n, l, h, dst));
                        }
                    }
                }
                b"endcidchar" => {
                    for pair in ops.chunks(2) {
                        if let [Operand::Str(src), Operand::Number(cid)] = pair {
                            if let Some((n, c)) = code_of(src) {
                                let cid = cid.clamp(0.0, f64::from(u32::MAX)) as u32;
                                cmap.cid_ranges.push((n, c, c, cid));
                            }
                        }
                    }
                }
                b"endcidrange" => {
                    for triple in ops.chunks(3) {
                        if let [Operand::Str(lo), Operand::Str(hi), Operand::Number(cid)] = triple {
                            if let (Some((n, l)), Some((_, h))) = (code_of(lo), code_of(hi)) {
                                let cid = cid.clamp(0.0, f64::from(u32::MAX)) as u32;
                                cmap.cid_ranges.push((n, l, h, cid));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        cmap.ranges.sort_by_key(|r| (r.1, r.0));
        cmap
    }

    /// True when the map has no Unicode entries at all.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty()
    }

    /// The Unicode text of a code of `len` bytes.
    pub fn lookup(&self, len: usize, code: u32) -> Option<String> {
        if let Some(s) = self.chars.get(&(len, code)) {
            return Some(s.clone());
        }
        // The last range starting at or below `code`, then earlier ones
        // (ranges may overlap or differ in byte length).
        let end = self.ranges.partition_point(|r| r.1 <= code);
        for (n, lo, hi, dst) in self.ranges[..end].iter().rev().take(8) {
            if *n != len || code > *hi {
                continue;
            }
            let off = code - lo;
            return match dst {
                RangeDst::Start(units) => {
                    let mut units = units.clone();
                    let last = units.last_mut()?;
                    *last = last.wrapping_add(u16::try_from(off).ok()?);
                    Some(units_to_string(&units))
                }
                RangeDst::List(list) => list.get(off as usize).cloned(),
            };
        }
        None
    }

    /// Split a string into codes by the code-space ranges (`default_len`
    /// bytes a code when there are none).
    pub fn split_codes(&self, bytes: &[u8], default_len: usize) -> Vec<(usize, u32)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let mut len = 0;
            if !self.codespace.is_empty() {
                for n in 1..=4usize {
                    if i + n > bytes.len() {
                        break;
                    }
                    let code = bytes[i..i + n]
                        .iter()
                        .fold(0u32, |acc, &b| acc << 8 | u32::from(b));
                    if self
                        .codespace
                        .iter()
                        .any(|&(m, lo, hi)| m == n && code >= lo && code <= hi)
                    {
                        len = n;
                        break;
                    }
                }
            }
            if len == 0 {
                len = default_len.clamp(1, 4).min(bytes.len() - i);
            }
            let code = bytes[i..i + len]
                .iter()
                .fold(0u32, |acc, &b| acc << 8 | u32::from(b));
            out.push((len, code));
            i += len;
        }
        out
    }

    /// The CID of a code through an embedded `CMap`'s `cidchar`/`cidrange`.
    pub fn cid(&self, len: usize, code: u32) -> Option<u32> {
        self.cid_ranges
            .iter()
            .find(|&&(n, lo, hi, _)| n == len && code >= lo && code <= hi)
            .map(|&(_, lo, _, cid)| cid.wrapping_add(code - lo))
    }
}

#[cfg(test)]
mod tests {
    use super::CMap;

    const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin
12 dict begin begincmap /CMapName /Adobe-Identity-UCS def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar
<0003> <0020>
<0102> <7EE9>
endbfchar
2 beginbfrange
<0010> <0012> <6548>
<0020> <0021> [<76EE> <D83DDE00>]
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn bfchar_and_bfrange() {
        let m = CMap::parse(TO_UNICODE);
        assert_eq!(m.lookup(2, 0x0102).as_deref(), Some("绩"));
        assert_eq!(m.lookup(2, 0x0003).as_deref(), Some(" "));
        // 0x6548 效, then 0x6549 敉, 0x654A 敊: the range adds to the last unit.
        assert_eq!(m.lookup(2, 0x0010).as_deref(), Some("效"));
        assert_eq!(m.lookup(2, 0x0012).as_deref(), Some("\u{654A}"));
        assert_eq!(m.lookup(2, 0x0020).as_deref(), Some("目"));
        // A surrogate pair in an array destination.
        assert_eq!(m.lookup(2, 0x0021).as_deref(), Some("😀"));
        assert_eq!(m.lookup(2, 0x0013), None);
        assert_eq!(m.lookup(1, 0x10), None);
    }

    #[test]
    fn codes_split_by_codespace() {
        let mut m = CMap::parse(b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange");
        assert_eq!(
            m.split_codes(&[0x41, 0x81, 0x40, 0x20], 2),
            vec![(1, 0x41), (2, 0x8140), (1, 0x20)]
        );
        m.codespace.clear();
        assert_eq!(m.split_codes(&[1, 2, 3], 2), vec![(2, 0x0102), (1, 3)]);
    }

    #[test]
    fn huge_range_costs_nothing() {
        let m = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert_eq!(m.lookup(4, 1).as_deref(), Some("B"));
    }
}
