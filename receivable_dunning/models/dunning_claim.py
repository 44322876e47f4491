from collections import namedtuple
from datetime import timedelta

from odoo import api, models

from .. import legal, progression
from ..legal.constants import COMPENSATION_OFFSETS_FEES


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
        """A letter carries one fee, the highest the law allows on any of its invoices.

        Where the law deducts fees from the B2B compensation (Norway), the fee this letter
        finally carries on an invoice is deducted here, once the fee is settled; the flag
        `_line_amounts` set for that is removed so the values can be written as they are.
        """
        if len(line_vals) > 1:
            top = max(line_vals, key=lambda vals: vals["fee"])
            for vals in line_vals:
                if vals is not top:
                    vals["fee"] = 0.0
        for vals in line_vals:
            if vals.pop("compensation_offsets_fee", False) and vals.get("compensation"):
                vals["compensation"] = max(0.0, round(vals["compensation"] - vals["fee"], 2))
        return line_vals

    @api.model
    def _line_amounts(self, plan, on, ruleset):
        """({move id: open amount, fee, interest, compensation on `on`}, {move id: problem}), in a few queries.

        `interest` is all interest accrued to `on`, as the letter shows it; `interest_charged` is the
        part not booked yet by an earlier letter or interest note, which this letter books.
        """
        moves = self.env["account.move"].browse(list(dict.fromkeys(move.id for move, _stage in plan)))
        previous = self._previous_letters(moves)
        charged = self._charged_so_far(moves)
        interest_moves = moves.browse([move.id for move, stage in plan if stage.charge_interest])
        errors = {}
        interest = self.env["receivable.dunning.interest"]._interest_by_move(interest_moves, on, ruleset, errors)
        converter = _CurrencyConverter(self.env, on)
        amounts = {}
        for move, stage in plan:
            so_far = charged.get(move.id, {})
            accrued = interest.get(move.id, 0.0)
            compensation, offsets_fee = self._compensation(stage, move, so_far, ruleset, converter, errors)
            amounts[move.id] = {
                "amount_residual": move.amount_residual,
                "fee": self._stage_fee(stage, move, on, previous.get(move.id, []), ruleset, converter),
                "interest": accrued,
                "interest_charged": move.currency_id.round(max(0.0, accrued - so_far.get("interest", 0.0))),
                "compensation": compensation,
                "compensation_offsets_fee": offsets_fee,
            }
        return amounts, errors

    @api.model
    def _charged_so_far(self, moves):
        """{move id: {"fee", "interest", "compensation"}} already booked on each invoice by sent
        letters and interest notes, so that nothing is charged twice."""
        charged = {}
        lines = self.env["receivable.dunning.letter.line"].search_fetch(
            [("move_id", "in", moves.ids), ("letter_id.state", "=", "sent")],
            ["move_id", "fee", "interest_charged", "compensation"],
        )
        for line in lines:
            totals = charged.setdefault(line.move_id.id, {"fee": 0.0, "interest": 0.0, "compensation": 0.0})
            totals["fee"] += line.fee
            totals["interest"] += line.interest_charged
            totals["compensation"] += line.compensation
        note_lines = self.env["receivable.interest.note.line"].search_fetch(
            [("move_id", "in", moves.ids), ("note_id.state", "in", ("sent", "paid"))],
            ["move_id", "interest"],
        )
        for line in note_lines:
            totals = charged.setdefault(line.move_id.id, {"fee": 0.0, "interest": 0.0, "compensation": 0.0})
            totals["interest"] += line.interest
        return charged

    @api.model
    def _compensation(self, stage, move, so_far, ruleset, converter, errors):
        """(B2B fixed compensation to charge on `move` with this letter, whether fees are deducted).

        Charged once per invoice, by the first letter of a profile that asks for it; the amount is
        the one in force on the due date, in the pack's currency, converted to the invoice's.
        """
        if not (converter.stage(stage).charge_compensation and converter.b2b(move.commercial_partner_id)):
            return 0.0, False
        if so_far.get("compensation"):
            return 0.0, False
        company = move.company_id
        country = company.country_id.code
        pack = ruleset.pack_for(country)
        due = move.invoice_date_due
        try:
            amount = legal.fixed_compensation(
                country, move.amount_total, due, fees_charged=so_far.get("fee", 0.0), rates=ruleset,
                eur_rate=converter.eur_rate_before(due, pack.currency_code, company),
            )
        except legal.LegalDataMissing as error:
            errors[move.id] = "\n".join(filter(None, [errors.get(move.id), str(error)]))
            return 0.0, False
        offsets = any(row.value for row in ruleset.select(pack, COMPENSATION_OFFSETS_FEES, due, b2b=True))
        return converter.convert(float(amount), pack.currency_code, move.currency_id, company), offsets

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
        facts = converter.stage(stage)
        if facts.fee_mode == "none":
            return 0.0
        company = move.company_id
        pack = converter.pack(company, ruleset)
        b2b = converter.b2b(move.commercial_partner_id)
        currency = move.currency_id
        legal_fee = legal.reminder_fee(
            pack.code, facts.kind, move.invoice_date_due, on, previous,
            b2b=b2b, rates=ruleset, principal=move.amount_residual,
        )
        legal_fee = converter.convert(float(legal_fee), pack.currency_code, currency, company)
        if facts.fee_mode == "legal":
            return legal_fee
        fixed = converter.convert(facts.fee_amount, company.currency_id.name, currency, company)
        if ruleset.has(pack, "fee", b2b=b2b, kind=facts.kind):
            fixed = min(fixed, legal_fee)
        return fixed


_StageFacts = namedtuple("_StageFacts", "kind fee_mode fee_amount charge_compensation")


class _CurrencyConverter:
    """Converts amounts on one date, reading each currency and rate once.

    It also remembers, for the batch of invoices it serves, what their stages, companies and
    customers say: a run reads them for each of 100,000 invoices.
    """

    def __init__(self, env, on):
        self.env = env
        self.on = on
        self._currencies = {}
        self._rates = {}
        self._stages = {}
        self._packs = {}
        self._b2b = {}

    def stage(self, stage):
        if stage.id not in self._stages:
            self._stages[stage.id] = _StageFacts(
                stage.kind, stage.fee_mode, stage.fee_amount, stage.profile_id.charge_compensation,
            )
        return self._stages[stage.id]

    def pack(self, company, ruleset):
        if company.id not in self._packs:
            self._packs[company.id] = ruleset.pack_for(company.country_id.code)
        return self._packs[company.id]

    def b2b(self, partner):
        if partner.id not in self._b2b:
            self._b2b[partner.id] = partner.dunning_customer_type == "company"
        return self._b2b[partner.id]

    def convert(self, amount, from_code, to_currency, company):
        if not amount:
            return 0.0
        if from_code == to_currency.name:
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

    def eur_rate_before(self, due, currency_code, company):
        """Units of `currency_code` per euro on the last business day of the month before `due`:
        the day Polish law (ustawa z 8.3.2013 art. 10) names for converting the compensation."""
        if currency_code == "EUR":
            return None
        day = due.replace(day=1) - timedelta(days=1)
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        key = ("EUR", currency_code, day)
        if key not in self._rates:
            currencies = self.env["res.currency"].with_context(active_test=False).search(
                [("name", "in", ("EUR", currency_code))],
            )
            by_name = {currency.name: currency for currency in currencies}
            if len(by_name) < 2:
                return None
            self._rates[key] = by_name["EUR"]._get_conversion_rate(
                by_name["EUR"], by_name[currency_code], company, day,
            )
        return self._rates[key]
