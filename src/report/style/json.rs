//! Pretty JSON that starts some columns in: serde_json's `PrettyFormatter`
//! always starts at column zero, and re-indenting its output afterwards (a
//! replace over every line) cost as much as writing it.

use std::io::{self, Write};

use serde_json::ser::Formatter;

/// serde_json's pretty layout (two-space indent, `": "`, one value per line),
/// with every line after the first `base` spaces further in.
pub struct Nested {
    base: usize,
    level: usize,
    has_value: bool,
}

impl Nested {
    /// A formatter for a value that sits `base` spaces in.
    pub fn new(base: usize) -> Self {
        Nested {
            base,
            level: 0,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        let mut n = self.base + 2 * self.level;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The layout must be serde_json's own, re-indented: the JSON reports'
    /// snapshots were written with it.
    #[test]
    fn matches_pretty_json_shifted_right() {
        let value = serde_json::json!({
            "a": [1, {"b": [], "c": {}}, [[]], "x\ny"],
            "d": {"e": null, "f": [true, 2.5]},
            "g": "",
        });
        for base in [0, 2, 4, 8, 70, 130] {
            let mut out = Vec::new();
            let mut ser = serde_json::Serializer::with_formatter(&mut out, Nested::new(base));
            serde::Serialize::serialize(&value, &mut ser).unwrap();
            let want = serde_json::to_string_pretty(&value)
                .unwrap()
                .replace('\n', &format!("\n{}", " ".repeat(base)));
            assert_eq!(String::from_utf8(out).unwrap(), want, "base {base}");
        }
    }
}
