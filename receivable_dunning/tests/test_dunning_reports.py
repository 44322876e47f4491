import base64
import io
import zipfile

from odoo.tests import tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningReports(DunningCommon):
    """Aging adds up to the open receivables; charges are reported charged, paid and written off."""

    def aging(self, on):
        with self.on(on):
            report = self.env["receivable.aging.report"].create({"date": on, "company_ids": self.company.ids})
            report._compute_lines()
        return report

    def by_bucket(self, report):
        totals = {}
        for line in report.line_ids:
            totals[line.bucket_id.name] = round(totals.get(line.bucket_id.name, 0.0) + line.amount, 2)
        return totals

    def test_aging_buckets_add_up_to_the_open_receivables(self):
        not_due = self.make_invoice(self.person, 100, "2025-05-25", post=False)  # issued 05-25, due 06-10
        not_due.invoice_date_due = "2025-06-10"
        not_due.action_post()
        self.make_invoice(self.person, 200, "2025-05-20")     # 12 days
        partly = self.make_invoice(self.firm, 400, "2025-04-15")  # 47 days, half paid
        self.make_invoice(self.firm, 800, "2025-03-01")       # 92 days
        later = self.make_invoice(self.firm, 1600, "2025-04-01")  # 61 days; paid after the report date
        self.pay(partly, 200, "2025-05-01")
        self.pay(later, 1600, "2025-06-15")
        report = self.aging("2025-06-01")
        self.assertEqual(self.by_bucket(report), {"Not due": 100.0, "1-30": 200.0, "31-60": 200.0,
                                                  "61-90": 1600.0, "Over 90": 800.0})
        receivable = self.env["account.move.line"].search([
            ("company_id", "=", self.company.id), ("account_type", "=", "asset_receivable"),
            ("parent_state", "=", "posted"), ("date", "<=", "2025-06-01"),
        ])
        # Open on 06-01: everything but the 200 paid on 05-01 (the 06-15 payment comes later).
        self.assertEqual(round(sum(report.line_ids.mapped("amount")), 2),
                         round(sum(receivable.mapped("amount_residual")) + 1600, 2))
        self.assertEqual(report.line_ids.filtered(lambda line: line.move_id == partly).days_overdue, 47)
        self.assertEqual(set(report.line_ids.partner_id.ids), {self.person.id, self.firm.id})

        later_report = self.aging("2025-06-20")
        self.assertNotIn(later, later_report.line_ids.move_id)
        self.assertEqual(round(sum(later_report.line_ids.mapped("amount")), 2),
                         round(sum(receivable.mapped("amount_residual")), 2))

    def test_buckets_are_configurable(self):
        self.env["receivable.aging.bucket"].search([]).active = False
        self.env["receivable.aging.bucket"].create([
            {"name": "Up to 45", "days_from": -36500, "days_to": 45, "sequence": 1},
            {"name": "Later", "days_from": 46, "open_ended": True, "sequence": 2},
        ])
        self.make_invoice(self.person, 100, "2025-05-01")
        self.make_invoice(self.person, 300, "2025-04-01")
        self.assertEqual(self.by_bucket(self.aging("2025-06-01")), {"Up to 45": 100.0, "Later": 300.0})

    def test_aging_pdf_and_xlsx(self):
        self.make_invoice(self.person, 250, "2025-05-20")
        self.make_invoice(self.firm, 1000, "2025-01-20")
        with self.on("2025-06-01"):
            report = self.env["receivable.aging.report"].create({"date": "2025-06-01",
                                                                 "company_ids": self.company.ids})
            action = report.action_export_xlsx()
            html, _type = self.env["ir.actions.report"]._render_qweb_html(
                "receivable_dunning.action_report_aging", report.ids,
            )
        self.assertIn(f"/{report.id}/xlsx_file/", action["url"])
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(report.xlsx_file))) as workbook:
            strings = workbook.read("xl/sharedStrings.xml").decode()
        for text in ("Kari Hansen", "Berg Bygg AS", "Over 90", "Total"):
            self.assertIn(text, strings)
        html = html.decode()
        for text in ("Kari Hansen", "Berg Bygg AS", "250.00", "1,000.00", "1,250.00"):
            self.assertIn(text, html)

    def test_charges_charged_paid_and_written_off(self):
        self.make_invoice(self.person, 1000, "2025-03-01")
        charges = self.run_and_send("2025-03-15").fee_move_id  # fee 35, interest 4.79
        self.pay(charges, 30, "2025-03-20")
        with self.on("2025-03-25"):
            charges.action_dunning_write_off()
        self.env.flush_all()
        rows = self.env["receivable.dunning.charge.report"].search([("move_id", "=", charges.id)])
        self.assertRecordValues(rows.sorted("charge"), [
            {"charge": "fee", "amount_charged": 35.0, "amount_paid": 30.0, "amount_written_off": 5.0,
             "amount_open": 0.0},
            {"charge": "interest", "amount_charged": 4.79, "amount_paid": 0.0, "amount_written_off": 4.79,
             "amount_open": 0.0},
        ])
        groups = self.env["receivable.dunning.charge.report"]._read_group(
            [("company_id", "=", self.company.id), ("date", ">=", "2025-03-01"), ("date", "<", "2025-04-01")],
            ["charge"], ["amount_charged:sum", "amount_written_off:sum"],
        )
        self.assertEqual({charge: (charged, off) for charge, charged, off in groups},
                         {"fee": (35.0, 5.0), "interest": (4.79, 4.79)})

    def test_reminders_sent_without_a_fee(self):
        self.profile_person.stage_ids[0].delay_days = 9
        self.make_invoice(self.person, 1000, "2025-03-01")
        self.run_and_send("2025-03-10")  # before day 14: no fee
        self.make_invoice(self.firm, 1000, "2025-03-01")
        self.run_and_send("2025-03-20")
        action = self.env.ref("receivable_dunning.action_dunning_letter_report")
        search_view = self.env.ref("receivable_dunning.view_dunning_letter_report_search")
        self.assertEqual(action.search_view_id, search_view)
        without_fee = self.env["receivable.dunning.letter"].search(
            [("company_id", "=", self.company.id), ("state", "=", "sent"), ("fee_total", "=", 0)],
        )
        self.assertEqual(without_fee.partner_id, self.person)
