//! Small helpers over `lopdf` objects: bounded reference resolution, numbers,
//! names, streams decoded within the limit.

use lopdf::{Dictionary, Document, Object, Stream};

use crate::PdfError;

/// Follow references (at most 16 hops: a reference cycle ends here).
pub fn resolve<'a>(doc: &'a Document, mut obj: &'a Object) -> Option<&'a Object> {
    for _ in 0..16 {
        match obj {
            Object::Reference(id) => obj = doc.get_object(*id).ok()?,
            other => return Some(other),
        }
    }
    None
}

pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    resolve(doc, dict.get(key).ok()?)
}

pub fn dict<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
    match resolve(doc, obj)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub fn get_dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    dict(doc, d.get(key).ok()?)
}

pub fn num(doc: &Document, obj: &Object) -> Option<f64> {
    match resolve(doc, obj)? {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)).filter(|v| v.is_finite()),
        _ => None,
    }
}

pub fn get_num(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<f64> {
    num(doc, d.get(key).ok()?)
}

pub fn name<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a [u8]> {
    match resolve(doc, obj)? {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

pub fn get_name<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    name(doc, d.get(key).ok()?)
}

pub fn array<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a [Object]> {
    match resolve(doc, obj)? {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

pub fn get_array<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    array(doc, d.get(key).ok()?)
}

pub fn stream<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Stream> {
    match resolve(doc, obj)? {
        Object::Stream(s) => Some(s),
        _ => None,
    }
}

/// A rectangle `[x0 y0 x1 y1]`, normalised so that `x0 <= x1`, `y0 <= y1`.
pub fn rect(doc: &Document, obj: &Object) -> Option<[f64; 4]> {
    let a = array(doc, obj)?;
    if a.len() != 4 {
        return None;
    }
    let v: Vec<f64> = a.iter().filter_map(|o| num(doc, o)).collect();
    if v.len() != 4 {
        return None;
    }
    Some([
        v[0].min(v[2]),
        v[1].min(v[3]),
        v[0].max(v[2]),
        v[1].max(v[3]),
    ])
}

/// A stream's decoded bytes, within `limit`.
pub fn decode(stream: &Stream, limit: usize) -> Result<Vec<u8>, PdfError> {
    stream
        .get_plain_content_with_limit(limit)
        .map_err(|e| match e {
            lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
                PdfError::Limit(format!("a stream decodes to more than {limit} bytes"))
            }
            other => PdfError::Damaged(format!("a stream cannot be decoded: {other}")),
        })
}
