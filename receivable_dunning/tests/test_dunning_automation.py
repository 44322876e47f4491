from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningAutomation(DunningCommon):
    """Automatic progression sends letters by itself, from the first dispatch moment on."""

    def automate(self, first_dispatch, at):
        with freeze_time(at):
            self.company.write({"dunning_progression": "automatic", "dunning_first_dispatch": first_dispatch})
            self.env.flush_all()

    def test_first_dispatch_today_after_eleven(self):
        self.env.user.tz = "Europe/Oslo"
        self.automate("today", "2025-03-15 07:00:00")
        self.assertEqual(str(self.company.dunning_dispatch_from), "2025-03-15 10:00:00", "11:00 in Oslo")
        invoice = self.make_invoice(self.person, 900, "2025-03-01")
        company = self.company
        with freeze_time("2025-03-15 09:30:00"):
            letters = self.env["receivable.dunning.run"]._run_company(company)
        self.assertEqual(letters.state, "draft", "before 11:00 nothing is sent")
        with freeze_time("2025-03-15 10:30:00"):
            self.env["receivable.dunning.run"]._run_company(company)
        self.assertEqual(letters.state, "sent")
        self.assertEqual(invoice.dunning_stage_id.kind, "reminder")
        self.assertTrue(company.dunning_last_run)

    def test_first_dispatch_tomorrow(self):
        self.env.user.tz = "UTC"
        self.automate("tomorrow", "2025-03-15 07:00:00")
        self.assertEqual(str(self.company.dunning_dispatch_from), "2025-03-16 11:00:00")

    def test_stage_needing_approval_waits_even_when_automatic(self):
        self.automate("today", "2025-03-01 00:00:00")
        self.profile_person.stage_ids[0].needs_approval = True
        self.make_invoice(self.person, 900, "2025-03-01")
        letters = self.run_dunning("2025-03-15")
        self.assertEqual(letters.state, "draft")

    def test_letter_that_cannot_be_sent_stays_ready_with_a_note(self):
        self.automate("today", "2025-03-01 00:00:00")
        mute = self.make_customer("Uten Epost", email=False)
        self.make_invoice(mute, 900, "2025-03-01")
        sendable = self.make_invoice(self.person, 900, "2025-03-01")
        letters = self.run_dunning("2025-03-15")
        stuck = letters.filtered(lambda letter: letter.partner_id == mute)
        self.assertEqual(stuck.state, "draft")
        self.assertIn("no e-mail address", stuck.message_ids[0].body)
        self.assertEqual(sendable.dunning_stage_id.kind, "reminder")

    def test_cron_works_in_batches_and_commits_each(self):
        for day in range(1, 6):
            self.make_invoice(self.make_customer(f"Kunde {day}"), 100 * day, f"2025-03-0{day}")
        run = self.env["receivable.dunning.run"].sudo()  # crons run as the superuser
        with patch.object(type(run), "_commit_progress", return_value=60.0) as commit, \
                freeze_time("2025-03-25 12:00:00"):
            run._cron_run(batch_size=2)
        self.assertEqual(commit.call_count, 3, "5 invoices in batches of 2")
        letters = self.env["receivable.dunning.letter"].search([("company_id", "=", self.company.id)])
        self.assertEqual(len(letters), 5)

    def test_cron_stops_when_its_time_is_up(self):
        for day in range(1, 6):
            self.make_invoice(self.make_customer(f"Kunde {day}"), 100 * day, f"2025-03-0{day}")
        run = self.env["receivable.dunning.run"].sudo()  # crons run as the superuser
        with patch.object(type(run), "_commit_progress", return_value=0.0), freeze_time("2025-03-25 12:00:00"):
            run._cron_run(batch_size=2)
        letters = self.env["receivable.dunning.letter"].search([("company_id", "=", self.company.id)])
        self.assertEqual(len(letters), 2, "the next run carries on with the rest")
        with patch.object(type(run), "_commit_progress", return_value=60.0), freeze_time("2025-03-25 13:00:00"):
            run._cron_run(batch_size=2)
        letters = self.env["receivable.dunning.letter"].search([("company_id", "=", self.company.id)])
        self.assertEqual(len(letters), 5, "nothing prepared twice")

    def test_run_now_needs_default_profiles(self):
        self.company.write({"dunning_profile_person_id": False, "dunning_profile_company_id": False})
        with self.assertRaisesRegex(Exception, "default dunning profiles"):
            self.env["receivable.dunning.run"].with_company(self.company).action_run_now()

    def test_batches_never_split_a_customer(self):
        for day in range(1, 4):
            self.make_invoice(self.person, 100 * day, f"2025-03-0{day}")
        self.make_invoice(self.firm, 500, "2025-03-01")
        with freeze_time("2025-03-25 12:00:00"):
            letters = self.env["receivable.dunning.run"]._run_company(self.company, batch_size=2)
        self.assertEqual(len(letters), 2, "one letter per customer, whatever the batch size")
        self.assertEqual(len(letters.filtered(lambda letter: letter.partner_id == self.person).line_ids), 3)

    def test_cron_isolates_a_customer_whose_letter_fails(self):
        broken = self.make_invoice(self.make_customer("Broken Data"), 100, "2025-03-01")
        fine = self.make_invoice(self.make_customer("Fine Data"), 200, "2025-03-01")
        run = self.env["receivable.dunning.run"].sudo()  # crons run as the superuser
        Claim = type(self.env["receivable.dunning.claim"])
        original = Claim._stage_fee

        def stage_fee(claim, stage, move, *args):
            if move == broken:
                raise ValueError("corrupt invoice")
            return original(claim, stage, move, *args)

        with patch.object(type(run), "_commit_progress", return_value=60.0), \
                patch.object(Claim, "_stage_fee", stage_fee), freeze_time("2025-03-25 12:00:00"):
            run._cron_run()
        self.assertTrue(fine.dunning_letter_line_ids, "the other customer still gets its letter")
        self.assertFalse(broken.dunning_letter_line_ids)
        self.assertIn("corrupt invoice", broken.message_ids[0].body)

    def test_run_now_shows_the_error(self):
        self.make_invoice(self.person, 100, "2025-03-01")
        Claim = type(self.env["receivable.dunning.claim"])
        with patch.object(Claim, "_stage_fee", side_effect=ValueError("corrupt invoice")), \
                self.assertRaisesRegex(ValueError, "corrupt invoice"):
            self.run_dunning("2025-03-25")
