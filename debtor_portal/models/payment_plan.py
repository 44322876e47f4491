from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tools import format_amount, plaintext2html

from .. import instalments


class ReceivablePaymentPlan(models.Model):
    """A debtor's request to pay overdue invoices in instalments; once accepted it pauses their dunning."""

    _name = "receivable.payment.plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Payment plan"
    _order = "id desc"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True,
                                 default=lambda self: self.env.company)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, readonly=True, index=True)
    currency_id = fields.Many2one("res.currency", required=True, readonly=True)
    move_ids = fields.Many2many(
        "account.move", "receivable_payment_plan_move_rel", "plan_id", "move_id", string="Invoices",
        required=True, readonly=True, check_company=True,
    )
    instalment_count = fields.Integer(string="Instalments", required=True, tracking=True)
    first_date = fields.Date(string="First instalment", required=True, tracking=True)
    message = fields.Text(string="Customer's message", readonly=True)
    amount_total = fields.Monetary(
        string="Amount", readonly=True,
        help="Open amount of the invoices and of the fees charged on them when the plan was accepted.",
    )
    state = fields.Selection(
        [("requested", "Requested"), ("accepted", "Accepted"), ("refused", "Refused"), ("done", "Done")],
        default="requested", required=True, readonly=True, tracking=True, index=True,
    )
    line_ids = fields.One2many("receivable.payment.plan.line", "plan_id", string="Instalment lines", readonly=True)

    @api.depends("partner_id", "instalment_count")
    def _compute_display_name(self):
        for plan in self:
            plan.display_name = self.env._("%(customer)s: %(count)s instalments",
                                           customer=plan.partner_id.name or "", count=plan.instalment_count)

    @api.constrains("instalment_count")
    def _check_instalment_count(self):
        for plan in self:
            if not instalments.MIN_INSTALMENTS <= plan.instalment_count <= instalments.MAX_INSTALMENTS:
                raise ValidationError(self.env._(
                    "A payment plan has from %(min)s to %(max)s instalments.",
                    min=instalments.MIN_INSTALMENTS, max=instalments.MAX_INSTALMENTS,
                ))

    @api.constrains("move_ids", "partner_id", "currency_id", "state")
    def _check_invoices(self):
        for plan in self:
            if plan.move_ids.commercial_partner_id != plan.partner_id:
                raise ValidationError(self.env._("A payment plan covers invoices of its own customer only."))
            if plan.move_ids.currency_id != plan.currency_id:
                raise ValidationError(self.env._("A payment plan covers invoices in its own currency only."))
        open_plans = self.filtered(lambda plan: plan.state in ("requested", "accepted"))
        if not open_plans:
            return
        others = self.search([
            ("id", "not in", open_plans.ids),
            ("state", "in", ("requested", "accepted")),
            ("move_ids", "in", open_plans.move_ids.ids),
        ], limit=1)
        if others:
            raise ValidationError(self.env._(
                "%(invoices)s already belong to another payment plan.",
                invoices=", ".join((others.move_ids & open_plans.move_ids).mapped("name")),
            ))

    # -------------------------------------------------------------------------
    # REQUEST (portal)
    # -------------------------------------------------------------------------

    @api.model
    def _debtor_request(self, moves, instalment_count, message):
        """Create the plan the debtor asks for and give the accountant an activity.

        `moves` are the debtor's open invoices of one company and currency.
        """
        if not moves:
            raise UserError(self.env._("There is no overdue invoice to pay in instalments."))
        company = moves.company_id
        if len(company) != 1 or len(moves.currency_id) != 1:
            raise UserError(self.env._("A payment plan covers invoices of one company in one currency."))
        plan = self.with_company(company).create({
            "company_id": company.id,
            "partner_id": moves.commercial_partner_id.id,
            "currency_id": moves.currency_id.id,
            "move_ids": [Command.set(moves.ids)],
            "instalment_count": instalment_count,
            "first_date": fields.Date.add(fields.Date.context_today(self), months=1),
            "message": (message or "").strip() or False,
        })
        plan.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=moves[:1]._debtor_responsible_user().id,
            summary=self.env._("Payment plan requested: %(count)s instalments", count=instalment_count),
            note=plaintext2html(plan.message or ""),
        )
        return plan

    # -------------------------------------------------------------------------
    # ACCOUNTANT
    # -------------------------------------------------------------------------

    def action_accept(self):
        """Fix the amount and the instalments; the invoices leave the dunning process while the plan runs."""
        if any(plan.state != "requested" for plan in self):
            raise UserError(self.env._("Only requested payment plans can be accepted."))
        for plan in self:
            currency = plan.currency_id
            moves = plan.move_ids.filtered(lambda move: move.payment_state not in ("paid", "in_payment", "reversed"))
            if not moves:
                raise UserError(self.env._("The invoices of this payment plan are paid already."))
            charged = moves | moves._debtor_open_fee_moves()
            total = currency.round(sum(charged.mapped("amount_residual")))
            schedule = instalments.schedule(
                Decimal(str(total)), plan.instalment_count, plan.first_date, currency.decimal_places,
            )
            plan.write({
                "state": "accepted",
                "amount_total": total,
                "line_ids": [Command.clear()] + [
                    Command.create({"sequence": index, "date": due, "amount": float(amount)})
                    for index, (due, amount) in enumerate(schedule, start=1)
                ],
            })
            plan.message_post(body=self.env._(
                "Payment plan accepted: %(count)s instalments, %(amount)s in total, the first on %(date)s.",
                count=plan.instalment_count, amount=format_amount(self.env, total, currency),
                date=fields.Date.to_string(plan.first_date),
            ), message_type="comment", subtype_xmlid="mail.mt_comment")
        self.activity_ids.action_feedback(feedback=self.env._("Accepted"))
        return True

    def action_refuse(self):
        if any(plan.state != "requested" for plan in self):
            raise UserError(self.env._("Only requested payment plans can be refused."))
        self.write({"state": "refused"})
        self.activity_ids.action_feedback(feedback=self.env._("Refused"))
        for plan in self:
            plan.message_post(body=self.env._("Payment plan refused."), message_type="comment",
                              subtype_xmlid="mail.mt_comment")
        return True

    def action_done(self):
        """The plan has run its course: its invoices are back in the normal process if still open."""
        if any(plan.state != "accepted" for plan in self):
            raise UserError(self.env._("Only accepted payment plans can be closed."))
        self.write({"state": "done"})
        return True
