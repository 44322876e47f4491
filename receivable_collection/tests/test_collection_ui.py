from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged

from .common import CollectionCommon


@tagged("post_install", "-at_install")
class TestCollectionUi(CollectionCommon, HttpCase):
    """Hand-over from the work list and the case form work in a browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env, "tour_collection", groups="receivable_dunning.group_dunning_user",
            company_id=cls.company.id, company_ids=cls.company.ids, tz="Europe/Oslo",
        )
        cls.customer = cls.make_customer("Tour Kunde")

    def test_accountant_transfers_from_the_work_list(self):
        invoice = self.walk_to_collection(self.customer)
        with freeze_time("2025-04-29 09:00:00"):
            self.start_tour("/odoo", "receivable_collection_transfer", login="tour_collection")
        case = invoice.collection_case_id
        self.assertRecordValues(case, [{"state": "not_started", "agency_id": self.agency.id}])
        self.assertEqual(case.create_uid, self.accountant)
        self.assertTrue(invoice.dunning_in_collection)
