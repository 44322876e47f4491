import re

from odoo.addons.receivable_dunning.tests.common import DunningCommon
from odoo.tests import HttpCase, new_test_user


class DebtorPortalCommon(DunningCommon, HttpCase):
    """The Norwegian test company of DunningCommon, with a portal login for each of its two customers.

    `self.person` (Kari Hansen) logs in as `debtor`, `self.firm` (Berg Bygg AS) as `other_debtor`.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.debtor = cls.make_portal_user("debtor_kari", cls.person)
        cls.other_debtor = cls.make_portal_user("debtor_berg", cls.firm)
        cls.accountant = new_test_user(
            cls.env, "portal_accountant", groups="receivable_dunning.group_dunning_user",
            company_id=cls.company.id, company_ids=cls.company.ids,
        )
        cls.provider = cls.env["payment.provider"].search(
            [("code", "=", "demo"), ("company_id", "=", cls.company.id)], limit=1,
        )
        cls.provider.write({"state": "test", "is_published": True})

    @classmethod
    def make_portal_user(cls, login, partner):
        return new_test_user(
            cls.env, login, password=login, groups="base.group_portal", partner_id=partner.id, email=partner.email,
            company_id=cls.company.id, company_ids=cls.company.ids,
        )

    def csrf_token(self, url):
        """The CSRF token of the logged-in session, as the page at `url` gives it to its forms."""
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return re.search(r'csrf_token: "([^"]+)"', response.text).group(1)

    def demo_pay(self, transaction_values):
        """Complete a demo transaction as the demo provider would, then post-process it like the cron."""
        tx = self.env["payment.transaction"].search([("reference", "=", transaction_values["reference"])])
        tx._process("demo", {"reference": tx.reference, "payment_details": "4242", "simulated_state": "done"})
        tx._post_process()
        return tx
