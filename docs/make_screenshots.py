"""Regenerate the README screenshots from a running demo (`make run`, then run this script).

.venv/bin/python docs/make_screenshots.py [base_url]
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).parent / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def log_in(page, username):
    page.goto(f"{BASE}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "dangvu2026")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")


def main():
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        desktop = browser.new_page(viewport={"width": 1280, "height": 800}, locale="vi-VN")
        log_in(desktop, "tinh")
        desktop.goto(f"{BASE}/organizations/")
        toggles = desktop.locator("[data-tree-toggle]")
        toggles.first.click()
        desktop.wait_for_timeout(400)
        toggles.nth(2).click()
        desktop.wait_for_timeout(400)
        desktop.screenshot(path=OUT / "tree.png")
        desktop.goto(f"{BASE}/members/?q=nguyen+van")
        desktop.screenshot(path=OUT / "member-search.png")
        desktop.locator("main table a").first.click()
        desktop.wait_for_load_state("networkidle")
        desktop.screenshot(path=OUT / "member-profile.png", full_page=True)

        phone = browser.new_page(viewport={"width": 360, "height": 740}, locale="vi-VN")
        log_in(phone, "bithu")
        phone.goto(f"{BASE}/members/")
        phone.screenshot(path=OUT / "phone-branch-members.png")

        # Issues 5 and 6: the member's evaluation on a phone, results and the dashboard.
        member = browser.new_page(viewport={"width": 360, "height": 740}, locale="vi-VN")
        log_in(member, "dangvien")
        member.goto(f"{BASE}/evaluations/")
        member.locator("a[href$='/self/']").first.click()
        member.wait_for_load_state("networkidle")
        member.screenshot(path=OUT / "phone-self-assessment.png")
        desktop.goto(f"{BASE}/evaluations/results/")
        desktop.screenshot(path=OUT / "evaluation-results.png")
        desktop.goto(f"{BASE}/reports/")
        desktop.wait_for_load_state("networkidle")
        desktop.screenshot(path=OUT / "reports-dashboard.png")
        browser.close()


if __name__ == "__main__":
    main()
