//! A content-stream tokenizer: operands and operators, one operation at a
//! time, without building the whole operation list (a hostile stream of
//! millions of operators costs no memory beyond its own bytes).

/// One operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Number(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Operand>),
    /// Dictionaries (marked content, inline images) are skipped.
    Other,
}

impl Operand {
    pub fn num(&self) -> Option<f64> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// Most operands kept for one operator; more are dropped (no real operator
/// takes more than a handful, `sc`/`scn` up to 33 with patterns).
const MAX_OPERANDS: usize = 64;
/// Deepest array/dictionary nesting read.
const MAX_DEPTH: usize = 32;

pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    max_operands: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

enum Token<'a> {
    Operand(Operand),
    Keyword(&'a [u8]),
    ArrayEnd,
    DictEnd,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Lexer<'a> {
        Lexer {
            data,
            pos: 0,
            max_operands: MAX_OPERANDS,
        }
    }

    /// A lexer that keeps up to `max` operands per operator (`CMap` blocks
    /// hold up to 100 pairs before their closing keyword).
    pub fn with_max_operands(data: &'a [u8], max: usize) -> Lexer<'a> {
        Lexer {
            data,
            pos: 0,
            max_operands: max,
        }
    }

    fn skip_space(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.data.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next operator with its operands (in `operands`, cleared first);
    /// `None` at the end of the stream.
    pub fn next_op(&mut self, operands: &mut Vec<Operand>) -> Option<&'a [u8]> {
        operands.clear();
        loop {
            match self.token(0)? {
                Token::Operand(o) => {
                    if operands.len() < self.max_operands {
                        operands.push(o);
                    }
                }
                Token::Keyword(k) => {
                    if k == b"ID" {
                        self.skip_inline_image();
                    }
                    return Some(k);
                }
                Token::ArrayEnd | Token::DictEnd => {}
            }
        }
    }

    fn token(&mut self, depth: usize) -> Option<Token<'a>> {
        self.skip_space();
        let b = *self.data.get(self.pos)?;
        match b {
            b'/' => {
                self.pos += 1;
                let start = self.pos;
                while self
                    .data
                    .get(self.pos)
                    .is_some_and(|&c| !is_white(c) && !is_delim(c))
                {
                    self.pos += 1;
                }
                Some(Token::Operand(Operand::Name(name_bytes(
                    &self.data[start..self.pos],
                ))))
            }
            b'(' => Some(Token::Operand(Operand::Str(self.literal()))),
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                self.skip_until_dict_end(depth);
                Some(Token::Operand(Operand::Other))
            }
            b'<' => Some(Token::Operand(Operand::Str(self.hex()))),
            b'>' => {
                self.pos += if self.data.get(self.pos + 1) == Some(&b'>') {
                    2
                } else {
                    1
                };
                Some(Token::DictEnd)
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                if depth >= MAX_DEPTH {
                    return Some(Token::Operand(Operand::Other));
                }
                loop {
                    match self.token(depth + 1) {
                        None | Some(Token::ArrayEnd) => break,
                        Some(Token::Operand(o)) => items.push(o),
                        // A keyword inside an array is malformed: keep going.
                        Some(Token::Keyword(_) | Token::DictEnd) => {}
                    }
                }
                Some(Token::Operand(Operand::Array(items)))
            }
            b']' => {
                self.pos += 1;
                Some(Token::ArrayEnd)
            }
            b'{' | b'}' | b')' => {
                self.pos += 1;
                Some(Token::Operand(Operand::Other))
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                let start = self.pos;
                self.pos += 1;
                while self
                    .data
                    .get(self.pos)
                    .is_some_and(|&c| c.is_ascii_digit() || c == b'.' || c == b'-' || c == b'+')
                {
                    self.pos += 1;
                }
                let s = std::str::from_utf8(&self.data[start..self.pos]).unwrap_or("0");
                Some(Token::Operand(Operand::Number(parse_number(s))))
            }
            _ => {
                let start = self.pos;
                while self
                    .data
                    .get(self.pos)
                    .is_some_and(|&c| !is_white(c) && !is_delim(c))
                {
                    self.pos += 1;
                }
                if self.pos == start {
                    self.pos += 1;
                }
                let k = &self.data[start..self.pos];
                match k {
                    b"true" | b"false" | b"null" => Some(Token::Operand(Operand::Other)),
                    _ => Some(Token::Keyword(k)),
                }
            }
        }
    }

    fn skip_until_dict_end(&mut self, depth: usize) {
        loop {
            match self.token(depth + 1) {
                None | Some(Token::DictEnd) => return,
                Some(_) => {}
            }
        }
    }

    fn literal(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut nest = 0usize;
        while let Some(&c) = self.data.get(self.pos) {
            self.pos += 1;
            match c {
                b'(' => {
                    nest += 1;
                    out.push(c);
                }
                b')' => {
                    if nest == 0 {
                        break;
                    }
                    nest -= 1;
                    out.push(c);
                }
                b'\\' => {
                    let Some(&e) = self.data.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&c) = self.data.get(self.pos) {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            let v = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => continue,
            };
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// Skip an inline image's data: from after `ID` and one white-space byte
    /// to the `EI` that stands alone.
    fn skip_inline_image(&mut self) {
        self.pos += 1;
        while self.pos + 1 < self.data.len() {
            if self.data[self.pos] == b'E'
                && self.data[self.pos + 1] == b'I'
                && self.pos > 0
                && is_white(self.data[self.pos - 1])
                && self.data.get(self.pos + 2).is_none_or(|&c| is_white(c))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = self.data.len();
    }
}

/// `#xx` escapes in names.
fn name_bytes(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#' && i + 2 < raw.len() {
            let hex = std::str::from_utf8(&raw[i + 1..i + 3]).unwrap_or("x");
            if let Ok(v) = u8::from_str_radix(hex, 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

fn parse_number(s: &str) -> f64 {
    if let Ok(v) = s.parse::<f64>() {
        return v;
    }
    // Malformed numbers such as `--5` or `1.2.3`: keep what reads.
    let t = s.trim_start_matches(['+', '-']);
    let neg = s.starts_with('-');
    let end = t
        .char_indices()
        .skip_while(|(_, c)| c.is_ascii_digit())
        .find(|(_, c)| *c != '.')
        .map_or(t.len(), |(i, _)| i);
    let mut v = t[..end].trim_end_matches('.').parse::<f64>().unwrap_or(0.0);
    if neg {
        v = -v;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::{Lexer, Operand};

    fn ops(src: &[u8]) -> Vec<(String, Vec<Operand>)> {
        let mut lx = Lexer::new(src);
        let mut operands = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = lx.next_op(&mut operands) {
            out.push((String::from_utf8_lossy(op).into_owned(), operands.clone()));
        }
        out
    }

    #[test]
    fn operators_and_operands() {
        let got = ops(b"BT /F1#20a 9 Tf (a\\(b\\)\\101) Tj [<0102> -250 (x)] TJ ET % c\nq");
        assert_eq!(got[0].0, "BT");
        assert_eq!(
            got[1],
            (
                "Tf".into(),
                vec![Operand::Name(b"F1 a".to_vec()), Operand::Number(9.0)]
            )
        );
        assert_eq!(got[2].1, vec![Operand::Str(b"a(b)A".to_vec())]);
        assert_eq!(
            got[3].1,
            vec![Operand::Array(vec![
                Operand::Str(vec![1, 2]),
                Operand::Number(-250.0),
                Operand::Str(b"x".to_vec())
            ])]
        );
        assert_eq!(got[4].0, "ET");
        assert_eq!(got[5].0, "q");
        assert_eq!(got.len(), 6);
    }

    #[test]
    fn inline_image_data_is_skipped() {
        let got = ops(b"BI /W 2 /H 1 ID \x00EI\xffQ EI Q");
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BI", "ID", "Q"]);
    }

    #[test]
    fn garbage_never_loops() {
        let got = ops(b")]>> } <<\n[[[ 1.2.3 --4 <6");
        assert!(got.is_empty() || got.len() < 10);
    }
}
