"""Bytes → article text, for the inputs researchers actually have: UTF-8 (with or without a
BOM), UTF-16 (Windows "Unicode" files, with or without a BOM), Windows-1258 (the legacy
Vietnamese code page), and saved HTML pages.

What is not UTF-8 is read, and said so: each decoder returns a *note* ("read as
Windows-1258") that the pipeline lists in its summary, so a silent mis-decoding cannot hide.
What cannot be text (NUL bytes, control characters) is refused with a reason.

Windows-1258 maps almost every byte to some character, so any non-UTF-8 file would "decode";
it is accepted only when everything outside ASCII it produces is Vietnamese (letters, the five
tone marks, the code page's typographic punctuation). Anything else stays "not UTF-8".
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from html.parser import HTMLParser

_VI_LOWER = ("aăâbcdđeêghiklmnoôơpqrstuưvxy"
             "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
_VI_LETTERS = frozenset(_VI_LOWER + _VI_LOWER.upper())
# The typographic characters Windows-1258 has (quotes, dashes, ellipsis, bullet, …).
_CP1258_PUNCT = frozenset("“”‘’–—…•«»°±·×÷€§©®¶¿¡£¥¢ªº¹²³¼½¾\u00a0")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
         (codecs.BOM_UTF8, "utf-8", None), (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class NotText(ValueError):
    """The bytes are not text kg can read; the message says why."""


def sniff(head: bytes) -> tuple[str, int, str | None]:
    """The encoding of a file from its first bytes: (codec, BOM length, note). UTF-16 without
    a BOM is recognised by its zero bytes: Vietnamese text is mostly ASCII letters and
    spaces, whose high byte is zero, in every other position. Plain UTF-8 otherwise."""
    for bom, codec, name in _BOMS:
        if head.startswith(bom):
            return codec, len(bom), f"read as {name}" if name else None
    sample = head[:4096]
    sample = sample[:len(sample) // 2 * 2]
    if len(sample) >= 8:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) / 2
        # A few zero bytes on the other side: U+0300 (NFD's grave accent) is 00 03 in UTF-16-LE.
        if odd >= 0.3 * half and even <= 0.02 * half:
            return "utf-16-le", 0, "read as UTF-16 (little-endian, no BOM)"
        if even >= 0.3 * half and odd <= 0.02 * half:
            return "utf-16-be", 0, "read as UTF-16 (big-endian, no BOM)"
    return "utf-8", 0, None


def decode(data: bytes, *, first: bool = True) -> tuple[str, str | None]:
    """Text from the bytes of a whole file (``first``) or of one line (no BOM or UTF-16 sniffing
    past the first); raises NotText with the reason."""
    codec, skip, note = sniff(data) if first else ("utf-8", 0, None)
    if codec != "utf-8" or skip:
        try:
            return check_text(data[skip:].decode(codec)), note
        except UnicodeDecodeError as e:
            raise NotText(f"not {codec.upper()} ({e.reason} at byte {e.start + skip})") from e
    if b"\x00" in data:
        raise NotText("binary data (NUL bytes), not text")
    try:
        return check_text(data.decode("utf-8")), None
    except UnicodeDecodeError as e:
        legacy = _from_cp1258(data)
        if legacy is None:
            raise NotText(f"not UTF-8 ({e.reason} at byte {e.start}); if it is another encoding, "
                          "convert it to UTF-8 (iconv -f ENCODING -t UTF-8)") from e
        return check_text(legacy), "not UTF-8: read as Windows-1258 (Vietnamese)"


def _from_cp1258(data: bytes) -> str | None:
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    outside = [c for c in text if ord(c) > 127]
    vietnamese = all(c in _VI_LETTERS or c in _CP1258_PUNCT for c in outside)
    return text if vietnamese and any(c in _VI_LETTERS for c in outside) else None


def check_text(text: str) -> str:
    """``text`` unless it looks binary: more than 1 in 100 characters C0 control codes (other
    than tab, line and page breaks)."""
    controls = len(_CONTROL.findall(text))
    if controls and controls * 100 > len(text):
        raise NotText(f"binary data ({controls} control characters), not text")
    return text


def replace_surrogates(text: str) -> tuple[str, int]:
    """JSON can carry unpaired UTF-16 surrogates (``"\\ud800"``), which no UTF-8 store can hold:
    each becomes U+FFFD (one character for one, so offsets do not move). Returns the count."""
    return _SURROGATE.subn("\ufffd", text)


# --- HTML --------------------------------------------------------------------------------------

_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_TAG = re.compile(r"</?(?:p|div|br|span|a|h[1-6]|body|head|title|table|tr|td|li|ul|ol|article|"
                       r"section|strong|em|b|i|img|meta|link|script|style)\b[^<>]*>", re.I)
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "nav", "footer", "aside", "form",
                   "button", "iframe", "object", "select"})
_BLOCK = frozenset({"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table",
                    "article", "section", "header", "blockquote", "pre", "hr", "dd", "dt", "figcaption", "main"})

def looks_like_html(text: str) -> bool:
    """A page (``<!DOCTYPE html>``/``<html>`` at the start) or text with three or more HTML tags."""
    return bool(_HTML_START.match(text)) or len(_HTML_TAG.findall(text, 0, 200_000)) >= 3


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skipping: list[str] = []
        self.title = self.h1 = ""
        self._in: str | None = None      # "title" or "h1" while inside one

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "body":
            self.skipping.clear()          # an unclosed <head> ends where the body starts
        if tag == "title" or (tag == "h1" and not self.h1):
            self._in = tag
        if tag in _SKIP:
            self.skipping.append(tag)
        if tag in _BLOCK:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skipping:           # closes it and anything left open inside it
            del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag):]
        if tag == self._in:
            self._in = None
        if tag in _BLOCK:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "h1":
            self.h1 += data
        if not self.skipping:
            self.lines[-1] += data


def html_to_text(html: str) -> tuple[str | None, str]:
    """(title, text) of an HTML page: the first ``<h1>`` (else ``<title>``) and the visible text,
    a paragraph a line; scripts, styles, navigation and forms dropped, entities decoded. The
    title is the text's first line, as in a .txt article."""
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in parser.lines]
    body = "\n".join(line for line in lines if line)
    title = " ".join((parser.h1 or parser.title).split()) or None
    if title and not body.startswith(title):
        body = f"{title}\n{body}"
    return title, body
