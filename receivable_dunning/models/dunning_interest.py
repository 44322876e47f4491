import logging
from decimal import ROUND_HALF_UP, Decimal

from odoo import api, models

from .. import legal

_logger = logging.getLogger(__name__)


class ReceivableDunningInterest(models.AbstractModel):
    """Statutory late-payment interest on invoices, partial payments included."""

    _name = "receivable.dunning.interest"
    _description = "Late-payment interest calculation"

    @api.model
    def _interest_by_move(self, moves, until, ruleset=None, errors=None, rate=None):
        """{move id: interest to `until`}, in three queries whatever the number of invoices.

        Simple interest is linear in the principal, so each payment removes the
        interest its amount would have earned from its payment date on.
        A missing legal rate gives 0 and, when `errors` is a dict, an explanation in it.
        `rate` (percent per year) replaces the statutory rate by one agreed with the customer.
        """
        ruleset = ruleset or self.env["receivable.legal.rule"]._ruleset()
        principals, payments = self._principal_and_payments(moves)
        result = {}
        # Thousands of invoices share a few hundred due dates, a few companies and currencies:
        # each factor, country and rounding step is worked out once.
        factors, countries, customer_types, steps = {}, {}, {}, {}
        for move in moves:
            company, partner, currency = move.company_id, move.commercial_partner_id, move.currency_id
            if company.id not in countries:
                code = company.country_id.code
                countries[company.id] = (code, ruleset.pack_for(code).day_count)
            country, day_count = countries[company.id]
            if partner.id not in customer_types:
                customer_types[partner.id] = partner.dunning_customer_type == "company"
            b2b = customer_types[partner.id]
            if currency.id not in steps:
                steps[currency.id] = Decimal(str(currency.rounding))
            due = move.invoice_date_due

            def factor(start, country=country, b2b=b2b, day_count=day_count):
                key = (start, country, b2b, day_count)
                if key not in factors:
                    if rate is not None:
                        factors[key] = legal.contractual_factor(rate, start, until, day_count=day_count)
                    else:
                        factors[key] = legal.interest_factor(country, start, until, b2b=b2b, rates=ruleset)
                return factors[key]

            try:
                # Unrounded until the end: one rounding per invoice, as the law's examples do.
                amount = Decimal(str(principals[move.id])) * factor(due)
                for paid_on, paid in payments.get(move.id, ()):
                    if paid_on <= until:
                        amount -= Decimal(str(paid)) * factor(max(due, paid_on))
            except legal.LegalDataMissing as error:
                _logger.warning("No interest on %s: %s", move.name, error)
                if errors is not None:
                    errors[move.id] = str(error)
                amount = Decimal(0)
            result[move.id] = float(max(amount, Decimal(0)).quantize(steps[currency.id], rounding=ROUND_HALF_UP))
        return result

    @api.model
    def _principal_and_payments(self, moves):
        """({move id: amount put on the receivable}, {move id: [(date, amount paid)]}), in invoice currency."""
        receivable_lines = self.env["account.move.line"].search_fetch(
            [("move_id", "in", moves.ids), ("account_id.account_type", "=", "asset_receivable")],
            ["move_id", "amount_currency"],  # not the hundred other columns of a journal item
        )
        principals = dict.fromkeys(moves.ids, 0.0)
        for line in receivable_lines:
            principals[line.move_id.id] += line.amount_currency
        partials = self.env["account.partial.reconcile"].search_fetch(
            [("debit_move_id", "in", receivable_lines.ids)],
            ["debit_move_id", "debit_amount_currency", "max_date"],
        )
        payments = {}
        for partial in partials:
            move_id = partial.debit_move_id.move_id.id
            payments.setdefault(move_id, []).append((partial.max_date, partial.debit_amount_currency))
        return principals, payments
