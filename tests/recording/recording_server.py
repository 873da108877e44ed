"""A tiny news site on 127.0.0.1 for the recording tests: one article and a robots.txt.

It listens on an ephemeral port in a daemon thread, answers the article gzip-compressed
when the client accepts it (so a replayed cassette must go through the fetcher's own
inflating reader), and counts the requests it answers, so a test can tell a replay from
a fetch.
"""

from __future__ import annotations

import gzip
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Final

ARTICLE_PATH: Final = "/actualites/2024/05/le-port-de-nador-ouest-med.html"
ROBOTS_TXT: Final = b"User-agent: *\nDisallow: /admin/\n"
TITLE: Final = "Le port de Nador West Med avance vers sa mise en service"
PARAGRAPHS: Final = (
    (
        "Les travaux du port de Nador West Med entrent dans leur dernière phase, a annoncé"
        " mardi l'agence chargée du chantier, qui vise une mise en service progressive."
    ),
    (
        "Les quais du terminal à conteneurs sont achevés et les premières grues ont été"
        " livrées au début du mois, selon le communiqué publié à l'issue de la visite."
    ),
    (
        "La zone d'activités attenante doit accueillir ses premières entreprises au cours"
        " de l'année prochaine, ce qui créerait plusieurs milliers d'emplois dans la région."
    ),
)


def article_html() -> bytes:
    """The article page: a menu, a share bar and a footer around the story."""
    body = "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS)
    return (
        "<!DOCTYPE html>\n<html lang='fr'><head><meta charset='utf-8'>"
        f"<title>{TITLE}</title><meta property='og:title' content='{TITLE}'></head>\n"
        "<body><nav class='menu'><a href='/'>Accueil</a> <a href='/economie/'>Économie</a></nav>\n"
        f"<article><h1>{TITLE}</h1>\n<div class='share'>Partager sur Facebook</div>\n"
        f"<div class='article-body'>\n{body}</div></article>\n"
        "<footer>Tous droits réservés</footer></body></html>\n"
    ).encode()


class LocalNewsSite:
    """Start with `start()`, stop with `stop()`; `hits` lists the paths requested so far."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hits: list[str] = []
        self._page = article_html()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def page(self) -> bytes:
        return self._page

    @property
    def article_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{ARTICLE_PATH}"

    @property
    def hits(self) -> list[str]:
        with self._lock:
            return list(self._hits)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _record(self, path: str) -> None:
        with self._lock:
            self._hits.append(path)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site._record(self.path)
                if self.path == "/robots.txt":
                    self._send(200, ROBOTS_TXT, "text/plain; charset=utf-8")
                elif self.path == ARTICLE_PATH:
                    self._send(200, site.page, "text/html; charset=utf-8", compress=True)
                else:
                    self._send(404, b"not found", "text/plain; charset=utf-8")

            def _send(
                self, status: int, body: bytes, content_type: str, *, compress: bool = False
            ) -> None:
                gzipped = compress and "gzip" in self.headers.get("Accept-Encoding", "")
                payload = gzip.compress(body, mtime=0) if gzipped else body
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                if gzipped:
                    self.send_header("Content-Encoding", "gzip")
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: the test reads `hits`, not the log."""

        return Handler
