"""A local HTTP server whose routes misbehave on purpose, for the fetcher's fault tests.

`FaultServer` listens on 127.0.0.1 on an ephemeral port, in daemon threads, and records
what it saw: requests per path, the bytes it managed to send, when each request started,
how many were in flight at once. Each route is a small function in `ROUTES`.

The pages' Arabic text is the opening of seeds/000_998e78fb96475055.txt (an Elaph
article), written into a minimal HTML page: real Arabic, in the encodings Arabic sites
really use.
"""

from __future__ import annotations

import email.utils
import gzip
import io
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

ARABIC_TITLE = "حموشي التقى مدير (إف بي آي) في الرباط"
ARABIC_TEXT = (
    "إيلاف من الرباط: أجرى المدير العام للأمن الوطني ومراقبة التراب الوطني عبد اللطيف "
    "حموشي، الثلاثاء، بالرباط، مباحثات مع مدير مكتب التحقيقات الفيدرالي الأميركي، الذي "
    "يقوم حاليا بزيارة عمل للمغرب على رأس وفد رفيع المستوى."
)
FRENCH_TITLE = "Le directeur du FBI reçu à Rabat"
FRENCH_TEXT = (
    "Le directeur général de la sûreté nationale a reçu mardi à Rabat le directeur du FBI, "
    "à la tête d'une délégation de haut niveau, pour une visite de travail au Maroc."
)
# Markup that is pure ASCII, as on real pages: it must not hide the text from detection.
_SCRIPTS = "<script>var dataLayer = []; function track(e) { return e; }</script>\n" * 40

HUGE_BODY_BYTES = 200 * 1024 * 1024
GZIP_BOMB_BYTES = 100 * 1024 * 1024
SLOW_SECONDS = 2.0
BUSY_SECONDS = 0.3
_CHUNK = 64 * 1024


def html_page(text: str, title: str = ARABIC_TITLE, head: str = "") -> str:
    """A small article page around `text`."""
    return (
        f"<!DOCTYPE html><html><head>{head}<title>{title}</title>{_SCRIPTS}</head>"
        f"<body><article><h1>{title}</h1><p>{text}</p></article></body></html>"
    )


def make_gzip_bomb(size: int = GZIP_BOMB_BYTES) -> bytes:
    """`size` zero bytes, gzipped (about 1000:1), built without holding `size` bytes."""
    buffer = io.BytesIO()
    zeros = bytes(1024 * 1024)
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as compressed:
        for _ in range(size // len(zeros)):
            compressed.write(zeros)
    return buffer.getvalue()


Route = Callable[["FaultHandler", int], None]


class FaultServer(ThreadingHTTPServer):
    """The server and what it observed. Start with `start()`, stop with `stop()`."""

    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), FaultHandler)
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.bytes_sent: Counter[str] = Counter()
        self.log: list[tuple[str, float, dict[str, str]]] = []
        self.finished: dict[str, threading.Event] = {}
        self.in_flight = 0
        self.max_in_flight = 0
        self.robots_txt: str | None = None  # None: /robots.txt answers robots_status
        self.robots_status = 404
        self.gzip_bomb = b""
        # a short poll interval so that stop() returns at once, not after 0.5 s
        self._thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def start(self) -> FaultServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)

    def finished_event(self, path: str) -> threading.Event:
        with self.lock:
            return self.finished.setdefault(path, threading.Event())

    def starts(self, path: str) -> list[float]:
        """When each request for `path` arrived (time.monotonic())."""
        with self.lock:
            return [when for seen, when, _ in self.log if seen == path]

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up are the point of these tests: no tracebacks on stderr."""


class FaultHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FaultServer

    def log_message(self, format: str, *args: object) -> None:
        """Silence the per-request log line."""

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        with self.server.lock:
            self.server.hits[path] += 1
            hit = self.server.hits[path]
            self.server.log.append((path, time.monotonic(), dict(self.headers.items())))
        route = ROUTES.get(path, _not_found)
        try:
            route(self, hit)
        except OSError:
            self.close_connection = True  # the client went away, as some tests intend
        finally:
            self.server.finished_event(path).set()

    # helpers for routes
    def send_body(
        self,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.count_sent(len(body))

    def count_sent(self, size: int) -> None:
        with self.server.lock:
            self.server.bytes_sent[urlsplit(self.path).path] += size

    def reset_connection(self) -> None:
        """Close the socket with a TCP RST, as a crashing server or a firewall would."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True


def _not_found(handler: FaultHandler, hit: int) -> None:
    handler.send_body(b"<html><body>not found</body></html>", status=404)


def _ok(handler: FaultHandler, hit: int) -> None:
    handler.send_body(html_page(ARABIC_TEXT).encode("utf-8"))


def _robots(handler: FaultHandler, hit: int) -> None:
    if handler.server.robots_txt is None:
        handler.send_body(b"", "text/plain", status=handler.server.robots_status)
    else:
        handler.send_body(handler.server.robots_txt.encode("utf-8"), "text/plain")


def _slow(handler: FaultHandler, hit: int) -> None:
    time.sleep(SLOW_SECONDS)
    _ok(handler, hit)


def _reset(handler: FaultHandler, hit: int) -> None:
    handler.reset_connection()


def _reset_once(handler: FaultHandler, hit: int) -> None:
    _reset(handler, hit) if hit == 1 else _ok(handler, hit)


def _error_500_once(handler: FaultHandler, hit: int) -> None:
    if hit == 1:
        handler.send_body(b"<html>oops</html>", status=500)
    else:
        _ok(handler, hit)


def _unavailable(handler: FaultHandler, hit: int) -> None:
    handler.send_body(b"<html>down for maintenance</html>", status=503)


def _too_many_once(handler: FaultHandler, hit: int) -> None:
    if hit == 1:
        handler.send_body(b"slow down", "text/plain", 429, {"Retry-After": "1"})
    else:
        _ok(handler, hit)


def _unavailable_until_date_once(handler: FaultHandler, hit: int) -> None:
    if hit == 1:
        when = email.utils.formatdate(time.time() + 2, usegmt=True)
        handler.send_body(b"come back later", "text/plain", 503, {"Retry-After": when})
    else:
        _ok(handler, hit)


def _too_many_for_an_hour(handler: FaultHandler, hit: int) -> None:
    handler.send_body(b"slow down", "text/plain", 429, {"Retry-After": "3600"})


def _redirect_loop(handler: FaultHandler, hit: int) -> None:
    handler.send_body(b"", "", 302, {"Location": "/loop"})


def _redirect_to_ok(handler: FaultHandler, hit: int) -> None:
    handler.send_body(b"", "", 301, {"Location": "/ok"})


def _redirect_to_ftp(handler: FaultHandler, hit: int) -> None:
    handler.send_body(b"", "", 302, {"Location": "ftp://127.0.0.1/file.html"})


def _stream_zeros(handler: FaultHandler, declared_length: bool) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    if declared_length:
        handler.send_header("Content-Length", str(HUGE_BODY_BYTES))
    else:  # HTTP/1.1 body delimited by the end of the connection: no hint of its size
        handler.send_header("Connection", "close")
        handler.close_connection = True
    handler.end_headers()
    chunk = b"<p>" + b"x" * (_CHUNK - 7) + b"</p>\n"
    for _ in range(HUGE_BODY_BYTES // len(chunk)):
        handler.wfile.write(chunk)
        handler.count_sent(len(chunk))


def _huge(handler: FaultHandler, hit: int) -> None:
    _stream_zeros(handler, declared_length=False)


def _huge_declared(handler: FaultHandler, hit: int) -> None:
    _stream_zeros(handler, declared_length=True)


def _gzip_bomb(handler: FaultHandler, hit: int) -> None:
    handler.send_body(
        handler.server.gzip_bomb, "text/html; charset=utf-8", headers={"Content-Encoding": "gzip"}
    )


def _page(text: str, encoding: str, content_type: str, head: str = "") -> Route:
    title = ARABIC_TITLE if text == ARABIC_TEXT else FRENCH_TITLE

    def route(handler: FaultHandler, hit: int) -> None:
        handler.send_body(html_page(text, title, head).encode(encoding), content_type)

    return route


def _compressed(encoding: str, compress: Callable[[bytes], bytes]) -> Route:
    def route(handler: FaultHandler, hit: int) -> None:
        body = compress(html_page(ARABIC_TEXT).encode("utf-8"))
        handler.send_body(body, headers={"Content-Encoding": encoding})

    return route


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def _unclosed_tags(handler: FaultHandler, hit: int) -> None:
    """256 KiB of "<script " with no end, then one non-ASCII byte: hostile markup."""
    handler.send_body(b"<script " * 32768 + "é".encode("cp1252"), "text/html")


def _pdf(handler: FaultHandler, hit: int) -> None:
    handler.send_body(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "application/pdf")


def _png(handler: FaultHandler, hit: int) -> None:
    handler.send_body(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32), "image/png")


def _octet_stream(handler: FaultHandler, hit: int) -> None:
    handler.send_body(bytes(range(256)), "application/octet-stream")


def _pdf_labelled_html(handler: FaultHandler, hit: int) -> None:
    handler.send_body(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "text/html")


def _empty(handler: FaultHandler, hit: int) -> None:
    handler.send_body(b"", "text/html; charset=utf-8")


def _busy(handler: FaultHandler, hit: int) -> None:
    with handler.server.lock:
        handler.server.in_flight += 1
        handler.server.max_in_flight = max(handler.server.max_in_flight, handler.server.in_flight)
    try:
        time.sleep(BUSY_SECONDS)
        _ok(handler, hit)
    finally:
        with handler.server.lock:
            handler.server.in_flight -= 1


def _redirect_to_metadata(handler: FaultHandler, hit: int) -> None:
    """A page that sends the client to a cloud metadata address (link-local)."""
    handler.send_body(b"", "", 302, {"Location": "http://169.254.169.254/latest/meta-data/"})


def _short_body(handler: FaultHandler, hit: int) -> None:
    """A Content-Length of 5000 bytes, then 120 of them and a closed connection."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", "5000")
    handler.end_headers()
    handler.wfile.write(html_page(ARABIC_TEXT).encode("utf-8")[:120])
    handler.close_connection = True


def _short_gzip(handler: FaultHandler, hit: int) -> None:
    """A gzip stream cut in half, with a Content-Length that matches what is sent."""
    whole = gzip.compress(html_page(ARABIC_TEXT * 20).encode("utf-8"))
    handler.send_body(whole[: len(whole) // 2], headers={"Content-Encoding": "gzip"})


DRIP_INTERVAL = 0.05


def _drip(handler: FaultHandler, hit: int) -> None:
    """A body announced as 100 kB, sent a byte every DRIP_INTERVAL seconds (never trips a
    read timeout)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    for _ in range(100000):
        handler.wfile.write(b"x")
        handler.wfile.flush()
        handler.count_sent(1)
        time.sleep(DRIP_INTERVAL)


ROUTES: dict[str, Route] = {
    "/robots.txt": _robots,
    "/ok": _ok,
    "/ok-too": _ok,
    "/private/page": _ok,
    "/slow": _slow,
    "/reset": _reset,
    "/reset-once": _reset_once,
    "/500-once": _error_500_once,
    "/503": _unavailable,
    "/429-once": _too_many_once,
    "/503-date-once": _unavailable_until_date_once,
    "/429-hour": _too_many_for_an_hour,
    "/loop": _redirect_loop,
    "/redirect": _redirect_to_ok,
    "/redirect-ftp": _redirect_to_ftp,
    "/huge": _huge,
    "/huge-declared": _huge_declared,
    "/gzip-bomb": _gzip_bomb,
    "/cp1256": _page(ARABIC_TEXT, "cp1256", "text/html"),
    "/cp1256-says-latin1": _page(ARABIC_TEXT, "cp1256", "text/html; charset=iso-8859-1"),
    "/cp1256-says-utf8": _page(ARABIC_TEXT, "cp1256", "text/html; charset=utf-8"),
    "/utf8-says-cp1256": _page(ARABIC_TEXT, "utf-8", "text/html; charset=windows-1256"),
    "/cp1256-meta": _page(
        ARABIC_TEXT,
        "cp1256",
        "text/html",
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">',
    ),
    "/cp1256-meta-says-utf8": _page(ARABIC_TEXT, "cp1256", "text/html", '<meta charset="utf-8">'),
    "/cp1252": _page(FRENCH_TEXT, "cp1252", "text/html"),
    "/latin1-declared": _page(FRENCH_TEXT, "cp1252", "text/html; charset=ISO-8859-1"),
    "/gzip": _compressed("gzip", gzip.compress),
    "/deflate": _compressed("deflate", zlib.compress),
    "/deflate-raw": _compressed("deflate", _raw_deflate),
    "/unclosed-tags": _unclosed_tags,
    "/pdf": _pdf,
    "/png": _png,
    "/octet-stream": _octet_stream,
    "/pdf-labelled-html": _pdf_labelled_html,
    "/empty": _empty,
    "/busy": _busy,
    "/redirect-metadata": _redirect_to_metadata,
    "/short-body": _short_body,
    "/short-gzip": _short_gzip,
    "/drip": _drip,
}
