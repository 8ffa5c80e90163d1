"""A local HTTP server for watcher tests: feeds that grow over time, article pages, and
sources that misbehave (garbage, redirect loops, huge pages, 500s)."""
from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

PLACES = ["حلب", "إدلب", "الموصل", "تعز", "درعا", "الرقة", "بنغازي", "سيناء"]


def article_html(feed: int, i: int) -> str:
    place = PLACES[(feed + i) % len(PLACES)]
    para = (f"قتل {i % 9 + 2} أشخاص وأصيب آخرون في قصف استهدف حياً سكنياً في مدينة {place}، "
            f"بحسب مصادر محلية. وقال شهود عيان إن القصف تركز على الأحياء الشرقية للمدينة (خبر {feed}-{i}).")
    return (f"<html><head><title>قصف على {place} {feed}-{i}</title></head><body><article>"
            f"<h1>قصف على {place}</h1>" + "".join(f"<p>{para}</p>" for _ in range(3)) + "</article></body></html>")


class FeedWorld:
    """Feeds whose item lists grow when `publish()` is called."""

    def __init__(self, feeds: int):
        self.items: dict[int, list[int]] = {f: [] for f in range(feeds)}
        self.lock = threading.Lock()
        self.hits: dict[str, int] = {}

    def publish(self, feed: int, n: int = 1) -> None:
        with self.lock:
            start = len(self.items[feed])
            self.items[feed].extend(range(start, start + n))

    def rss(self, base: str, feed: int) -> str:
        with self.lock:
            items = list(self.items[feed])[-50:]
        body = "".join(
            f"<item><title>{escape(f'خبر {feed}-{i}')}</title><link>{base}/article/{feed}/{i}.html</link>"
            f"<guid>{base}/article/{feed}/{i}.html</guid><pubDate>Mon, 03 Aug 2015 10:00:00 GMT</pubDate></item>"
            for i in items)
        return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>feed {feed}</title>{body}</channel></rss>'


def make_handler(world: FeedWorld):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, code: int, body: bytes, ctype="text/html; charset=utf-8", headers=None):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            world.hits[self.path] = world.hits.get(self.path, 0) + 1
            base = f"http://{self.headers['Host']}"
            p = self.path
            try:
                if p.startswith("/feed/"):
                    feed = int(p.split("/")[2].split(".")[0])
                    body = world.rss(base, feed).encode()
                    etag = '"' + hashlib.md5(body).hexdigest() + '"'
                    if self.headers.get("If-None-Match") == etag:
                        self.send_response(304)
                        self.end_headers()
                        return
                    self._send(200, body, "application/rss+xml", {"ETag": etag})
                elif p.startswith("/article/"):
                    _, _, feed, name = p.split("/")
                    self._send(200, article_html(int(feed), int(name.split(".")[0])).encode())
                elif p == "/garbage.xml":
                    self._send(200, b"<?xml version='1.0'?><rss><channel><item><title>\x00\xff\xfe broken")
                elif p.startswith("/loop"):
                    self.send_response(302)
                    self.send_header("Location", "/loop2" if p == "/loop" else "/loop")
                    self.end_headers()
                elif p == "/huge.html":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(50_000_000))
                    self.end_headers()
                    chunk = ("<p>" + "نص " * 1000 + "</p>").encode()
                    sent = 0
                    while sent < 50_000_000:
                        self.wfile.write(chunk)
                        sent += len(chunk)
                elif p == "/error500.xml":
                    self._send(500, b"internal error")
                else:
                    self._send(404, b"not found")
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


def start_server(world: FeedWorld) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(world))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
