from datetime import timedelta

from odoo import api, fields, models

from ..legal.constants import FALLBACK_PACK

# Statutory rates are set at least every half-year (NO, SE, FI, DK, DE, EU) or more often (PL).
RATE_PERIOD_DAYS = 184


class ReceivableLegalPack(models.Model):
    """The dunning law of one country (or the EU baseline for any other country)."""

    _name = "receivable.legal.pack"
    _description = "Legal rule pack"
    _order = "code"

    code = fields.Char(required=True, help="ISO country code, or EU for the baseline of Directive 2011/7/EU.")
    name = fields.Char(required=True, translate=True)
    country_id = fields.Many2one("res.country", help="Empty for the EU baseline, used by any other country.")
    currency_id = fields.Many2one("res.currency", required=True, help="Currency of the amounts in this pack.")
    day_count = fields.Selection(
        [("actual_365", "Actual/365"), ("30e_360", "30E/360")],
        required=True, default="actual_365",
        help="How days are counted for late-payment interest.",
    )
    source = fields.Char(help="The statutes this pack is compiled from.")
    rule_ids = fields.One2many("receivable.legal.rule", "pack_id", string="Rules")
    unverified_count = fields.Integer(compute="_compute_unverified_count")
    latest_rate_date = fields.Date(
        compute="_compute_latest_rate_date", help="When the newest interest or reference rate row takes effect.",
    )
    rates_outdated = fields.Boolean(
        compute="_compute_latest_rate_date",
        help="The newest rate is more than half a year old: a newer rate has probably been published.",
    )
    active = fields.Boolean(default=True)

    _code_unique = models.UniqueIndex("(code)", "A legal pack with this code already exists.")

    @api.depends("rule_ids.unverified")
    def _compute_unverified_count(self):
        counts = dict(self.env["receivable.legal.rule"]._read_group(
            [("pack_id", "in", self.ids), ("unverified", "=", True)], ["pack_id"], ["__count"],
        ))
        for pack in self:
            pack.unverified_count = counts.get(pack, 0)

    @api.depends("rule_ids.rule", "rule_ids.date_from")
    def _compute_latest_rate_date(self):
        latest = dict(self.env["receivable.legal.rule"]._read_group(
            [("pack_id", "in", self.ids), ("rule", "in", ("interest_rate", "reference_rate"))],
            ["pack_id"], ["date_from:max"],
        ))
        limit = fields.Date.context_today(self) - timedelta(days=RATE_PERIOD_DAYS)
        for pack in self:
            pack.latest_rate_date = latest.get(pack)
            pack.rates_outdated = bool(pack.latest_rate_date and pack.latest_rate_date < limit)

    @api.model
    def _for_country(self, country):
        """The pack that governs a company in `country`: its own, else the EU baseline."""
        packs = self.search([("code", "in", [country.code or "", FALLBACK_PACK])])
        return packs.filtered(lambda p: p.code == country.code) or packs.filtered(
            lambda p: p.code == FALLBACK_PACK
        )
