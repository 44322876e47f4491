import json
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from .collection_commission import PHASES

CASE_STATES = [("not_started", "Not started"), ("active", "Active"), ("closed", "Closed")]
CLOSE_REASONS = [
    ("paid", "Paid"),
    ("partly_paid", "Partly paid"),
    ("written_off", "Written off"),
    ("returned", "Returned"),
]


class ReceivableCollectionCase(models.Model):
    """The claims against one debtor handed over to an agency, and how the agency gets on with them.

    Not started (handed over, not yet taken up by the agency) -> active -> closed
    (paid, partly paid, written off or returned). The agency's reports arrive as
    status documents (`receivable.collection.exchange`) and become events, payments
    reconciled with the invoices, and commission booked on the agency's bill.
    """

    _name = "receivable.collection.case"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Collection case"
    _order = "transfer_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Case", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one("res.currency", required=True, readonly=True)
    agency_id = fields.Many2one(
        "receivable.collection.agency", required=True, readonly=True, index=True, check_company=True,
    )
    partner_id = fields.Many2one("res.partner", string="Debtor", required=True, readonly=True, index=True)
    state = fields.Selection(CASE_STATES, default="not_started", required=True, readonly=True, tracking=True,
                             index=True)
    close_reason = fields.Selection(CLOSE_REASONS, readonly=True, tracking=True)
    phase = fields.Selection(PHASES, readonly=True, tracking=True)
    agency_reference = fields.Char(readonly=True, tracking=True, help="The agency's number for this case.")
    transfer_date = fields.Date(string="Handed over", required=True, readonly=True)
    sent_date = fields.Datetime(string="Sent to agency", readonly=True, copy=False)
    date_started = fields.Date(string="Started", readonly=True)
    date_closed = fields.Date(string="Closed", readonly=True)
    last_sync = fields.Datetime(string="Last sync", readonly=True)
    sync_error = fields.Text(string="Exchange error", readonly=True)
    line_ids = fields.One2many("receivable.collection.case.line", "case_id", string="Claims", readonly=True)
    move_ids = fields.Many2many("account.move", string="Invoices", compute="_compute_move_ids")
    fee_move_ids = fields.Many2many(
        "account.move", "receivable_collection_case_fee_move_rel", "case_id", "move_id",
        string="Fee invoices", readonly=True, help="The dunning fee invoices handed over with the claims.",
    )
    event_ids = fields.One2many("receivable.collection.event", "case_id", string="History", readonly=True)
    document_ids = fields.Many2many(
        "ir.attachment", "receivable_collection_case_document_rel", "case_id", "attachment_id",
        string="Documents", readonly=True, help="Invoice copies and every letter sent, as handed over.",
    )
    exchange_id = fields.Many2one("receivable.collection.exchange", string="Sent in file", readonly=True)
    # Debtor as handed over: the agency works from this, whatever changes on the contact later.
    debtor_name = fields.Char(readonly=True)
    debtor_type = fields.Selection([("person", "Person"), ("company", "Company")], readonly=True)
    debtor_street = fields.Char(readonly=True)
    debtor_street2 = fields.Char(readonly=True)
    debtor_zip = fields.Char(readonly=True)
    debtor_city = fields.Char(readonly=True)
    debtor_country_id = fields.Many2one("res.country", readonly=True)
    debtor_identification = fields.Char(string="Organisation / national id", readonly=True)
    debtor_email = fields.Char(readonly=True)
    debtor_phone = fields.Char(readonly=True)
    amount_principal = fields.Monetary(string="Principal", compute="_compute_amounts", store=True)
    amount_fees = fields.Monetary(string="Fees", compute="_compute_amounts", store=True)
    amount_interest = fields.Monetary(string="Interest", compute="_compute_amounts", store=True)
    amount_claimed = fields.Monetary(string="Claimed", compute="_compute_amounts", store=True)
    amount_paid = fields.Monetary(string="Paid by agency", compute="_compute_event_amounts", store=True)
    amount_commission = fields.Monetary(string="Commission", compute="_compute_event_amounts", store=True)
    amount_costs = fields.Monetary(string="Agency costs", compute="_compute_event_amounts", store=True)
    amount_open = fields.Monetary(
        string="Still open", compute="_compute_amount_open",
        help="What is still open on the invoices and fee invoices of the case.",
    )

    @api.depends("line_ids.principal", "line_ids.fees", "line_ids.interest")
    def _compute_amounts(self):
        for case in self:
            lines = case.line_ids
            case.amount_principal = sum(lines.mapped("principal"))
            case.amount_fees = sum(lines.mapped("fees"))
            case.amount_interest = sum(lines.mapped("interest"))
            case.amount_claimed = case.currency_id.round(
                case.amount_principal + case.amount_fees + case.amount_interest)

    @api.depends("event_ids.kind", "event_ids.amount")
    def _compute_event_amounts(self):
        for case in self:
            by_kind = {"payment": 0.0, "commission": 0.0, "cost": 0.0}
            for event in case.event_ids:
                if event.kind in by_kind:
                    by_kind[event.kind] += event.amount
            case.amount_paid = case.currency_id.round(by_kind["payment"])
            case.amount_commission = case.currency_id.round(by_kind["commission"])
            case.amount_costs = case.currency_id.round(by_kind["cost"])

    @api.depends("line_ids.move_id")
    def _compute_move_ids(self):
        for case in self:
            case.move_ids = case.line_ids.move_id

    @api.depends("line_ids.move_id.amount_residual", "fee_move_ids.amount_residual")
    def _compute_amount_open(self):
        for case in self:
            moves = case.move_ids | case.fee_move_ids
            case.amount_open = case.currency_id.round(sum(moves.mapped("amount_residual")))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].with_company(vals.get("company_id")).next_by_code(
                    "receivable.collection.case") or "/"
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_closed(self):
        """An open case keeps its invoices out of dunning: it must be closed (e.g. returned) first."""
        if any(case.state != "closed" for case in self):
            raise UserError(self.env._("Only closed collection cases can be deleted."))

    # -------------------------------------------------------------------------
    # TRANSFER
    # -------------------------------------------------------------------------

    @api.model
    def _transfer(self, moves, agency):
        """Hand `moves` over to `agency`: one case per debtor and currency, invoices leave dunning.

        Refuses the whole batch, with the reason per invoice, if any invoice may not go yet.
        """
        self = self.with_company(agency.company_id)
        moves._collection_check_transferable(agency)
        today = moves._dunning_today()
        fee_moves = moves._collection_fee_invoices()
        groups = {}
        for move in moves.sorted(lambda m: (m.invoice_date_due, m.id)):
            groups.setdefault((move.commercial_partner_id, move.currency_id), self.env["account.move"])
            groups[(move.commercial_partner_id, move.currency_id)] |= move
        vals_list = []
        for (partner, currency), group in groups.items():
            group_fees = fee_moves.filtered(
                lambda fee, partner=partner, currency=currency:
                fee.commercial_partner_id == partner and fee.currency_id == currency)
            vals_list.append({
                "company_id": agency.company_id.id,
                "agency_id": agency.id,
                "partner_id": partner.id,
                "currency_id": currency.id,
                "transfer_date": today,
                "fee_move_ids": [fields.Command.set(group_fees.ids)],
                "line_ids": [fields.Command.create({
                    "move_id": move.id,
                    "invoice_date_due": move.invoice_date_due,
                    "principal": move.amount_residual,
                    "fees": move.dunning_fee_total,
                    "interest": move.dunning_interest_total,
                }) for move in group],
                "event_ids": [fields.Command.create({
                    "date": today, "kind": "transfer",
                    "message": self.env._("Handed over to %(agency)s: %(invoices)s", agency=agency.name,
                                          invoices=", ".join(group.mapped("name"))),
                })],
                **self._debtor_snapshot(partner),
            })
        cases = self.create(vals_list)
        (moves | fee_moves).write({"dunning_in_collection": True})
        moves._message_log_batch(bodies={
            line.move_id.id: self.env._("Handed over to debt collection: case %(case)s with %(agency)s.",
                                        case=line.case_id.name, agency=agency.name)
            for line in cases.line_ids
        })
        agency._connector()._send_cases(agency, cases)
        return cases

    @api.model
    def _debtor_snapshot(self, partner):
        return {
            "debtor_name": partner.name,
            "debtor_type": partner.dunning_customer_type,
            "debtor_street": partner.street,
            "debtor_street2": partner.street2,
            "debtor_zip": partner.zip,
            "debtor_city": partner.city,
            "debtor_country_id": partner.country_id.id,
            "debtor_identification": partner.company_registry or partner.vat,
            "debtor_email": partner.email,
            "debtor_phone": partner.phone,
        }

    # -------------------------------------------------------------------------
    # DOCUMENTS AND CLAIMS OUT
    # -------------------------------------------------------------------------

    def _collect_documents(self):
        """Attach to each case its invoice copies and the PDFs of every letter sent on its invoices.

        Letters keep the PDF made when they were sent; an invoice without a PDF is rendered once.
        """
        letters = self.line_ids.move_id.dunning_letter_line_ids.letter_id.filtered(
            lambda letter: letter.state == "sent")
        # The letter's own PDF, not the invoice copies its e-mail carried (those come from the invoices).
        pdf_names = {letter.id: f"{letter.name.replace('/', '-')}.pdf" for letter in letters}
        letter_pdfs = self.env["ir.attachment"].search([
            ("res_model", "=", "receivable.dunning.letter"), ("res_id", "in", letters.ids),
            ("mimetype", "=", "application/pdf"), ("name", "in", list(pdf_names.values())),
        ]).filtered(lambda attachment: attachment.name == pdf_names[attachment.res_id])
        for case in self:
            moves = case.move_ids | case.fee_move_ids
            invoice_pdfs = moves.invoice_pdf_report_id
            missing = moves.filtered(lambda move: not move.invoice_pdf_report_id)
            if missing:
                invoice_pdfs |= case._render_invoice_pdfs(missing)
            case_letters = moves.dunning_letter_line_ids.letter_id
            case_letter_pdfs = letter_pdfs.filtered(lambda att, ids=set(case_letters.ids): att.res_id in ids)
            case.document_ids = invoice_pdfs | case_letter_pdfs

    def _render_invoice_pdfs(self, moves):
        self.ensure_one()
        report = self.env.ref("account.account_invoices")
        vals_list = []
        for move in moves:
            content, _type = self.env["ir.actions.report"]._render_qweb_pdf(report, move.ids)
            vals_list.append({
                "name": f"{move._get_report_base_filename()}.pdf",
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            })
        return self.env["ir.attachment"].create(vals_list)

    def _claims_payload(self):
        """[case dict] of the exchange format (exchange_format.claims_document), documents included."""
        cases = []
        for case in self:
            currency = case.currency_id
            cases.append({
                "reference": case.name,
                "currency": currency.name,
                "debtor": {
                    "type": case.debtor_type or "person",
                    "name": case.debtor_name,
                    "street": case.debtor_street or "",
                    "street2": case.debtor_street2 or "",
                    "zip": case.debtor_zip or "",
                    "city": case.debtor_city or "",
                    "country": case.debtor_country_id.code or "",
                    "identification": case.debtor_identification or "",
                    "email": case.debtor_email or "",
                    "phone": case.debtor_phone or "",
                },
                "claims": [{
                    "invoice": line.move_id.name,
                    "invoice_date": fields.Date.to_string(line.invoice_date),
                    "due_date": fields.Date.to_string(line.invoice_date_due),
                    "principal": _decimal(line.principal, currency),
                    "fees": _decimal(line.fees, currency),
                    "interest": _decimal(line.interest, currency),
                } for line in case.line_ids],
                "documents": [{
                    "filename": document.name,
                    "mimetype": document.mimetype,
                    "content": document.datas.decode(),
                } for document in case.document_ids],
            })
        return cases

    def _mark_sent(self, exchange=None, references=None):
        """The agency has the cases: note it, with the agency's numbers when it gave them."""
        references = references or {}
        today = self.env["account.move"]._dunning_today()
        self.write({"sent_date": fields.Datetime.now(), "sync_error": False,
                    "exchange_id": exchange.id if exchange else False})
        events = []
        for case in self:
            if references.get(case.name):
                case.agency_reference = references[case.name]
            events.append({"case_id": case.id, "date": today, "kind": "sent", "exchange_id": exchange and exchange.id,
                           "message": self.env._("Sent to %(agency)s.", agency=case.agency_id.name)})
        self.env["receivable.collection.event"].create(events)

    # -------------------------------------------------------------------------
    # STATUS IN
    # -------------------------------------------------------------------------

    @api.model
    def _apply_statuses(self, agency, statuses, exchange):
        """Check every reported status against the cases, then apply them all.

        Raises UserError naming the faulty case before anything is written; the
        caller runs this in a savepoint so a failure while applying undoes it all.
        """
        plan = self._plan_statuses(agency, statuses)
        for case, status, new_events in plan:
            case._apply_status(status, new_events, exchange)
        return self.browse([case.id for case, _status, _events in plan])

    @api.model
    def _plan_statuses(self, agency, statuses):
        """[(case, status, events not applied before)], validated; UserError on the first problem."""
        references = [status.reference for status in statuses]
        cases = self.search([("agency_id", "=", agency.id), ("name", "in", references)])
        by_name = {case.name: case for case in cases}
        known = {(event.case_id.id, event.external_id) for event in self.env["receivable.collection.event"].search(
            [("case_id", "in", cases.ids), ("external_id", "!=", False)])}
        plan = []
        for status in statuses:
            case = by_name.get(status.reference)
            if not case:
                raise UserError(self.env._(
                    "Case %(case)s is unknown: no case of %(agency)s has this reference.",
                    case=status.reference, agency=agency.name))
            new_events = [event for event in status.events if (case.id, event.external_id) not in known]
            case._check_status(status, new_events)
            plan.append((case, status, new_events))
        return plan

    def _check_status(self, status, events):
        self.ensure_one()
        currency = self.currency_id
        if self.state == "closed" and (status.status != "closed" or events):
            raise UserError(self.env._("Case %(case)s is closed in Odoo; the agency reports it %(status)s.",
                                       case=self.name, status=status.status))
        payments = Decimal(0)
        for event in events:
            if event.currency and event.currency != currency.name:
                raise UserError(self.env._(
                    "Case %(case)s, event %(event)s: amount in %(found)s, the case is in %(currency)s.",
                    case=self.name, event=event.external_id, found=event.currency, currency=currency.name))
            if event.kind == "payment":
                payments += event.amount
        agency = self.agency_id
        if payments and not agency.journal_id:
            raise UserError(self.env._("Agency %(agency)s reports payments: set its payments journal first.",
                                       agency=agency.name))
        billed = any(event.kind in ("cost", "commission") for event in events) or (
            payments and agency._commission_rate(status.phase or self.phase))
        if billed and not agency.expense_account_id:
            raise UserError(self.env._(
                "Agency %(agency)s charges commission or costs: set its commission and costs account first.",
                agency=agency.name))
        open_amount = Decimal(str(currency.round(self.amount_open)))
        if payments > open_amount:
            last_day = max(event.day for event in events if event.kind == "payment")
            interest = Decimal(str(currency.round(self._interest_until(last_day))))
            if payments > open_amount + interest or not self._interest_account():
                raise UserError(self.env._(
                    "Case %(case)s: the agency reports %(paid)s paid, but only %(open)s is open on its invoices, "
                    "with %(interest)s of late-payment interest.",
                    case=self.name, paid=format_amount(self.env, float(payments), currency),
                    open=format_amount(self.env, float(open_amount), currency),
                    interest=format_amount(self.env, float(interest), currency)))

    def _apply_status(self, status, events, exchange):
        """Write one case's new status and events: payments reconciled, commission and costs billed."""
        self.ensure_one()
        today = self.env["account.move"]._dunning_today()
        values = {"last_sync": fields.Datetime.now(), "sync_error": False}
        if status.agency_reference and status.agency_reference != self.agency_reference:
            values["agency_reference"] = status.agency_reference
        if status.phase and status.phase != self.phase:
            values["phase"] = status.phase
        if status.status in ("active", "closed") and self.state == "not_started":
            values.update(state="active", date_started=today)
        self.write(values)
        event_vals = []
        for event in events:
            vals = {
                "case_id": self.id, "date": event.day, "kind": event.kind, "external_id": event.external_id,
                "message": event.message, "exchange_id": exchange.id if exchange else False,
                "payload": json.dumps(_event_payload(event), ensure_ascii=False),
                "amount": float(event.amount) if event.amount is not None else 0.0,
            }
            if event.kind == "payment":
                capital_open = self._capital_open()
                vals["payment_id"] = self._register_agency_payment(event).id
                if not any(other.kind == "commission" for other in events):
                    # The capital collected is what the payment took off the invoices themselves:
                    # where the law pays costs and interest first (Norway), only the rest is capital.
                    capital = capital_open - self._capital_open()
                    commission = self._commission_on(capital)
                    if commission:
                        event_vals.append({
                            "case_id": self.id, "date": event.day, "kind": "commission", "amount": commission,
                            "exchange_id": vals["exchange_id"],
                            "message": self.env._("Commission %(rate)s %% on %(amount)s of capital collected.",
                                                  rate=self.agency_id._commission_rate(self.phase),
                                                  amount=format_amount(self.env, float(capital), self.currency_id)),
                        })
            event_vals.append(vals)
        events_created = self.env["receivable.collection.event"].create(event_vals)
        billed = events_created.filtered(lambda event: event.kind in ("commission", "cost"))
        if billed:
            bill = self._book_agency_bill(billed)
            billed.bill_id = bill
        if status.status == "closed" and self.state != "closed":
            self._close(status.close_reason, today, exchange)

    def _commission_on(self, capital):
        """The agency's commission on `capital` (a Decimal) by the rule of the case's phase."""
        rate = self.agency_id._commission_rate(self.phase)
        if not rate:
            return 0.0
        return self.currency_id.round(float(capital * Decimal(str(rate)) / 100))

    def _capital_open(self):
        """What is still open on the case's invoices themselves, fee and interest documents aside (Decimal)."""
        return Decimal(str(self.currency_id.round(sum(self.move_ids.mapped("amount_residual")))))

    def _interest_until(self, day):
        """Late-payment interest accrued on the case's open invoices until `day` that no letter or
        interest note has booked yet: what was booked is on the charge documents, in `amount_open`."""
        moves = self.move_ids
        accrued = moves._dunning_interest_until(day)
        _fees, booked = moves._dunning_unpaid_fees()
        return sum(
            max(accrued.get(move.id, 0.0) - booked.get(move.id, (0.0, 0.0))[0], 0.0) for move in moves
        )

    def _interest_account(self):
        company = self.company_id
        return company.dunning_interest_account_id or company.income_account_id

    def _register_agency_payment(self, event):
        """The agency's remittance as a customer payment on its journal, reconciled with the open claims.

        The register wizard applies it as the law of the company says: in Norway to the fee and
        interest documents first, then to the invoices (receivable_dunning's costs-first rule),
        elsewhere to the invoices first. What it pays beyond the open claims is the late-payment
        interest it collected: booked as interest income on the same payment.
        """
        currency = self.currency_id
        open_moves = (self.move_ids | self.fee_move_ids).filtered(
            lambda move: not currency.is_zero(move.amount_residual)).sorted(
            lambda move: (move._dunning_is_charge(), move.invoice_date_due, move.id))
        amount = float(event.amount)
        vals = {
            "amount": amount,
            "payment_date": event.day,
            "journal_id": self.agency_id.journal_id.id,
            "group_payment": True,
            "communication": f"{self.name} {self.agency_reference or ''}".strip(),
        }
        if currency.compare_amounts(amount, sum(open_moves.mapped("amount_residual"))) > 0:
            vals.update({
                "payment_difference_handling": "reconcile",
                "writeoff_account_id": self._interest_account().id,
                "writeoff_label": self.env._("Late-payment interest collected by %(agency)s",
                                             agency=self.agency_id.name),
            })
        wizard = self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=open_moves.ids,
        ).create(vals)
        return wizard._create_payments()

    def _book_agency_bill(self, events):
        """One posted vendor bill of the agency for the commission and costs it reported."""
        self.ensure_one()
        agency = self.agency_id
        bill = self.env["account.move"].create({
            "move_type": "in_invoice",
            "company_id": self.company_id.id,
            "partner_id": agency.partner_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": max(events.mapped("date")),
            "ref": f"{self.name} {self.agency_reference or ''}".strip(),
            "invoice_line_ids": [fields.Command.create({
                "name": f"{dict(event._fields['kind']._description_selection(self.env))[event.kind]}: "
                        f"{self.name}{' - ' + event.message if event.message else ''}",
                "account_id": agency.expense_account_id.id,
                "quantity": 1,
                "price_unit": event.amount,
                "tax_ids": [fields.Command.clear()],
            }) for event in events],
        })
        bill.action_post()
        return bill

    def _close(self, reason, on, exchange=None):
        """Close the case; a returned case's open invoices go back to the dunning process."""
        self.ensure_one()
        self.write({"state": "closed", "close_reason": reason, "date_closed": on})
        label = dict(self._fields["close_reason"]._description_selection(self.env))[reason]
        self.env["receivable.collection.event"].create({
            "case_id": self.id, "date": on, "kind": "closed", "exchange_id": exchange.id if exchange else False,
            "message": self.env._("Closed by the agency: %(reason)s.", reason=label),
        })
        moves = self.move_ids | self.fee_move_ids
        if reason == "returned":
            moves.write({"dunning_in_collection": False})
            body = self.env._("Collection case %(case)s returned by the agency: back in the dunning process.",
                              case=self.name)
        else:
            body = self.env._("Collection case %(case)s closed: %(reason)s.", case=self.name, reason=label)
        self.move_ids._message_log_batch(bodies=dict.fromkeys(self.move_ids.ids, body))

    # -------------------------------------------------------------------------
    # ACTIONS
    # -------------------------------------------------------------------------

    def action_sync_now(self):
        for agency in self.agency_id:
            cases = self.filtered(lambda case, agency=agency: case.agency_id == agency)
            agency._connector()._sync(agency.with_company(agency.company_id), cases)
        return True

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice_type")
        action.update(domain=[("id", "in", (self.move_ids | self.fee_move_ids).ids)], context={"create": False})
        return action

    @api.model
    def _cron_sync(self, commit=True):
        """Daily: send what did not reach the agency, fetch statuses, apply pending status files.

        Commits after each agency, so one agency's trouble never undoes another's sync.
        """
        for agency in self.env["receivable.collection.agency"].search([]):
            agency._connector()._sync(agency.with_company(agency.company_id))
            if commit and self.env["ir.cron"]._commit_progress(1) <= 0:
                break


def _decimal(amount, currency):
    return Decimal(str(currency.round(amount))).quantize(Decimal(1).scaleb(-currency.decimal_places))


def _event_payload(event):
    return {
        "id": event.external_id, "date": event.day.isoformat(), "kind": event.kind,
        "amount": str(event.amount) if event.amount is not None else None,
        "currency": event.currency, "message": event.message,
    }

