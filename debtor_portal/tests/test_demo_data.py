from freezegun import freeze_time

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(HttpCase):
    """The demo debtor ("debtor") sees its overdue invoices and letter, and can pay with the demo provider."""

    @freeze_time("2026-03-15 10:00:00")
    def test_demo_debtor_sees_its_reminders(self):
        invoices = self.env["receivable.dunning.demo"]._load_demo_data()
        self.env["payment.provider"]._debtor_portal_enable_demo_provider()
        debtor = self.env.ref("receivable_dunning.demo_user_debtor")
        provider = self.env["payment.provider"].search(
            [("code", "=", "demo"), ("company_id", "=", debtor.company_id.id)],
        )
        self.assertRecordValues(provider, [{"state": "test", "is_published": True}])
        debtor.password = "debtor"
        self.authenticate("debtor", "debtor")
        page = self.url_open("/my/reminders").text
        own = invoices.filtered(lambda move: move.partner_id == debtor.partner_id)
        self.assertEqual(len(own), 2)
        for move in own:
            self.assertIn(move.name, page)
        self.assertIn(own.dunning_letter_line_ids.letter_id.name, page)
        self.assertNotIn((invoices - own)[:1].name, page)
        pay = self.url_open(f"/my/reminders/pay/{own[:1].id}").text
        self.assertIn('data-provider-code="demo"', pay)
