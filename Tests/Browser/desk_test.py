#!/usr/bin/env python3
"""The desk's web page in a real browser (Debian's chromium, chromium-driver, selenium and axe-core from PyPI).

Starts `registry serve` on a fresh seeded database with a hostile provider added, then does what a purchasing
officer does: SecNumCloud → HDS → activity 5, checking each facet's count against the results it leads to and
against the `.json` twin; opens an offer, its provider's ownership graph and its assessment; downloads the CSV
and a receipt (checked by `registry verify-receipt`); runs axe on every page type (0 violations); and keeps
screenshots in the output folder.

    Tests/Browser/desk_test.py --bin .build/debug/registry [--out docs/screenshots]
"""
import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

DAY = "2026-12-01"
HOSTILE = "<script>alert('desk')</script>"


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def start_server(binary, folder):
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(folder, "config"), REGISTRY_DB=os.path.join(folder, "desk.sqlite"))
    hostile = os.path.join(folder, "hostile.json")
    with open(hostile, "w", encoding="utf-8") as f:
        json.dump({
            "format": "registry-json", "formatVersion": 1,
            "providers": [{"id": "evil", "name": HOSTILE, "source": "https://example.org", "sourceKind": "press",
                           "aliases": []}],
            "offers": [{"id": "evil/cloud", "providerId": "evil", "name": "<img src=x onerror=alert(1)>",
                        "source": "https://example.org", "sourceKind": "press", "sites": []}],
        }, f)
    subprocess.run([binary, "import", hostile, "--source", "registry-json"], env=env, check=True,
                   capture_output=True)
    server = subprocess.Popen([binary, "serve", "--port", "0"], env=env, stderr=subprocess.PIPE, text=True)
    for line in server.stderr:
        match = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
        if match:
            return server, match.group(1), env
    fail("the server did not say where it listens")


def browser(download_folder):
    options = webdriver.ChromeOptions()
    # A French buyer's browser: French first (the English pages are asked for with ?lang=en).
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400",
                     "--lang=fr-FR"]:
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs", {"download.default_directory": download_folder, "intl.accept_languages": "fr-FR,fr"})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def facet(driver, label):
    """The facet option whose label is `label`: its link and its count."""
    for item in driver.find_elements(By.CSS_SELECTOR, ".facet li"):
        link = item.find_element(By.TAG_NAME, "a")
        if link.text.replace("☐", "").replace("☑", "").strip() == label:
            count = item.find_elements(By.CSS_SELECTOR, ".count")
            return link, int(count[0].text) if count else None
    fail(f"no facet option « {label} »")


def results(driver):
    return int(driver.find_element(By.CSS_SELECTOR, ".result-count").text)


def click_facet(driver, label):
    link, count = facet(driver, label)
    link.click()
    shown = results(driver)
    if count != shown:
        fail(f"facet « {label} » said {count}, the page shows {shown}")
    twin = json.load(urllib.request.urlopen(driver.current_url.replace("/offers?", "/offers.json?")))
    if twin["count"] != shown:
        fail(f"the .json twin of « {label} » counts {twin['count']}, the page {shown}")
    return twin


def check_axe(driver, name):
    axe = Axe(driver)
    axe.inject()
    violations = axe.run()["violations"]
    if violations:
        fail(f"axe on {name}: " + "; ".join(f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in violations))
    print(f"axe {name}: 0 violations")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--out", default=None, help="where to keep the screenshots")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="desk-")
    out = args.out or folder
    os.makedirs(out, exist_ok=True)
    server, base, env = start_server(os.path.abspath(args.bin), folder)
    driver = browser(folder)
    try:
        driver.get(f"{base}/offers?valid-on={DAY}")
        if driver.find_element(By.TAG_NAME, "html").get_attribute("lang") != "fr":
            fail("a French browser does not get the page in French")
        check_axe(driver, "/offers")
        click_facet(driver, "SecNumCloud")
        twin = click_facet(driver, "HDS")
        providers = {r["provider"]["id"] for r in twin["results"]}
        # The seeds' answer on that day (ANSSI's catalogue of 15/09/2026; Outscale's qualification ended 30/11).
        if not {"ovhcloud", "cloud-temple", "numspot"} <= providers or providers & {"aws", "microsoft", "google", "outscale"}:
            fail(f"SecNumCloud + HDS on {DAY} gives {sorted(providers)}")
        cards = driver.find_elements(By.CSS_SELECTOR, "article.card")
        if len(cards) != len(twin["results"]) or not driver.find_elements(By.CSS_SELECTOR, ".evidence a[href^='http']"):
            fail("the cards do not show each result with its evidence and source links")
        driver.save_screenshot(os.path.join(out, "offers-secnumcloud-hds.png"))
        five = click_facet(driver, "Activité 5")
        expected = json.loads(subprocess.run(
            [args.bin, "query", "--secnumcloud", "--hds", "--hds-activity", "5", "--valid-on", DAY, "--format", "json"],
            env=env, capture_output=True, check=True, text=True).stdout)
        if five != expected:
            fail("the page's .json twin differs from registry query --format json")
        print(f"SecNumCloud + HDS: {len(twin['results'])} offers; with activity 5: {five['count']}")
        driver.save_screenshot(os.path.join(out, "offers-secnumcloud-hds-5.png"))
        check_axe(driver, "/offers?secnumcloud&hds&hds-activity=5")
        driver.back()

        # The CSV and the receipt, as the desk downloads them.
        csv_link = driver.find_element(By.CSS_SELECTOR, "a[href^='/offers.csv']").get_attribute("href")
        rows = list(csv.reader(io.StringIO(urllib.request.urlopen(csv_link).read().decode())))
        # One line per piece of evidence: every result's offer, and no other.
        offers = {row[2] for row in rows[1:]}
        if offers != {r["offer"]["id"] for r in twin["results"]} or results(driver) != twin["count"]:
            fail("the CSV does not hold the results' evidence")
        receipt_link = driver.find_element(By.CSS_SELECTOR, "a.receipt-link").get_attribute("href")
        receipt = os.path.join(folder, "receipt.json")
        with open(receipt, "wb") as f:
            f.write(urllib.request.urlopen(receipt_link).read())
        verified = subprocess.run([args.bin, "verify-receipt", receipt], env=env, capture_output=True, text=True)
        if verified.returncode != 0:
            fail(f"the downloaded receipt does not verify: {verified.stderr}")
        print("receipt verifies:", verified.stdout.strip().splitlines()[0] if verified.stdout.strip() else "ok")

        # An offer, its provider's ownership graph, the assessment.
        driver.find_element(By.CSS_SELECTOR, "article.card h3 a").click()
        check_axe(driver, "offer page")
        driver.save_screenshot(os.path.join(out, "offer.png"))
        driver.find_element(By.CSS_SELECTOR, "p.meta a[href^='/providers/']").click()
        if not driver.find_elements(By.ID, "owners-heading"):
            fail("the provider page has no ownership section")
        check_axe(driver, "provider page")
        driver.get(f"{base}/providers/numspot")
        if len(driver.find_elements(By.CSS_SELECTOR, "figure.graph svg g.node")) < 5:
            fail("NumSpot's graph does not draw its four holders")
        driver.save_screenshot(os.path.join(out, "provider-ownership.png"))
        driver.get(f"{base}/providers/s3ns")
        if not driver.find_elements(By.CSS_SELECTOR, "g.node.non-eu"):
            fail("S3NS's graph marks no non-EU holder")
        driver.save_screenshot(os.path.join(out, "provider-s3ns-ownership.png"))
        driver.get(f"{base}/assess/s3ns")
        if len(driver.find_elements(By.CSS_SELECTOR, "section.test")) < 2:
            fail("the assessment shows fewer than two tests")
        check_axe(driver, "/assess")
        # An offer's assessment carries its CSF levels, with the disclaimer.
        driver.get(f"{base}/assess/bleu/cloud")
        if "SEAL" not in driver.find_element(By.ID, "csf-heading").text or "Commission" not in driver.find_element(
                By.CSS_SELECTOR, "section.csf").text:
            fail("the offer's assessment shows no CSF levels with their disclaimer")
        check_axe(driver, "/assess (an offer, CSF levels)")
        driver.save_screenshot(os.path.join(out, "assess-offer-csf.png"))
        # Each language with its own typography: a no-break space before « : » in French, none in English.
        for lang, good, bad in [("fr", "Résultats\u00a0:", "Résultats:"), ("en", "Results:", "Results :")]:
            driver.get(f"{base}/offers?secnumcloud&lang={lang}")
            heading = driver.find_element(By.ID, "results-heading").get_attribute("textContent")
            if good not in heading or bad in heading:
                fail(f"the {lang} page writes « {heading} »")
        for page in ["/expiring", "/history", "/sources", "/offers?profile=sensitive&why-not&lang=en"]:
            driver.get(base + page)
            check_axe(driver, page)
        driver.save_screenshot(os.path.join(out, "why-not-en.png"))
        if driver.find_element(By.TAG_NAME, "html").get_attribute("lang") != "en":
            fail("?lang=en is not English")
        driver.get(f"{base}/expiring")
        driver.save_screenshot(os.path.join(out, "expiring.png"))

        # A hostile name shows as text and runs nothing.
        driver.get(f"{base}/offers?search=script")
        if HOSTILE not in driver.find_element(By.TAG_NAME, "main").text:
            fail("the hostile provider's name is not shown as text")
        if driver.find_elements(By.CSS_SELECTOR, "main script, main img"):
            fail("a hostile name became an element")
        logs = [entry for entry in driver.get_log("browser") if "alert" in entry.get("message", "")]
        if logs:
            fail(f"the browser logged {logs}")
        print("browser checks passed; screenshots in", out)
    finally:
        driver.quit()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            fail("the server did not stop on SIGTERM")
    if server.returncode not in (0, -15):
        fail(f"the server stopped with status {server.returncode}")


if __name__ == "__main__":
    main()
