from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ReceivableAgingBucket(models.Model):
    """A column of the aging report: invoices overdue by days_from to days_to days (0 or less: not due)."""

    _name = "receivable.aging.bucket"
    _description = "Aging bucket"
    _order = "sequence, days_from, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    days_from = fields.Integer(string="From day", required=True,
                               help="Days overdue, inclusive. Use a negative number to include items not due yet.")
    days_to = fields.Integer(string="To day", help="Days overdue, inclusive; empty means no upper limit.")
    open_ended = fields.Boolean(string="No upper limit")

    @api.constrains("days_from", "days_to", "open_ended", "active")
    def _check_buckets(self):
        buckets = self.search([])
        for bucket in buckets:
            if not bucket.open_ended and bucket.days_to < bucket.days_from:
                raise ValidationError(self.env._("%(bucket)s ends before it starts.", bucket=bucket.name))
        for bucket in buckets:
            for other in buckets:
                if other.id <= bucket.id:
                    continue
                if bucket._overlaps(other):
                    raise ValidationError(self.env._(
                        "Aging buckets %(first)s and %(second)s overlap.", first=bucket.name, second=other.name,
                    ))

    def _upper(self):
        return float("inf") if self.open_ended else self.days_to

    def _overlaps(self, other):
        return self.days_from <= other._upper() and other.days_from <= self._upper()
