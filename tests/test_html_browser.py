"""``argmap html`` in a real browser: headless Chromium from the system (Debian's ``chromium``
and ``chromium-driver``), driven through Selenium as a student would use the page.

The tests fail -- never skip -- when Chromium or its driver is missing: ``./setup.sh``
installs both. axe-core (the copy ``axe-playwright-python`` ships, MPL-2.0) runs in the
page and fails the test on any serious or critical violation, in both themes.

Screenshots at phone and desktop sizes, light and dark, go to ``$ARGMAP_SCREENSHOTS``
when it is set (a folder), else to the test's temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from argmap.cli import main

REPO = Path(__file__).resolve().parents[1]
MAP = REPO / "arguments" / "ijm-vs-thrupkaew.yaml"
SETUP = "./setup.sh installs it (apt-get install chromium chromium-driver)"

pytestmark = pytest.mark.exe


def _browser_programs() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    assert browser, f"Chromium is not installed: {SETUP}"
    assert driver, f"chromedriver is not installed: {SETUP}"
    return browser, driver


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module (starting one takes a second or two)."""
    binary, driver_path = _browser_programs()
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:  # pragma: no cover - the test extra installs it
        pytest.fail("selenium is not installed: ./setup.sh installs the test dependencies")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800", "--force-device-scale-factor=1", "--disable-gpu"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled debate's page, written by the command."""
    out = tmp_path_factory.mktemp("html") / "ijm.html"
    assert main(["html", str(MAP), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ["ARGMAP_SCREENSHOTS"]) if os.environ.get("ARGMAP_SCREENSHOTS") else tmp_path_factory.mktemp("shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# -- helpers ---------------------------------------------------------------------------------


def wait(condition: Callable[[], Any], what: str, timeout: float = 10) -> Any:
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        try:
            last = condition()
        except Exception as err:  # the page may be between two states
            last = err
        if last and not isinstance(last, Exception):
            return last
        time.sleep(0.05)
    raise AssertionError(f"{what}: never true (last: {last!r})")


def js(driver: Any, script: str, *args: Any) -> Any:
    return driver.execute_script(script, *args)


def open_page(driver: Any, path: Path, fragment: str = "", *, dark: bool = False, phone: bool = False) -> None:
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]})
    if phone:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True})
    else:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.get("about:blank")
    driver.get(path.as_uri() + fragment)
    wait(lambda: js(driver, "return !!window.argmap"), "the page started")
    js(driver, "try { localStorage.removeItem('argmap-theme') } catch (e) {}")


def press(driver: Any, *keys: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    chain = ActionChains(driver)
    for key in keys:
        chain.send_keys(key)
    chain.perform()


def detail_title(driver: Any) -> str:
    return str(js(driver, "var h = document.getElementById('detail-title'); return h ? h.textContent : ''"))


def state(driver: Any) -> dict[str, Any]:
    return dict(js(driver, "var s = window.argmap.state(); return {view: s.view, claim: s.claim, q: s.q, trace: s.trace, diagram: s.diagram}"))


def verdict(driver: Any) -> str:
    return str(js(driver, "var v = document.getElementById('verdict'); return v ? v.textContent : ''"))


def errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def model(path: Path) -> dict[str, Any]:
    """The page's JSON model, read back from the file."""
    text = path.read_text(encoding="utf-8")
    start = text.index('<script type="application/json" id="argmap-data">') + len('<script type="application/json" id="argmap-data">')
    return dict(json.loads(text[start : text.index("</script>", start)]))


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe(driver: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations of the page as it is now."""
    import axe_playwright_python

    source = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    js(driver, source + "\n;window.__axe = axe;")
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "window.__axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(function (r) { done(r.violations.map(function (v) { return {id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' ') + ': ' + n.failureSummary; })}; })); })"
        ".catch(function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]); });",
        AXE_TAGS,
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


# -- a student's walk through the bundled debate ----------------------------------------------


def test_the_programs_are_there() -> None:
    _browser_programs()


def test_search_trace_to_the_last_word_and_back(browser: Any, page: Path) -> None:
    open_page(browser, page)
    assert "Thrupkaew" in browser.title
    press(browser, "/")
    assert js(browser, "return document.activeElement.id") == "search"
    press(browser, "best and only sustainable")
    wait(lambda: state(browser)["q"] == "best and only sustainable", "the search is in the state")
    listed = wait(lambda: js(browser, "return Array.from(document.querySelectorAll('#lst [role=option]')).map(function (o) { return o.getAttribute('aria-label'); })"), "results")
    assert any("Engaging law enforcement is the best" in label for label in listed)
    press(browser, "\ue007")  # Enter: the first result, in the tree
    wait(lambda: detail_title(browser).startswith("Engaging law enforcement is the best and only sustainable way"), "the claim shows")
    assert state(browser)["view"] == "tree"
    assert js(browser, "var t = document.querySelector('[role=tree]'); return document.getElementById(t.getAttribute('aria-activedescendant')).getAttribute('aria-label')").startswith("thesis: Engaging law enforcement")
    press(browser, "t")
    wait(lambda: state(browser)["trace"], "a trace")
    assert "Not the end" in verdict(browser)
    assert "#claim=law-enforcement-essential&trace=1" in browser.current_url
    press(browser, "e")
    wait(lambda: "Last word" in verdict(browser), "the last word")
    end = state(browser)
    assert len(end["trace"]["path"]) >= 2 and end["trace"]["at"] == len(end["trace"]["path"]) - 1
    assert "nobody answers this claim" in verdict(browser)
    last_url = browser.current_url
    assert "path=law-enforcement-essential," in last_url
    # Thrupkaew's "not whether … but how" has the last word; her own "although" on it is a caveat
    assert last_url.split("path=")[1].split("&")[0].split(",")[-1] == "question-is-how-not-whether", last_url
    assert js(browser, "return document.getElementById('answers-title').textContent") == "Who answers this? 0 answers, then 1 caveat of its own side"
    # the path walked, back with the page's own key and with the browser's button
    press(browser, "\ue012")  # ←
    wait(lambda: state(browser)["trace"]["at"] == end["trace"]["at"] - 1, "a step back")
    browser.back()
    wait(lambda: browser.current_url == last_url, "the browser's back button returns to the last word")
    wait(lambda: "Last word" in verdict(browser), "the last word again")
    # a copied link opens on the last word too
    open_page(browser, page)
    browser.get(last_url)
    wait(lambda: "Last word" in verdict(browser), "a pasted link opens the trace where it was")
    assert errors(browser) == []


def test_a_fragment_link_opens_the_trace(browser: Any, page: Path) -> None:
    open_page(browser, page, "#claim=law-enforcement-essential&trace=1")
    wait(lambda: state(browser)["trace"], "a trace")
    assert detail_title(browser).startswith("Engaging law enforcement")
    assert js(browser, "return document.getElementById('tab-trace').getAttribute('aria-selected')") == "true"
    crumbs = js(browser, "return Array.from(document.querySelectorAll('.crumbs a')).map(function (a) { return a.textContent; })")
    assert crumbs == ["◆ law-enforcement-essential"]
    answers = js(browser, "return document.querySelectorAll('#ans [role=option]').length")
    assert answers >= 1
    press(browser, "\ue007")  # follow the highlighted answer
    wait(lambda: len(state(browser)["trace"]["path"]) == 2, "one step along")
    assert "step 2 of 2" in js(browser, "return document.querySelector('.crumbs').textContent")


def test_filter_to_dropped(browser: Any, page: Path) -> None:
    data = model(page)
    dropped = [c for c in data["claims"] if c.get("rs") == [r[0] for r in data["responses"]].index("dropped")]
    open_page(browser, page)
    press(browser, "f")
    wait(lambda: js(browser, "return !document.getElementById('filters').hidden"), "the filters show")
    js(browser, "document.getElementById('filter-dropped').click()")
    wait(lambda: state(browser)["view"] == "claims", "a filter shows the claims it keeps")
    count = js(browser, "return window.argmap.state().filter.dropped")
    assert count == "1"
    wait(lambda: "dropped=1" in browser.current_url, "the address follows")
    labels = wait(lambda: js(browser, "return Array.from(document.querySelectorAll('#lst [role=option]')).map(function (o) { return o.getAttribute('aria-label'); })"), "rows")
    assert labels and all("dropped" in label for label in labels)
    row_height = js(browser, "return document.querySelector('#lst .row').offsetHeight")
    assert js(browser, "return document.querySelector('#lst .spacer').style.height") == f"{len(dropped) * row_height}px"
    # the dropped view lists the three kinds of unanswered claim apart
    open_page(browser, page)
    press(browser, "3")
    wait(lambda: state(browser)["view"] == "dropped", "the dropped view")
    buttons = js(browser, "return Array.from(document.querySelectorAll('#list-extra .segments button')).map(function (b) { return b.textContent; })")
    assert buttons[0] == f"dropped ({len(dropped)})" and buttons[1].startswith("not engaged") and buttons[2].startswith("no chance to reply")


def test_every_view_shows_something(browser: Any, page: Path) -> None:
    open_page(browser, page)
    for key, view, selector in (("2", "claims", "#lst [role=option]"), ("4", "clashes", "#lst [role=option]"), ("5", "flow", ".flow-cell"),
                                ("6", "chains", "#lst [role=option]"), ("7", "overview", ".viewport svg g.node")):
        press(browser, key)
        wait(lambda view=view: state(browser)["view"] == view, f"the {view} view")
        wait(lambda selector=selector: js(browser, f"return document.querySelectorAll('{selector}').length"), f"the {view} view's content")
    # a chain opens as a trace along it
    press(browser, "6")
    wait(lambda: js(browser, "return document.querySelectorAll('#lst [role=option]').length"), "chains")
    js(browser, "document.getElementById('lst').focus()")
    press(browser, "\ue007")
    wait(lambda: state(browser)["trace"] and len(state(browser)["trace"]["path"]) >= 2, "the chain as a trace")
    assert errors(browser) == []


def test_the_diagram_opens_pans_zooms_and_follows_a_click(browser: Any, page: Path) -> None:
    open_page(browser, page, "#claim=law-enforcement-essential")
    press(browser, "r")
    svg = wait(lambda: js(browser, "return document.querySelector('#diagram-box svg')"), "the diagram is drawn")
    assert svg is not None
    boxes = js(browser, "return Array.from(document.querySelectorAll('#diagram-box g.node[data-c]')).map(function (g) { return +g.getAttribute('data-c'); })")
    here = state(browser)["claim"]
    assert here in boxes and len(boxes) >= 2
    before = js(browser, "return document.querySelector('#diagram-box svg').style.transform")
    js(browser, "document.querySelector('#diagram-box .zoom button').click()")
    assert js(browser, "return document.querySelector('#diagram-box svg').style.transform") != before
    other = next(b for b in boxes if b != here)
    # a click (pointer down and up without moving) on another claim's box goes there
    js(browser, "var g = document.querySelector('#diagram-box g.node[data-c=\"' + arguments[0] + '\"]'); g.scrollIntoView({block: 'center'});", other)
    rect = js(browser, "var r = document.querySelector('#diagram-box g.node[data-c=\"' + arguments[0] + '\"]').getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];", other)
    for kind in ("mousePressed", "mouseReleased"):
        browser.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": kind, "x": rect[0], "y": rect[1], "button": "left", "clickCount": 1})
    wait(lambda: state(browser)["claim"] == other, "a click on a box moves to its claim")
    assert state(browser)["diagram"]
    wait(lambda: "diagram=1" in browser.current_url, "the address follows")


def test_keys_are_listed_and_the_theme_toggles(browser: Any, page: Path) -> None:
    open_page(browser, page)
    press(browser, "?")
    wait(lambda: js(browser, "return document.getElementById('help').open"), "the help")
    keys = js(browser, "return document.getElementById('help').textContent")
    for words in ("trace the focused claim", "last word", "search claims", "dark or light theme"):
        assert words in keys
    press(browser, "\ue00c")  # Escape
    wait(lambda: not js(browser, "return document.getElementById('help').open"), "help closed")
    assert js(browser, "return document.documentElement.getAttribute('data-theme')") == "light"
    press(browser, "d")
    assert js(browser, "return document.documentElement.getAttribute('data-theme')") == "dark"
    assert js(browser, "return getComputedStyle(document.body).backgroundColor") == "rgb(21, 23, 26)"


def test_the_tree_is_an_aria_tree(browser: Any, page: Path) -> None:
    open_page(browser, page)
    js(browser, "document.querySelector('[role=tree]').focus()")
    item = "document.getElementById(document.querySelector('[role=tree]').getAttribute('aria-activedescendant'))"
    assert js(browser, f"return {item}.getAttribute('aria-level')") == "1"
    assert js(browser, f"return {item}.getAttribute('aria-expanded')") == "false"
    press(browser, "\ue014")  # →
    wait(lambda: js(browser, f"return {item}.getAttribute('aria-expanded')") == "true", "expanded")
    press(browser, "\ue014")
    wait(lambda: js(browser, f"return {item}.getAttribute('aria-level')") == "2", "moved to the first child")
    first_child = state(browser)["claim"]
    press(browser, "\ue015")  # ↓
    wait(lambda: state(browser)["claim"] != first_child, "moved down")
    press(browser, "\ue012")  # ←: to the claim above
    wait(lambda: js(browser, f"return {item}.getAttribute('aria-level')") == "1", "back to the parent")
    label = js(browser, f"return {item}.getAttribute('aria-label')")
    assert label.startswith("thesis: ") and "IN, stands" in label


def test_print_gives_an_outline(browser: Any, page: Path) -> None:
    open_page(browser, page)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        js(browser, "window.argmap.outline()")
        outline = js(browser, "var o = document.getElementById('print-outline'); return [getComputedStyle(o).display, o.textContent, getComputedStyle(document.querySelector('main')).display]")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert outline[0] == "block" and outline[2] == "none"
    assert "Engaging law enforcement is the best" in outline[1] and "Resolution:" in outline[1]
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {})
    assert len(pdf["data"]) > 10_000


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_finds_nothing_serious(browser: Any, page: Path, theme: str) -> None:
    dark = theme == "dark"
    found: dict[str, list[dict[str, Any]]] = {}
    open_page(browser, page, "#claim=law-enforcement-essential&diagram=1", dark=dark)
    wait(lambda: js(browser, "return document.querySelector('#diagram-box svg')"), "the diagram")
    found["tree and claim"] = axe(browser)
    open_page(browser, page, "#claim=law-enforcement-essential&trace=1", dark=dark)
    found["trace"] = axe(browser)
    for key, view in (("3", "dropped"), ("5", "flow"), ("4", "clashes")):
        press(browser, key)
        wait(lambda view=view: state(browser)["view"] == view, view)
        found[view] = axe(browser)
    press(browser, "f")
    wait(lambda: js(browser, "return !document.getElementById('filters').hidden"), "the filters")
    found["filters"] = axe(browser)
    js(browser, "document.getElementById('help-open').click()")
    wait(lambda: js(browser, "return document.getElementById('help').open"), "the help")
    found["help"] = axe(browser)
    open_page(browser, page, "", dark=dark, phone=True)
    found["phone"] = axe(browser)
    problems = {where: v for where, v in found.items() if v}
    assert not problems, json.dumps(problems, indent=1)


def test_screenshots_at_phone_and_desktop_sizes(browser: Any, page: Path, shots: Path) -> None:
    for dark in (False, True):
        theme = "dark" if dark else "light"
        open_page(browser, page, "#claim=law-enforcement-essential", dark=dark, phone=True)
        assert js(browser, "return document.documentElement.scrollWidth") <= 360, "the phone layout scrolls sideways"
        browser.save_screenshot(str(shots / f"phone-tree-{theme}.png"))
        open_page(browser, page, "#claim=law-enforcement-essential&pane=detail&diagram=1", dark=dark, phone=True)
        wait(lambda: js(browser, "return document.querySelector('#diagram-box svg')"), "the diagram")
        browser.save_screenshot(str(shots / f"phone-claim-{theme}.png"))
        open_page(browser, page, "#claim=law-enforcement-essential&trace=1", dark=dark, phone=True)
        press(browser, "e")
        wait(lambda: "Last word" in verdict(browser), "the last word")
        browser.save_screenshot(str(shots / f"phone-trace-{theme}.png"))
        open_page(browser, page, "#claim=law-enforcement-essential&diagram=1", dark=dark)
        wait(lambda: js(browser, "return document.querySelector('#diagram-box svg')"), "the diagram")
        browser.save_screenshot(str(shots / f"desktop-claim-{theme}.png"))
        open_page(browser, page, "#view=flow", dark=dark)
        browser.save_screenshot(str(shots / f"desktop-flow-{theme}.png"))
    assert len(list(shots.glob("*.png"))) >= 10


# -- hostile labels ------------------------------------------------------------------------

HOSTILE = {
    "script-tag": "</script><script>window.__pwned = 1</script> closes nothing",
    "html-image": '<img src=x onerror="window.__pwned = 2"> is only text',
    "entity": "&lt;b&gt; and &amp; stay as typed {{css}} {{data}}",
    "rtl-text": "\u05d6\u05d4 \u05d8\u05e7\u05e1\u05d8 \u05d1\u05e2\u05d1\u05e8\u05d9\u05ea \u202e reversed \u202c and Arabic \u0627\u0644\u0646\u0635",
    "emoji-text": "Families 👨‍👩‍👧 and flags 🇹🇭 with a line\u2028separator",
}


def _yaml_text(text: str) -> str:
    """A double-quoted YAML scalar of ``text`` (YAML escapes the line separator as \\L)."""
    return json.dumps(text, ensure_ascii=False).replace("\u2028", "\\L")


def _hostile_map(folder: Path) -> Path:
    long_text = "A ten-kilobyte claim. " + "word " * 2100
    claims = {**HOSTILE, "long-text": long_text.strip()}
    lines = [
        "argmap: 1",
        "title: '<b>Hostile</b> </title><script>window.__pwned = 3</script>'",
        "sides:",
        "  pro: {label: '<i>Pro</i>'}",
        "  con: {label: Con \u05e0\u05d2\u05d3}",
        "speakers:",
        "  a: {name: '<script>alert(1)</script>', side: pro}",
        "  b: {name: Bee 🐝, side: con}",
        "claims:",
        "  main: {kind: thesis, text: 'The main <u>thesis</u>', by: a}",
    ]
    for n, (cid, text) in enumerate(claims.items()):
        by = "b" if n % 2 == 0 else "a"
        relation = "rebuts: [main]" if by == "b" else "supports: [main]"
        lines.append(f"  {cid}: {{text: {_yaml_text(text)}, by: {by}, {relation}, note: {_yaml_text(text[:80])}, tags: ['<tag>']}}")
    path = folder / "hostile.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_hostile_labels_render_as_text(browser: Any, tmp_path: Path) -> None:
    source = _hostile_map(tmp_path)
    out = tmp_path / "hostile.html"
    assert main(["html", str(source), "-o", str(out)]) == 0
    raw = out.read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in raw and "<img src=x" not in raw
    assert raw.count("<script") == raw.count("</script>")
    open_page(browser, out)
    assert js(browser, "return window.__pwned === undefined")
    assert js(browser, "return document.querySelectorAll('img').length") == 0
    assert browser.title.startswith("The main <u>thesis</u>")
    for cid, text in HOSTILE.items():
        browser.get(out.as_uri() + "#claim=" + cid)
        wait(lambda text=text: " ".join(text.split()) in detail_title(browser) or detail_title(browser) == " ".join(text.split()), f"{cid} shows as text")
        assert js(browser, "return document.querySelectorAll('#detail script, #detail img, #detail b, #detail u').length") == 0
    browser.get(out.as_uri() + "#claim=long-text&diagram=1")
    wait(lambda: detail_title(browser).startswith("A ten-kilobyte claim."), "the long claim")
    wait(lambda: js(browser, "return document.querySelector('#diagram-box svg')"), "its diagram")
    assert js(browser, "return document.querySelectorAll('svg script, svg foreignObject').length") == 0
    # search finds a claim by its hostile text, and the speaker's name is text too
    browser.get(out.as_uri() + "#q=" + "onerror")
    wait(lambda: js(browser, "return document.querySelectorAll('#lst [role=option]').length") == 1, "the search finds it")
    browser.get(out.as_uri() + "#claim=main")
    wait(lambda: "<script>alert(1)</script>" in js(browser, "return document.querySelector('#detail dl').textContent"), "the speaker as text")
    assert js(browser, "return window.__pwned === undefined")
    assert errors(browser) == []


def test_a_large_map_draws_only_what_is_on_screen(browser: Any, tmp_path: Path) -> None:
    from argmap.generate import write_synthetic

    source = tmp_path / "big" / "synthetic.yaml"
    write_synthetic(source, 3000, seed=1)
    out = tmp_path / "big.html"
    assert main(["html", str(source), "-o", str(out), "--diagrams", "50"]) == 0
    open_page(browser, out)
    press(browser, "2")
    wait(lambda: state(browser)["view"] == "claims", "the claims view")
    rows = js(browser, "return document.querySelectorAll('#lst .row').length")
    assert 0 < rows < 120
    assert js(browser, "return document.querySelector('#lst .spacer').offsetHeight") > 3000 * 20
    js(browser, "var l = document.getElementById('lst'); l.scrollTop = l.scrollHeight / 2; l.dispatchEvent(new Event('scroll'))")
    wait(lambda: js(browser, "return Array.from(document.querySelectorAll('#lst .row')).some(function (r) { return +r.dataset.index > 1400; })"), "rows further down are drawn")
    assert js(browser, "return document.querySelectorAll('#lst .row').length") < 120
    # a claim without a stored diagram says so
    last = js(browser, "return window.argmap.claims - 1")
    data = model(out)
    browser.get(out.as_uri() + "#claim=" + data["claims"][last]["i"] + "&diagram=1")
    wait(lambda: "argmap render" in js(browser, "return document.getElementById('diagram-box').textContent"), "the note for a claim without a diagram")


def test_the_bundled_pages_in_renders_open(browser: Any) -> None:
    """The pages ``argmap render arguments/ --all`` keeps in ``renders/`` (their being in step
    with the maps is tested with the other renders)."""
    for stem in ("ijm-vs-thrupkaew", "htc-vs-evolution", "context"):
        page = REPO / "renders" / f"{stem}.html"
        assert page.stat().st_size < 400_000
        open_page(browser, page, "#diagram=1")
        wait(lambda: js(browser, "return document.querySelectorAll('[role=tree] [role=treeitem]').length"), f"{stem}: the tree")
        wait(lambda: js(browser, "return document.querySelector('#diagram-box svg')"), f"{stem}: a diagram")
        assert errors(browser) == []


# -- the drill --------------------------------------------------------------------------------


def drill_text(driver: Any) -> str:
    return " ".join(str(js(driver, "var d = document.getElementById('drill'); return d ? d.textContent : ''")).split())


def stored(driver: Any) -> Any:
    return js(driver, "return localStorage.getItem('argmap-drill-progress')")


def test_the_drill_card_reveal_grade_and_progress_in_the_browser(browser: Any, page: Path) -> None:
    open_page(browser, page)
    js(browser, "localStorage.removeItem('argmap-drill-progress')")
    press(browser, "8")
    wait(lambda: state(browser)["view"] == "drill", "the drill view")
    js(browser, "var s = document.getElementById('drill-side'); s.value = 'critics'; s.dispatchEvent(new Event('change'))")
    wait(lambda: "Thrupkaew's series contains many inaccuracies" in drill_text(browser), "the first IJM card")
    front = drill_text(browser)
    assert "Amy E. Roth ijm" in front and "“In addition, they contain numerous inaccuracies" in front and "0 reviewed, 34 to come · due 0, new 35" in front
    wait(lambda: js(browser, "return document.activeElement && document.activeElement.id === 'drill-answer'"), "the answer box focused")
    press(browser, "Which inaccuracy?", "\ue007")
    wait(lambda: "Your side left this unanswered" in drill_text(browser), "the back of the card")
    assert "Their claim: ● IN — stands: nothing answers it" in drill_text(browser)
    press(browser, "4")  # easy: a grade, not the view of key 4
    wait(lambda: "1 reviewed" in drill_text(browser), "the next card")
    assert state(browser)["view"] == "drill" and "series-omits-ijm-views" in drill_text(browser)
    progress = json.loads(stored(browser))
    entry = progress["sides"]["critics"]["ijm-vs-thrupkaew:series-misrepresents-ijm"]
    assert progress["argmap-drill-progress"] == 1 and entry["reviews"][0]["grade"] == "easy" and entry["fsrs"]["state"] == 2
    press(browser, "\ue007")
    wait(lambda: "rebuts in part series-included-ijm-successes" in drill_text(browser), "an answered card's back")
    assert "last word: Noy Thrupkaew critics with series-included-ijm-successes, which stands (IN)" in drill_text(browser)
    # the next visit: the card graded easy waits days, so one card fewer is new
    open_page(browser, page, "#view=drill&sub=critics")
    wait(lambda: "due 0, new 34" in drill_text(browser), "the progress read back")
    assert errors(browser) == []


def test_storage_that_is_no_progress_is_reported_and_kept(browser: Any, page: Path) -> None:
    open_page(browser, page)
    js(browser, "localStorage.setItem('argmap-drill-progress', '{\"someone\": \"else\"}')")
    open_page(browser, page, "#view=drill&sub=critics")
    wait(lambda: "cannot keep progress: the stored progress is not an argmap drill progress record" in drill_text(browser), "the error")
    assert stored(browser) == '{"someone": "else"}'
    js(browser, "localStorage.removeItem('argmap-drill-progress')")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_finds_nothing_serious_in_the_drill(browser: Any, page: Path, theme: str) -> None:
    open_page(browser, page, "#view=drill&sub=critics", dark=theme == "dark")
    js(browser, "localStorage.removeItem('argmap-drill-progress')")
    wait(lambda: js(browser, "return document.getElementById('drill-answer')"), "the card")
    front = axe(browser)
    js(browser, "document.getElementById('drill-reveal').click()")
    wait(lambda: js(browser, "return document.querySelector('.grades button')"), "the grades")
    back = axe(browser)
    assert not front and not back, json.dumps({"front": front, "back": back}, indent=1)


def test_the_pages_fsrs_gives_the_packages_due_dates(browser: Any, page: Path) -> None:
    """The page's own FSRS (assets/fsrs.js, as inlined) against the fsrs package, on 300
    random review histories: the same due date, state, step, stability and difficulty."""
    import random
    from datetime import UTC, datetime, timedelta

    import fsrs

    rng = random.Random(20)
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    histories, expected = [], []
    for _ in range(300):
        at = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randint(0, 10_000))
        card, reviews = fsrs.Card(card_id=1, due=at), []
        for _ in range(rng.randint(1, 14)):
            at += rng.choice([timedelta(minutes=rng.randint(0, 30)), timedelta(hours=rng.randint(1, 40)), timedelta(days=rng.randint(1, 120))])
            grade = rng.randint(1, 4)
            card, _ = scheduler.review_card(card, fsrs.Rating(grade), review_datetime=at)
            reviews.append([int(at.timestamp() * 1000), grade])
        histories.append(reviews)
        expected.append(card)
    open_page(browser, page)
    got = js(browser, """
        return arguments[0].map(function (reviews) {
          var card = ArgmapFSRS.newCard(reviews[0][0]);
          reviews.forEach(function (r) { card = ArgmapFSRS.review(card, r[1], r[0]); });
          return card;
        });""", histories)
    for want, card in zip(expected, got, strict=True):
        assert datetime.fromisoformat(card["due"].replace("Z", "+00:00")) == want.due
        assert card["state"] == int(want.state) and card["step"] == want.step
        assert want.stability is not None and want.difficulty is not None
        assert abs(card["stability"] - want.stability) <= 1e-9 * want.stability
        assert abs(card["difficulty"] - want.difficulty) <= 1e-9
