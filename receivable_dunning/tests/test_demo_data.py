from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The demo loader gives setup/run a Norwegian company with overdue invoices."""

    @freeze_time("2026-03-15")
    def test_demo_company_customers_and_invoices(self):
        invoices = self.env["receivable.dunning.demo"]._load_demo_data()
        company = invoices.company_id
        self.assertEqual(len(company), 1)
        self.assertEqual(company.country_id.code, "NO")
        self.assertEqual(company.currency_id.name, "NOK")
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        self.assertEqual(set(invoices.mapped("move_type")), {"out_invoice"})
        due_dates = invoices.mapped("invoice_date_due")
        self.assertGreaterEqual(len(set(due_dates)), 10, "invoices fall due at many different dates")
        self.assertEqual(min(due_dates).isoformat(), "2025-08-27", "the oldest is 200 days overdue")
        self.assertEqual(sum(invoices.mapped("amount_residual")), 108320.0)

        customers = invoices.partner_id
        self.assertTrue(customers.filtered("is_company"))
        self.assertTrue(customers.filtered(lambda p: not p.is_company))
        self.assertEqual(
            sorted(customers.filtered(lambda p: not p.street).mapped("name")),
            ["Ingrid Nilsen", "Nordlys Kafé AS"],
        )

        accountant = self.env.ref("receivable_dunning.demo_user_accountant")
        debtor = self.env.ref("receivable_dunning.demo_user_debtor")
        self.assertTrue(accountant.has_group("account.group_account_invoice"))
        self.assertTrue(debtor.has_group("base.group_portal"))
        self.assertEqual(debtor.partner_id, self.env.ref("receivable_dunning.demo_partner_hansen"))
