from odoo.tests import tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningQueries(DunningCommon):
    """The run costs the same number of queries for 6 invoices as for 30: no query per invoice."""

    def queries_for_run(self, customers, invoices_per_customer, due, run_on):
        for customer in customers:
            for number in range(invoices_per_customer):
                self.make_invoice(customer, 100 + number, due)
        self.env.flush_all()
        with self.on(run_on):
            before = self.env.cr.sql_log_count
            letters = self.env["receivable.dunning.run"]._run_company(self.company)
            self.env.flush_all()
            count = self.env.cr.sql_log_count - before
        self.assertEqual(len(letters), len(customers))
        self.assertEqual(len(letters.line_ids), len(customers) * invoices_per_customer)
        return count

    def test_queries_do_not_grow_with_invoices(self):
        # A first run warms Odoo's caches (xml ids, views of the templates...).
        self.queries_for_run([self.make_customer("Warm Up")], 1, "2025-02-01", "2025-02-15")
        few = self.queries_for_run([self.make_customer(f"Few {n}") for n in range(3)], 2, "2025-03-01", "2025-03-15")
        many = self.queries_for_run([self.make_customer(f"Many {n}") for n in range(3)], 10, "2025-04-01",
                                    "2025-04-15")
        self.assertLessEqual(many, few + 3, f"{few} queries for 6 invoices, {many} for 30")
