#!/usr/bin/env python3
"""Benchmark of a print batch: seconds, SQL queries and pages for N letters to post.

Runs inside one transaction on an existing database with receivable_dunning installed
(the one setup/test builds): creates a company with N customers, one overdue invoice
each, prepares their letters with the dunning run, marks them as sent by post and
gathers them into one print batch (reportlab), then rolls everything back.

    python3 tests/benchmarks/bench_print_batch.py -c .local/odoo.conf -d receivables_test 1000

Sending is left out on purpose: what is measured is the print step, from the letters
waiting for the post to one print-ready PDF.
"""

import argparse
import sys
import time
from pathlib import Path

import odoo
from odoo import api
from odoo.modules.registry import Registry

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_dunning_run  # the sibling benchmark's data generator


def measure(env, letters):
    env.invalidate_all()
    queries = env.cr.sql_log_count
    started = time.perf_counter()
    batch = env["receivable.dunning.print.batch"]._create_for_letters(letters)
    env.flush_all()
    return batch, time.perf_counter() - started, env.cr.sql_log_count - queries


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("sizes", nargs="+", type=int, help="numbers of letters")
    parser.add_argument("--log-level", default="warn")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, f"--log-level={args.log_level}"])
    registry = Registry(args.database)
    bench_dunning_run.INVOICES_PER_CUSTOMER = 1  # one letter per invoice
    print(f"{'letters':>8} {'pages':>6} {'seconds':>8} {'queries':>8} {'PDF MB':>7}")
    for size in args.sizes:
        with registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            company, run_day = bench_dunning_run.make_data(env, size)
            run = env["receivable.dunning.run"].with_company(company)
            letters = run._run_company(company, on=run_day).with_company(company)
            letters.write({"state": "sent", "channel_letter": True, "to_print": True})
            batch, seconds, queries = measure(env, letters)
            print(f"{len(batch.letter_ids):>8} {batch.page_count:>6} {seconds:>8.2f} {queries:>8} "
                  f"{len(batch.attachment_id.raw) / 2**20:>7.1f}")
            cr.rollback()


if __name__ == "__main__":
    main()
