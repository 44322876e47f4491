from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import CollectionCommon


@tagged("post_install", "-at_install")
class TestCollectionSecurity(CollectionCommon):
    """Accountants hand over and follow cases; only managers set agencies up; others see nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(cls.env, "collection_accountant", groups="receivable_dunning.group_dunning_user",
                                       company_id=cls.company.id, company_ids=cls.company.ids)
        cls.employee = new_test_user(cls.env, "collection_employee", groups="base.group_user")

    def test_accountant_transfers_and_applies_a_status(self):
        invoice = self.walk_to_collection()
        self.env = self.env(user=self.accountant)
        case = self.transfer(invoice.with_user(self.accountant), "2025-04-29")
        self.assertEqual(case.create_uid, self.accountant)
        exchange = self.upload_status(self.status_xml(
            (case.name, "closed", "<phase>after_collection</phase><close-reason>partly_paid</close-reason>"
                                  + self.event_xml("E1", "2025-05-10", "payment", "1000")),
        ), "2025-05-11")
        self.assertEqual(exchange.state, "done", exchange.error)
        # The 1,000 paid the letters' 175 of fees first (Norway): 25 % of the 825 of capital it reached.
        self.assertRecordValues(case, [{"state": "closed", "amount_paid": 1000.0, "amount_commission": 206.25}])
        self.assertEqual(case.sudo().event_ids.filtered(lambda event: event.kind == "commission").bill_id.state,
                         "posted")

    def test_accountant_cannot_change_agencies_or_read_the_token(self):
        agency = self.agency.with_user(self.accountant)
        self.assertEqual(agency.name, "Inkassopartner AS")
        with self.assertRaises(AccessError):
            agency.name = "Other"
        with self.assertRaises(AccessError):
            agency.read(["api_token"])

    def test_employees_see_no_cases(self):
        invoice = self.walk_to_collection()
        case = self.transfer(invoice, "2025-04-29")
        with self.assertRaises(AccessError):
            case.with_user(self.employee).read(["name"])

    def test_other_company_cases_are_invisible(self):
        other = self.setup_other_company(name="Other AS", **self.company_values("no", "NOK"))["company"]
        agency = self.agency.copy({"company_id": other.id, "name": "Other agency",
                                   "journal_id": False, "expense_account_id": False})
        self.assertFalse(self.env["receivable.collection.agency"].with_user(self.accountant).search(
            [("id", "=", agency.id)]))

    def test_open_cases_cannot_be_deleted(self):
        invoice = self.walk_to_collection()
        case = self.transfer(invoice, "2025-04-29")
        with self.assertRaisesRegex(UserError, "Only closed"):
            case.unlink()
        with self.assertRaises(AccessError):
            case.with_user(self.accountant).unlink()
