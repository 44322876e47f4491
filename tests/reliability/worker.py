#!/usr/bin/env python3
"""One Odoo process of the reliability tests: seeds a database, or runs the dunning run in it.

    worker.py CONFIG DATABASE COMPANY seed INVOICES
    worker.py CONFIG DATABASE COMPANY run [--die-after-commits N]
    worker.py CONFIG DATABASE COMPANY prepare
    worker.py CONFIG DATABASE COMPANY send

Letters are rendered by a stub: the PDF is not what these tests are about, and wkhtmltopdf
would make each letter take a second. Everything else is the real code, committing as the
cron does. `--die-after-commits N` ends the process abruptly (os._exit, like kill -9) right
after its N-th commit.
"""

import os
import sys
from datetime import date, datetime, timedelta

import odoo
from odoo import api
from odoo.modules.registry import Registry

RUN_DAY = date(2025, 6, 1)


def seed(env, company_name, invoices):
    nok = env.ref("base.NOK")
    nok.active = True
    company = env["res.company"].with_context(install_mode=True).create({
        "name": company_name, "country_id": env.ref("base.no").id, "currency_id": nok.id,
        "email": "post@reliability.example.com", "phone": "+47 22 00 00 00",
    })
    env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
    company.write({
        "currency_id": nok.id, "dunning_progression": "automatic", "dunning_dispatch_from": datetime(2020, 1, 1),
    })
    profiles = company.dunning_profile_person_id | company.dunning_profile_company_id
    profiles.stage_ids.write({"needs_approval": False, "channel_email": True, "channel_letter": False,
                              "channel_sms": False})
    env.user.company_ids = [odoo.Command.link(company.id)]
    customers = env["res.partner"].create([{
        "name": f"{company_name} debtor {n}", "email": f"debtor{n}@example.com", "street": "Storgata 1", "zip": "0155",
        "city": "Oslo", "is_company": n % 2 == 0,
    } for n in range(max(1, invoices // 2))])
    moves = env["account.move"].with_company(company).create([{
        "move_type": "out_invoice", "company_id": company.id, "partner_id": customers[n % len(customers)].id,
        "invoice_date": RUN_DAY - timedelta(days=20), "invoice_date_due": RUN_DAY - timedelta(days=20),
        "invoice_line_ids": [odoo.Command.create({"name": "Services", "price_unit": 1000 + n,
                                                  "tax_ids": [odoo.Command.clear()]})],
    } for n in range(invoices)])
    moves.action_post()


def stub_rendering():
    """Letters get a one-line PDF: wkhtmltopdf is not under test here."""
    from odoo.addons.base.models.ir_actions_report import IrActionsReport

    IrActionsReport._render_qweb_pdf = lambda self, report_ref, res_ids=None, data=None: (b"%PDF-1.4 stub", "pdf")


def die_after_commits(cr, count):
    commit = cr.commit
    done = [0]

    def commit_then_maybe_die():
        commit()
        done[0] += 1
        if done[0] >= count:
            os._exit(9)

    cr.commit = commit_then_maybe_die


def main():
    config, database, company_name, command, *rest = sys.argv[1:]
    odoo.tools.config.parse_config(["-c", config, "-d", database, "--log-level=warn"])
    stub_rendering()
    registry = Registry(database)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        if command == "seed":
            seed(env, company_name, int(rest[0]))
            return
        company = env["res.company"].search([("name", "=", company_name)])
        if "--die-after-commits" in rest:
            die_after_commits(cr, int(rest[rest.index("--die-after-commits") + 1]))
        run = env["receivable.dunning.run"].with_company(company)
        if command == "prepare":  # letters prepared, none sent: dispatch closed for this run
            company.dunning_dispatch_from = datetime(2999, 1, 1)
            run._run_company(company, batch_size=4, commit=True, on=RUN_DAY)
            company.dunning_dispatch_from = datetime(2020, 1, 1)
        elif command == "run":
            run._run_company(company, batch_size=4, commit=True, on=RUN_DAY)
        elif command == "send":
            run.with_context(date=RUN_DAY)._send_automatic(company, commit=True, batch_size=3)
        cr.commit()


if __name__ == "__main__":
    main()
