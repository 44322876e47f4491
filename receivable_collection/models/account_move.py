from odoo import api, fields, models
from odoo.addons.receivable_dunning.models.account_move import PAID_STATES
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import format_date


class AccountMove(models.Model):
    """Hand-over of customer invoices to debt collection, and the case each one is in."""

    _inherit = "account.move"

    collection_case_line_ids = fields.One2many(
        "receivable.collection.case.line", "move_id", string="Collection claims", readonly=True,
    )
    collection_case_id = fields.Many2one(
        "receivable.collection.case", string="Collection case", compute="_compute_collection_case_id",
    )
    collection_notice_deadline = fields.Date(
        string="Collection notice deadline", compute="_compute_collection_notice_deadline",
        help="Deadline of the last collection notice sent: no hand-over to collection before it has passed.",
    )

    @api.depends("collection_case_line_ids.case_id")
    def _compute_collection_case_id(self):
        for move in self:
            move.collection_case_id = move.collection_case_line_ids.case_id.sorted("id")[-1:]

    @api.depends("dunning_letter_line_ids.letter_id.state", "dunning_letter_line_ids.letter_id.deadline")
    def _compute_collection_notice_deadline(self):
        deadlines = self._collection_notice_deadlines()
        for move in self:
            move.collection_notice_deadline = deadlines.get(move.id, False)

    def _collection_notice_deadlines(self):
        """{move id: deadline of the latest collection notice sent on it}, in one read."""
        lines = self.env["receivable.dunning.letter.line"].search_fetch(
            [("move_id", "in", self.ids), ("letter_id.state", "=", "sent"), ("kind", "=", "collection_notice")],
            ["move_id", "letter_id"],
        )
        deadlines = {}
        for line in lines:
            deadline = line.letter_id.deadline
            if deadline and (line.move_id.id not in deadlines or deadline > deadlines[line.move_id.id]):
                deadlines[line.move_id.id] = deadline
        return deadlines

    def _collection_check_transferable(self, agency):
        """UserError listing every invoice that may not go to collection yet, and why."""
        today = self._dunning_today()
        deadlines = self._collection_notice_deadlines()
        problems = []
        for move in self:
            reason = None
            if move.move_type != "out_invoice" or move.state != "posted" or move._dunning_is_charge():
                reason = self.env._("not a posted customer invoice")
            elif move.payment_state in PAID_STATES:
                reason = self.env._("already paid")
            elif move.dunning_in_collection:
                reason = self.env._("already in collection")
            elif move.company_id != agency.company_id:
                reason = self.env._("belongs to another company than the agency")
            elif move.dunning_on_hold:
                reason = self.env._("the customer objected, or the process is paused")
            elif move.id not in deadlines:
                reason = self.env._("no collection notice has been sent")
            elif deadlines[move.id] >= today:
                reason = self.env._("the collection notice's deadline runs until %(deadline)s",
                                    deadline=format_date(self.env, deadlines[move.id]))
            if reason:
                problems.append(f"{move.display_name}: {reason}")
        if problems:
            raise UserError(self.env._("These invoices cannot be handed over to collection:\n%(problems)s",
                                       problems="\n".join(problems)))

    def _collection_fee_invoices(self):
        """The open charge documents booked on these invoices (letters' fees and interest, interest
        notes): the claim goes over with them, and a payment of the invoice pays them first where
        the law says so."""
        return self._dunning_charge_moves().filtered(
            lambda fee: fee.payment_state not in PAID_STATES and not fee.dunning_in_collection)

    @api.model
    def _collection_auto_transfer(self, company):
        """Automatic transfer: unpaid invoices past their last letter and collection notice deadline.

        Only with the company's setting on automatic and a default agency; returns the cases.
        """
        agency = company.collection_agency_id
        if company.dunning_collection_transfer != "automatic" or not agency:
            return self.env["receivable.collection.case"]
        Move = self.with_company(company)
        candidates = Move.search(
            Move._dunning_status_domains(company)["consider_collection"] & Domain("company_id", "=", company.id)
        )
        today = Move._dunning_today()
        deadlines = candidates._collection_notice_deadlines()
        due = candidates.filtered(lambda move: move.id in deadlines and deadlines[move.id] < today)
        if not due:
            return self.env["receivable.collection.case"]
        return self.env["receivable.collection.case"].with_company(company)._transfer(due, agency)

    def action_collection_transfer(self):
        """Open the hand-over wizard for the selected invoices."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Transfer to collection"),
            "res_model": "receivable.collection.transfer",
            "view_mode": "form",
            "target": "new",
            "context": {"default_move_ids": self.ids},
        }

    def action_view_collection_case(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "receivable.collection.case",
            "res_id": self.collection_case_id.id,
            "view_mode": "form",
        }
