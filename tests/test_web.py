"""The web app through FastAPI's TestClient: pages, API, store, limits, escaping, readable errors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from rumormill.web.app import create_app

FIXTURES = Path(__file__).parent / "fixtures"
XSS = FIXTURES / "xss_article.html"
SHORT = ("Star splits\n\nA source told Us Weekly that “she is done with him for good,” the insider added. "
         "The couple married in 2012 and split in August 2023, friends say.\n")


def assert_inert(html: str) -> None:
    """No script element, no event-handler attribute, no javascript: URL in any tag."""
    assert not re.search(r"<script", html, re.I)
    tags = re.findall(r"<[a-zA-Z][^>]*>", html)
    assert not [t for t in tags if re.search(r"\son[a-z]+\s*=", t, re.I)]
    assert not [t for t in tags if "javascript:" in t.lower()]
    assert not [t for t in tags if re.match(r"<(iframe|img|object|embed|base|form action=\"http)", t, re.I)]
    assert len([t for t in tags if t.lower().startswith("<style")]) == 1  # our own stylesheet only
    assert all(re.match(r'<svg class="(chart|timeline)"', t) for t in tags if t.lower().startswith("<svg"))


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def stored(tmp_path: Path) -> Iterator[TestClient]:
    from rumormill.store import open_store

    store = open_store(str(tmp_path / "web.db"))
    with TestClient(create_app(store=store), raise_server_exceptions=False) as c:
        yield c
    store.close()


def test_index_has_the_form_and_security_headers(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert '<form class="analyze panel" method="post" action="/analyze" enctype="multipart/form-data">' in r.text
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "no store opened" in r.text


def test_paste_analyse_show(client: TestClient) -> None:
    r = client.post("/analyze", data={"text": SHORT, "kind": "text", "published": "2024-01-15"})
    assert r.status_code == 200, r.text[-500:]
    assert 'id="article-text"' in r.text
    assert "Star splits" in r.text
    assert "2024-01-15 (given)" in r.text
    assert "Saved to the store" not in r.text  # no store opened


def test_xss_article_upload_renders_as_text(client: TestClient) -> None:
    data = XSS.read_bytes()
    r = client.post("/analyze", files={"file": ("xss_article.html", data, "text/html")})
    assert r.status_code == 200, r.text[-500:]
    assert_inert(r.text)
    # the hostile text is there, escaped
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in r.text
    assert "&lt;/mark&gt;&lt;/span&gt;&lt;/div&gt;" in r.text
    assert 'href="javascript:' not in r.text


def test_xss_article_pasted_as_html_renders_as_text(client: TestClient) -> None:
    r = client.post("/analyze", data={"text": XSS.read_text(encoding="utf-8"), "kind": "html"})
    assert r.status_code == 200
    assert_inert(r.text)


def test_upload_content_type_is_checked(client: TestClient) -> None:
    r = client.post("/analyze", files={"file": ("cat.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")})
    assert r.status_code == 415
    assert "unsupported upload type (image/png)" in r.text
    # a generic type falls back to the suffix, which must then be .txt/.html
    r = client.post("/analyze", files={"file": ("a.exe", b"hello", "application/octet-stream")})
    assert r.status_code == 415


def test_generic_type_with_text_suffix_is_accepted(client: TestClient) -> None:
    r = client.post("/analyze", files={"file": ("a.txt", SHORT.encode(), "application/octet-stream")})
    assert r.status_code == 200


def test_size_limits() -> None:
    with TestClient(create_app(max_bytes=2000), raise_server_exceptions=False) as c:
        # over the limit but within the multipart allowance: refused by the app's own check
        r = c.post("/analyze", files={"file": ("a.txt", b"x" * 3000, "text/plain")})
        assert r.status_code == 413
        assert "larger than the limit of 2,000 bytes" in r.text
        r = c.post("/analyze", data={"text": "y" * 3000})
        assert r.status_code == 413
        # far over: refused by the body limit before the form is parsed
        r = c.post("/analyze", files={"file": ("a.txt", b"x" * 200_000, "text/plain")})
        assert r.status_code == 413
        assert "<h1>Something went wrong (413)</h1>" in r.text
        r = c.post("/api/analyze", json={"text": "z" * 3000})
        assert r.status_code == 413
        assert r.json()["status"] == 413

        # a streamed body with no Content-Length is counted as it arrives
        def chunks() -> Iterator[bytes]:
            yield b'{"text": "'
            for _ in range(100):
                yield b"w" * 1000
            yield b'"}'

        r = c.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413
        assert "larger than the limit" in r.json()["error"]


def test_readable_errors(client: TestClient) -> None:
    r = client.post("/analyze", data={"text": "   "})
    assert r.status_code == 400
    assert "nothing to analyse" in r.text
    r = client.post("/analyze", data={"text": SHORT, "published": "15/01/2024"})
    assert r.status_code == 400
    assert "not a date of the form YYYY[-MM[-DD]]" in r.text
    r = client.get("/no/such/page")
    assert r.status_code == 404
    assert "there is no page at /no/such/page" in r.text
    for resp in (r,):
        assert "Traceback" not in resp.text


def test_analysis_crash_is_a_readable_500(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import rumormill.pipeline

    def boom(article: object) -> None:
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(rumormill.pipeline, "analyze", boom)
    r = client.post("/analyze", data={"text": SHORT})
    assert r.status_code == 500
    assert "the analysis failed (RuntimeError)" in r.text
    assert "secret internals" not in r.text and "Traceback" not in r.text
    r = client.post("/api/analyze", json={"text": SHORT})
    assert r.status_code == 500 and r.json()["error"].startswith("the analysis failed")


def test_cross_site_post_is_refused(client: TestClient) -> None:
    r = client.post("/analyze", data={"text": SHORT}, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403


def test_host_header_is_checked() -> None:
    with TestClient(create_app(allowed_hosts=["127.0.0.1"]), base_url="http://evil.example") as c:
        assert c.get("/").status_code == 400
    with TestClient(create_app(allowed_hosts=["127.0.0.1"]), base_url="http://127.0.0.1") as c:
        assert c.get("/").status_code == 200


def test_api_analyze_and_schema(client: TestClient) -> None:
    from rumormill.report.json import validate

    r = client.post("/api/analyze", json={"text": SHORT, "published": "2024-01-15"})
    assert r.status_code == 200
    data = r.json()
    validate(data)
    assert data["published"]["value"] == "2024-01-15"
    r = client.post("/api/analyze", json={"text": SHORT, "published": "last week"})
    assert r.status_code == 422
    assert "published" in r.json()["error"]
    spec = client.get("/api/openapi.json").json()
    assert {"/api/analyze", "/api/articles", "/api/articles/{article_id}", "/api/story", "/api/health"} <= set(
        spec["paths"])
    assert "/analyze" not in spec["paths"]  # the HTML pages are not part of the API
    assert client.get("/docs").status_code == 404  # the interactive docs need a CDN: off
    assert client.get("/api/health").json()["store"] is False
    assert client.get("/api/articles").status_code == 404


def test_store_pages(stored: TestClient) -> None:
    r = stored.post("/analyze", data={"text": SHORT})
    assert r.status_code == 200
    m = re.search(r'Saved to the store as <a href="/articles/([0-9a-f]{16})"', r.text)
    assert m, r.text[:2000]
    aid = m.group(1)
    r = stored.get("/articles")
    assert r.status_code == 200 and f'href="/articles/{aid}"' in r.text
    r = stored.get("/articles", params={"q": "Star splits"})
    assert f'href="/articles/{aid}"' in r.text
    r = stored.get("/articles", params={"q": "nothing like this anywhere"})
    assert f'href="/articles/{aid}"' not in r.text and "No stored articles match" in r.text
    r = stored.get("/articles", params={"q": "' OR 1=1 -- \" ) ; DROP TABLE articles"})
    assert r.status_code == 200
    r = stored.get(f"/articles/{aid}")
    assert r.status_code == 200 and 'id="article-text"' in r.text and "Stored as" in r.text
    assert stored.get(f"/api/articles/{aid}").json()["id"] == aid
    r = stored.get(f"/articles/{aid}/report.html")
    assert r.status_code == 200 and r.text.startswith("<!DOCTYPE html>")
    assert f'filename="rumormill-{aid}.html"' in r.headers["content-disposition"]
    assert stored.get("/articles/0123456789abcdef/report.html").status_code == 404
    assert any(a["id"] == aid for a in stored.get("/api/articles", params={"q": "Star"}).json())
    # again: not added twice
    r = stored.post("/analyze", data={"text": SHORT})
    assert "Stored as" in r.text
    assert len(stored.get("/api/articles").json()) == 1
    assert "Star splits" in stored.get("/").text  # recently stored


@pytest.mark.parametrize("bad", ["../../etc/passwd", "..%2f..%2fetc%2fpasswd", "0123456789abcdeg", "abc",
                                 "0123456789abcdef0"])
def test_bad_article_ids_are_404(stored: TestClient, bad: str) -> None:
    assert stored.get(f"/articles/{bad}").status_code == 404
    assert stored.get(f"/api/articles/{bad}").status_code == 404


def test_static_report_from_the_cli(tmp_path: Path) -> None:
    from rumormill.cli import main

    out = tmp_path / "report.html"
    assert main(["analyze", str(XSS), "--format", "html", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert_inert(html)
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html


def test_story_page_pair_133(stored: TestClient) -> None:
    from tests.conftest import DATA, need_shared

    celeb = need_shared(DATA / "articles" / "celebrity_perezrosas2018")
    ids = []
    for name in ("celeb_133_fake.txt", "celeb_133_legit.txt"):
        r = stored.post("/analyze", files={"file": (name, (celeb / name).read_bytes(), "text/plain")})
        assert r.status_code == 200
        m = re.search(r'Saved to the store as <a href="/articles/([0-9a-f]{16})"', r.text)
        assert m
        ids.append(m.group(1))
    story = stored.get("/api/story", params={"entity": "The Weeknd"}).json()
    assert {a["id"] for a in story["articles"]} == set(ids)
    shared = [g for g in story["groups"] if g["articles"] > 1]
    assert shared and all(g["independent_origins"] == 1 for g in shared)
    r = stored.get("/story", params={"entity": "The Weeknd"})
    assert r.status_code == 200
    assert "circular reporting" in r.text
    for aid in ids:
        assert f'href="/articles/{aid}"' in r.text
    # an item link lands on the highlighted item in its article page
    m = re.search(r'href="/articles/([0-9a-f]{16})#item-([CQ]\d+)"', r.text)
    assert m
    page = stored.get(f"/articles/{m.group(1)}").text
    assert f'id="item-{m.group(2)}"' in page
    assert "No stored article matches." in stored.get("/story", params={"entity": "Nobody Atall"}).text
    assert stored.get("/api/story").status_code == 400


def test_serve_command_runs_and_refuses_a_busy_port(tmp_path: Path) -> None:
    import json
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "rumormill.cli", "serve", "--no-store", "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 2
        assert done.stderr.strip().startswith(f"rumormill: error: cannot listen on 127.0.0.1:{port}")
        assert "Traceback" not in done.stderr
    proc = subprocess.Popen([sys.executable, "-m", "rumormill.cli", "serve", "--db", str(tmp_path / "s.db"),
                             "--port", str(port), "--log-level", "warning"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as resp:
                    health = json.loads(resp.read())
                break
            except OSError:
                assert proc.poll() is None, proc.communicate()[1]
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert health["store"] is True
        # bound to loopback with a Host check against DNS rebinding
        req = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": "attacker.example"})
        try:
            urllib.request.urlopen(req, timeout=5)
            raise AssertionError("a foreign Host header was accepted")
        except urllib.error.HTTPError as exc:
            assert exc.code == 400
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert (tmp_path / "s.db").exists()


def test_story_page_tolerates_a_sparse_story() -> None:
    from rumormill.web.app import templates
    from rumormill.web.storyview import story_context

    story = {"groups": [{"text": "<b>x</b>", "origins": [{}], "articles": 2, "circular": True}],
             "articles": [{"id": "0123456789abcdef"}], "timeline": [{"earliest": "2023", "latest": "2023-06",
                                                                     "label": "<i>y</i>"}]}
    html = templates().get_template("story.html").render(
        version="t", has_store=True, story_available=True, store_note=None, story=story, entity="e", q="",
        **story_context(story))
    assert_inert(html)
    assert "“&lt;b&gt;x&lt;/b&gt;”" in html and "circular reporting" in html
    assert '<svg class="timeline"' in html and "&lt;i&gt;y&lt;/i&gt;" in html
