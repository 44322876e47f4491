from datetime import datetime

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

    def test_letters_numbered_and_totalled_in_batch(self):
        """The run numbers its letters in one query and inserts their totals: same numbers and
        amounts as letters numbered one by one and totals computed by the fields."""
        customers = [self.make_customer(f"Batch {n}", is_company=n == 0) for n in range(3)]
        for number, customer in enumerate(customers):
            self.make_invoice(customer, 1000 + number, "2025-03-01")
            self.make_invoice(customer, 500, "2025-03-05")
        letters = self.run_dunning("2025-04-15").sorted("id")
        self.assertEqual(len(letters), 3)
        self.assertEqual(set(letters.mapped("prepared_date")), {datetime(2025, 4, 15, 12, 0)})
        self.assertEqual(letters.prepared_by_id, self.env.user)
        sequence = self.env.ref("receivable_dunning.seq_dunning_letter")
        numbers = [int(name.rsplit("/", 1)[1]) for name in letters.mapped("name")]
        self.assertTrue(all(name.startswith("DUN/2025/") for name in letters.mapped("name")), letters.mapped("name"))
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 3)))
        self.assertEqual(int(sequence._next().rsplit("/", 1)[1]), numbers[-1] + 1)
        stored = [letter.read(["amount_residual", "fee_total", "interest_total", "amount_total"])[0]
                  for letter in letters]
        stored_lines = letters.line_ids.read(["amount_due"])
        # The letter's state is inserted with its lines: the unique index "one letter per invoice
        # and stage" depends on it, so it must be in the database, not only in the cache.
        self.env.flush_all()
        self.env.cr.execute("SELECT DISTINCT letter_state FROM receivable_dunning_letter_line WHERE id IN %s",
                            [tuple(letters.line_ids.ids)])
        self.assertEqual(self.env.cr.fetchall(), [("draft",)])
        letters.invalidate_recordset()
        self.env.add_to_compute(letters._fields["amount_total"], letters)
        self.env.add_to_compute(letters.line_ids._fields["amount_due"], letters.line_ids)
        for letter, values in zip(letters, stored, strict=True):
            self.assertEqual(letter.amount_residual, values["amount_residual"])
            self.assertEqual(letter.fee_total, values["fee_total"])
            self.assertEqual(letter.interest_total, values["interest_total"])
            self.assertEqual(letter.amount_total, values["amount_total"])
            self.assertEqual(letter.amount_residual, sum(letter.line_ids.mapped("amount_residual")))
        self.assertEqual(letters.line_ids.mapped("amount_due"), [values["amount_due"] for values in stored_lines])
        self.assertTrue(all(letter.amount_total > letter.amount_residual > 0 for letter in letters))
