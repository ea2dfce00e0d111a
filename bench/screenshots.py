"""`make screenshots`: the reader pages as a reader sees them, at 1366 px and 390 px.

Serves the committed content from a throwaway production-like site (bench.common: DEBUG
off, gunicorn, whitenoise, a temporary SQLite file) and photographs each page, its first
screen and the whole page, with Playwright driving Debian's Chromium (never a downloaded
browser) into docs/screenshots/, which the README shows.
"""

import argparse
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, Gunicorn, Site, say

CHROMIUM = Path("/usr/bin/chromium")
# The same flags as the browser tests (tests/browser/conftest.py).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = {
    "home": "/",
    "django-vs-flask": "/compare/django-vs-flask/",
    "four-frameworks": "/compare/django-vs-fastapi-vs-flask-vs-litestar/",
    "framework-django": "/frameworks/django/",
}
VIEWPORTS = {"desktop": (1366, 800), "phone": (390, 844)}
OUTPUT = ROOT / "docs" / "screenshots"


def take(base_url, output, *, full_page):
    from playwright.sync_api import sync_playwright

    output.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for device, (width, height) in VIEWPORTS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height},
                device_scale_factor=1,
                is_mobile=device == "phone",
                has_touch=device == "phone",
            )
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(base_url + path, wait_until="load")
                target = output / f"{name}-{device}.png"
                page.screenshot(path=str(target), full_page=full_page)
                say(str(target))
            context.close()
        browser.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full-page", action="store_true", help="the whole page, not a screen")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        sys.exit(f"Chromium is not installed at {CHROMIUM}: apt-get install chromium")
    with tempfile.TemporaryDirectory(prefix="comparator-screenshots-") as folder:
        site = Site(Path(folder), database_url=None)
        site.manage("migrate", "--no-input", "-v", "0")
        site.manage("collectstatic", "--no-input", "-v", "0")
        site.manage("loaddata", *sorted(str(p) for p in (ROOT / "fixtures").glob("*.json")))
        with Gunicorn(site, workers=2, log_path=Path(folder) / "gunicorn.log") as server:
            take(server.base_url, args.output, full_page=args.full_page)


if __name__ == "__main__":
    main()
