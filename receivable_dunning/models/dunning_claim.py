from odoo import api, models

from .. import legal, progression


class ReceivableDunningClaim(models.AbstractModel):
    """What a letter claims on each invoice: open amount, legal fee, interest, deadline.

    Used when letters are prepared and again when they are sent, so that a
    letter sent days later claims what is right on the day it goes out.
    """

    _name = "receivable.dunning.claim"
    _description = "Dunning claim amounts"

    @api.model
    def _deadline(self, stage, company, on, ruleset):
        """Payment deadline of a letter of `stage` sent on `on`: never shorter than the law allows."""
        minimum = legal.deadline_min_days(company.country_id.code, stage.kind, rates=ruleset)
        return progression.deadline(on, stage.deadline_days, minimum)

    @api.model
    def _one_fee_per_letter(self, line_vals):
        """A letter carries one fee, the highest the law allows on any of its invoices."""
        if len(line_vals) > 1:
            top = max(line_vals, key=lambda vals: vals["fee"])
            for vals in line_vals:
                if vals is not top:
                    vals["fee"] = 0.0
        return line_vals

    @api.model
    def _line_amounts(self, plan, on, ruleset):
        """({move id: open amount, fee and interest on `on`}, {move id: interest problem}) in a few queries."""
        moves = self.env["account.move"].browse(list(dict.fromkeys(move.id for move, _stage in plan)))
        previous = self._previous_letters(moves)
        interest_moves = moves.browse([move.id for move, stage in plan if stage.charge_interest])
        errors = {}
        interest = self.env["receivable.dunning.interest"]._interest_by_move(interest_moves, on, ruleset, errors)
        converter = _CurrencyConverter(self.env, on)
        amounts = {}
        for move, stage in plan:
            amounts[move.id] = {
                "amount_residual": move.amount_residual,
                "fee": self._stage_fee(stage, move, on, previous.get(move.id, []), ruleset, converter),
                "interest": interest.get(move.id, 0.0),
            }
        return amounts, errors

    @api.model
    def _previous_letters(self, moves):
        """{move id: [(kind, sent date, fee)]} of the letters already sent on each invoice."""
        lines = self.env["receivable.dunning.letter.line"].search_fetch(
            [("move_id", "in", moves.ids), ("letter_id.state", "=", "sent")],
            ["move_id", "kind", "fee", "letter_id"],
        )
        previous = {}
        for line in lines:
            previous.setdefault(line.move_id.id, []).append((line.kind, line.letter_id.letter_date, line.fee))
        return previous

    @api.model
    def _stage_fee(self, stage, move, on, previous, ruleset, converter):
        """The fee this letter may charge on `move`: the legal one, or the fixed one capped by the law."""
        if stage.fee_mode == "none":
            return 0.0
        company = move.company_id
        pack = ruleset.pack_for(company.country_id.code)
        b2b = move.commercial_partner_id.dunning_customer_type == "company"
        legal_fee = legal.reminder_fee(
            pack.code, stage.kind, move.invoice_date_due, on, previous,
            b2b=b2b, rates=ruleset, principal=move.amount_residual,
        )
        legal_fee = converter.convert(float(legal_fee), pack.currency_code, move.currency_id, company)
        if stage.fee_mode == "legal":
            return legal_fee
        fixed = converter.convert(stage.fee_amount, company.currency_id.name, move.currency_id, company)
        if ruleset.has(pack, "fee", b2b=b2b, kind=stage.kind):
            fixed = min(fixed, legal_fee)
        return fixed


class _CurrencyConverter:
    """Converts amounts on one date, reading each currency and rate once."""

    def __init__(self, env, on):
        self.env = env
        self.on = on
        self._currencies = {}
        self._rates = {}

    def convert(self, amount, from_code, to_currency, company):
        if from_code == to_currency.name or not amount:
            return to_currency.round(amount)
        if from_code not in self._currencies:
            self._currencies[from_code] = self.env["res.currency"].with_context(active_test=False).search(
                [("name", "=", from_code)], limit=1,
            )
        source = self._currencies[from_code]
        key = (from_code, to_currency.id, company.id)
        if key not in self._rates:
            self._rates[key] = source._get_conversion_rate(source, to_currency, company, self.on)
        return to_currency.round(amount * self._rates[key])
