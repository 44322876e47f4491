from contextlib import contextmanager
from unittest.mock import patch

import psycopg2
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningBadInput(DunningCommon):
    """Wrong settings and data get a clear error and leave every record as it was."""

    def automate(self):
        self.company.write({"dunning_progression": "automatic", "dunning_dispatch_from": "2025-01-01 00:00:00"})

    @contextmanager
    def refused(self, exception, message):
        """The error is raised and the database and cache are back as before the attempt."""
        with self.assertRaisesRegex(exception, message), self.env.cr.savepoint():
            yield
        self.env.invalidate_all()

    def letters(self):
        return self.env["receivable.dunning.letter"].search([("company_id", "=", self.company.id)])

    def test_zero_days_are_refused(self):
        stage = self.profile_person.stage_ids[0]
        with self.refused(ValidationError, "at least one day to pay"):
            stage.deadline_days = 0
        with self.refused(ValidationError, "cannot be negative"):
            stage.delay_days = -3
        with self.refused(ValidationError, "due date itself"):
            stage.write({"delay_from": "due", "delay_days": 0})

    def test_overlapping_rate_periods_are_refused(self):
        pack = self.env.ref("receivable_dunning.legal_pack_no")
        rate = {"pack_id": pack.id, "rule": "interest_rate", "scope": "any", "source": "test"}
        with self.refused(ValidationError, "Overlapping periods"):
            self.env["receivable.legal.rule"].create({**rate, "date_from": "2025-01-01", "value": 13.0})
        with self.refused(ValidationError, "Overlapping periods"):
            self.env["receivable.legal.rule"].create([
                {**rate, "date_from": "2030-01-01", "date_to": "2030-12-31", "value": 13.0},
                {**rate, "date_from": "2030-07-01", "value": 14.0},
            ])
        # A new period that starts after the last one is the normal case.
        self.env["receivable.legal.rule"].create({**rate, "date_from": "2030-01-01", "value": 13.0})

    def test_profile_in_use_without_stages_is_refused(self):
        empty = self.env["receivable.dunning.profile"].create({"name": "Empty"})
        with self.refused(ValidationError, "no stages"):
            self.company.dunning_profile_person_id = empty
        with self.refused(ValidationError, "needs at least one stage"):
            self.profile_person.stage_ids.unlink()
        with self.refused(ValidationError, "needs at least one stage"):
            self.profile_person.write({"stage_ids": [Command.clear()]})
        self.assertTrue(self.profile_person.stage_ids)

    def test_missing_income_account_sends_nothing(self):
        self.company.write({"dunning_fee_account_id": False, "income_account_id": False})
        self.make_invoice(self.person, 900, "2025-03-01")
        letter = self.run_dunning("2025-03-15")
        with self.refused(UserError, "income account"), freeze_time("2025-03-15 12:00:00"):
            letter.action_send()
        self.assertEqual(letter.state, "draft")
        self.assertFalse(letter.fee_move_id)
        self.assertFalse(self.env["account.move"].search([("dunning_fee_letter_id", "=", letter.id)]))

    def test_currency_mismatch_is_refused(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        nok_invoice = self.make_invoice(self.person, 900, "2025-03-01")
        eur_invoice = self.make_invoice(self.person, 100, "2025-03-01", currency=eur)
        letters = self.run_dunning("2025-03-15")
        self.assertEqual(len(letters), 2, "one letter per currency")
        nok_letter = letters.filtered(lambda letter: letter.currency_id == self.company.currency_id)
        with self.refused(ValidationError, "is in EUR"):
            self.env["receivable.dunning.letter.line"].create({
                "letter_id": nok_letter.id, "move_id": eur_invoice.id,
                "stage_id": self.profile_person.stage_ids[1].id,
                "company_id": self.company.id, "currency_id": self.company.currency_id.id,
            })
        self.assertEqual(nok_letter.line_ids.move_id, nok_invoice)

    def test_crash_while_sending_leaves_nothing_half_done(self):
        self.automate()
        first = self.make_invoice(self.make_customer("Anne Olsen"), 900, "2025-03-01")
        second = self.make_invoice(self.make_customer("Per Olsen"), 800, "2025-03-01")
        Letter = type(self.env["receivable.dunning.letter"])
        original = Letter._dispatch

        def dispatch(letter):
            original(letter)  # the fee is booked and the e-mail queued ...
            if letter.line_ids.move_id == second:
                raise RuntimeError("mail server exploded")  # ... then the process fails

        run = self.env["receivable.dunning.run"].sudo()  # crons run as the superuser
        with patch.object(Letter, "_dispatch", dispatch), \
                patch.object(type(run), "_commit_progress", return_value=60.0), freeze_time("2025-03-15 12:00:00"):
            run._cron_run()
        crashed = self.letters().filtered(lambda letter: letter.line_ids.move_id == second)
        self.assertEqual(crashed.state, "draft", "the letter is as it was before the attempt")
        self.assertFalse(self.env["account.move"].search([("dunning_fee_letter_id", "=", crashed.id)]))
        self.assertFalse(self.env["mail.mail"].search([("mail_message_id.res_id", "=", crashed.id),
                                                       ("mail_message_id.model", "=", crashed._name)]))
        self.assertEqual(first.dunning_stage_id.kind, "reminder")

        with patch.object(type(run), "_commit_progress", return_value=60.0), freeze_time("2025-03-15 13:00:00"):
            run._cron_run()
        self.assertEqual(self.letters().mapped("state"), ["sent", "sent"])
        for letter in self.letters():
            self.assertEqual(len(self.env["account.move"].search([("dunning_fee_letter_id", "=", letter.id)])), 1)
            self.assertEqual(len(self.env["mail.mail"].search([("mail_message_id.res_id", "=", letter.id),
                                                               ("mail_message_id.model", "=", letter._name)])), 1)
        self.assertEqual(second.dunning_stage_id.kind, "reminder")

    def test_charges_are_booked_once_by_the_database(self):
        self.make_invoice(self.person, 900, "2025-03-01")
        letter = self.run_and_send("2025-03-15")
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            letter.fee_move_id.copy({"dunning_fee_letter_id": letter.id}).action_post()
            self.env.flush_all()
