import socketserver
import threading
from contextlib import contextmanager
from io import BytesIO
from unittest.mock import patch

import pypdf

from odoo.addons.base.models.ir_mail_server import IrMail_Server
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import DunningCommon

PORTAL_URL = "https://receivables.example.com/my/dunning/letter/42?access_token=5f1c2e"


class _RefusingSMTPHandler(socketserver.StreamRequestHandler):
    """An SMTP server that refuses every session in its greeting (RFC 5321 §3.1: 554)."""

    def handle(self):
        self.wfile.write(b"554 5.3.2 No SMTP service here\r\n")


@contextmanager
def refusing_smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _RefusingSMTPHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@tagged("post_install", "-at_install")
class TestDunningDelivery(DunningCommon):
    """E-mail with its attachments, retries and the post as last resort; SMS, calls and print batches."""

    def letter_mails(self, letter):
        return self.env["mail.mail"].search([("model", "=", letter._name), ("res_id", "=", letter.id)])

    def portal(self):
        return patch.object(type(self.env["receivable.dunning.letter"]), "_portal_url", lambda letter: PORTAL_URL)

    def test_email_queues_the_letter_and_the_invoice_copies(self):
        invoice = self.make_invoice(self.person, 900, "2025-03-01")
        with self.portal():
            letter = self.run_and_send("2025-03-15")
        mail = self.letter_mails(letter)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "kari@example.com")
        self.assertEqual(mail.state, "outgoing")
        self.assertIn("Reminder", mail.subject)
        self.assertIn(PORTAL_URL, mail.body_html)
        names = sorted(mail.attachment_ids.mapped("name"))
        self.assertEqual(names, sorted([f"{letter.name.replace('/', '-')}.pdf",
                                        f"{invoice._get_move_display_name().replace('/', '-')}.pdf"]))
        self.assertEqual(letter.email_state, "queued")
        self.assertEqual(mail.mail_message_id.attachment_ids, mail.attachment_ids, "the same copies in the chatter")

    def test_email_in_the_customer_language(self):
        self.env["res.lang"]._activate_lang("sv_SE")
        self.env["ir.module.module"]._load_module_terms(["receivable_dunning"], ["sv_SE"], overwrite=True)
        self.person.lang = "sv_SE"
        self.make_invoice(self.person, 900, "2025-03-01")
        with self.portal():
            letter = self.run_and_send("2025-03-15")
        body = self.letter_mails(letter).body_html
        self.assertIn("Enligt vår bokföring", body)
        self.assertIn("Se fordran, bestrid den eller betala online:", body)

    def test_collection_notice_uses_its_own_template(self):
        self.make_invoice(self.person, 900, "2025-01-01")
        notice = self.run_and_send("2025-02-01")
        self.assertEqual(notice.kind, "collection_notice")
        self.assertIn("handed over for debt collection", self.letter_mails(notice).body_html)

    def test_refusing_smtp_server_retry_then_post(self):
        self.company.dunning_email_attempts = 2
        self.make_invoice(self.person, 900, "2025-03-01")
        letter = self.run_and_send("2025-03-15")
        mail = self.letter_mails(letter)
        with refusing_smtp_server() as port, \
                patch.object(IrMail_Server, "_disable_send", return_value=False), \
                mute_logger("odoo.addons.mail.models.mail_mail"):
            self.env["ir.mail_server"].create({
                "name": "Refusing", "smtp_host": "127.0.0.1", "smtp_port": port, "smtp_encryption": "none",
            })
            mail.send(auto_commit=False)
            self.assertEqual(mail.state, "exception")
            self.assertEqual(letter.email_state, "failed")
            self.assertEqual(letter.email_failures, 1)
            self.assertIn("554", letter.email_failure_reason)
            self.assertFalse(letter.to_print)

            self.env["receivable.dunning.letter"]._cron_retry_emails()
        self.assertEqual(letter.email_failures, 2)
        self.assertEqual(letter.email_state, "fallback_post")
        self.assertTrue(letter.to_print and letter.channel_letter, "the post takes over")
        self.assertTrue(any("sent by post" in body for body in letter.message_ids.mapped("body")))

    def test_delivered_email_marks_the_letter(self):
        self.make_invoice(self.person, 900, "2025-03-01")
        letter = self.run_and_send("2025-03-15")
        self.letter_mails(letter)._postprocess_sent_message(success_pids=[], success_emails=["kari@example.com"])
        self.assertEqual(letter.email_state, "sent")

    def test_bounce_counts_as_a_failure(self):
        self.make_invoice(self.person, 900, "2025-03-01")
        letter = self.run_and_send("2025-03-15")
        mail = self.letter_mails(letter)
        # What the mail gateway hands over when the bounce of this e-mail comes back.
        self.env["mail.thread"]._routing_handle_bounce(None, {
            "bounced_email": "kari@example.com", "bounced_partner": self.person,
            "bounced_msg_ids": [mail.message_id], "bounced_message": mail.mail_message_id,
            "email_from": "MAILER-DAEMON@example.com", "to": "bounce@company.example",
            "message_id": "<bounce-1@example.com>", "body": "550 5.1.1 No such user",
        })
        self.assertEqual((letter.email_state, letter.email_failures), ("failed", 1))

    def test_sms_carries_the_portal_link(self):
        self.profile_person.stage_ids[0].write({"channel_email": False, "channel_letter": True, "channel_sms": True})
        self.make_invoice(self.person, 900, "2025-03-01")
        with self.portal():
            letter = self.run_and_send("2025-03-15")
        sms = self.env["sms.sms"].search([("mail_message_id.model", "=", letter._name),
                                          ("mail_message_id.res_id", "=", letter.id)])
        self.assertTrue(sms.body.endswith(PORTAL_URL))
        self.assertIn(letter.name, sms.body)

    def test_phone_call_for_the_salesperson(self):
        salesperson = self.env["res.users"].create({"name": "Selger", "login": "selger@example.com",
                                                    "group_ids": [(4, self.env.ref("base.group_user").id)]})
        self.person.user_id = salesperson
        self.profile_person.stage_ids[0].write({"channel_email": False, "channel_phone": True})
        self.make_invoice(self.person, 900, "2025-03-01")
        letter = self.run_and_send("2025-03-15")
        activity = letter.activity_ids
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertEqual(activity.user_id, salesperson)
        self.assertEqual(activity.attachment_ids.name, f"{letter.name.replace('/', '-')}.pdf")

    def test_print_batch_of_letters(self):
        self.profile_person.stage_ids[0].write({"channel_email": False, "channel_letter": True})
        customers = [self.make_customer(f"Kunde {n}", street=f"Gate {n}") for n in range(3)]
        for customer in customers:
            self.make_invoice(customer, 500, "2025-03-01")
        letters = self.run_and_send("2025-03-15")
        self.assertEqual(len(letters), 3)
        copy = self.env["ir.attachment"].search([("res_model", "=", letters._name), ("res_id", "=", letters[0].id)])
        self.assertEqual(len(pypdf.PdfReader(BytesIO(copy.raw)).pages), 2, "the postal copy, drawn without a browser")
        with self.on("2025-03-16"):
            action = letters.action_print_letters()
        batch = self.env["receivable.dunning.print.batch"].browse(action["res_id"])
        self.assertEqual(batch.letter_ids, letters)
        reader = pypdf.PdfReader(BytesIO(batch.attachment_id.raw))
        self.assertEqual(len(reader.pages), 6, "three one-page letters, each with a blank back page")
        self.assertEqual(batch.page_count, 6)
        texts = [reader.pages[page].extract_text() for page in (0, 2, 4)]
        self.assertEqual(sorted(next(f"Gate {n}" for n in range(3) if f"Gate {n}" in text) for text in texts),
                         ["Gate 0", "Gate 1", "Gate 2"])
        self.assertIn("Reminder", texts[0])
        batch.action_mark_printed()
        self.assertEqual(batch.state, "printed")
        self.assertEqual(batch.printed_by_id, self.env.user)
        self.assertFalse(any(letters.mapped("to_print")))

    def test_print_batch_queries_do_not_grow_with_letters(self):
        self.profile_person.stage_ids.write({"channel_email": False, "channel_letter": True})
        customers = [self.make_customer(f"Kunde {n}", street=f"Gate {n}") for n in range(6)]
        for customer in customers:
            self.make_invoice(customer, 500, "2025-01-01")
        self.run_and_send("2025-02-01")  # collection notices
        demands = self.run_and_send("2025-02-16")
        self.assertEqual(set(demands.mapped("kind")), {"payment_demand"})
        counts = []
        for letters in (demands[:1], demands[1:3], demands[3:]):  # the first one warms the caches
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            batch = self.env["receivable.dunning.print.batch"]._create_for_letters(letters)
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(batch.page_count, 2 * len(letters))
        self.assertEqual(counts[1], counts[2], "two or three letters, the same queries")
