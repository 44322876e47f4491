from freezegun import freeze_time

from odoo.tests import tagged

from .common import DebtorPortalCommon


@tagged("post_install", "-at_install")
class TestPortalTour(DebtorPortalCommon):
    """In a browser: the debtor logs in, sees the balances, objects to one invoice and pays another."""

    @freeze_time("2025-02-10 09:00:00")
    def test_debtor_objects_and_pays(self):
        disputed = self.make_invoice(self.person, 1000, "2025-01-01")
        paid = self.make_invoice(self.person, 250, "2025-01-10")
        self.start_tour("/my/reminders", "debtor_portal_object_and_pay", login="debtor_kari")
        self.assertRecordValues(disputed, [{"dunning_on_hold": True, "debtor_objection_reason": "wrong_amount",
                                            "payment_state": "not_paid"}])
        activity = disputed.debtor_objection_activity_id
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_todo"))
        self.assertTrue(activity.user_id and not activity.user_id.share)
        self.assertIn("Charged twice", disputed.dunning_hold_reason)
        tx = paid.transaction_ids
        self.assertEqual(tx.state, "done")
        if not tx.is_post_processed:
            tx._post_process()
        self.assertIn(paid.payment_state, ("paid", "in_payment"))
