"""Record what `Fetcher.fetch(url)` exchanges into a pytest-recording (vcrpy) cassette.

Shared by `cassette_from_page.py` (a reconstructed page served by an in-process mock
transport) and `record_site.py` (a live page). Both record through vcrpy itself, so the
file is exactly what pytest-recording replays: vcrpy patches httpx's transports and
stores the raw bytes off the (mock or real) wire. A gzip body therefore stays gzip in
the cassette, and on replay the fetcher streams it with `iter_raw()` and inflates it by
hand, as it does live.

Two things differ from vcrpy's default writer:
- the file opens with `# origin: ...` comment lines: where the exchange comes from
  (YAML comments, which every YAML loader, vcrpy's included, skips);
- text is written as UTF-8 and multi-line bodies as YAML literal blocks, so that an
  Arabic page stays readable in a diff (the default writer escapes every non-ASCII
  character). The structure is vcrpy's own (`vcr.serialize`); only the YAML text differs.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import vcr  # type: ignore[import-untyped]
import yaml  # type: ignore[import-untyped]
from vcr.serializers import yamlserializer  # type: ignore[import-untyped]

from nadif.scraper.fetching.fetcher import Fetcher, FetchOptions, FetchResult

__all__ = ["SERIALIZER_NAME", "origin_header", "record_fetch", "served"]

SERIALIZER_NAME = "readable-yaml"


class _ReadableDumper(yaml.SafeDumper):  # type: ignore[misc]
    """Plain data only (what vcrpy's safe loader reads back), bodies as literal blocks."""


def _represent_str(dumper: yaml.SafeDumper, text: str) -> Any:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_ReadableDumper.add_representer(str, _represent_str)


class ReadableYaml:
    """A vcrpy serializer: vcrpy's YAML loader, a dumper that keeps UTF-8 text readable."""

    @staticmethod
    def deserialize(cassette_string: str) -> Any:
        return yamlserializer.deserialize(cassette_string)

    @staticmethod
    def serialize(cassette_dict: Any) -> str:
        text: str = yaml.dump(
            cassette_dict, Dumper=_ReadableDumper, allow_unicode=True, sort_keys=True, width=100
        )
        return text


class _OneChunk(httpx.SyncByteStream):
    """A body that is not read yet: vcrpy records what it streams (an `httpx.Response`
    built with `content=` is read at once, and the fetcher's `iter_raw()` then fails)."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def __iter__(self) -> Iterator[bytes]:
        yield self._data


def served(request: httpx.Request, status: int, body: bytes, content_type: str) -> httpx.Response:
    """A response as a plain web server sends it: the type, the length, the bytes."""
    headers = {"content-type": content_type, "content-length": str(len(body))}
    return httpx.Response(status, headers=headers, stream=_OneChunk(body), request=request)


def origin_header(lines: Sequence[str]) -> str:
    """YAML comment lines: `# origin: ...` first, then any detail lines."""
    return "".join(f"# {line}\n" for line in lines)


def record_fetch(
    url: str,
    cassette: Path,
    *,
    origin: Sequence[str],
    options: FetchOptions,
    transport: httpx.BaseTransport | None = None,
) -> FetchResult:
    """Fetch `url` with a fresh `Fetcher` while vcrpy records every exchange.

    The cassette is written only if the fetch succeeds, atomically, with `origin` as its
    header comment; a `FetchError` leaves any previous file untouched.
    """
    cassette.parent.mkdir(parents=True, exist_ok=True)
    recorder = vcr.VCR(record_mode="all", serializer=SERIALIZER_NAME)
    recorder.register_serializer(SERIALIZER_NAME, ReadableYaml)
    with tempfile.TemporaryDirectory(dir=cassette.parent) as scratch:
        recording = Path(scratch) / "recording.yaml"
        with (
            recorder.use_cassette(str(recording)),
            Fetcher(options, transport=transport) as fetcher,
        ):
            result = fetcher.fetch(url)
        body = recording.read_text(encoding="utf-8")
        finished = Path(scratch) / "cassette.yaml"
        finished.write_text(origin_header(origin) + body, encoding="utf-8")
        os.replace(finished, cassette)
    return result
