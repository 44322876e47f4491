#!/usr/bin/env python3
"""Portal page under load: a real Odoo HTTP server, 10 logged-in clients, p50 and p95.

Starts `odoo server` on a free 127.0.0.1 port against DB (committed data: the portal user
`bench.py portal-seed` created, whose company owes 500 overdue invoices), logs each client in
through /web/login with its CSRF token, then every client GETs the page N times at once.

    bench_portal.py -c CONF -d DB [--url /my/reminders] [--clients 10] [--requests 20] [--workers 2]
"""

import argparse
import json
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import PORTAL_INVOICES, PORTAL_LOGIN, PORTAL_PASSWORD, RESULTS

CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(args, port):
    command = [
        sys.executable, str(Path(__file__).resolve().parent / "odoo_server.py"), "server",
        "-c", args.config, "-d", args.database,
        f"--db-filter=^{re.escape(args.database)}$", "--http-interface=127.0.0.1", f"--http-port={port}",
        f"--workers={args.workers}", "--max-cron-threads=0", f"--log-level={args.log_level}", "--no-database-list",
    ]
    server = subprocess.Popen(command)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the Odoo server stopped (exit code {server.returncode})")
        try:
            if requests.get(f"{base}/web/login", timeout=5).status_code == 200:
                return server, base
        except requests.ConnectionError:
            pass
        time.sleep(1)
    server.terminate()
    raise SystemExit("the Odoo server did not answer within 3 minutes")


def login(base):
    session = requests.Session()
    page = session.get(f"{base}/web/login", timeout=30)
    token = CSRF.search(page.text)
    if not token:
        raise SystemExit("no csrf_token on /web/login")
    answer = session.post(f"{base}/web/login", data={
        "login": PORTAL_LOGIN, "password": PORTAL_PASSWORD, "csrf_token": token.group(1), "redirect": "/my",
    }, timeout=30)
    if answer.status_code != 200 or "/web/login" in answer.url:
        raise SystemExit(f"portal login failed ({answer.status_code}, {answer.url})")
    return session


def fetch(session, url):
    """Milliseconds to GET `url`; an error or a redirect to the login page stops the benchmark."""
    started = time.perf_counter()
    answer = session.get(url, timeout=60, allow_redirects=False)
    elapsed = (time.perf_counter() - started) * 1000
    if answer.status_code != 200:
        raise RuntimeError(f"GET {url}: HTTP {answer.status_code}")
    return elapsed


def served(base, url):
    """Whether the portal answers `url` at all (a page of an addon not merged yet answers 404)."""
    return login(base).get(base + url, timeout=60, allow_redirects=False).status_code != 404


def load(base, url, clients, count):
    sessions = [login(base) for _n in range(clients)]
    for session in sessions:
        fetch(session, base + url)  # warm-up: caches of the server, not measured
    timings, errors = [], []
    barrier = threading.Barrier(clients)

    def client(session):
        barrier.wait()
        for _n in range(count):
            try:
                timings.append(fetch(session, base + url))
            except Exception as error:  # reported after the run, the other clients go on
                errors.append(str(error))

    threads = [threading.Thread(target=client, args=(session,)) for session in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"{len(errors)} failed requests, first: {errors[0]}")
    return timings


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--url", default="/my/reminders")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--requests", type=int, default=20, help="GETs per client")
    parser.add_argument("--workers", type=int, default=2, help=(
        "Odoo's HTTP worker processes, as in production (0: Odoo's threaded server, where all requests "
        "share one Python interpreter)"))
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--log-level", default="warn")
    args = parser.parse_args()
    server, base = start_server(args, free_port())
    try:
        if not served(base, args.url):
            print(f"  portal: skipped, the server does not serve {args.url}")
            return
        timings = load(base, args.url, args.clients, args.requests)
    finally:
        server.terminate()
        server.wait(timeout=60)
    quantiles = statistics.quantiles(timings, n=20, method="inclusive")
    row = {"step": "portal", "url": args.url, "workers": args.workers, "clients": args.clients,
           "requests": len(timings), "invoices": PORTAL_INVOICES, "p50_ms": round(statistics.median(timings)),
           "p95_ms": round(quantiles[18]), "seconds": round(sum(timings) / 1000, 1)}
    rows = json.loads(args.results.read_text()) if args.results.exists() else []
    rows.append(row)
    args.results.write_text(json.dumps(rows, indent=1))
    print(f"  portal {args.url}: p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms "
          f"({args.clients} clients x {args.requests} GETs, {args.workers} workers)", flush=True)


if __name__ == "__main__":
    main()
