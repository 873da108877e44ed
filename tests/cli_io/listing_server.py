"""A local site for the feed and sitemap tests: fixed routes, and a count of hits per path."""

from __future__ import annotations

import gzip
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE_TEXT = (
    "أجرى المدير العام للأمن الوطني ومراقبة التراب الوطني، الثلاثاء بالرباط، مباحثات مع "
    "مدير مكتب التحقيقات الفيدرالي الأميركي الذي يقوم حاليا بزيارة عمل للمغرب على رأس وفد "
    "رفيع المستوى، وتناولت المباحثات سبل تعزيز التعاون الأمني الثنائي بين البلدين."
)


def article_page(number: int) -> bytes:
    title = f"خبر رقم {number} عن التعاون الأمني"
    return (
        f'<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><article><h1>{title}</h1><p>{ARTICLE_TEXT}</p><p>{ARTICLE_TEXT}</p>"
        "</article></body></html>"
    ).encode()


class ListingServer(ThreadingHTTPServer):
    """Serves `routes` (path -> (content type, body)); /news/N.html is an article page."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, tuple[str, bytes]] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []  # (path as sent, headers)
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> None:
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def article_hits(self) -> int:
        return sum(n for path, n in self.hits.items() if path.startswith("/news/"))


class _Handler(BaseHTTPRequestHandler):
    server: ListingServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.requests.append((self.path, dict(self.headers.items())))
        if self.path.startswith("http://"):  # a request to a proxy names the whole URL
            self.path = "/" + self.path.split("/", 3)[3]
        with self.server.lock:
            self.server.hits[self.path] += 1
        if self.path in self.server.routes:
            content_type, body = self.server.routes[self.path]
        elif self.path.startswith("/news/") and self.path.endswith(".html"):
            content_type, body = "text/html; charset=utf-8", article_page(int(self.path[6:-5]))
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def rss(base: str, numbers: range, other_host: str | None = None) -> bytes:
    items = "".join(
        f"<item><title>n{n}</title><link>{base}/news/{n}.html</link></item>" for n in numbers
    )
    if other_host:
        items += f"<item><title>x</title><link>{other_host}/news/1.html</link></item>"
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


def atom(base: str, numbers: range) -> bytes:
    entries = "".join(
        f'<entry><title>n{n}</title><link rel="alternate" href="{base}/news/{n}.html"/></entry>'
        for n in numbers
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>t</title><link rel="self" href="{base}/atom.xml"/>{entries}</feed>'
    ).encode()


def urlset(base: str, numbers: range) -> bytes:
    locs = "".join(f"<url><loc>{base}/news/{n}.html</loc></url>" for n in numbers)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    ).encode()


def sitemap_index(base: str, children: list[str]) -> bytes:
    entries = "".join(f"<sitemap><loc>{base}{child}</loc></sitemap>" for child in children)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}'
        "</sitemapindex>"
    ).encode()


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data)
