import base64
import io

import xlsxwriter

from odoo import fields, models
from odoo.exceptions import UserError


class ReceivableAgingReport(models.TransientModel):
    """Aging of open receivables on a date, per customer and bucket; shown as pivot, graph and list,
    printed as PDF or exported as XLSX. Amounts are in company currency, open as of that date
    (payments matched later do not count)."""

    _name = "receivable.aging.report"
    _description = "Receivables aging report"

    date = fields.Date(string="As of", required=True, default=fields.Date.context_today)
    company_ids = fields.Many2many("res.company", string="Companies", required=True,
                                   default=lambda self: self.env.companies)
    line_ids = fields.One2many("receivable.aging.line", "report_id", readonly=True)
    xlsx_file = fields.Binary(readonly=True, attachment=False)

    def _compute_lines(self):
        """Fill the lines in one INSERT ... SELECT, whatever the number of open items."""
        self.ensure_one()
        buckets = self.env["receivable.aging.bucket"].search([])
        if not buckets:
            raise UserError(self.env._("Define the aging buckets first (Invoicing > Configuration > Dunning)."))
        companies = self.company_ids & self.env.companies
        self.line_ids.unlink()
        self.env.flush_all()
        self.env.cr.execute("""
            WITH item AS (
                SELECT line.id, line.company_id, line.move_id,
                       COALESCE(partner.commercial_partner_id, line.partner_id) AS partner_id,
                       COALESCE(line.date_maturity, line.date) AS date_maturity,
                       line.balance
                       - COALESCE((SELECT SUM(p.amount) FROM account_partial_reconcile p
                                    WHERE p.debit_move_id = line.id AND p.max_date <= %(date)s), 0)
                       + COALESCE((SELECT SUM(p.amount) FROM account_partial_reconcile p
                                    WHERE p.credit_move_id = line.id AND p.max_date <= %(date)s), 0) AS amount
                  FROM account_move_line line
                  JOIN account_account account ON account.id = line.account_id
             LEFT JOIN res_partner partner ON partner.id = line.partner_id
                 WHERE account.account_type = 'asset_receivable' AND line.parent_state = 'posted'
                   AND line.date <= %(date)s AND line.company_id = ANY(%(companies)s)
            )
            INSERT INTO receivable_aging_line (report_id, company_id, currency_id, partner_id, move_id,
                                               date_maturity, days_overdue, bucket_id, amount,
                                               create_uid, create_date, write_uid, write_date)
            SELECT %(report)s, item.company_id, company.currency_id, item.partner_id, item.move_id,
                   item.date_maturity, %(date)s - item.date_maturity,
                   (SELECT bucket.id FROM receivable_aging_bucket bucket
                     WHERE bucket.active AND %(date)s - item.date_maturity >= bucket.days_from
                       AND (bucket.open_ended OR %(date)s - item.date_maturity <= bucket.days_to)
                     ORDER BY bucket.sequence, bucket.days_from, bucket.id LIMIT 1),
                   item.amount, %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
              FROM item
              JOIN res_company company ON company.id = item.company_id
             WHERE ROUND(item.amount::numeric, 6) != 0
        """, {"date": self.date, "companies": companies.ids, "report": self.id, "uid": self.env.uid})
        self.invalidate_recordset(["line_ids"])

    def _view_action(self, name, view_mode):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "receivable.aging.line",
            "view_mode": view_mode,
            "domain": [("report_id", "=", self.id)],
            "context": {"search_default_group_partner": 0},
        }

    def action_show(self):
        self._compute_lines()
        return self._view_action(self.env._("Aging on %(date)s", date=self.date), "pivot,graph,list")

    def action_print_pdf(self):
        self._compute_lines()
        return self.env.ref("receivable_dunning.action_report_aging").report_action(self)

    def _bucket_table(self):
        """(buckets, [(customer, {bucket id: amount}, total)], {bucket id: total}, grand total)."""
        self.ensure_one()
        buckets = self.env["receivable.aging.bucket"].search([])
        rows = {}
        for line in self.line_ids:
            amounts = rows.setdefault(line.partner_id, dict.fromkeys(buckets.ids + [False], 0.0))
            amounts[line.bucket_id.id] += line.amount
        currency = self.env.company.currency_id
        table = [(partner, amounts, currency.round(sum(amounts.values())))
                 for partner, amounts in sorted(rows.items(), key=lambda item: item[0].display_name or "")]
        totals = {bucket: currency.round(sum(amounts[bucket] for _p, amounts, _t in table))
                  for bucket in buckets.ids + [False]}
        return buckets, table, totals, currency.round(sum(totals.values()))

    def action_export_xlsx(self):
        self._compute_lines()
        buckets, table, totals, grand_total = self._bucket_table()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Aging"))
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        money_bold = workbook.add_format({"num_format": "#,##0.00", "bold": True})
        headers = [self.env._("Customer"), *buckets.mapped("name"), self.env._("No bucket"), self.env._("Total")]
        sheet.write(0, 0, self.env._("Aging on %(date)s", date=self.date), bold)
        sheet.write_row(2, 0, headers, bold)
        for row, (partner, amounts, total) in enumerate(table, start=3):
            sheet.write(row, 0, partner.display_name or "")
            for column, bucket in enumerate(buckets.ids + [False], start=1):
                sheet.write_number(row, column, amounts[bucket], money)
            sheet.write_number(row, len(buckets) + 2, total, money_bold)
        last = len(table) + 3
        sheet.write(last, 0, self.env._("Total"), bold)
        for column, bucket in enumerate(buckets.ids + [False], start=1):
            sheet.write_number(last, column, totals[bucket], money_bold)
        sheet.write_number(last, len(buckets) + 2, grand_total, money_bold)
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, len(buckets) + 2, 14)
        workbook.close()
        self.xlsx_file = base64.b64encode(output.getvalue())
        filename = f"aging-{self.date}.xlsx"
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/xlsx_file/{filename}?download=true",
            "target": "self",
        }
