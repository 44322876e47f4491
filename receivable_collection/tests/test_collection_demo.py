from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCollectionDemo(TransactionCase):
    """The demo loader gives setup/run an agency and a case in each state."""

    @freeze_time("2026-03-15")
    def test_demo_agency_and_cases(self):
        self.env["receivable.dunning.demo"]._load_demo_data()
        cases = self.env["receivable.collection.demo"]._load_demo_data()
        self.assertEqual(cases.mapped("state"), ["active", "closed", "not_started"])
        active, paid, _not_started = cases
        self.assertEqual(active.amount_paid, 2000.0)
        self.assertEqual(paid.close_reason, "paid")
        self.assertEqual(paid.amount_open, 0.0)
        self.assertGreater(paid.amount_commission, 0.0)
        self.assertTrue(all(cases.mapped("document_ids")))
        self.assertEqual(cases.agency_id.company_id.collection_agency_id, cases.agency_id)
