from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import format_amount

from .. import legal, progression
from .dunning_letter import OPEN_STATES

PAID_STATES = ("paid", "in_payment", "reversed")

DUNNING_STATUS = [
    ("not_due", "Not due yet"),
    ("ready", "Ready to send"),
    ("review", "Held for review"),
    ("deadline_open", "Deadline not expired"),
    ("do_not_send", "Do not send"),
    ("objection", "Customer objection"),
    ("before_cutover", "Before cut-over"),
    ("consider_collection", "Not paid - consider collection"),
    ("in_collection", "In collection"),
    ("paid", "Paid"),
]


# From this many invoices on, their dunning status is computed in SQL.
STATUS_IN_SQL_FROM = 50

class AccountMove(models.Model):
    """Where each posted customer invoice stands in the dunning process."""

    _inherit = "account.move"

    dunning_profile_id = fields.Many2one(
        "receivable.dunning.profile", string="Dunning profile", copy=False, tracking=True,
        help="Overrides the customer's and the company's default profile for this invoice.",
    )
    dunning_effective_profile_id = fields.Many2one(
        "receivable.dunning.profile", string="Profile in use",
        compute="_compute_dunning_effective_profile_id", store=True,
    )
    dunning_blocked = fields.Boolean(string="Do not remind", copy=False, tracking=True)
    dunning_on_hold = fields.Boolean(
        string="Objection / paused", copy=False, tracking=True,
        help="The customer objected or the process is paused: no letter goes out until resumed.",
    )
    dunning_hold_reason = fields.Text(string="Objection", copy=False)
    dunning_in_collection = fields.Boolean(string="In collection", copy=False, readonly=True)
    dunning_stage_id = fields.Many2one(
        "receivable.dunning.stage", string="Stage reached", copy=False, readonly=True, index="btree_not_null",
    )
    dunning_last_letter_date = fields.Date(string="Last letter", copy=False, readonly=True)
    dunning_deadline = fields.Date(string="Deadline", copy=False, readonly=True)
    dunning_next_stage_id = fields.Many2one(
        "receivable.dunning.stage", string="Next step",
        compute="_compute_dunning_next", store=True,
    )
    dunning_next_date = fields.Date(string="Next step on", compute="_compute_dunning_next", store=True)
    dunning_status = fields.Selection(
        DUNNING_STATUS, string="Dunning status",
        compute="_compute_dunning_status", search="_search_dunning_status",
    )
    dunning_letter_line_ids = fields.One2many("receivable.dunning.letter.line", "move_id", readonly=True)
    dunning_fee_letter_id = fields.Many2one(
        "receivable.dunning.letter", string="Fee of letter", copy=False, readonly=True, index="btree_not_null",
        help="This invoice charges the fees of that dunning letter.",
    )
    dunning_interest_note_id = fields.Many2one(
        "receivable.interest.note", string="Interest note", readonly=True, copy=False, index="btree_not_null",
    )
    _one_charge_per_letter = models.UniqueIndex(
        "(dunning_fee_letter_id) WHERE (dunning_fee_letter_id IS NOT NULL AND state != 'cancel')",
        "A letter's charges are booked once.",
    )
    _one_charge_per_interest_note = models.UniqueIndex(
        "(dunning_interest_note_id) WHERE (dunning_interest_note_id IS NOT NULL AND state != 'cancel')",
        "An interest note is booked once.",
    )
    dunning_write_off = fields.Boolean(
        string="Dunning write-off", readonly=True, copy=False,
        help="A credit note that wrote off fees or interest the customer did not pay.",
    )
    dunning_fee_total = fields.Monetary(string="Fees", compute="_compute_dunning_amounts")
    dunning_interest_total = fields.Monetary(string="Interest", compute="_compute_dunning_amounts")
    dunning_balance = fields.Monetary(
        string="Balance", compute="_compute_dunning_amounts",
        help="What is owed: the open amount, plus unpaid fees and the interest accrued to today.",
    )
    dunning_history = fields.Char(string="History", compute="_compute_dunning_history")
    dunning_customer_type = fields.Selection(related="commercial_partner_id.dunning_customer_type")

    # -------------------------------------------------------------------------
    # COMPUTE
    # -------------------------------------------------------------------------

    @api.depends(
        "move_type", "dunning_fee_letter_id", "dunning_interest_note_id", "dunning_profile_id",
        "commercial_partner_id.dunning_profile_id", "commercial_partner_id.dunning_customer_type",
        "company_id.dunning_profile_person_id", "company_id.dunning_profile_company_id",
    )
    def _compute_dunning_effective_profile_id(self):
        for move in self:
            if move.move_type != "out_invoice" or move.dunning_fee_letter_id or move.dunning_interest_note_id:
                move.dunning_effective_profile_id = False
                continue
            partner = move.commercial_partner_id
            company = move.company_id
            default = (
                company.dunning_profile_company_id if partner.dunning_customer_type == "company"
                else company.dunning_profile_person_id
            )
            move.dunning_effective_profile_id = move.dunning_profile_id or partner.dunning_profile_id or default

    @api.depends(
        "invoice_date_due", "dunning_stage_id", "dunning_last_letter_date", "dunning_deadline",
        "dunning_effective_profile_id.stage_ids.sequence", "dunning_effective_profile_id.stage_ids.delay_days",
        "dunning_effective_profile_id.stage_ids.delay_from",
        "dunning_effective_profile_id.stage_ids.deadline_days",
    )
    def _compute_dunning_next(self):
        for move in self:
            stages = move.dunning_effective_profile_id.stage_ids
            step = move.invoice_date_due and stages and progression.next_step(
                stages._progression_steps(), move.invoice_date_due, move._dunning_sent_index(stages),
                move.dunning_last_letter_date or None, move.dunning_deadline or None,
            )
            move.dunning_next_stage_id = step and stages[step[0]]
            move.dunning_next_date = step and step[1]

    def _dunning_sent_index(self, stages):
        """Position in `stages` of the stage reached (-1: none), also after a change of profile."""
        self.ensure_one()
        if not self.dunning_stage_id:
            return -1
        if self.dunning_stage_id in stages:
            return list(stages).index(self.dunning_stage_id)
        sent = self.dunning_stage_id
        return len(stages.filtered(lambda s: (s.sequence, s.id) <= (sent.sequence, sent.id))) - 1

    @api.depends_context("date", "company")
    @api.depends(
        "move_type", "state", "payment_state", "invoice_date_due", "dunning_blocked", "dunning_on_hold",
        "dunning_in_collection", "dunning_deadline", "dunning_stage_id", "dunning_next_stage_id",
        "dunning_next_date", "commercial_partner_id.dunning_blocked",
    )
    def _compute_dunning_status(self):
        self.dunning_status = False
        invoices = self.filtered(lambda m: m.move_type == "out_invoice" and m.state == "posted")
        if not invoices:
            return
        # Lists and the portal show hundreds of invoices: a query per status is faster then than
        # evaluating every domain in Python on every invoice (100 ms for 500 invoices).
        in_sql = len(invoices) >= STATUS_IN_SQL_FROM and all(invoices._ids)
        # The domains, in their order of precedence: an addon adding a status only extends them.
        for status, domain in self._dunning_status_domains(invoices.company_id).items():
            if in_sql:
                # sudo: only sorts invoices the user already reads into statuses, whatever the
                # access to the partners, letters and plans the domains look at.
                found = invoices.sudo().search(domain & Domain("id", "in", invoices.ids), order="id")
                matching = invoices.browse(found.ids)
            else:
                matching = invoices.filtered_domain(domain)
            matching.dunning_status = status
            invoices -= matching
            if not invoices:
                break

    def _search_dunning_status(self, operator, value):
        if operator not in ("in", "="):
            return NotImplemented
        statuses = [value] if isinstance(value, str) else list(value)
        domains = self._dunning_status_domains(self.env.companies)
        return Domain.OR(domains[status] for status in statuses if status in domains)

    @api.depends("dunning_letter_line_ids.letter_id.state", "amount_residual")
    @api.depends_context("date")
    def _compute_dunning_amounts(self):
        interest = self._dunning_interest_until(self._dunning_today())
        fees, booked = self._dunning_unpaid_fees()
        for move in self:
            move.dunning_fee_total = fees.get(move.id, 0.0)
            # Interest accrued to today, less what was booked and has been paid since.
            booked_total, booked_unpaid = booked.get(move.id, (0.0, 0.0))
            accrued = max(interest.get(move.id, 0.0), booked_total)
            move.dunning_interest_total = move.currency_id.round(accrued - booked_total + booked_unpaid)
            move.dunning_balance = move.amount_residual + move.dunning_fee_total + move.dunning_interest_total

    @api.depends("dunning_letter_line_ids.letter_id.state")
    def _compute_dunning_history(self):
        for move in self:
            sent = move.dunning_letter_line_ids.filtered(lambda line: line.letter_id.state == "sent")
            move.dunning_history = " · ".join(
                f"{line.stage_id.name} {fields.Date.to_string(line.letter_id.letter_date)}"
                for line in sent.sorted(lambda line: (line.letter_id.letter_date, line.id))
            )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    @api.model
    def _dunning_today(self):
        """Today, or the day given by the context key `date` (runs and sendings as of another day)."""
        return fields.Date.to_date(self.env.context.get("date")) or fields.Date.context_today(self)

    @api.model
    def _dunning_status_domains(self, companies):
        """One domain per status, mutually exclusive, in order of precedence.

        The same domains give the computed status (filtered_domain) and the
        searchable one, so the work lists and the field can never disagree.
        """
        today = self._dunning_today()
        review_partner_ids = self._dunning_review_partner_ids(companies)
        invoice = Domain([("move_type", "=", "out_invoice"), ("state", "=", "posted")])
        paid = invoice & Domain("payment_state", "in", PAID_STATES)
        open_ = invoice & ~Domain("payment_state", "in", PAID_STATES)
        in_collection = open_ & Domain("dunning_in_collection", "=", True)
        open_ &= Domain("dunning_in_collection", "=", False)
        blocked = Domain("dunning_blocked", "=", True) | Domain("commercial_partner_id.dunning_blocked", "=", True)
        do_not_send = open_ & blocked
        open_ &= ~blocked
        objection = open_ & Domain("dunning_on_hold", "=", True)
        open_ &= Domain("dunning_on_hold", "=", False)
        cutover = self._dunning_cutover_domain(companies)
        before_cutover = open_ & ~cutover
        open_ &= cutover
        deadline_open = open_ & Domain("dunning_deadline", ">=", today)
        deadline_over = Domain("dunning_deadline", "=", False) | Domain("dunning_deadline", "<", today)
        open_ &= deadline_over
        consider_collection = open_ & Domain([("dunning_stage_id", "!=", False), ("dunning_next_stage_id", "=", False)])
        due_a_letter = open_ & Domain([("dunning_next_stage_id", "!=", False), ("dunning_next_date", "<=", today)])
        under_review = Domain("commercial_partner_id", "in", review_partner_ids)
        not_due = open_ & ~consider_collection & ~due_a_letter
        return {
            "paid": paid,
            "in_collection": in_collection,
            "do_not_send": do_not_send,
            "objection": objection,
            "before_cutover": before_cutover,
            "deadline_open": deadline_open,
            "consider_collection": consider_collection,
            "review": due_a_letter & under_review,
            "ready": due_a_letter & ~under_review,
            "not_due": not_due,
        }

    @api.model
    def _dunning_cutover_domain(self, companies):
        """Invoices the process may remind: all, or from the cut-over invoice number on."""
        domain = Domain.FALSE
        for company in companies:
            start = company.dunning_start_move_id
            if company.dunning_send_mode != "from_invoice" or not start:
                domain |= Domain("company_id", "=", company.id)
                continue
            domain |= Domain("company_id", "=", company.id) & (
                Domain([("sequence_prefix", "=", start.sequence_prefix),
                        ("sequence_number", ">=", start.sequence_number)])
                | Domain("sequence_prefix", ">", start.sequence_prefix)
            )
        return domain

    @api.model
    def _dunning_review_partner_ids(self, companies):
        """Customers with unreconciled payments or open credit notes: a person must look first."""
        groups = self.env["account.move.line"]._read_group(
            [
                ("company_id", "in", companies.ids),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
                ("amount_residual", "<", 0),
                ("partner_id", "!=", False),
            ],
            ["partner_id"],
        )
        return [partner.commercial_partner_id.id for (partner,) in groups]

    def _dunning_unpaid_fees(self):
        """({move id: fees and compensation booked on that invoice not yet paid},
        {move id: (interest booked, interest booked not yet paid)}), from sent letters and notes.

        A charge document covering several charges is paid in the same proportion for each.
        """
        letter_lines = self.env["receivable.dunning.letter.line"].search_fetch(
            [("move_id", "in", self.ids), ("letter_id.state", "=", "sent"),
             "|", "|", ("fee", ">", 0), ("compensation", ">", 0), ("interest_charged", ">", 0)],
            ["move_id", "fee", "compensation", "interest_charged", "letter_id"],
        )
        note_lines = self.env["receivable.interest.note.line"].search_fetch(
            [("move_id", "in", self.ids), ("note_id.state", "in", ("sent", "paid")), ("interest", ">", 0)],
            ["move_id", "interest", "note_id"],
        )
        charges = [(line.move_id, line.letter_id.fee_move_id, line.fee + line.compensation, line.interest_charged)
                   for line in letter_lines]
        charges += [(line.move_id, line.note_id.move_id, 0.0, line.interest) for line in note_lines]
        fees, interest = {}, {}
        for move, charge_move, fee, booked in charges:
            unpaid_share = charge_move.amount_residual / charge_move.amount_total if charge_move.amount_total else 1.0
            round_ = move.currency_id.round
            fees[move.id] = fees.get(move.id, 0.0) + round_(fee * unpaid_share)
            total, unpaid = interest.get(move.id, (0.0, 0.0))
            interest[move.id] = (total + booked, unpaid + round_(booked * unpaid_share))
        return fees, interest

    def _dunning_interest_until(self, until):
        """{move id: statutory interest from the due date to `until`} for invoices whose profile charges it."""
        profiles = {}  # profile: whether one of its stages charges interest, looked up once

        def charges_interest(profile):
            if profile not in profiles:
                profiles[profile] = any(profile.stage_ids.mapped("charge_interest"))
            return profiles[profile]

        charging = self.filtered(
            lambda m: m.state == "posted" and m.move_type == "out_invoice" and m.invoice_date_due
            and m.invoice_date_due < until and m.payment_state not in PAID_STATES
            and charges_interest(m.dunning_effective_profile_id)
        )
        if not charging:
            return {}
        return self.env["receivable.dunning.interest"]._interest_by_move(charging, until)

    def _dunning_is_charge(self):
        """Whether this is a document the suite booked for fees, compensation or interest."""
        self.ensure_one()
        return bool(self.dunning_fee_letter_id or self.dunning_interest_note_id)

    def _dunning_charge_moves(self):
        """The posted charge documents (letter fees and interest, interest notes) booked on these
        invoices, oldest first: letters' costs before interest notes, in two queries."""
        letter_lines = self.env["receivable.dunning.letter.line"].search_fetch(
            [("move_id", "in", self.ids), ("letter_id.fee_move_id", "!=", False)], ["letter_id"],
        )
        note_lines = self.env["receivable.interest.note.line"].search_fetch(
            [("move_id", "in", self.ids), ("note_id.move_id", "!=", False)], ["note_id"],
        )
        fee_moves = letter_lines.letter_id.fee_move_id.sorted(lambda move: (move.invoice_date, move.id))
        note_moves = note_lines.note_id.move_id.sorted(lambda move: (move.invoice_date, move.id))
        return (fee_moves + note_moves).filtered(lambda move: move.state == "posted")

    def _dunning_costs_first_lines(self, on):
        """Open receivable lines of the charge documents a payment of these invoices must pay first,
        where the company's law applies payments to costs and interest before the principal."""
        ruleset = self.env["receivable.legal.rule"]._ruleset()
        invoices = self.filtered(lambda move: move.move_type == "out_invoice" and not move._dunning_is_charge()
                                 and legal.costs_first(move.company_id.country_id.code, on=on, rates=ruleset))
        if not invoices:
            return self.env["account.move.line"]
        charges = invoices._dunning_charge_moves()
        return charges.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
        )

    def action_dunning_write_off(self):
        """Write off what the customer left unpaid on fee and interest documents: one posted
        credit note per document, reconciled with it, on the same income accounts."""
        if not self:
            return True
        if any(not move._dunning_is_charge() or move.state != "posted" for move in self):
            raise UserError(self.env._("Only posted dunning fee and interest documents can be written off."))
        if any(move.invoice_line_ids.tax_ids for move in self):
            raise UserError(self.env._(
                "This document carries VAT: reverse it with a credit note instead of a write-off."
            ))
        moves = self.filtered(lambda move: not move.currency_id.is_zero(move.amount_residual))
        if not moves:
            raise UserError(self.env._("Nothing is left to write off: the documents are paid."))
        refunds = self.create([move._dunning_write_off_vals() for move in moves])
        refunds.action_post()
        for move, refund in zip(moves, refunds, strict=True):
            (move + refund).line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
            ).reconcile()
            move._message_log(body=self.env._(
                "Written off: %(amount)s (%(refund)s).",
                amount=format_amount(self.env, refund.amount_total, move.currency_id), refund=refund.name,
            ))
        return True

    def _dunning_write_off_vals(self):
        """Credit note lines for the unpaid part, charge by charge: what was paid went to costs
        first, then to interest (the order the law uses), so the remainder is interest first."""
        self.ensure_one()
        paid = self.amount_total - self.amount_residual
        order = {"fee": 0, "compensation": 1, "interest": 2}
        lines = []
        for line in self.invoice_line_ids.sorted(lambda line: order.get(line.dunning_charge, 3)):
            covered = min(paid, line.price_subtotal)
            paid -= covered
            unpaid = self.currency_id.round(line.price_subtotal - covered)
            if self.currency_id.compare_amounts(unpaid, 0) > 0:
                lines.append(Command.create({
                    "name": self.env._("Write-off: %(line)s", line=line.name),
                    "account_id": line.account_id.id,
                    "quantity": 1,
                    "price_unit": unpaid,
                    "tax_ids": [Command.clear()],
                    "analytic_distribution": line.analytic_distribution,
                    "dunning_charge": line.dunning_charge,
                }))
        return {
            "move_type": "out_refund",
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": self._dunning_today(),
            "reversed_entry_id": self.id,
            "dunning_write_off": True,
            "invoice_origin": self.name,
            "invoice_line_ids": lines,
        }

    # -------------------------------------------------------------------------
    # ACTIONS (work list rows)
    # -------------------------------------------------------------------------

    def action_dunning_pause(self):
        self.write({"dunning_on_hold": True})
        return True

    def action_dunning_resume(self):
        self.write({"dunning_on_hold": False, "dunning_hold_reason": False})
        return True

    def action_dunning_block(self):
        self.write({"dunning_blocked": True})
        return True

    def action_dunning_unblock(self):
        self.write({"dunning_blocked": False})
        return True

    def action_dunning_toggle_customer_type(self):
        self.commercial_partner_id.action_dunning_toggle_customer_type()
        return True

    def action_dunning_comment(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Comment"),
            "res_model": "receivable.dunning.comment",
            "view_mode": "form",
            "target": "new",
            "context": {"default_move_ids": self.ids},
        }

    def action_dunning_run_now(self):
        return self.env["receivable.dunning.run"].action_run_now()

    def action_dunning_send_now(self):
        """Prepare and send this invoice's letter at once, whatever the progression setting."""
        run = self.env["receivable.dunning.run"]
        today = fields.Date.context_today(self)
        ready = self.filtered(lambda move: move.dunning_status == "ready")
        if ready != self:
            raise UserError(self.env._("Only invoices that are ready to send can be sent now: %(names)s",
                                       names=", ".join((self - ready).mapped("name"))))
        waiting = ready.dunning_letter_line_ids.letter_id.filtered(lambda letter: letter.state in OPEN_STATES)
        plan = run._plan(ready - waiting.line_ids.move_id, today)
        letters = waiting | run._prepare_letters(plan, today, self.env["receivable.legal.rule"]._ruleset())
        letters.action_send()
        return True
