"""The offline viewer in headless Chromium: offline, search, filters, panel, XSS.

Needs Playwright for Python and Debian's Chromium (``apt-get install chromium``); skipped otherwise.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actorgraph.outputs.html import write_html
from actorgraph.records import Actor, Document, Edge, Event, Evidence, Graph

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
XSS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "</script><script>alert(1)</script>",
)


def _chromium_path() -> str | None:
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


def sample_graph() -> Graph:
    docs = (
        Document(
            id="d1",
            path="d1.txt",
            text_raw="",
            title="Treffen in Astana",
            date="2024-03-05",
            url="https://example.com/a1",
        ),
        Document(id="d2", path="d2.txt", text_raw="", title="Gespräch", date="2023-11"),
        Document(id="d3", path="d3.txt", text_raw="", title="Undatiert"),
    )
    actors = (
        Actor(
            id="a_tok",
            label="Kassym-Jomart Tokayev",
            type="PERSON",
            aliases=("Tokajew", "Токаев"),
            mentions=5,
            documents=("d1", "d2"),
            roles=(("president", "d1"),),
            affiliations=("o_gov",),
            community=0,
        ),
        Actor(
            id="a_put",
            label="Wladimir Putin",
            type="PERSON",
            aliases=("Putin",),
            mentions=4,
            documents=("d1", "d3"),
            community=1,
        ),
        Actor(id="g_kaz", label="Kasachstan", type="GPE", community=0),
        Actor(id="g_rus", label="Russland", type="GPE", community=1),
        Actor(id="o_gov", label="Regierung Kasachstans", type="ORG", community=0),
        Actor(id="l_ast", label="Astana", type="LOC"),
        Actor(id="m_eu", label="Eurasische Union", type="MISC"),
        Actor(id="a_solo", label="Nur Solo", type="PERSON"),
    )

    def event(eid, etype, date, precision, parts, doc, text, loc=None, n=1):
        evidence = tuple(
            Evidence(document=doc, sentence=k, start=0, end=len(text), text=f"{text} [{k}]" if k else text)
            for k in range(n)
        )
        return Event(
            id=eid,
            type=etype,
            date=date,
            date_precision=precision,
            location=loc,
            participants=parts,
            evidence=evidence,
        )

    events = (
        event(
            "ev1", "CONSULT", "2024-03-05", "day", ("a_tok", "a_put"), "d1", "Tokajew traf Putin.", "l_ast", 5
        ),
        event(
            "ev2", "COOCCUR", "2023-11", "month", ("a_tok", "g_rus"), "d2", "Tokajew sprach über Russland."
        ),
        event("ev3", "COOCCUR", None, None, ("a_put", "g_rus"), "d3", "Putin und Russland."),
        event(
            "ev4", "VISIT", "2022", "year", ("a_put", "g_kaz"), "d3", "Putin besuchte Kasachstan.", "l_ast"
        ),
        event("ev5", "COOCCUR", "2024-03-05", "day", ("a_tok", "a_put"), "d1", "Beide lächelten."),
        event("ev6", "STATEMENT", "2024-01-10", "day", ("m_eu",), "d2", "Die Union erklärte etwas."),
    )
    edges = (
        Edge("a_tok", "a_put", "event", 2.0, ("ev1", "ev5")),
        Edge("a_tok", "g_rus", "event", 1.0, ("ev2",)),
        Edge("a_put", "g_rus", "event", 1.0, ("ev3",)),
        Edge("a_put", "g_kaz", "event", 1.0, ("ev4",)),
        Edge("a_tok", "o_gov", "affiliation", 1.0),
    )
    return Graph(meta={"title": "Test graph"}, documents=docs, actors=actors, events=events, edges=edges)


def xss_graph() -> Graph:
    docs = tuple(
        Document(
            id=f"d{i}",
            path=f"d{i}.txt",
            text_raw="",
            title=s,
            date="2024-01-01",
            url="javascript:alert(1)" if i == 0 else None,
        )
        for i, s in enumerate(XSS)
    )
    actors = tuple(
        Actor(id=f"x{i}", label=s, type="PERSON", aliases=(s + " alias",)) for i, s in enumerate(XSS)
    )
    events = tuple(
        Event(
            id=f"e{i}",
            type=s,
            date="2024-01-01",
            date_precision="day",
            location=f"x{i}",
            participants=(f"x{i}", f"x{(i + 1) % len(XSS)}"),
            evidence=(Evidence(document=f"d{i}", sentence=0, start=0, end=len(s), text=s),),
        )
        for i, s in enumerate(XSS)
    )
    edges = tuple(Edge(f"x{i}", f"x{(i + 1) % len(XSS)}", "event", 1.0, (f"e{i}",)) for i in range(len(XSS)))
    return Graph(meta={"title": XSS[3]}, documents=docs, actors=actors, events=events, edges=edges)


def chain_graph(n: int) -> Graph:
    """A hub with ``n - 1`` spokes whose weights grow, plus one weak pair far from the hub."""
    actors = tuple(Actor(id=f"c{i:02d}", label=f"Chain {i}", type="ORG") for i in range(n))
    actors += (
        Actor(id="w1", label="Weak One", type="PERSON", aliases=("Schwach",)),
        Actor(id="w2", label="Weak Two", type="PERSON"),
    )
    edges = tuple(Edge("c00", f"c{i:02d}", "event", float(i + 1), ()) for i in range(1, n))
    edges += (Edge("w1", "w2", "event", 0.5, ()),)
    return Graph(meta={}, documents=(), actors=actors, events=(), edges=edges)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = _chromium_path()
    if not executable:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        except Exception as exc:  # pragma: no cover - depends on the machine
            pytest.skip(f"chromium does not start: {exc}")
        yield browser
        browser.close()


class Page:
    """A loaded viewer page that records requests, dialogs and page errors."""

    def __init__(self, browser, path: Path):
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.__actorgraph && window.__actorgraph.isReady", timeout=30_000)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def counts(self) -> dict:
        return self.page.evaluate("window.__actorgraph.counts()")

    def shown_counts(self) -> tuple[int, int]:
        """Counts as the page shows them to the user."""
        actors = int(self.page.get_attribute("#ag-count-actors", "data-value"))
        events = int(self.page.get_attribute("#ag-count-events", "data-value"))
        return actors, events

    def panel(self) -> str:
        return self.page.text_content("#ag-panel")

    def click_at(self, pos: dict) -> None:
        self.page.mouse.click(pos["x"], pos["y"])

    def set_range(self, selector: str, value: int | float) -> None:
        self.page.eval_on_selector(
            selector, "(el, v) => { el.value = String(v); el.dispatchEvent(new Event('input')); }", value
        )


@pytest.fixture
def sample_page(browser, tmp_path):
    path = tmp_path / "graph" / "index.html"
    write_html(sample_graph(), path)
    page = Page(browser, path)
    yield page
    page.page.close()


def test_loads_offline_only_from_the_file(sample_page):
    assert sample_page.requests, "no request recorded"
    for url in sample_page.requests:
        assert url.startswith(("file:", "data:")), url
    assert sample_page.errors == []
    assert sample_page.page.evaluate("document.querySelector('#ag-network canvas') !== null")
    assert sample_page.counts() == {"actors": 8, "matching": 8, "events": 6, "edges": 5}
    assert sample_page.page.is_hidden("#ag-notice")
    legend = sample_page.page.text_content("#ag-legend")
    assert "PERSON" in legend and "affiliation" in legend


def test_search_alias_ignoring_case_and_accents(sample_page):
    page = sample_page.page
    page.fill("#ag-search", "tokajew")
    page.wait_for_selector("#ag-search-results li")
    assert page.get_attribute("#ag-search-results li", "data-id") == "a_tok"
    page.keyboard.press("Enter")
    assert page.get_attribute("#ag-panel", "data-id") == "a_tok"
    assert page.evaluate("window.__actorgraph.network.getSelectedNodes()") == ["a_tok"]
    assert page.text_content("#ag-panel-title") == "Kassym-Jomart Tokayev"
    # Accents and case are ignored both ways.
    page.fill("#ag-search", "kasachstan")
    page.wait_for_selector("#ag-search-results li[data-id='g_kaz']")
    page.fill("#ag-search", "wladímir")
    page.wait_for_selector("#ag-search-results li[data-id='a_put']")


def test_filters_change_the_counts(sample_page):
    p = sample_page
    page = p.page
    assert p.shown_counts() == (8, 6)
    page.uncheck("#ag-etype-COOCCUR")  # hiding co-occurrence is one click
    assert p.shown_counts() == (7, 3)  # Russland loses both of its links
    edge = page.evaluate("window.__actorgraph.edges.get(window.__actorgraph.edgeId('a_tok', 'a_put'))")
    assert "1 shared event" in edge["title"]  # weight recomputed from the visible events
    page.check("#ag-etype-COOCCUR")
    assert p.shown_counts() == (8, 6)

    page.check("#ag-hide-undated")
    assert p.shown_counts() == (8, 5)
    page.uncheck("#ag-hide-undated")

    day = page.evaluate("Math.floor(Date.UTC(2024, 0, 1) / 86400000)")
    p.set_range("#ag-date-from", day)
    assert page.text_content("#ag-date-from-label") == "2024-01-01"
    assert p.shown_counts() == (7, 4)  # ev1, ev5, ev6 and the undated ev3; Kasachstan drops out
    page.check("#ag-hide-undated")
    assert p.shown_counts() == (6, 3)
    page.uncheck("#ag-hide-undated")
    p.set_range("#ag-date-from", page.get_attribute("#ag-date-from", "min"))
    assert p.shown_counts() == (8, 6)

    p.set_range("#ag-min-weight", 2)
    assert p.shown_counts()[0] == 5  # the two presidents and the three actors without links
    assert p.counts()["edges"] == 1
    p.set_range("#ag-min-weight", 0)

    page.uncheck("#ag-kind-affiliation")
    assert p.shown_counts() == (7, 6)
    assert page.evaluate("window.__actorgraph.nodes.get('o_gov').hidden") is True
    page.check("#ag-kind-affiliation")
    page.uncheck("#ag-kind-event")
    assert p.shown_counts()[0] == 5  # Tokayev, the government and the three without links
    page.check("#ag-kind-event")

    page.uncheck("#ag-type-PERSON")
    assert p.shown_counts() == (2, 1)  # Astana and the Eurasian Union (with its own event)
    page.check("#ag-type-PERSON")
    assert p.shown_counts() == (8, 6)

    before = page.evaluate("window.__actorgraph.nodes.get('a_put').color")
    page.check("#ag-color-community")
    after = page.evaluate("window.__actorgraph.nodes.get('a_put').color")
    assert before != after
    assert "community 1" in page.text_content("#ag-legend")
    assert p.errors == []


def test_click_node_and_edge_fill_the_panel(sample_page):
    p = sample_page
    page = p.page
    p.click_at(page.evaluate("window.__actorgraph.domPosition('a_tok')"))
    page.wait_for_function("document.getElementById('ag-panel').dataset.id === 'a_tok'")
    panel = p.panel()
    for text in (
        "Kassym-Jomart Tokayev",
        "PERSON",
        "Tokajew",
        "Токаев",
        "president",
        "Regierung Kasachstans",
        "5 mentions",
        "Treffen in Astana (2024-03-05)",
        "Gespräch (2023-11)",
        "CONSULT · 2024-03-05 · Astana",
        "Tokajew traf Putin.",
        "+2 more evidence sentences in graph.json",
    ):
        assert text in panel, text
    # Events sorted by date: 2023-11 before 2024-03-05.
    assert page.evaluate(
        "Array.from(document.querySelectorAll('#ag-panel-events .ag-event')).map(e => e.dataset.event)"
    ) == ["ev2", "ev1", "ev5"]
    assert page.evaluate("document.querySelectorAll('.ag-event[data-event=ev1] .ag-evidence').length") == 3
    link = page.query_selector("#ag-panel a[href='https://example.com/a1']")
    assert link is not None
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("rel") == "noopener noreferrer"
    # The neighbourhood is highlighted: neighbours are restyled, the rest dimmed.
    nodes = page.evaluate(
        "Object.fromEntries(window.__actorgraph.nodes.get().map(n => [n.id, n.borderWidth]))"
    )
    assert nodes["a_put"] == 3 and nodes["g_rus"] == 3 and nodes["g_kaz"] == 1

    edge_id = page.evaluate("window.__actorgraph.edgeId('a_put', 'g_kaz')")
    page.mouse.click(5, 5)  # clear first: a click on empty space
    p.click_at(page.evaluate("id => window.__actorgraph.edgeDomPosition(id)", edge_id))
    page.wait_for_function("id => document.getElementById('ag-panel').dataset.id === id", arg=edge_id)
    panel = p.panel()
    assert "Wladimir Putin — Kasachstan" in panel
    assert "VISIT · 2022" in panel and "Putin besuchte Kasachstan." in panel and "Undatiert" in panel
    assert p.errors == []


def test_max_nodes_notice_and_search_brings_in_hidden(browser, tmp_path):
    path = tmp_path / "index.html"
    write_html(chain_graph(12), path, max_nodes=5)
    p = Page(browser, path)
    try:
        page = p.page
        assert page.is_visible("#ag-notice")
        assert "5 strongest of 14" in page.text_content("#ag-notice")
        assert p.counts()["actors"] == 5
        assert "w1" not in page.evaluate("window.__actorgraph.shownIds()")
        page.fill("#ag-search", "schwach")
        page.keyboard.press("Enter")
        shown = page.evaluate("window.__actorgraph.shownIds()")
        assert "w1" in shown and "w2" in shown  # the actor and its neighbour
        assert page.evaluate("window.__actorgraph.nodes.get('w1').hidden") is False
        assert page.evaluate("window.__actorgraph.network.getSelectedNodes()") == ["w1"]
        assert page.text_content("#ag-panel-title") == "Weak One"
        # Filters bring in others too: with ORG off the two persons fit under the limit.
        page.uncheck("#ag-type-ORG")
        assert p.counts()["actors"] == 2 and page.is_hidden("#ag-notice")
        assert p.errors == []
    finally:
        p.page.close()


def test_xss_strings_render_as_text_and_never_run(browser, tmp_path):
    path = tmp_path / "index.html"
    write_html(xss_graph(), path)
    p = Page(browser, path)
    try:
        page = p.page
        for i in range(len(XSS)):
            page.evaluate("id => window.__actorgraph.selectActor(id)", f"x{i}")
            panel = p.panel()
            assert XSS[i] in panel
            assert XSS[(i + 1) % len(XSS)] in panel  # participant, evidence and title of the neighbour
        page.fill("#ag-search", "alert")
        page.wait_for_selector("#ag-search-results li")
        results = page.text_content("#ag-search-results")
        assert all(s in results for s in XSS)
        # Tooltips are strings, the title is text, nothing was injected.
        assert page.evaluate("window.__actorgraph.nodes.get().every(n => typeof n.title === 'string')")
        assert page.title() == XSS[3]
        injected = page.evaluate("document.querySelectorAll('img, svg, iframe, [onerror], [onload]').length")
        assert injected == 0
        assert page.evaluate("document.querySelectorAll('script').length") == 3
        assert page.query_selector("#ag-panel a[href^='javascript']") is None
        page.wait_for_timeout(300)
        assert p.dialogs == []
        assert p.errors == []
        for url in p.requests:
            assert url.startswith(("file:", "data:")), url
    finally:
        p.page.close()


def test_seed_graph_renders_and_is_photographed(browser, corpus_build):
    """The bundled corpus's viewer loads offline, a click on Tokayev fills the panel, and the
    picture in the README is taken from it (docs/img/viewer.png)."""
    _, out = corpus_build
    page = Page(browser, out / "index.html")
    assert all(url.startswith(("file:", "data:", "blob:", "about:")) for url in page.requests)
    page.page.evaluate("window.__actorgraph.selectActor('ungdc:kassym-jomart-tokayev')")
    page.page.wait_for_function("document.querySelector('#ag-panel').textContent.includes('Tokayev')")
    assert "Tokajew" in page.panel()
    assert not page.errors and not page.dialogs
    target = Path(__file__).resolve().parents[1] / "docs" / "img" / "viewer.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000


def test_only_the_strongest_links_are_drawn_past_the_limit(browser, tmp_path):
    # Ten actors all linked to each other: 45 links, of which 4 x max_nodes = 40 are drawn.
    actors = tuple(Actor(id=f"k{i}", label=f"Knot {i}", type="GPE") for i in range(10))
    pairs = [(a.id, b.id) for n, a in enumerate(actors) for b in actors[n + 1 :]]
    edges = tuple(Edge(s, t, "event", float(w + 1), ()) for w, (s, t) in enumerate(pairs))
    path = tmp_path / "index.html"
    write_html(Graph(meta={}, documents=(), actors=actors, events=(), edges=edges), path, max_nodes=10)
    p = Page(browser, path)
    try:
        page = p.page
        assert p.counts() == {"actors": 10, "matching": 10, "events": 0, "edges": 40}
        assert page.get_attribute("#ag-count-edges", "data-linking") == "45"
        assert "40 strongest of their 45 links" in page.text_content("#ag-notice")
        drawn = page.evaluate(
            "window.__actorgraph.edges.get({filter: e => !e.hidden})"
            ".map(e => [e.from, e.to].sort().join('-'))"
        )
        weakest = {"-".join(sorted(pair)) for pair in pairs[:5]}
        assert len(drawn) == 40 and not weakest & set(drawn)
        assert p.errors == []
    finally:
        p.page.close()
