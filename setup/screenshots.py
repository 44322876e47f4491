#!/usr/bin/env python3
"""Screenshots for the README, taken with headless Chromium against a running demo (setup/run).

    python3 setup/screenshots.py http://127.0.0.1:8069 docs/screenshots

Logs in as the demo accountant and debtor (requests, then the session cookie handed to
Chromium over the DevTools protocol) and saves PNGs of the work lists, the letters and the
debtor's portal page; the letter PDF is rendered to PNG with pdftoppm.
"""

import base64
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket

PAGES = [
    # (file, login, path, seconds to settle)
    ("work-list-ready.png", "accountant", "/odoo/action-receivable_dunning.action_dunning_ready", 10),
    ("work-list-collection.png", "accountant", "/odoo/action-receivable_dunning.action_dunning_consider_collection", 4),
    ("letters.png", "accountant", "/odoo/action-receivable_dunning.action_dunning_letter", 4),
    ("charges.png", "accountant", "/odoo/action-receivable_dunning.action_dunning_charge_report", 4),
    ("portal.png", "debtor", "/my/reminders", 3),
]


def login(base, user):
    session = requests.Session()
    page = session.get(f"{base}/web/login", timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    response = session.post(f"{base}/web/login", data={"login": user, "password": user, "csrf_token": token},
                            timeout=30)
    response.raise_for_status()
    if "session_id" not in session.cookies:
        sys.exit(f"screenshots: could not log in as {user}")
    return session


class Browser:
    """Headless Chromium driven through the DevTools protocol."""

    def __init__(self):
        self.profile = tempfile.mkdtemp()
        executable = next(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
                          if shutil.which(name))
        self.process = subprocess.Popen([
            executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--remote-debugging-port=9333", f"--user-data-dir={self.profile}", "--window-size=1400,900",
            "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _attempt in range(50):
            try:
                targets = requests.get("http://127.0.0.1:9333/json", timeout=1).json()
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        page = next(target for target in targets if target["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})

    def shoot(self, url, cookie, domain, path, settle):
        self.call("Network.enable")
        self.call("Network.clearBrowserCookies")
        self.call("Network.setCookie", name="session_id", value=cookie, domain=domain, path="/")
        self.call("Emulation.setDeviceMetricsOverride", width=1400, height=900, deviceScaleFactor=1, mobile=False)
        self.call("Page.navigate", url=url)
        time.sleep(settle)
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self):
        self.socket.close()
        self.process.terminate()
        shutil.rmtree(self.profile, ignore_errors=True)


def letter_pdf(base, session, target):
    """The first sent letter's PDF, first page as PNG."""
    response = session.post(f"{base}/web/dataset/call_kw", json={"jsonrpc": "2.0", "method": "call", "params": {
        "model": "receivable.dunning.letter", "method": "search_read", "args": [[["state", "=", "sent"],
                                                                                  ["kind", "=", "payment_demand"]]],
        "kwargs": {"fields": ["id"], "limit": 1}}}, timeout=60).json()
    letter_id = response["result"][0]["id"]
    pdf = session.get(f"{base}/report/pdf/receivable_dunning.report_dunning_letter/{letter_id}", timeout=300)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "letter.pdf")
        source.write_bytes(pdf.content)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(source),
                        str(Path(folder, "letter"))], check=True)
        shutil.copy(Path(folder, "letter.png"), target / "letter.png")


def main():
    base, target = sys.argv[1].rstrip("/"), Path(sys.argv[2])
    target.mkdir(parents=True, exist_ok=True)
    domain = re.sub(r"^https?://([^:/]+).*$", r"\1", base)
    sessions = {user: login(base, user) for user in ("accountant", "debtor")}
    browser = Browser()
    try:
        for name, user, path, settle in PAGES:
            browser.shoot(base + path, sessions[user].cookies["session_id"], domain, target / name, settle)
            print(f"screenshots: {target / name}")
    finally:
        browser.close()
    letter_pdf(base, sessions["accountant"], target)
    print(f"screenshots: {target / 'letter.png'}")


if __name__ == "__main__":
    main()
