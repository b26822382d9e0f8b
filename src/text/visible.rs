//! Control characters made visible: a data file or a query may hold ESC, BEL or NUL, which a
//! terminal would act on (retitle the window, clear the screen). Text meant to be read (tables,
//! text, markdown) shows each as an escape such as `\u{1b}`; tab and newline stay as they are.

use std::borrow::Cow;
use std::io::{self, Write};

/// True for a character shown as an escape in text output.
/// U+FFFE and U+FFFF are not characters at all, and XML forbids them.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{fffe}' || c == '\u{ffff}'
}

/// `text` with every control character but newline and tab written as `\u{…}`.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            shown.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// Text for an XML or HTML text node: escaped, control characters made visible (XML 1.0
/// forbids most of them, and a browser stops drawing an SVG at the first).
pub fn markup_text(text: &str) -> String {
    html_escape::encode_text(&visible(text)).into_owned()
}

/// Text for a double-quoted XML or HTML attribute, made visible like [`markup_text`].
pub fn markup_attr(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(&visible(text)).into_owned()
}

/// A writer that makes control characters visible in everything written through it. Works on
/// bytes: C0 controls and DEL are single bytes in UTF-8, C1 controls are `0xC2 0x80..=0x9F`,
/// and a `0xC2` at the end of one write is held until the next.
pub struct Visible<'a> {
    inner: &'a mut dyn Write,
    pending_c2: bool,
}

impl<'a> Visible<'a> {
    pub fn new(inner: &'a mut dyn Write) -> Visible<'a> {
        Visible {
            inner,
            pending_c2: false,
        }
    }
}

impl Write for Visible<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut out = Vec::with_capacity(buf.len() + 8);
        for &b in buf {
            if self.pending_c2 {
                self.pending_c2 = false;
                if (0x80..=0x9f).contains(&b) {
                    out.extend_from_slice(format!("\\u{{{b:x}}}").as_bytes());
                    continue;
                }
                out.push(0xc2);
            }
            match b {
                b'\n' | b'\t' => out.push(b),
                0x00..=0x1f | 0x7f => out.extend_from_slice(format!("\\u{{{b:x}}}").as_bytes()),
                0xc2 => self.pending_c2 = true,
                _ => out.push(b),
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.pending_c2 {
            self.pending_c2 = false;
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

impl Drop for Visible<'_> {
    fn drop(&mut self) {
        if self.pending_c2 {
            // A lone 0xC2 cannot end valid UTF-8; written back as it came.
            let _ = self.inner.write_all(&[0xc2]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_escapes_and_tab_and_newline_stay() {
        assert_eq!(
            visible("a\u{1b}]0;x\u{7}b\tc\n"),
            "a\\u{1b}]0;x\\u{7}b\tc\n"
        );
        assert_eq!(visible("plain é"), "plain é");
        assert_eq!(markup_text("<a\u{0}\u{ffff}>"), "&lt;a\\u{0}\\u{ffff}&gt;");
        let mut bytes = Vec::new();
        {
            let mut w = Visible::new(&mut bytes);
            w.write_all("x\u{0}".as_bytes()).unwrap();
            // A C1 control split across two writes.
            w.write_all(&[b'y', 0xc2]).unwrap();
            w.write_all(&[0x9b, b'z']).unwrap();
            w.write_all("é\r\n".as_bytes()).unwrap();
            w.flush().unwrap();
        }
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "x\\u{0}y\\u{9b}zé\\u{d}\n"
        );
    }
}
