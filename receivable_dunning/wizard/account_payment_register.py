from odoo import models


class AccountPaymentRegister(models.TransientModel):
    """Where the law says so (BGB §367, Norway), a customer payment first pays the open fees,
    compensation and interest booked on the invoices it pays, then the invoices themselves."""

    _inherit = "account.payment.register"

    def _reconcile_payments(self, to_process, edit_mode=False):
        for vals in to_process:
            payment = vals["payment"]
            if payment.payment_type != "inbound":
                continue
            charge_lines = vals["to_reconcile"].move_id._dunning_costs_first_lines(payment.date)
            payment_lines = payment.move_id.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
            )
            for charge_line in charge_lines:
                open_lines = payment_lines.filtered(
                    lambda line, charge_line=charge_line: not line.reconciled
                    and line.account_id == charge_line.account_id
                )
                if not open_lines:
                    break
                (open_lines + charge_line).reconcile()
            charge_lines.move_id.matched_payment_ids += payment
        return super()._reconcile_payments(to_process, edit_mode=edit_mode)
