from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.addons.account_payment.controllers.payment import PaymentPortal
from odoo.addons.account_payment.controllers.portal import PortalAccount
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.fields import Domain
from odoo.http import request

from .. import instalments

PAID_STATES = ("paid", "in_payment", "reversed")
MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024  # bytes per file


class DebtorPortal(PortalAccount, PaymentPortal):
    """The debtor's pages: what is owed and why, letters, objections, payment, contact details, instalments.

    Pages behind a login search invoices with the portal user's own rights, so Odoo's portal record
    rule (the user's commercial partner) decides what exists; a letter's page also opens with its token.
    """

    # -------------------------------------------------------------------------
    # HOME
    # -------------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "reminder_count" in counters:
            Move = request.env["account.move"]
            values["reminder_count"] = (
                Move.search_count(self._debtor_overdue_domain(), limit=1) if Move.has_access("read") else 0
            )
        return values

    # -------------------------------------------------------------------------
    # DOMAINS AND FIGURES
    # -------------------------------------------------------------------------

    def _debtor_partner(self):
        return request.env.user.partner_id.commercial_partner_id

    def _debtor_open_domain(self):
        """The debtor's open customer invoices (charge documents are shown with the invoices they charge)."""
        return Domain([
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("commercial_partner_id", "=", self._debtor_partner().id),
            ("payment_state", "not in", PAID_STATES),
            ("dunning_fee_letter_id", "=", False),
            ("dunning_interest_note_id", "=", False),
        ])

    def _debtor_overdue_domain(self):
        return self._debtor_open_domain() & Domain("invoice_date_due", "<", fields.Date.context_today(request.env.user))

    def _debtor_invoice(self, invoice_id):
        """The debtor's own open invoice, searched with the portal user's rights; 404 for anything else."""
        invoice = request.env["account.move"].search(self._debtor_open_domain() & Domain("id", "=", invoice_id))
        if not invoice:
            raise NotFound()
        return invoice

    @staticmethod
    def _debtor_rows(invoices):
        """One dict per invoice with the figures of the overview."""
        # sudo: `invoices` were searched with the portal user's rights; sudo only reads their dunning
        # figures (stages, letters, fee invoices), models a portal user has no access rights on.
        invoices_sudo = invoices.sudo()
        statuses = dict(invoices_sudo._fields["dunning_status"]._description_selection(request.env))
        charges = invoices_sudo._debtor_open_charges_by_invoice()
        rows = []
        for invoice in invoices_sudo:
            fee_moves = charges[invoice.id]
            rows.append({
                "invoice": invoice,
                "currency": invoice.currency_id,
                "amount_total": invoice.amount_total,
                "paid": invoice.currency_id.round(invoice.amount_total - invoice.amount_residual),
                "fees": invoice.dunning_fee_total,
                "interest": invoice.dunning_interest_total,
                "balance": invoice.dunning_balance,
                "payable": invoice.currency_id.round(
                    invoice.amount_residual + sum(fee_moves.mapped("amount_residual")),
                ),
                "stage": invoice.dunning_stage_id.name or "",
                "deadline": invoice.dunning_deadline,
                "status": statuses.get(invoice.dunning_status, ""),
                "on_hold": invoice.dunning_on_hold,
                "letters": invoice.dunning_letter_line_ids.letter_id.filtered(lambda letter: letter.state == "sent"),
            })
        return rows

    @staticmethod
    def _debtor_groups(invoices, rows):
        """All overdue `invoices` by company and currency, with totals: what "Pay all" and a payment
        plan cover. Each group also lists the `rows` of the page shown."""
        # sudo: as in _debtor_rows, the dunning figures of invoices searched with the debtor's rights.
        invoices_sudo = invoices.sudo()
        charges = invoices_sudo._debtor_open_charges_by_invoice()
        groups = {}
        for invoice in invoices_sudo:
            currency = invoice.currency_id
            group = groups.setdefault((invoice.company_id.id, currency.id), {
                "company": invoice.company_id, "currency": currency, "rows": [], "invoice_ids": [],
                "balance": 0.0, "interest": 0.0, "payable": 0.0,
            })
            group["invoice_ids"].append(invoice.id)
            group["balance"] = currency.round(group["balance"] + invoice.dunning_balance)
            group["interest"] = currency.round(group["interest"] + invoice.dunning_interest_total)
            if not invoice.dunning_on_hold:
                payable = invoice.amount_residual + sum(charges[invoice.id].mapped("amount_residual"))
                group["payable"] = currency.round(group["payable"] + payable)
        for row in rows:
            invoice = row["invoice"]
            groups[invoice.company_id.id, invoice.currency_id.id]["rows"].append(row)
        for group in groups.values():
            group["invoices"] = invoices.browse(group.pop("invoice_ids"))
        return [group for group in groups.values() if group["rows"]]

    # -------------------------------------------------------------------------
    # OVERVIEW AND INVOICE PAGE
    # -------------------------------------------------------------------------

    @http.route(["/my/reminders", "/my/reminders/page/<int:page>"], type="http", auth="user", website=True)
    def debtor_reminders(self, page=1, message=None, **kwargs):
        return self._debtor_render_overview(message=message, page=page)

    def _debtor_render_overview(self, message=None, error=None, page=1):
        """The overdue invoices a page at a time, as Odoo's portal lists do; the totals, "Pay all" and
        the payment plan cover them all."""
        invoices = request.env["account.move"].search(self._debtor_overdue_domain(), order="invoice_date_due, id")
        pager = portal_pager(url="/my/reminders", total=len(invoices), page=page, step=self._items_per_page)
        rows = self._debtor_rows(invoices[pager["offset"]:pager["offset"] + self._items_per_page])
        partner = self._debtor_partner()
        # sudo: the debtor's own sent letters and payment plans, found by its commercial partner.
        letters = request.env["receivable.dunning.letter"].sudo().search(
            [("partner_id", "=", partner.id), ("state", "=", "sent")], order="letter_date desc, id desc",
        )
        plans = request.env["receivable.payment.plan"].sudo().search(
            [("partner_id", "=", partner.id), ("state", "in", ("requested", "accepted"))],
        )
        values = {
            **self._prepare_portal_layout_values(),
            "page_name": "reminders",
            "rows": rows,
            "groups": self._debtor_groups(invoices, rows),
            "pager": pager,
            "letters": letters,
            "plans": plans,
            "planned_moves": plans.move_ids,
            "min_instalments": instalments.MIN_INSTALMENTS,
            "max_instalments": instalments.MAX_INSTALMENTS,
            "message": message,
            "error": error,
        }
        return request.render("debtor_portal.portal_my_reminders", values)

    @http.route("/my/reminders/invoice/<int:invoice_id>", type="http", auth="user", website=True)
    def debtor_invoice(self, invoice_id, **kwargs):
        return self._debtor_render_invoice(self._debtor_invoice(invoice_id), message=kwargs.get("message"))

    def _debtor_render_invoice(self, invoice, error=None, message=None):
        row = self._debtor_rows(invoice)[0]
        values = {
            **self._prepare_portal_layout_values(),
            "page_name": "reminder_invoice",
            "row": row,
            "reasons": invoice._fields["debtor_objection_reason"]._description_selection(request.env),
            "error": error,
            "message": message,
            "object": invoice,  # the chatter (portal.message_thread) of the invoice
            "attachment_hint": _("At most %(count)s files of 10 MB each.", count=MAX_ATTACHMENTS),
        }
        return request.render("debtor_portal.portal_reminder_invoice", values)

    @http.route("/my/reminders/invoice/<int:invoice_id>/object", type="http", auth="user", website=True,
                methods=["POST"])
    def debtor_object(self, invoice_id, reason=None, message=None, **kwargs):
        invoice = self._debtor_invoice(invoice_id)
        files = [file for file in request.httprequest.files.getlist("attachments") if file.filename]
        try:
            if len(files) > MAX_ATTACHMENTS:
                raise ValidationError(_("Attach at most %(count)s files.", count=MAX_ATTACHMENTS))
            attachments = []
            for file in files:
                content = file.read(MAX_ATTACHMENT_SIZE + 1)
                if len(content) > MAX_ATTACHMENT_SIZE:
                    raise ValidationError(_("%(file)s is larger than 10 MB.", file=file.filename))
                attachments.append((file.filename, content))
            with request.env.cr.savepoint():
                invoice._debtor_object(reason, message, attachments)
        except (UserError, ValidationError) as error:
            return self._debtor_render_invoice(invoice, error=str(error))
        return request.redirect(f"/my/reminders/invoice/{invoice.id}?message=objected")

    # -------------------------------------------------------------------------
    # LETTERS (token link or login)
    # -------------------------------------------------------------------------

    def _debtor_letter(self, letter_id, access_token):
        """The sent letter if the user owns it (record rule) or the token matches (compared in constant time)."""
        letter_sudo = self._document_check_access("receivable.dunning.letter", letter_id, access_token)
        if letter_sudo.state != "sent":
            raise MissingError(_("This document does not exist."))
        return letter_sudo

    @http.route("/my/reminders/letter/<int:letter_id>", type="http", auth="public", website=True)
    def debtor_letter(self, letter_id, access_token=None, **kwargs):
        try:
            letter_sudo = self._debtor_letter(letter_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = {
            **self._prepare_portal_layout_values(),
            "page_name": "reminder_letter",
            "letter": letter_sudo,
            "access_token": access_token,
            "logged_in": not request.env.user._is_public(),
        }
        return request.render("debtor_portal.portal_reminder_letter", values)

    @http.route("/my/reminders/letter/<int:letter_id>/pdf", type="http", auth="public", website=True)
    def debtor_letter_pdf(self, letter_id, access_token=None, **kwargs):
        try:
            letter_sudo = self._debtor_letter(letter_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        content, name = letter_sudo._debtor_pdf()
        return request.make_response(content, headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Length", len(content)),
            ("Content-Disposition", http.content_disposition(name)),
        ])

    # -------------------------------------------------------------------------
    # PAYMENT
    # -------------------------------------------------------------------------

    def _debtor_payable(self, invoice_id=None, company_id=None, currency_id=None):
        """(sudoed moves, total): one invoice, or all the overdue ones not under objection, with their open fees."""
        if invoice_id:
            invoices = self._debtor_invoice(invoice_id)
        else:
            invoices = request.env["account.move"].search(self._debtor_overdue_domain() & Domain([
                ("company_id", "=", company_id), ("currency_id", "=", currency_id), ("dunning_on_hold", "=", False),
            ]))
            if not invoices:
                raise NotFound()
        # sudo: the invoices were searched with the portal user's rights; their fee invoices belong to
        # the same debtor and are read through the letters, which the portal user may not read directly.
        invoices_sudo = invoices.sudo()
        moves_sudo = invoices_sudo | invoices_sudo._debtor_open_fee_moves()
        total = moves_sudo.currency_id.round(sum(moves_sudo.mapped("amount_residual")))
        return moves_sudo, total

    def _debtor_pay_page(self, moves_sudo, total, transaction_route):
        company = moves_sudo.company_id
        reference = moves_sudo.name if len(moves_sudo) == 1 else company.get_next_batch_payment_communication()
        values = {
            **self._prepare_portal_layout_values(),
            "page_name": "reminder_pay",
            "moves": moves_sudo,
            "amount": total,
            "reference": reference,
            **self._get_common_page_view_values(invoices_data={
                "partner": self._debtor_partner(),
                "company": company,
                "total_amount": total,
                "currency": moves_sudo.currency_id,
                "amount_residual": total,
                "payment_reference": reference,
                "landing_route": "/my/reminders?message=paid",
                "transaction_route": transaction_route,
            }),
        }
        return request.render("debtor_portal.portal_reminder_pay", values)

    @http.route("/my/reminders/pay/<int:invoice_id>", type="http", auth="user", website=True)
    def debtor_pay_invoice(self, invoice_id, **kwargs):
        moves_sudo, total = self._debtor_payable(invoice_id=invoice_id)
        return self._debtor_pay_page(moves_sudo, total, f"/my/reminders/pay/{invoice_id}/transaction")

    @http.route("/my/reminders/pay/all/<int:company_id>/<int:currency_id>", type="http", auth="user", website=True)
    def debtor_pay_all(self, company_id, currency_id, **kwargs):
        moves_sudo, total = self._debtor_payable(company_id=company_id, currency_id=currency_id)
        return self._debtor_pay_page(
            moves_sudo, total, f"/my/reminders/pay/all/{company_id}/{currency_id}/transaction",
        )

    @http.route("/my/reminders/pay/<int:invoice_id>/transaction", type="jsonrpc", auth="user")
    def debtor_pay_invoice_transaction(self, invoice_id, access_token=None, payment_reference=None, **kwargs):
        return self._debtor_transaction(*self._debtor_payable(invoice_id=invoice_id), payment_reference, kwargs)

    @http.route("/my/reminders/pay/all/<int:company_id>/<int:currency_id>/transaction", type="jsonrpc",
                auth="user")
    def debtor_pay_all_transaction(self, company_id, currency_id, access_token=None, payment_reference=None,
                                   **kwargs):
        moves_sudo, total = self._debtor_payable(company_id=company_id, currency_id=currency_id)
        return self._debtor_transaction(moves_sudo, total, payment_reference, kwargs)

    def _debtor_transaction(self, moves_sudo, total, payment_reference, kwargs):
        """One transaction for the moves; the amount is the server's, the page's must still match it."""
        self._validate_transaction_kwargs(kwargs)
        currency = moves_sudo.currency_id
        if currency.compare_amounts(float(kwargs.get("amount") or 0.0), total) != 0:
            raise ValidationError(_("The amount to pay has changed; reload the page."))
        kwargs.update(amount=total, landing_route="/my/reminders?message=paid")
        reference = payment_reference or moves_sudo[:1].name
        return self._process_transaction(request.env.user.partner_id.id, currency.id, moves_sudo.ids, reference,
                                         **kwargs)

    # -------------------------------------------------------------------------
    # CONTACT DETAILS AND PAYMENT PLAN
    # -------------------------------------------------------------------------

    @http.route("/my/reminders/contact", type="http", auth="user", website=True, methods=["GET", "POST"])
    def debtor_contact(self, **post):
        partner = self._debtor_partner()
        error = None
        if request.httprequest.method == "POST":
            try:
                # sudo: a portal user may not write its commercial partner (its company, say); only the
                # validated e-mail, phone and address fields of the user's own commercial partner are written.
                with request.env.cr.savepoint():
                    partner.sudo()._debtor_update_contact(post)
            except (UserError, ValidationError) as exc:
                error = str(exc)
            else:
                return request.redirect("/my/reminders?message=contact")
        values = {
            **self._prepare_portal_layout_values(),
            "page_name": "reminder_contact",
            "partner": partner.sudo(),  # sudo: the user's own commercial partner, displayed to the user
            "countries": request.env["res.country"].sudo().search([]),  # sudo: public reference data
            "post": post if error else {},
            "country_id": self._cast_as_int(post.get("country_id")) if error else partner.sudo().country_id.id,
            "error": error,
        }
        return request.render("debtor_portal.portal_reminder_contact", values)

    @http.route("/my/reminders/plan", type="http", auth="user", website=True, methods=["POST"])
    def debtor_plan(self, company_id=None, currency_id=None, instalment_count=None, message=None, **kwargs):
        invoices = request.env["account.move"].search(self._debtor_overdue_domain() & Domain([
            ("company_id", "=", int(company_id or 0)), ("currency_id", "=", int(currency_id or 0)),
            ("dunning_on_hold", "=", False),
        ]))
        try:
            count = int(instalment_count or 0)
        except ValueError:
            count = 0
        try:
            # sudo: portal users have no rights on payment plans; the plan is created for the user's own
            # overdue invoices, found above with the user's rights, and starts as a mere request.
            plans = request.env["receivable.payment.plan"].sudo()
            taken = plans.search([("move_ids", "in", invoices.ids), ("state", "in", ("requested", "accepted"))])
            with request.env.cr.savepoint():
                plans._debtor_request(invoices.sudo() - taken.move_ids, count, message)
        except (UserError, ValidationError) as exc:
            return self._debtor_render_overview(error=str(exc))
        return request.redirect("/my/reminders?message=plan")
