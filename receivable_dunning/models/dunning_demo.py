from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# Customers of the demo company: (xml id, name, is company, street, zip, city, email).
# Some have no address so that the "Customers missing address" list has content.
DEMO_CUSTOMERS = [
    ("demo_partner_hansen", "Kari Hansen", False, "Storgata 12", "0155", "Oslo", "kari.hansen@example.com"),
    ("demo_partner_olsen", "Ola Olsen", False, "Bryggen 3", "5003", "Bergen", "ola.olsen@example.com"),
    ("demo_partner_nilsen", "Ingrid Nilsen", False, "", "", "", "ingrid.nilsen@example.com"),
    ("demo_partner_berg", "Berg Bygg AS", True, "Industriveien 45", "7080", "Heimdal", "post@bergbygg.example.com"),
    ("demo_partner_fjord", "Fjordfisk AS", True, "Kaia 1", "6002", "Ålesund", "faktura@fjordfisk.example.com"),
    ("demo_partner_nord", "Nordlys Kafé AS", True, "", "", "", "hei@nordlyskafe.example.com"),
    ("demo_partner_lie", "Per Lie", False, "Elvegata 7", "9008", "Tromsø", "per.lie@example.com"),
]

# Invoices of the demo company: (customer xml id, days overdue today, amount in NOK,
# days ago each earlier letter was sent, what the accountant did).
# A negative number of days overdue is an invoice not yet due.
DEMO_INVOICES = [
    ("demo_partner_hansen", 3, 1250.0, (), None),
    ("demo_partner_hansen", 21, 890.0, (7,), None),
    ("demo_partner_olsen", 15, 4500.0, (), None),
    ("demo_partner_olsen", -10, 2300.0, (), None),
    ("demo_partner_nilsen", 30, 650.0, (), None),
    ("demo_partner_berg", 45, 18750.0, (31,), "objection"),
    ("demo_partner_berg", 60, 9400.0, (46, 31), None),
    ("demo_partner_berg", 8, 3200.0, (), None),
    ("demo_partner_fjord", 75, 42000.0, (61,), None),
    ("demo_partner_fjord", 120, 7800.0, (106, 91), None),
    ("demo_partner_nord", 35, 2100.0, (), None),
    ("demo_partner_lie", 200, 15000.0, (186, 171, 156), None),
    ("demo_partner_lie", 1, 480.0, (), "do_not_send"),
]


class ReceivableDunningDemo(models.AbstractModel):
    """Builds the demo company, its customers, users and overdue invoices.

    Dates are relative to the day the demo is installed so the work lists
    always have invoices at every stage; tests never use this data.
    """

    _name = "receivable.dunning.demo"
    _description = "Receivables demo data loader"

    @api.model
    def _load_demo_data(self):
        company = self._demo_company()
        customers = self._demo_customers(company)
        self._demo_users(company, customers)
        invoices = self._demo_invoices(company, customers)
        self._demo_history(invoices)
        return invoices

    @api.model
    def _demo_company(self):
        """Use l10n_no's demo company when it exists, else create one with the Norwegian chart."""
        nok = self.env.ref("base.NOK")
        nok.active = True
        company = self.env.ref("base.demo_company_no", raise_if_not_found=False)
        if not company:
            company = self.env["res.company"].create({
                "name": "Nordlys Regnskap AS",
                "country_id": self.env.ref("base.no").id,
                "currency_id": nok.id,
                "street": "Karl Johans gate 1",
                "zip": "0154",
                "city": "Oslo",
                "email": "regnskap@nordlys.example.com",
                "phone": "+47 22 00 00 00",
            })
            self._set_xmlid("demo_company", company)
        if not company.chart_template:
            has_no_chart = self.env["ir.module.module"]._get("l10n_no").state == "installed"
            self.env["account.chart.template"].try_loading(
                "no" if has_no_chart else "generic_coa", company, install_demo=False,
            )
            company.currency_id = nok  # the generic chart sets USD
        self.env.ref("base.user_admin").company_ids = [fields.Command.link(company.id)]
        # l10n_no's demo company exists before this module: give it its Norwegian profiles now.
        company._dunning_apply_default_profiles()
        return company

    @api.model
    def _demo_customers(self, company):
        norway = self.env.ref("base.no")
        partners = self.env["res.partner"].create([{
            "name": name,
            "is_company": is_company,
            "street": street or False,
            "zip": zip_code or False,
            "city": city or False,
            "country_id": norway.id if street else False,
            "email": email or False,
            "company_id": company.id,
        } for _xmlid, name, is_company, street, zip_code, city, email in DEMO_CUSTOMERS])
        for (xmlid, *_rest), partner in zip(DEMO_CUSTOMERS, partners, strict=True):
            self._set_xmlid(xmlid, partner)
        return {xmlid: partner for (xmlid, *_rest), partner in zip(DEMO_CUSTOMERS, partners, strict=True)}

    @api.model
    def _demo_users(self, company, customers):
        users = self.env["res.users"].with_context(no_reset_password=True)
        accountant = users.create({
            "name": "Anne Accountant",
            "login": "accountant",
            "password": "accountant",
            "email": "accountant@nordlys.example.com",
            "company_id": company.id,
            "company_ids": [fields.Command.set(company.ids)],
            "group_ids": [fields.Command.set([
                self.env.ref("receivable_dunning.group_dunning_user").id,
                self.env.ref("base.group_partner_manager").id,  # fixes customer addresses in place
            ])],
        })
        self._set_xmlid("demo_user_accountant", accountant)
        debtor = users.create({
            "name": customers["demo_partner_hansen"].name,
            "login": "debtor",
            "password": "debtor",
            "partner_id": customers["demo_partner_hansen"].id,
            "company_id": company.id,
            "company_ids": [fields.Command.set(company.ids)],
            "group_ids": [fields.Command.set([self.env.ref("base.group_portal").id])],
        })
        self._set_xmlid("demo_user_debtor", debtor)

    @api.model
    def _demo_invoices(self, company, customers):
        return self._demo_post_invoices(company, [
            (customers[partner_xmlid], days_overdue, amount)
            for partner_xmlid, days_overdue, amount, _letters, _action in DEMO_INVOICES
        ])

    @api.model
    def _demo_post_invoices(self, company, specs):
        """Posted invoices of `company` from (customer, days overdue today, amount), issued 14 days before due."""
        today = fields.Date.context_today(self)
        moves = self.env["account.move"].with_company(company).create([{
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "invoice_date": today - relativedelta(days=days_overdue + 14),
            "invoice_date_due": today - relativedelta(days=days_overdue),
            "invoice_line_ids": [fields.Command.create({
                "name": "Consulting services",
                "quantity": 1,
                "price_unit": amount,
                "tax_ids": [fields.Command.clear()],
            })],
        } for partner, days_overdue, amount in specs])
        moves.action_post()
        return moves

    @api.model
    def _demo_send_letters(self, moves, letter_days):
        """Letters sent in the past, as the daily runs would have sent them: `letter_days` gives,
        for each of `moves`, the days ago its earlier letters went out."""
        today = fields.Date.context_today(self)
        run = self.env["receivable.dunning.run"].with_company(moves.company_id[:1])
        ruleset = self.env["receivable.legal.rule"]._ruleset()
        for days_ago in sorted({day for days in letter_days for day in days}, reverse=True):
            on = today - relativedelta(days=days_ago)
            due = moves.browse([move.id for move, days in zip(moves, letter_days, strict=True) if days_ago in days])
            letters = run._prepare_letters(run.with_context(date=on)._plan(due, on), on, ruleset)
            letters.action_approve()
            letters._send(on)

    @api.model
    def _demo_history(self, invoices):
        """Letters sent in the past, then the accountant's actions."""
        self._demo_send_letters(invoices, [letters for *_head, letters, _action in DEMO_INVOICES])
        for move, (*_head, action) in zip(invoices, DEMO_INVOICES, strict=True):
            if action == "objection":
                move.write({"dunning_on_hold": True, "dunning_hold_reason": "The customer says 5 of the 40 "
                            "panels were never delivered."})
            elif action == "do_not_send":
                move.action_dunning_block()

    @api.model
    def _set_xmlid(self, name, record):
        self.env["ir.model.data"]._update_xmlids([{
            "xml_id": f"receivable_dunning.{name}",
            "record": record,
            "noupdate": True,
        }])
