#!/usr/bin/env python3
"""`virtsim serve` in a real browser (Debian's chromium driven by Playwright from PyPI).

Starts `virtsim serve FOLDER --port 0` on loopback, opens the quickstart's form, runs it as it
is, changes the consolidated arm's host count, runs again, and checks that the savings table
changed and equals the savings.csv of `virtsim run` with the same --set; changes a select and
sees the page run again by itself with it; then saves the edited
scenario under a new name and checks the page says it is valid. Screenshots beside OUT.
The server is stopped at the end; every wait is bounded.
Prints one line per failure and a last line "N passed, M failed"; exits 1 on any failure.

Usage: serve_whatif.py VIRTSIM FOLDER OUT
"""
import csv, os, re, subprocess, sys, time
from playwright.sync_api import sync_playwright

virtsim, folder, out = sys.argv[1], sys.argv[2], sys.argv[3]
passed, failures = 0, []


def check(ok, what):
    global passed
    if ok:
        passed += 1
    else:
        failures.append(what)
        print("FAIL:", what)


def savings_cells(page):
    return page.eval_on_selector_all("#savings tr[data-arm]", "rows => rows.map(r => [r.dataset.arm, r.dataset.category, r.querySelector('.value').textContent])")


server = subprocess.Popen([virtsim, "serve", folder, "--port", "0", "--max-run-seconds", "120"], stdout=subprocess.PIPE, text=True)
try:
    m, line = None, ""
    for _ in range(20):  # the server's log lines come first; the address line ends them
        line = server.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if m or not line:
            break
    check(m is not None, "serve printed its address: " + line.strip())
    base = "http://127.0.0.1:%s" % m.group(1)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        pg = b.new_page(viewport={"width": 1280, "height": 900})
        pg.set_default_timeout(120_000)
        pg.goto(base + "/")
        check(pg.locator("a", has_text="quickstart.yaml").count() == 1, "the list shows quickstart.yaml")
        pg.click("text=quickstart.yaml")
        count = pg.locator("[name='arms.1.host_groups.0.count']")
        check(count.input_value() == "16", "the form shows the consolidated arm's 16 hosts")
        pg.click("#run")
        pg.wait_for_selector("#savings")
        first = savings_cells(pg)
        pg.locator("[name='arms.1.host_groups.0.count']").fill("20")
        pg.click("#run")
        pg.wait_for_selector("#savings")
        second = savings_cells(pg)
        pg.screenshot(path=os.path.join(out, "serve.png"), full_page=True)
        check(first != second, "the savings table changed with the host count")
        check("--set arms.1.host_groups.0.count=20" in pg.inner_text("#overrides"), "the page names the override")
        # the same figures as virtsim run with the same --set
        direct = os.path.join(out, "direct")
        subprocess.run([virtsim, "run", os.path.join(folder, "quickstart.yaml"), "--set", "arms.1.host_groups.0.count=20", "--out", direct, "--quiet", "--no-report"], check=True, timeout=300)
        with open(os.path.join(direct, "savings.csv")) as f:
            rows = [(r["arm"], r["category"], float(r["value"])) for r in csv.DictReader(f)]
        shown = [(a, c, float(v.replace(",", ""))) for a, c, v in second]
        check(len(rows) == len(shown) and all(a == x and c == y and abs(v - w) <= 0.005 + 1e-9 * abs(v) for (a, c, v), (x, y, w) in zip(rows, shown)),
              "the savings table equals virtsim run's savings.csv (to the 2 decimals shown)")
        # a changed field runs again by itself (the page's script): DPM on for the consolidated arm, no click
        with pg.expect_navigation(timeout=120_000):
            pg.select_option("[name='arms.1.dpm.enabled']", "true")
        pg.wait_for_selector("#savings")
        check("--set arms.1.dpm.enabled=true" in pg.inner_text("#overrides"), "changing a field re-ran the scenario with it: " + pg.inner_text("#overrides"))
        # save as a new scenario, validated
        pg.fill("#save_as", "quickstart-20-hosts.yaml")
        pg.click("#save")
        msg = pg.inner_text("#message")
        check("valid" in msg and os.path.exists(os.path.join(folder, "quickstart-20-hosts.yaml")), "save as scenario: " + msg)
        r = subprocess.run([virtsim, "validate", os.path.join(folder, "quickstart-20-hosts.yaml")], capture_output=True, text=True, timeout=120)
        check(r.returncode == 0, "virtsim validate accepts the saved scenario: " + r.stdout + r.stderr)
        b.close()
finally:
    server.terminate()
    server.wait(timeout=10)

print("%d passed, %d failed" % (passed, len(failures)))
sys.exit(1 if failures else 0)
