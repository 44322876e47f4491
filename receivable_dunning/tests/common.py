from contextlib import contextmanager

from freezegun import freeze_time

from odoo import Command
from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class DunningCommon(AccountTestInvoicingCommon):
    """A Norwegian company (NOK) with the shipped Norwegian profiles, a person and a firm.

    Helpers take dates as ISO strings and run everything under `freeze_time`:

        letters = self.run_dunning("2025-03-15")
        self.send(letters, "2025-03-15")
        self.assertStatus(invoice, "deadline_open", "2025-03-20")
    """

    chart_template = "generic_coa"

    @classmethod
    def default_env_context(cls):
        # Chatter and tracking are part of what these tests check.
        return {"no_reset_password": True}

    @classmethod
    def setup_independent_company(cls, **kwargs):
        return super().setup_independent_company(**cls.company_values("no", "NOK"), **kwargs)

    @classmethod
    def company_values(cls, country_code, currency_code):
        currency = cls.env.ref(f"base.{currency_code}")
        currency.active = True
        return {"country_id": cls.env.ref(f"base.{country_code}").id, "currency_id": currency.id}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        cls.profile_person = cls.env.ref("receivable_dunning.dunning_profile_no_person")
        cls.profile_firm = cls.env.ref("receivable_dunning.dunning_profile_no_company")
        cls.configure_company(cls.company, cls.profile_person, cls.profile_firm)
        cls.person = cls.make_customer("Kari Hansen", is_company=False)
        cls.firm = cls.make_customer("Berg Bygg AS", is_company=True)

    @classmethod
    def configure_company(cls, company, person_profile, firm_profile):
        company.write({
            "dunning_profile_person_id": person_profile.id,
            "dunning_profile_company_id": firm_profile.id,
            "phone": "+47 22 00 00 00",
            "email": "regnskap@company.example.com",
        })

    @classmethod
    def make_company(cls, name, country_code, currency_code, profile_xmlid):
        """Another company, with one shipped profile for persons and companies alike."""
        company = cls.setup_other_company(name=name, **cls.company_values(country_code, currency_code))["company"]
        profile = cls.env.ref(f"receivable_dunning.{profile_xmlid}")
        cls.configure_company(company, profile, profile)
        return company

    @classmethod
    def make_customer(cls, name, is_company=False, **values):
        return cls.env["res.partner"].create({
            "name": name,
            "is_company": is_company,
            "email": f"{name.split()[0].lower()}@example.com",
            "street": "Storgata 1",
            "zip": "0155",
            "city": "Oslo",
            "phone": "+47 400 00 000",
            **values,
        })

    @classmethod
    def make_invoice(cls, partner, amount, due, company=None, currency=None, post=True):
        """A posted customer invoice of `amount` (no tax) falling due on `due`."""
        company = company or cls.company
        with freeze_time(due):
            move = cls.env["account.move"].with_company(company).create({
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "company_id": company.id,
                "currency_id": (currency or company.currency_id).id,
                "invoice_date": due,
                "invoice_date_due": due,
                "invoice_line_ids": [Command.create({
                    "name": "Services", "quantity": 1, "price_unit": amount, "tax_ids": [Command.clear()],
                })],
            })
            if post:
                move.action_post()
        return move

    def pay(self, move, amount, on):
        with freeze_time(on):
            return self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=move.ids,
            ).create({"amount": amount, "payment_date": on})._create_payments()

    def run_dunning(self, on, company=None):
        with freeze_time(f"{on} 12:00:00"):
            self.env.invalidate_all()
            company = company or self.company
            return self.env["receivable.dunning.run"].with_company(company)._run_company(company)

    def send(self, letters, on):
        with freeze_time(f"{on} 12:00:00"):
            self.env.invalidate_all()
            letters.action_send()
        return letters

    def run_and_send(self, on, company=None):
        return self.send(self.run_dunning(on, company), on)

    @contextmanager
    def on(self, day):
        with freeze_time(f"{day} 12:00:00"):
            self.env.invalidate_all()
            yield

    def flush_tracking(self):
        """Tracking values are written when a transaction commits; tests never commit."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def assertStatus(self, moves, status, day):
        """The computed status and the searchable one agree on `day`."""
        with self.on(day):
            for move in moves:
                self.assertEqual(move.dunning_status, status, f"{move.name} on {day}")
            found = self.env["account.move"].search([("dunning_status", "=", status), ("id", "in", moves.ids)])
            self.assertEqual(found, moves, f"search for status {status} on {day}")
