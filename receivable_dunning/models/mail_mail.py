from odoo import models


class MailMail(models.Model):
    """Tell dunning letters whether their e-mail went out."""

    _inherit = "mail.mail"

    def _postprocess_sent_message(self, success_pids, success_emails, failure_reason=False, failure_type=None):
        # EXTENDS mail
        letter_ids = [mail.res_id for mail in self if mail.model == "receivable.dunning.letter" and mail.res_id]
        if letter_ids:
            # sudo: the mail queue runs as whoever triggers it; only delivery fields of these letters are written.
            letters = self.env["receivable.dunning.letter"].sudo().browse(letter_ids).exists()
            if failure_type:
                letters._email_failed(failure_reason or failure_type)
            else:
                letters._email_delivered()
        return super()._postprocess_sent_message(
            success_pids, success_emails, failure_reason=failure_reason, failure_type=failure_type)
