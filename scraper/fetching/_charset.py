"""Turn the bytes of a web page into text, even when the page lies about its charset.

Order of evidence, strongest first:

1. a byte-order mark;
2. bytes that are valid UTF-8 and not plain ASCII are UTF-8, whatever is declared (a
   legacy single-byte text almost never forms valid multi-byte UTF-8 by chance, while
   pages that say "iso-8859-1" but send UTF-8 are common);
3. the charset of the Content-Type header, then the `<meta charset>` /
   `<meta http-equiv>` / `<?xml encoding?>` in the first bytes, each only if the bytes
   decode with it *and* the result is not mojibake;
4. charset-normalizer on the page's text with the markup removed (markup is ASCII and
   would otherwise dilute the evidence), preferring the encodings news sites actually
   use (windows-1256 for Arabic, windows-1252 for French) when it finds a near tie.

"Not mojibake" is judged by charset-normalizer too: Arabic windows-1256 bytes read as
windows-1252 decode without an error but come out as "ÇáÚÑÈíÉ", which its mess detector
rejects. Labels are read as browsers read them (WHATWG): "iso-8859-1" and "ascii" mean
windows-1252.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

__all__ = ["PREFERRED_ENCODINGS", "Decoded", "decode_page"]

# On a near tie, the first of these wins: the encodings our sources really use.
PREFERRED_ENCODINGS: tuple[str, ...] = ("utf-8", "cp1256", "cp1252", "iso8859-6")

# WHATWG Encoding Standard: labels that browsers decode as another encoding.
_LABEL_ALIASES: dict[str, str] = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
}
# How far into the page a <meta> or XML declaration is looked for.
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(
    rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_.:-]+)""", re.IGNORECASE
)
# Elements whose content is not text, and how each ends.
_SKIPPED_ELEMENTS: tuple[tuple[bytes, bytes], ...] = (
    (b"<!--", b"-->"),
    (b"<script", b"</script"),
    (b"<style", b"</style"),
)
_SPACES = re.compile(rb"\s+")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# charset-normalizer rejects a decoding whose mess ratio is above this.
_MESS_THRESHOLD = 0.2
# A match this close to the best (in chaos, then in language coherence) is a near tie.
_NEAR_TIE_CHAOS = 0.05
_NEAR_TIE_COHERENCE = 0.1
# Enough text for detection; more only costs time.
_DETECTION_SAMPLE = 256 * 1024


@dataclass(frozen=True)
class Decoded:
    """A decoded page: the text, the Python codec used, and which evidence chose it."""

    text: str
    encoding: str
    source: str  # "bom", "utf-8", "header", "meta", "detected", "fallback" or "ascii"


def decode_page(body: bytes, header_charset: str | None = None) -> Decoded:
    """Decode `body`, using `header_charset` (from Content-Type) only as evidence."""
    for bom, bom_encoding in _BOMS:
        if body.startswith(bom):
            return Decoded(
                body.decode(bom_encoding, errors="replace"), _codec_name(bom_encoding), "bom"
            )
    if body.isascii():
        return Decoded(body.decode("ascii"), "ascii", "ascii")
    try:
        return Decoded(body.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    visible = _visible_bytes(body)
    for source, label in (("header", header_charset), ("meta", _declared_in_document(body))):
        encoding = _normalise_label(label)
        if encoding is None or encoding == "utf-8":  # UTF-8 was just ruled out
            continue
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _is_plausible(visible, encoding):
            return Decoded(text, encoding, source)
    detected = _detect(visible) or _detect(body[:_DETECTION_SAMPLE])
    if detected is not None:
        return Decoded(body.decode(detected, errors="replace"), detected, "detected")
    return Decoded(body.decode("utf-8", errors="replace"), "utf-8", "fallback")


def _codec_name(label: str) -> str:
    name = codecs.lookup(label).name
    return "utf-8" if name == "utf-8-sig" else name


def _normalise_label(label: str | None) -> str | None:
    """The Python codec for a declared charset label, as a browser reads it; None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        # a declaration inside the bytes cannot be UTF-16 (it would not be readable as
        # ASCII); browsers treat it as UTF-8, and a real UTF-16 page has a BOM
        return "utf-8"
    return _LABEL_ALIASES.get(name, name)


def _declared_in_document(body: bytes) -> str | None:
    head = body[:_PRESCAN_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _visible_bytes(body: bytes) -> bytes:
    """The page without scripts, styles, comments and tags: what detection should judge.

    A hand-written scan rather than regexes: a pattern like `<script.*?</script>` is
    quadratic on a page full of unclosed tags (a minute for 256 KiB of "<script "), and
    this one runs on untrusted bytes. Every search starts where the last one ended.
    """
    sample = body[:_DETECTION_SAMPLE]
    lowered = sample.lower()
    pieces: list[bytes] = []
    position = 0
    while position < len(sample):
        start = lowered.find(b"<", position)
        if start < 0:
            pieces.append(sample[position:])
            break
        pieces.append(sample[position:start])
        end_marker = b">"
        for opening, closing in _SKIPPED_ELEMENTS:
            if lowered.startswith(opening, start):
                end_marker = closing
                break
        end = lowered.find(end_marker, start + 1)
        if end < 0:
            break  # an unclosed tag or element runs to the end of the sample
        if end_marker != b">":  # skip to the end of the closing tag too
            end = lowered.find(b">", end)
            if end < 0:
                break
        pieces.append(b" ")
        position = end + 1
    return _SPACES.sub(b" ", b"".join(pieces)).strip()


def _is_plausible(visible: bytes, encoding: str) -> bool:
    """Whether the visible text reads as text in `encoding` rather than as mojibake."""
    if visible.isascii():
        return True
    return (
        charset_normalizer.from_bytes(
            visible, cp_isolation=[encoding], threshold=_MESS_THRESHOLD
        ).best()
        is not None
    )


def _detect(sample: bytes) -> str | None:
    if not sample or sample.isascii():
        return None
    # Without a BOM, a web page is not UTF-16/32 (its markup would be full of NULs).
    matches = [
        match
        for match in charset_normalizer.from_bytes(sample, threshold=_MESS_THRESHOLD)
        if not match.encoding.startswith(("utf_16", "utf_32"))
    ]
    if not matches:
        return None
    best = matches[0]
    near_ties = {
        _codec_name(match.encoding)
        for match in matches
        if match.chaos <= best.chaos + _NEAR_TIE_CHAOS
        and match.coherence >= best.coherence - _NEAR_TIE_COHERENCE
    }
    for preferred in PREFERRED_ENCODINGS:
        if preferred in near_ties:
            return preferred
    return _codec_name(best.encoding)
