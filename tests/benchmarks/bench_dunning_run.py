#!/usr/bin/env python3
"""Benchmark of the dunning run: seconds, SQL queries and peak memory for N overdue invoices.

Runs inside one transaction on an existing database with receivable_dunning installed
(the one setup/test builds), creates a company, customers and overdue invoices, prepares
the letters, prints the figures and rolls everything back.

    python3 tests/benchmarks/bench_dunning_run.py -c .local/odoo.conf -d receivables_test 2000 10000

The peers' figures (peers.md, same machine class): OCA credit control needs 4.3 s for
2,000 overdue invoices, 26 s for 10,000 and 113 s for 50,000, about 2 queries per invoice.
"""

import argparse
import cProfile
import time
import tracemalloc
from datetime import date, timedelta

import odoo
from odoo import Command, api
from odoo.modules.registry import Registry

INVOICES_PER_CUSTOMER = 5
CREATE_BATCH = 500


def make_data(env, invoices):
    """A Norwegian company and `invoices` posted invoices, due 20 to 60 days before the run."""
    nok = env.ref("base.NOK")
    nok.active = True
    # install_mode: no automatic installation of the Norwegian localisation modules.
    company = env["res.company"].with_context(install_mode=True).create({
        "name": f"Benchmark {invoices}", "country_id": env.ref("base.no").id, "currency_id": nok.id,
    })
    env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
    company.currency_id = nok
    env.user.company_ids = [Command.link(company.id)]
    customers = env["res.partner"].create([{
        "name": f"Customer {n}", "email": f"c{n}@example.com", "street": "Storgata 1", "zip": "0155",
        "city": "Oslo", "is_company": n % 2 == 0,
    } for n in range(max(1, invoices // INVOICES_PER_CUSTOMER))])
    run_day = date(2025, 6, 1)
    moves = env["account.move"].with_company(company)
    for start in range(0, invoices, CREATE_BATCH):
        vals = []
        for n in range(start, min(invoices, start + CREATE_BATCH)):
            due = run_day - timedelta(days=20 + n % 40)
            vals.append({
                "move_type": "out_invoice", "company_id": company.id,
                "partner_id": customers[n % len(customers)].id, "invoice_date": due, "invoice_date_due": due,
                "invoice_line_ids": [Command.create({"name": "Services", "price_unit": 100 + n % 900,
                                                     "tax_ids": [Command.clear()]})],
            })
        batch = moves.create(vals)
        env.flush_all()
        analyze(env)
        batch.action_post()
        env.flush_all()
        env.invalidate_all()
    analyze(env)
    return company, run_day


def analyze(env):
    """Planner statistics for the rows this transaction created (it never commits, so autovacuum cannot)."""
    for table in ("account_move", "account_move_line", "account_partial_reconcile", "res_partner"):
        env.cr.execute(f"ANALYZE {table}")


def measure(env, company, run_day, profile=None):
    run = env["receivable.dunning.run"].with_company(company)
    env.invalidate_all()
    queries = env.cr.sql_log_count
    tracemalloc.start()
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    letters = run._run_company(company, on=run_day)
    env.flush_all()
    seconds = time.perf_counter() - started
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return letters, seconds, env.cr.sql_log_count - queries, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("sizes", nargs="+", type=int, help="numbers of overdue invoices")
    parser.add_argument("--log-level", default="warn")
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the run to FILE")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, f"--log-level={args.log_level}"])
    registry = Registry(args.database)
    print(f"{'invoices':>9} {'letters':>8} {'seconds':>8} {'queries':>8} {'q/invoice':>9} {'peak MB':>8}")
    for size in args.sizes:
        with registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            company, run_day = make_data(env, size)
            profile = args.profile and f"{args.profile}.{size}"
            letters, seconds, queries, peak = measure(env, company, run_day, profile)
            lines = len(letters.line_ids)
            print(f"{lines:>9} {len(letters):>8} {seconds:>8.2f} {queries:>8} {queries / max(lines, 1):>9.3f} "
                  f"{peak / 2**20:>8.1f}")
            cr.rollback()


if __name__ == "__main__":
    main()
