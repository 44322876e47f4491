from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import legal

LETTER_KIND_SELECTION = [
    ("reminder", "Reminder"),
    ("collection_notice", "Collection notice"),
    ("payment_demand", "Payment demand"),
]


class ReceivableLegalRule(models.Model):
    """One dated legal figure (a fee, a rate, a cap), with its source.

    Rows are read by `_ruleset()` and handed to the pure-Python engine in
    `receivable_dunning.legal`, which does all the arithmetic.
    """

    _name = "receivable.legal.rule"
    _description = "Legal rule"
    _order = "pack_id, rule, letter_kinds, scope, date_from desc, threshold"

    pack_id = fields.Many2one("receivable.legal.pack", required=True, ondelete="cascade", index=True)
    rule = fields.Selection([
        ("fee", "Fee per letter"),
        ("fee_min_days_after_due", "Minimum days after the due date before a fee"),
        ("fee_min_days_between", "Minimum days between fee-bearing letters"),
        ("fee_max_count", "Maximum number of fees on one claim"),
        ("fee_free_count", "First letters carry no fee"),
        ("deadline_min_days", "Minimum payment deadline (days)"),
        ("interest_rate", "Statutory interest rate (%)"),
        ("reference_rate", "Reference rate (%)"),
        ("interest_margin", "Margin over the reference rate (points)"),
        ("reference_rounding", "Reference rate rounded up to"),
        ("fixed_compensation", "B2B fixed compensation"),
        ("compensation_offsets_fees", "Fees already charged are deducted from the compensation"),
        ("compensation_excludes_fees", "No fee on top of the B2B compensation"),
        ("letter_required", "Letter required before later steps"),
        ("costs_first", "Partial payments cover costs, then interest, then principal"),
        ("charges_outside_vat", "Fees, interest and compensation are outside VAT"),
    ], required=True)
    letter_kinds = fields.Char(
        help="Comma-separated letter kinds the row applies to or counts together "
        "(reminder, collection_notice, payment_demand); empty means every kind.",
    )
    scope = fields.Selection(
        [("any", "Any debtor"), ("consumer", "Consumers"), ("b2b", "Businesses")],
        required=True, default="any",
    )
    date_from = fields.Date(required=True, string="Effective from")
    date_to = fields.Date(string="Effective to")
    value = fields.Float(digits=(16, 4), required=True)
    threshold = fields.Float(
        digits=(16, 2), help="For tiered amounts: this tier applies when the principal is above it.",
    )
    currency_id = fields.Many2one("res.currency", help="Currency of the amount when not the pack's own.")
    source = fields.Char(required=True, help="Statute, regulation or notice this figure comes from.")
    unverified = fields.Boolean(help="Could not be confirmed against a primary source: check before relying on it.")
    note = fields.Text()

    @api.constrains("letter_kinds")
    def _check_letter_kinds(self):
        for rule in self:
            kinds = {kind.strip() for kind in (rule.letter_kinds or "").split(",") if kind.strip()}
            if kinds - set(legal.LETTER_KINDS):
                raise ValidationError(self.env._(
                    "Invalid letter kinds %(kinds)s: use %(allowed)s, separated by commas.",
                    kinds=rule.letter_kinds, allowed=", ".join(legal.LETTER_KINDS),
                ))

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for rule in self:
            if rule.date_to and rule.date_to < rule.date_from:
                raise ValidationError(self.env._("A legal rule cannot end before it takes effect."))

    @api.model
    def _ruleset(self):
        """All packs and rules of the database as a `legal.RuleSet`, in two queries."""
        packs = self.env["receivable.legal.pack"].sudo().search_fetch(  # legal data is public knowledge
            [], ["code", "country_id", "currency_id", "day_count"],
        )
        rules = self.sudo().search_fetch([("pack_id.active", "=", True)], [  # same: read-only use
            "pack_id", "rule", "letter_kinds", "scope", "date_from", "date_to", "value", "threshold",
            "currency_id", "unverified",
        ])
        return legal.RuleSet.from_rows(
            [{
                "code": pack.code,
                "country_code": pack.country_id.code or None,
                "currency_code": pack.currency_id.name,
                "day_count": pack.day_count,
            } for pack in packs],
            [{
                "pack_code": rule.pack_id.code,
                "rule": rule.rule,
                "letter_kinds": rule.letter_kinds or "",
                "scope": rule.scope,
                "date_from": rule.date_from,
                "date_to": rule.date_to or None,
                "value": str(round(rule.value, 4)),
                "threshold": str(round(rule.threshold, 2)),
                "currency_code": rule.currency_id.name or None,
                "unverified": rule.unverified,
            } for rule in rules],
        )
