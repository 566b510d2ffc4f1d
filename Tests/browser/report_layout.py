#!/usr/bin/env python3
"""report.html in a real browser (Debian's chromium driven by Playwright from PyPI).

For each report given: a full-page screenshot beside it (report.png), then three checks on
the laid-out page:
  1. no two text boxes overlap: SVG <text> elements within one chart, by their laid-out
     boxes (getBoundingClientRect), and HTML legend items if a chart has any;
  2. identical series differ in dash pattern: two polylines of one chart with the same
     points have different stroke-dasharray values;
  3. every chart has axis labels: each <svg> has at least one text of class "label" (the
     y label and time label of a line chart, the unit of a bar chart).
Prints one line per failure and a last line "N passed, M failed"; exits 1 on any failure.

Usage: report_layout.py REPORT.html [MORE.html …]
"""
import sys
from playwright.sync_api import sync_playwright

CHECK_JS = """() => {
  const out = [];
  document.querySelectorAll('svg').forEach((svg, k) => {
    const title = (svg.getAttribute('aria-label') || ('chart ' + k));
    const texts = [...svg.querySelectorAll('text')].map(t => ({s: t.textContent, r: t.getBoundingClientRect().toJSON()}));
    const lines = [...svg.querySelectorAll('polyline')].map(p => ({name: p.getAttribute('data-series'),
      points: p.getAttribute('points'), dash: p.getAttribute('stroke-dasharray') || ''}));
    const labels = [...svg.querySelectorAll('text.label')].length;
    out.push({title, texts, lines, labels});
  });
  const html = [...document.querySelectorAll('.legend-item')].map(e => ({s: e.textContent, r: e.getBoundingClientRect().toJSON()}));
  return {charts: out, html};
}"""


def overlap(a, b):
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


def check(page, path):
    failures, passed = [], 0
    data = page.evaluate(CHECK_JS)
    for c in data["charts"]:
        t = c["texts"]
        bad = [(t[i]["s"], t[j]["s"]) for i in range(len(t)) for j in range(i + 1, len(t)) if overlap(t[i]["r"], t[j]["r"])]
        if bad:
            failures.append(f"{path}: {c['title']}: text boxes overlap: {bad[:5]}")
        else:
            passed += 1
        same = [(a["name"], b["name"]) for i, a in enumerate(c["lines"]) for b in c["lines"][i + 1:]
                if a["points"] == b["points"] and a["dash"] == b["dash"]]
        if same:
            failures.append(f"{path}: {c['title']}: identical series drawn alike: {same}")
        else:
            passed += 1
        if c["labels"] < 1:
            failures.append(f"{path}: {c['title']}: no axis label")
        else:
            passed += 1
    h = data["html"]
    bad = [(h[i]["s"], h[j]["s"]) for i in range(len(h)) for j in range(i + 1, len(h)) if overlap(h[i]["r"], h[j]["r"])]
    if bad:
        failures.append(f"{path}: HTML legend items overlap: {bad[:5]}")
    else:
        passed += 1
    if not data["charts"]:
        failures.append(f"{path}: no chart")
    return passed, failures


def main(paths):
    passed, failures = 0, []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for path in paths:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto("file://" + path)
            page.screenshot(path=path.rsplit("/", 1)[0] + "/report.png", full_page=True)
            n, f = check(page, path)
            passed += n
            failures += f
            page.close()
        browser.close()
    for f in failures:
        print("FAIL", f)
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main([__import__("os").path.abspath(a) for a in sys.argv[1:]]))
