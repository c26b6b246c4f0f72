"""Benchmark ``argmap html``: write time and file size at 1k, 10k and 100k claims, and in headless
Chromium the time to the first screen and from a key to the updated screen at 1k and 10k,
beside ``argmap render`` of the same map.

* *write*: ``argmap html MAP -o PAGE`` in a fresh process (load, analysis, the model, 1,000
  neighbourhood diagrams and the overview through Graphviz, the file), wall seconds;
* *render overview* / *render focus*: ``argmap render MAP --overview`` and ``--focus`` of one
  claim in a fresh process, the peers a coach would otherwise run (the whole map cannot be
  laid out at these sizes in useful time);
* *first screen*: from navigation start to the tree's first rows drawn and painted
  (``window.argmap.drawn``, after the next frame), the page opened from disk;
* *key*: from a key's ``keydown`` (a capturing listener, before the page's own) to the frame
  after the page has handled it: the median of 20 cursor moves down the tree, then single
  keys: expand (→), open the trace (t), to the last word (e), the dropped view (3), the flow
  (5), back to the tree (1), a search letter typed, and the slowest of them.

Targets (from the issue): a 10k-claim page of ~10 MB at most, first screen < 1 s, a key < 50 ms.

    python bench/bench_html.py            # 1k, 10k, 100k (browser at 1k and 10k)
    python bench/bench_html.py --smoke    # 200 claims, seconds (CI)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import Any

from argmap.generate import write_synthetic

__all__ = ["main"]

SIZES = (1_000, 10_000, 100_000)
BROWSER_SIZES = (1_000, 10_000)
SMOKE_SIZES = (200,)
ARGMAP = [sys.executable, "-m", "argmap"]

KEY_PROBE = """
window.__keys = [];
document.addEventListener('keydown', function (e) {
  var t0 = performance.now();
  requestAnimationFrame(function () { setTimeout(function () { window.__keys.push([e.key, performance.now() - t0]); }, 0); });
}, true);
"""


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def _driver() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800"):
        options.add_argument(arg)
    return webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver") or "chromedriver"))


def _key(driver: Any, key: str, code: str | None = None) -> float:
    """Milliseconds from ``key``'s keydown to the frame after the page handled it."""
    before = len(driver.execute_script("return window.__keys"))
    params = {"key": key, "code": code or key, "windowsVirtualKeyCode": _VK.get(key, ord(key.upper()) if len(key) == 1 else 0)}
    if len(key) == 1:
        params["text"] = key
    driver.execute_cdp_cmd("Input.dispatchKeyEvent", {"type": "keyDown", **params})
    driver.execute_cdp_cmd("Input.dispatchKeyEvent", {"type": "keyUp", **params})
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        keys = driver.execute_script("return window.__keys")
        if len(keys) > before:
            return float(keys[-1][1])
        time.sleep(0.005)
    raise RuntimeError(f"no frame after {key}")


_VK = {"ArrowDown": 40, "ArrowRight": 39, "ArrowLeft": 37, "ArrowUp": 38, "Escape": 27, "Enter": 13}


def browse(driver: Any, page: Path) -> dict[str, float]:
    """First screen and key times of a page, in milliseconds (first screen: the best of three loads)."""
    firsts = []
    for _ in range(3):
        driver.get("about:blank")
        driver.get(page.as_uri())
        deadline = time.monotonic() + 60
        while not driver.execute_script("return window.argmap && window.argmap.drawn"):
            if time.monotonic() > deadline:
                raise RuntimeError("the page never drew its first screen")
            time.sleep(0.01)
        firsts.append(float(driver.execute_script("return window.argmap.drawn")))
    driver.execute_script(KEY_PROBE)
    driver.execute_script("document.querySelector('[role=tree]').focus()")
    result = {"first_screen": min(firsts)}
    result["move"] = median(_key(driver, "ArrowDown") for _ in range(20))
    for name, key in (("expand", "ArrowRight"), ("trace", "t"), ("last_word", "e"), ("dropped", "3"), ("flow", "5"), ("tree", "1")):
        result[name] = _key(driver, key)
    driver.execute_script("document.getElementById('search').focus()")
    result["search"] = _key(driver, "p")
    result["slowest"] = max(v for k, v in result.items() if k != "first_screen")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="200 claims only, for CI")
    args = parser.parse_args(argv)
    for program in ("dot", "chromium", "chromedriver"):
        if shutil.which(program) is None:
            print(f"{program} is not installed: ./setup.sh installs it", file=sys.stderr)
            return 2
    sizes = SMOKE_SIZES if args.smoke else SIZES
    browsed = SMOKE_SIZES if args.smoke else BROWSER_SIZES
    header = (
        f"{'claims':>7} {'write':>7} {'size':>8} {'render overview':>16} {'render focus':>13} "
        f"{'first screen':>13} {'key: move':>10} {'slowest key':>12}"
    )
    print(header)
    print("-" * len(header))
    details = []
    driver = None
    try:
        with tempfile.TemporaryDirectory() as temp:
            for n in sizes:
                folder = Path(temp) / f"m{n}"
                source = folder / "synthetic.yaml"
                write_synthetic(source, n, seed=1)
                page = folder / "page.html"
                write = _timed([*ARGMAP, "html", str(source), "-o", str(page)])
                size = page.stat().st_size / 1e6
                overview = _timed([*ARGMAP, "render", str(source), "--overview", "-o", str(folder / "overview.svg")])
                focus = _timed([*ARGMAP, "render", str(source), "--focus", "synthetic:c1", "-o", str(folder / "focus.svg")])
                browser = "", "", ""
                if n in browsed:
                    driver = driver or _driver()
                    found = browse(driver, page)
                    details.append((n, found))
                    browser = f"{found['first_screen']:.0f} ms", f"{found['move']:.1f} ms", f"{found['slowest']:.1f} ms"
                print(
                    f"{n:>7,} {write:>6.1f}s {size:>6.1f}MB {overview:>15.1f}s {focus:>12.1f}s "
                    f"{browser[0]:>13} {browser[1]:>10} {browser[2]:>12}",
                    flush=True,
                )
    finally:
        if driver is not None:
            driver.quit()
    for n, found in details:
        keys = ", ".join(f"{k} {v:.1f}" for k, v in found.items() if k not in ("first_screen", "slowest"))
        print(f"\n{n:,} claims, key to screen (ms): {keys}")
    print("\nwrite: argmap html in a fresh process, 1,000 neighbourhood diagrams and the overview included;"
          " render: argmap render --overview / --focus of one claim, in a fresh process")
    return 0


if __name__ == "__main__":
    sys.exit(main())
