from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import legal, progression
from .legal_rule import LETTER_KIND_SELECTION


class ReceivableDunningStage(models.Model):
    """One letter of a profile: when it goes out, what it may charge and how it is sent."""

    _name = "receivable.dunning.stage"
    _description = "Dunning stage"
    _order = "profile_id, sequence, id"

    profile_id = fields.Many2one("receivable.dunning.profile", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="profile_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(LETTER_KIND_SELECTION, required=True, default="reminder")
    delay_days = fields.Integer(
        string="Days", required=True, default=14,
        help="Days after the due date, or after the previous letter, before this letter goes out. "
        "It never goes out before the previous letter's deadline has expired.",
    )
    delay_from = fields.Selection(
        [("due", "After the due date"), ("previous", "After the previous letter")],
        required=True, default="previous",
    )
    deadline_days = fields.Integer(
        string="Payment deadline (days)", default=14,
        help="Days the debtor gets to pay. Never shorter than the law's minimum for this kind of letter.",
    )
    fee_mode = fields.Selection(
        [("legal", "Legal fee"), ("fixed", "Fixed amount"), ("none", "No fee")],
        string="Fee", required=True, default="legal",
        help="Legal fee: the amount the law of the company's country allows for this letter, "
        "only when its timing and caps allow it.",
    )
    fee_amount = fields.Float(string="Fixed fee", digits="Account")
    charge_interest = fields.Boolean(
        string="Charge interest", default=True, help="Show statutory late-payment interest on the letter.",
    )
    mandatory = fields.Boolean(
        string="Never skipped",
        help="A very late invoice goes straight to the stage its dates call for, "
        "but never past this letter if it has not been sent (e.g. the collection notice).",
    )
    channel_email = fields.Boolean(string="E-mail", default=True)
    channel_letter = fields.Boolean(string="Post", help="Printed and sent by post.")
    channel_sms = fields.Boolean(string="SMS")
    channel_phone = fields.Boolean(string="Phone", help="Plan a call for the customer's salesperson, with the letter.")
    mail_template_id = fields.Many2one(
        "mail.template", string="E-mail template", domain=[("model", "=", "receivable.dunning.letter")],
    )
    sms_template_id = fields.Many2one(
        "sms.template", string="SMS template", domain=[("model", "=", "receivable.dunning.letter")],
    )
    report_id = fields.Many2one(
        "ir.actions.report", string="Letter layout",
        domain=[("model", "=", "receivable.dunning.letter")],
    )
    needs_approval = fields.Boolean(
        help="Letters of this stage wait in 'Ready to send' for approval, even with automatic progression.",
    )

    def _progression_steps(self, country=None, ruleset=None):
        """The stages as `progression.Step`s, in the order of the recordset.

        With a country, a stage is also mandatory when its law requires that kind of letter.
        """
        return [
            progression.Step(
                stage.id, stage.delay_days, stage.delay_from, stage.deadline_days,
                stage.mandatory or bool(country and legal.letter_required(country, stage.kind, rates=ruleset)),
            )
            for stage in self
        ]

    @api.constrains("delay_days", "deadline_days", "fee_amount")
    def _check_non_negative(self):
        for stage in self:
            if min(stage.delay_days, stage.deadline_days, stage.fee_amount) < 0:
                raise ValidationError(self.env._("Days and fees of a dunning stage cannot be negative."))

    @api.constrains("delay_days", "deadline_days", "delay_from")
    def _check_days_not_zero(self):
        for stage in self:
            if stage.deadline_days == 0:
                raise ValidationError(self.env._(
                    "Stage %(stage)s: give the debtor at least one day to pay.", stage=stage.name,
                ))
            if stage.delay_from == "due" and stage.delay_days == 0:
                raise ValidationError(self.env._(
                    "Stage %(stage)s: a letter on the due date itself reminds of nothing overdue; "
                    "use at least one day after the due date.", stage=stage.name,
                ))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_last_stage_in_use(self):
        self.profile_id._check_has_stages(removed=self)

    @api.constrains("channel_email", "channel_letter", "channel_sms", "channel_phone")
    def _check_channel(self):
        for stage in self:
            if not (stage.channel_email or stage.channel_letter or stage.channel_sms or stage.channel_phone):
                raise ValidationError(self.env._(
                    "Stage %(stage)s needs at least one channel: e-mail, post, SMS or phone.", stage=stage.name,
                ))
