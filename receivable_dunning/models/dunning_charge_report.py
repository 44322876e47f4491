from odoo import fields, models, tools

from .account_move_line import CHARGE_SELECTION


class ReceivableDunningChargeReport(models.Model):
    """Fees, compensation and interest charged, paid and written off, per line of the charge
    documents, in company currency. What a document's payments covered is shared out costs
    first, then interest, the order the law applies (and the write-off uses)."""

    _name = "receivable.dunning.charge.report"
    _description = "Dunning charges analysis"
    _auto = False
    _order = "date desc"

    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    move_id = fields.Many2one("account.move", string="Document", readonly=True)
    charge = fields.Selection(CHARGE_SELECTION, readonly=True)
    currency_id = fields.Many2one("res.currency", string="Company currency", readonly=True)
    amount_charged = fields.Monetary(string="Charged", readonly=True)
    amount_paid = fields.Monetary(string="Paid", readonly=True)
    amount_written_off = fields.Monetary(string="Written off", readonly=True)
    amount_open = fields.Monetary(string="Open", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"""
            CREATE OR REPLACE VIEW {self._table} AS (
            WITH charge_line AS (
                SELECT line.id, line.move_id, line.company_id, line.dunning_charge AS charge,
                       move.invoice_date AS date, move.commercial_partner_id AS partner_id,
                       company.currency_id, -line.balance AS amount,
                       move.amount_total_signed - move.amount_residual_signed AS settled,
                       CASE line.dunning_charge WHEN 'fee' THEN 0 WHEN 'compensation' THEN 1 ELSE 2 END AS rank
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                  JOIN res_company company ON company.id = line.company_id
                 WHERE line.dunning_charge IS NOT NULL AND move.state = 'posted'
                   AND move.move_type = 'out_invoice'
            ), written_off AS (
                SELECT refund.reversed_entry_id AS move_id, SUM(refund.amount_total_signed) AS amount
                  FROM account_move refund
                 WHERE refund.dunning_write_off AND refund.state = 'posted'
                 GROUP BY refund.reversed_entry_id
            ), shared AS (
                -- Settled (paid, then written off) amounts cover the lines in order: costs, interest.
                SELECT charge_line.*,
                       charge_line.settled + COALESCE(off.amount, 0) AS paid_total,
                       COALESCE(SUM(charge_line.amount) OVER (
                           PARTITION BY charge_line.move_id ORDER BY charge_line.rank, charge_line.id
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
                  FROM charge_line
             LEFT JOIN written_off off ON off.move_id = charge_line.move_id
            ), covered AS (
                SELECT shared.*,
                       LEAST(amount, GREATEST(settled - before, 0)) AS line_settled,
                       LEAST(amount, GREATEST(paid_total - before, 0)) AS line_paid
                  FROM shared
            )
            SELECT id, date, company_id, partner_id, move_id, charge, currency_id,
                   amount AS amount_charged,
                   line_paid AS amount_paid,
                   line_settled - line_paid AS amount_written_off,
                   amount - line_settled AS amount_open
              FROM covered
            )
        """)
