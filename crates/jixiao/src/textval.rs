//! [`Text`]: the model's string type.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use compact_str::CompactString;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string as the model holds it: 24 bytes, like a `String`, but
/// a text of up to 24 bytes (eight CJK characters) is stored inline, without
/// a heap allocation. Most cells of a form — targets, units, labels, many
/// indicator names — are that short: parsing 10 MB of forms makes about a
/// third as many allocations as with `String`s, and the model takes a sixth
/// less heap.
///
/// `Text` dereferences to [`str`], compares with `str`, `&str` and `String`,
/// and serialises as a JSON string.
///
/// ```
/// use jixiao::Text;
/// let t = Text::from("≥95.00(%)");
/// assert_eq!(t, "≥95.00(%)");
/// assert_eq!(t.len(), 11);
/// assert!(t.starts_with('≥'));
/// assert_eq!(t.as_str(), "≥95.00(%)");
/// let s: String = t.clone().into();
/// assert_eq!(s, t);
/// assert_eq!(format!("{t} / {t:?}"), "≥95.00(%) / \"≥95.00(%)\"");
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(CompactString);

impl Text {
    /// The empty text.
    ///
    /// ```
    /// assert!(jixiao::Text::new().is_empty());
    /// ```
    #[must_use]
    pub const fn new() -> Text {
        Text(CompactString::const_new(""))
    }

    /// The text as a `&str`.
    ///
    /// ```
    /// assert_eq!(jixiao::Text::from("及时").as_str(), "及时");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The text as a `String` (allocates when the text is stored inline).
    ///
    /// ```
    /// assert_eq!(jixiao::Text::from("abc").into_string(), String::from("abc"));
    /// ```
    #[must_use]
    pub fn into_string(self) -> String {
        self.0.into_string()
    }

    /// Whether the text is held inline, without a heap allocation (up to 24
    /// bytes).
    ///
    /// ```
    /// use jixiao::Text;
    /// assert!(Text::from("≤130.00(元/人/天)").is_inline());
    /// assert!(!Text::from("a much longer text than twenty-four bytes").is_inline());
    /// ```
    #[must_use]
    pub fn is_inline(&self) -> bool {
        !self.0.is_heap_allocated()
    }

    /// An empty text with room for `n` bytes (inline up to 24).
    ///
    /// ```
    /// let t = jixiao::Text::with_capacity(100);
    /// assert!(t.is_empty() && !t.is_inline());
    /// ```
    #[must_use]
    pub fn with_capacity(n: usize) -> Text {
        Text(CompactString::with_capacity(n))
    }

    /// Append a character.
    ///
    /// ```
    /// let mut t = jixiao::Text::from("及");
    /// t.push('时');
    /// assert_eq!(t, "及时");
    /// ```
    pub fn push(&mut self, c: char) {
        self.0.push(c);
    }

    /// Append a string (`write!` works too: `Text` is a [`fmt::Write`]).
    ///
    /// ```
    /// use std::fmt::Write as _;
    /// let mut t = jixiao::Text::from("培训");
    /// t.push_str("人数");
    /// write!(t, "{}", 2).unwrap();
    /// assert_eq!(t, "培训人数2");
    /// ```
    pub fn push_str(&mut self, s: &str) {
        self.0.push_str(s);
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Write for Text {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.push_str(s);
        Ok(())
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(CompactString::from(s))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text(CompactString::from(s.as_str()))
    }
}

impl From<String> for Text {
    /// Keeps the `String`'s buffer when the text is too long to be inline.
    fn from(s: String) -> Text {
        Text(CompactString::from(s))
    }
}

impl From<std::borrow::Cow<'_, str>> for Text {
    fn from(s: std::borrow::Cow<'_, str>) -> Text {
        match s {
            std::borrow::Cow::Borrowed(b) => Text::from(b),
            std::borrow::Cow::Owned(o) => Text::from(o),
        }
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.into_string()
    }
}

impl FromIterator<char> for Text {
    fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> Text {
        Text(iter.into_iter().collect())
    }
}

impl<'a> FromIterator<&'a str> for Text {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Text {
        Text(iter.into_iter().collect())
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.0.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.0.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.0.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.0.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.0.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.0.as_str()
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::from(v))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::from(v))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::Text;

    #[test]
    fn short_texts_are_inline_and_long_ones_keep_their_bytes() {
        let short = Text::from("元/人/天");
        assert!(short.is_inline());
        let long = "满意度指标".repeat(10);
        let t = Text::from(long.clone());
        assert!(!t.is_inline());
        assert_eq!(t, long);
        assert_eq!(std::mem::size_of::<Text>(), std::mem::size_of::<String>());
        assert_eq!(
            std::mem::size_of::<Option<Text>>(),
            std::mem::size_of::<String>()
        );
    }

    #[test]
    fn json_round_trip_and_escapes() {
        let t = Text::from("a\"b\\c\n");
        let j = serde_json::to_string(&t).unwrap();
        assert_eq!(j, r#""a\"b\\c\n""#);
        assert_eq!(serde_json::from_str::<Text>(&j).unwrap(), t);
        assert!(serde_json::from_str::<Text>("1").is_err());
    }

    #[test]
    fn builds_by_push() {
        let mut t = Text::with_capacity(2);
        t.push('绩');
        t.push_str("效目标");
        assert_eq!(t, "绩效目标");
        let c: Text = "ab".chars().collect();
        assert_eq!(c, "ab");
    }
}
