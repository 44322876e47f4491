#!/usr/bin/env python3
"""Steps of setup/bench, each in its own process so that every measurement starts cold.

    bench.py -c CONF -d DB template             the benchmark company (and OCA's policy) in the template
    bench.py -c CONF -d DB seed --invoices N    N overdue invoices over N/5 customers, committed
    bench.py -c CONF -d DB seed-info            how long seeding that database took, when it was built
    bench.py -c CONF -d DB run [--label L]      our dunning run, committed (run twice: the second run)
    bench.py -c CONF -d DB oca                  OCA credit control's run on the same invoices
    bench.py -c CONF -d DB print-batch          one print batch of 1,000 letters (when the model exists)
    bench.py -c CONF -d DB portal-seed          a portal user whose company owes 500 overdue invoices
    bench.py report                             the table of what the steps measured

Each measuring step adds one JSON row to the results file (--results); `report` prints them.
Wall time is measured without a profiler or tracemalloc; memory is the peak resident size of
the process (Odoo's registry included), SQL queries are counted by Odoo's cursor.
"""

import argparse
import cProfile
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_data

RESULTS = Path(__file__).resolve().parents[2] / ".local" / "bench-results.json"
PORTAL_INVOICES = 500
PORTAL_LOGIN = "bench.portal"
PORTAL_PASSWORD = "bench-portal-password"  # a throwaway database on 127.0.0.1 only
OCA_LEVELS = ((1, 14), (2, 30), (3, 45))
PRINT_LETTERS = 1000


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def open_env(args):
    import odoo
    from odoo import api
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, f"--log-level={args.log_level}"])
    registry = Registry(args.database)
    cr = registry.cursor()
    return api.Environment(cr, odoo.SUPERUSER_ID, {})


def add_result(args, **row):
    rows = json.loads(args.results.read_text()) if args.results.exists() else []
    rows.append(row)
    args.results.write_text(json.dumps(rows, indent=1))
    print("  " + ", ".join(f"{key}={value}" for key, value in row.items()), flush=True)


def measured(env, function, profile=None):
    """(result, seconds, queries, peak RSS MB) of `function()`, flushed; cProfile into `profile` if given."""
    env.invalidate_all()
    queries = env.cr.sql_log_count
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    result = function()
    env.flush_all()
    seconds = time.perf_counter() - started
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu_seconds = used.ru_utime + used.ru_stime - cpu.ru_utime - cpu.ru_stime
    print(f"  (Odoo process CPU: {cpu_seconds:.2f} s of {seconds:.2f} s wall)", flush=True)
    return result, round(seconds, 2), env.cr.sql_log_count - queries, round(peak_rss_mb())


# -----------------------------------------------------------------------------
# STEPS
# -----------------------------------------------------------------------------

def step_template(args):
    env = open_env(args)
    company = bench_data.bench_company(env) or bench_data.make_company(env)
    if "credit.control.policy" in env:
        setup_oca_policy(env, company)
    env.cr.commit()
    env.cr.close()


def setup_oca_policy(env, company):
    """OCA's equivalent of our three letters: e-mails 14, 30 and 45 days after the due date."""
    Policy = env["credit.control.policy"]
    if company.credit_policy_id:
        return
    receivable = env["account.account"].search([
        ("company_ids", "in", company.id), ("account_type", "=", "asset_receivable"),
    ])
    template = env.ref("account_credit_control.email_template_credit_control_base")
    policy = Policy.create({
        "name": "Benchmark: three reminders", "company_id": company.id,
        "account_ids": [(6, 0, receivable.ids)],
        "level_ids": [(0, 0, {
            "name": f"Reminder {level}", "level": level, "computation_mode": "net_days", "delay_days": days,
            "email_template_id": template.id, "channel": "email",
            "custom_text": f"Reminder {level}", "custom_mail_text": f"<p>Reminder {level}</p>",
        }) for level, days in OCA_LEVELS],
    })
    company.credit_policy_id = policy


def step_seed(args):
    env = open_env(args)
    company = bench_data.bench_company(env)
    started = time.perf_counter()
    customers = bench_data.make_customers(env, max(1, args.invoices // bench_data.INVOICES_PER_CUSTOMER))
    customers_seconds = time.perf_counter() - started
    invoices_seconds = bench_data.seed_invoices(env, company, customers, args.invoices)
    seconds = round(customers_seconds + invoices_seconds, 1)
    params = env["ir.config_parameter"]
    params.set_param("bench.invoices", args.invoices)
    params.set_param("bench.customers", len(customers))
    params.set_param("bench.seed_seconds", seconds)
    env.cr.commit()
    env.cr.close()
    add_result(args, step="seed", invoices=args.invoices, customers=len(customers), seconds=seconds)


def step_seed_info(args):
    """The seeding row of a data database seeded by an earlier setup/bench."""
    env = open_env(args)
    params = env["ir.config_parameter"]
    add_result(args, step="seed", invoices=int(params.get_param("bench.invoices")),
               customers=int(params.get_param("bench.customers")),
               seconds=float(params.get_param("bench.seed_seconds")), earlier=True)
    env.cr.close()


def step_run(args):
    env = open_env(args)
    company = bench_data.bench_company(env)
    run = env["receivable.dunning.run"].with_company(company)
    invoices = int(env["ir.config_parameter"].get_param("bench.invoices", 0))
    letters, seconds, queries, peak = measured(
        env, lambda: run._run_company(company, on=bench_data.RUN_DAY), args.profile,
    )
    lines = len(letters.line_ids)
    env.cr.commit()
    env.cr.close()
    add_result(args, step=args.label, invoices=invoices, seconds=seconds, queries=queries,
               queries_per_1000=round(queries * 1000 / max(invoices, 1), 1), peak_mb=peak,
               letters=len(letters), lines=lines)


def step_oca(args):
    env = open_env(args)
    company = bench_data.bench_company(env)
    invoices = int(env["ir.config_parameter"].get_param("bench.invoices", 0))
    Run = env["credit.control.run"].with_company(company)
    oca_run = Run.create({"date": bench_data.RUN_DAY, "company_id": company.id,
                          "policy_ids": [(6, 0, company.credit_policy_id.ids)]})
    _done, seconds, queries, peak = measured(env, oca_run.generate_credit_lines, args.profile)
    lines = len(oca_run.line_ids)
    env.cr.commit()
    env.cr.close()
    add_result(args, step="oca", invoices=invoices, seconds=seconds, queries=queries,
               queries_per_1000=round(queries * 1000 / max(invoices, 1), 1), peak_mb=peak, letters="",
               lines=lines)


def step_print_batch(args):
    """One print batch of PRINT_LETTERS letters prepared by the run, sent by post."""
    env = open_env(args)
    if "receivable.dunning.print.batch" not in env:
        print("  print batch: skipped, receivable.dunning.print.batch is not installed")
        return
    company = bench_data.bench_company(env)
    letters = env["receivable.dunning.letter"].with_company(company).search(
        [("company_id", "=", company.id), ("state", "in", ("draft", "approved"))], limit=PRINT_LETTERS, order="id",
    )
    letters.write({"state": "sent", "channel_letter": True, "to_print": True})
    batch, seconds, queries, peak = measured(
        env, lambda: env["receivable.dunning.print.batch"]._create_for_letters(letters), args.profile,
    )
    add_result(args, step="print batch", letters=len(batch.letter_ids), seconds=seconds, queries=queries,
               peak_mb=peak)
    env.cr.rollback()
    env.cr.close()


def step_portal_seed(args):
    """A portal user of a company that owes PORTAL_INVOICES overdue invoices, committed."""
    env = open_env(args)
    company = bench_data.bench_company(env)
    customer = bench_data.make_customers(env, 1, prefix="Portal debtor")
    customer.is_company = True
    contact = env["res.partner"].create({"name": "Portal contact", "parent_id": customer.id,
                                         "email": "portal@example.com"})
    env["res.users"].with_context(no_reset_password=True).create({
        "name": contact.name, "login": PORTAL_LOGIN, "password": PORTAL_PASSWORD, "partner_id": contact.id,
        "company_id": company.id, "company_ids": [(6, 0, company.ids)],
        "group_ids": [(6, 0, [env.ref("base.group_portal").id])],
    })
    seconds = bench_data.seed_invoices(env, company, customer, PORTAL_INVOICES)
    env.cr.commit()
    env.cr.close()
    print(f"  portal debtor with {PORTAL_INVOICES} overdue invoices seeded in {seconds:.1f} s", flush=True)


def step_report(args):
    rows = json.loads(args.results.read_text()) if args.results.exists() else []
    print()
    print(f"{'measurement':<14} {'invoices':>9} {'letters':>8} {'lines':>8} {'seconds':>8} {'queries':>8} "
          f"{'q/1,000':>8} {'peak MB':>8}")
    timed = {}
    for row in rows:
        if row["step"] in ("seed", "portal"):
            continue
        timed[row["step"]] = row
        print(f"{row['step']:<14} {row.get('invoices', ''):>9} {row.get('letters', ''):>8} {row.get('lines', ''):>8} "
              f"{row['seconds']:>8} {row.get('queries', ''):>8} {row.get('queries_per_1000', ''):>8} "
              f"{row.get('peak_mb', ''):>8}")
    if "first run" in timed and "oca" in timed:
        ratio = timed["oca"]["seconds"] / max(timed["first run"]["seconds"], 0.01)
        print(f"OCA credit control / our run: {ratio:.1f} times the wall time")
    for row in rows:
        if row["step"] == "seed":
            earlier = " (when the data database was built)" if row.get("earlier") else ""
            print(f"seeding: {row['invoices']} invoices over {row['customers']} customers in {row['seconds']} s"
                  f"{earlier}")
        if row["step"] == "portal":
            print(f"portal {row['url']}: {row['requests']} requests from {row['clients']} concurrent clients, "
                  f"p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms ({row['invoices']} invoices)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=[
        "template", "seed", "seed-info", "run", "oca", "print-batch", "portal-seed", "report",
    ])
    parser.add_argument("-c", "--config")
    parser.add_argument("-d", "--database")
    parser.add_argument("--invoices", type=int, default=10000)
    parser.add_argument("--label", default="first run")
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the measured call to FILE")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--log-level", default="warn")
    args = parser.parse_args()
    {
        "template": step_template, "seed": step_seed, "seed-info": step_seed_info, "run": step_run, "oca": step_oca,
        "print-batch": step_print_batch, "portal-seed": step_portal_seed, "report": step_report,
    }[args.step](args)


if __name__ == "__main__":
    main()
