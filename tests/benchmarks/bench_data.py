"""Data of the benchmark databases: the benchmark company, its customers and overdue invoices.

The first invoices (at most PROTOTYPES) are created and posted through the ORM; the others
are copies of them made in SQL, column by column, with their own number, customer and dates,
so that 100,000 real posted invoices with their receivable lines take seconds, not hours.
The stored dunning fields of the copies are then computed by the ORM.
"""

import time
from datetime import date, timedelta

from odoo.fields import Command
from odoo.tools import SQL

RUN_DAY = date(2025, 6, 1)
MAX_DAYS_OVERDUE = 150
INVOICES_PER_CUSTOMER = 5
PROTOTYPES = 100
CREATE_BATCH = 2000
COMPUTE_BATCH = 5000
COMPANY_PARAM = "bench.company_id"


def make_company(env):
    """The Norwegian benchmark company with its chart of accounts; its id is kept in a parameter."""
    nok = env.ref("base.NOK")
    nok.active = True
    # install_mode: no automatic installation of the Norwegian localisation modules.
    company = env["res.company"].with_context(install_mode=True).create({
        "name": "Benchmark AS", "country_id": env.ref("base.no").id, "currency_id": nok.id,
        "email": "post@benchmark.example", "street": "Storgata 1", "zip": "0155", "city": "Oslo",
    })
    env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
    company.currency_id = nok
    env.user.company_ids = [Command.link(company.id)]
    env.user.company_id = company
    env["ir.config_parameter"].set_param(COMPANY_PARAM, company.id)
    return company


def bench_company(env):
    company_id = int(env["ir.config_parameter"].get_param(COMPANY_PARAM, 0))
    return env["res.company"].browse(company_id).exists()


def make_customers(env, count, prefix="Customer"):
    """`count` customers, every second one a company, in batched creates."""
    partners = env["res.partner"]
    Partner = partners.with_context(tracking_disable=True, mail_create_nolog=True)
    for start in range(0, count, CREATE_BATCH):
        partners |= Partner.create([{
            "name": f"{prefix} {n}", "email": f"c{n}@example.com", "street": "Storgata 1", "zip": "0155",
            "city": "Oslo", "is_company": n % 2 == 0,
        } for n in range(start, min(count, start + CREATE_BATCH))])
    return partners


def days_overdue(n):
    """0 to MAX_DAYS_OVERDUE days, spread evenly but not in order of the invoice number."""
    return (n * 7919) % (MAX_DAYS_OVERDUE + 1)


def seed_invoices(env, company, customers, count, run_day=RUN_DAY):
    """`count` posted customer invoices spread over `customers`, 0 to 150 days overdue on `run_day`.

    Returns the seconds it took.
    """
    started = time.perf_counter()
    prototypes = _prototype_invoices(env, company, customers, min(count, PROTOTYPES), run_day)
    if count > len(prototypes):
        _copy_invoices(env, prototypes, customers, len(prototypes), count, run_day)
    env.cr.execute(SQL("ANALYZE account_move; ANALYZE account_move_line; ANALYZE res_partner"))
    return time.perf_counter() - started


def _prototype_invoices(env, company, customers, count, run_day):
    moves = env["account.move"].with_company(company).with_context(tracking_disable=True, mail_create_nolog=True)
    vals = []
    for n in range(count):
        due = run_day - timedelta(days=days_overdue(n))
        vals.append({
            "move_type": "out_invoice", "company_id": company.id,
            "partner_id": customers[n % len(customers)].id,
            "invoice_date": due - timedelta(days=14), "invoice_date_due": due,
            "invoice_line_ids": [Command.create({
                "name": "Services", "price_unit": 100 + (n * 37) % 900, "tax_ids": [Command.clear()],
            })],
        })
    invoices = moves.create(vals)
    invoices.action_post()
    env.flush_all()
    return invoices


def _columns(env, table):
    env.cr.execute(SQL(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name != 'id' "
        "AND is_generated = 'NEVER' ORDER BY ordinal_position", table,
    ))
    return [name for (name,) in env.cr.fetchall()]


def _copy_rows(env, table, source_join, overrides, id_expr=None):
    """INSERT INTO table SELECT each column of the source row `p`, or its override, FROM bench_seed s JOIN ..."""
    columns = _columns(env, table)
    targets = [SQL.identifier(column) for column in columns]
    values = [overrides.get(column, SQL("p.%s", SQL.identifier(column))) for column in columns]
    if id_expr is not None:
        targets.insert(0, SQL.identifier("id"))
        values.insert(0, id_expr)
    env.cr.execute(SQL(
        "INSERT INTO %s (%s) SELECT %s FROM bench_seed s %s",
        SQL.identifier(table), SQL(", ").join(targets), SQL(", ").join(values), source_join,
    ))


def _copy_invoices(env, prototypes, customers, first, count, run_day):
    """Invoices number `first` to `count` - 1 as copies of the prototypes, in two INSERTs."""
    env.cr.execute(SQL("DROP TABLE IF EXISTS bench_seed"))
    env.cr.execute(SQL(
        """CREATE TEMP TABLE bench_seed AS
           SELECT n, nextval('account_move_id_seq') AS move_id,
                  (%(prototypes)s::int[])[1 + n %% %(nb_prototypes)s] AS prototype_id,
                  (%(customers)s::int[])[1 + n %% %(nb_customers)s] AS partner_id,
                  %(run_day)s::date - ((n * 7919) %% %(span)s)::int AS due,
                  'BENCH/' || lpad(n::text, 7, '0') AS name
             FROM generate_series(%(first)s, %(last)s) AS n""",
        prototypes=prototypes.ids, nb_prototypes=len(prototypes), customers=customers.ids,
        nb_customers=len(customers), run_day=run_day, span=MAX_DAYS_OVERDUE + 1, first=first, last=count - 1,
    ))
    env.cr.execute(SQL(
        "ALTER TABLE bench_seed ADD COLUMN partner_name varchar; "
        "UPDATE bench_seed s SET partner_name = r.name FROM res_partner r WHERE r.id = s.partner_id; "
        "ANALYZE bench_seed"
    ))
    invoice_date = SQL("s.due - 14")
    _copy_rows(env, "account_move", SQL("JOIN account_move p ON p.id = s.prototype_id"), {
        "name": SQL("s.name"), "sequence_prefix": SQL("'BENCH/'"), "sequence_number": SQL("s.n"),
        "payment_reference": SQL("s.name"), "partner_id": SQL("s.partner_id"),
        "commercial_partner_id": SQL("s.partner_id"), "partner_shipping_id": SQL("s.partner_id"),
        "invoice_partner_display_name": SQL("s.partner_name"), "date": invoice_date,
        "invoice_date": invoice_date, "invoice_date_due": SQL("s.due"), "access_token": SQL("NULL"),
        "message_main_attachment_id": SQL("NULL"),
    }, id_expr=SQL("s.move_id"))
    _copy_rows(env, "account_move_line", SQL("JOIN account_move_line p ON p.move_id = s.prototype_id"), {
        "move_id": SQL("s.move_id"), "move_name": SQL("s.name"), "partner_id": SQL("s.partner_id"),
        "date": invoice_date, "invoice_date": invoice_date,
        "date_maturity": SQL("CASE WHEN p.date_maturity IS NULL THEN NULL ELSE s.due END"),
    })
    env.cr.execute(SQL("SELECT move_id FROM bench_seed ORDER BY n"))
    copied = [move_id for (move_id,) in env.cr.fetchall()]
    env.cr.execute(SQL("DROP TABLE bench_seed"))
    _compute_dunning_fields(env, copied)


def _compute_dunning_fields(env, move_ids):
    """The copies' stored dunning fields (profile, next step), computed by the ORM batch by batch."""
    Move = env["account.move"]
    fields_ = [Move._fields[name] for name in (
        "dunning_effective_profile_id", "dunning_next_stage_id", "dunning_next_date",
    )]
    for start in range(0, len(move_ids), COMPUTE_BATCH):
        moves = Move.browse(move_ids[start:start + COMPUTE_BATCH])
        for field in fields_:
            env.add_to_compute(field, moves)
        env.flush_all()
        env.invalidate_all()
