from odoo import models


class MailMail(models.Model):
    """Tell dunning letters whether their e-mail went out."""

    _inherit = "mail.mail"

    def _postprocess_sent_message(self, success_pids, success_emails, failure_reason=False, failure_type=None):
        # EXTENDS mail
        letter_mails = self.filtered(lambda mail: mail.model == "receivable.dunning.letter" and mail.res_id)
        letter_ids = letter_mails.mapped("res_id")
        if letter_ids:
            # sudo: the mail queue runs as whoever triggers it; only delivery fields of these letters are written.
            letters = self.env["receivable.dunning.letter"].sudo().browse(letter_ids).exists()
            if failure_type:
                # A refused connection leaves the reason on the e-mails, not in the arguments.
                letters._email_failed(failure_reason or letter_mails[:1].failure_reason or failure_type)
            else:
                letters._email_delivered()
        return super()._postprocess_sent_message(
            success_pids, success_emails, failure_reason=failure_reason, failure_type=failure_type)
