from odoo import api, fields, models

from ..legal.constants import FALLBACK_PACK


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
    active = fields.Boolean(default=True)

    _code_unique = models.UniqueIndex("(code)", "A legal pack with this code already exists.")

    @api.depends("rule_ids.unverified")
    def _compute_unverified_count(self):
        counts = dict(self.env["receivable.legal.rule"]._read_group(
            [("pack_id", "in", self.ids), ("unverified", "=", True)], ["pack_id"], ["__count"],
        ))
        for pack in self:
            pack.unverified_count = counts.get(pack, 0)

    @api.model
    def _for_country(self, country):
        """The pack that governs a company in `country`: its own, else the EU baseline."""
        packs = self.search([("code", "in", [country.code or "", FALLBACK_PACK])])
        return packs.filtered(lambda p: p.code == country.code) or packs.filtered(
            lambda p: p.code == FALLBACK_PACK
        )
