from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """Per-company dunning settings (Accounting settings, "Dunning" block)."""

    _inherit = "res.company"

    dunning_vat_registered = fields.Boolean(string="VAT registered", default=True)
    dunning_send_mode = fields.Selection(
        [("all", "Send to all"), ("from_invoice", "Send from invoice number")],
        string="Remind", default="all", required=True,
        help="From an invoice number: invoices before it are left to the system used before (cut-over).",
    )
    dunning_start_move_id = fields.Many2one(
        "account.move", string="First invoice to remind", check_company=True,
        domain=[("move_type", "=", "out_invoice"), ("state", "=", "posted")],
    )
    dunning_progression = fields.Selection(
        [("manual", "Manual"), ("automatic", "Automatic")], string="Progression",
        default="manual", required=True,
        help="Manual: letters wait in 'Ready to send' for approval. Automatic: the daily run sends them.",
    )
    dunning_collection_transfer = fields.Selection(
        [("manual", "Manual"), ("automatic", "Automatic")], string="Transfer to collection",
        default="manual", required=True,
    )
    dunning_first_dispatch = fields.Selection(
        [("today", "Today after 11:00"), ("tomorrow", "Tomorrow after 11:00")],
        string="First automatic dispatch", default="tomorrow", required=True,
    )
    dunning_dispatch_from = fields.Datetime(
        string="Automatic dispatch from", compute="_compute_dunning_dispatch_from", store=True, readonly=False,
        help="Nothing is sent automatically before this moment.",
    )
    dunning_contact_phone = fields.Char(string="Phone on letters", help="Default: the company's phone.")
    dunning_contact_email = fields.Char(string="E-mail on letters", help="Default: the company's e-mail.")
    dunning_email_field = fields.Selection(
        [("email", "E-mail"), ("invoice_email", "Invoicing e-mail")], string="Send reminders to",
        default="email", required=True,
        help="Which of the customer's addresses receives reminders; the other one is the fallback.",
    )
    dunning_email_attempts = fields.Integer(
        string="E-mail attempts", default=3,
        help="A letter whose e-mail fails or bounces this many times is sent by post instead.",
    )
    dunning_fee_account_id = fields.Many2one(
        "account.account", string="Fee income account", check_company=True,
        help="Default: the company's income account.",
    )
    dunning_interest_account_id = fields.Many2one(
        "account.account", string="Interest income account", check_company=True,
    )
    dunning_analytic_department_id = fields.Many2one("account.analytic.account", string="Department")
    dunning_analytic_project_id = fields.Many2one("account.analytic.account", string="Project")
    dunning_profile_person_id = fields.Many2one(
        "receivable.dunning.profile", string="Default profile for persons",
        domain="[('company_id', 'in', (False, id))]",
    )
    dunning_profile_company_id = fields.Many2one(
        "receivable.dunning.profile", string="Default profile for companies",
        domain="[('company_id', 'in', (False, id))]",
    )
    dunning_last_run = fields.Datetime(string="Last dunning run", readonly=True)

    @api.constrains("dunning_profile_person_id", "dunning_profile_company_id")
    def _check_dunning_profiles_have_stages(self):
        for company in self:
            for profile in company.dunning_profile_person_id | company.dunning_profile_company_id:
                if not profile.stage_ids:
                    raise ValidationError(self.env._(
                        "Profile %(profile)s has no stages: add its letters before making it a default.",
                        profile=profile.name,
                    ))

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._dunning_apply_default_profiles()
        return companies

    def _dunning_apply_default_profiles(self):
        """Give companies without default profiles the shipped ones of their country (else the EU baseline)."""
        profiles = self.env["receivable.dunning.profile"].sudo().search(  # defaults, whatever the user's rights
            [("company_id", "in", [False, *self.ids])], order="sequence, id",
        )
        for company in self.filtered(lambda c: not (c.dunning_profile_person_id or c.dunning_profile_company_id)):
            usable = profiles.filtered(lambda p, company=company: not p.company_id or p.company_id == company)
            pool = usable.filtered(lambda p, company=company: p.country_id and p.country_id == company.country_id)
            pool = pool or usable.filtered(lambda p: not p.country_id)
            company.sudo().write({  # same: the defaults belong to the company's initial setup
                "dunning_profile_person_id": self._dunning_pick_profile(pool, "person").id,
                "dunning_profile_company_id": self._dunning_pick_profile(pool, "company").id,
            })

    @api.model
    def _dunning_pick_profile(self, profiles, customer_type):
        return profiles.filtered(lambda p: p.customer_type == customer_type)[:1] or profiles.filtered(
            lambda p: p.customer_type == "any")[:1]

    @api.depends("dunning_progression", "dunning_first_dispatch")
    def _compute_dunning_dispatch_from(self):
        """11:00 today or tomorrow, in the user's time zone, from the moment automation is chosen."""
        tz = pytz.timezone(self.env.user.tz or "UTC")
        local_now = datetime.now(pytz.utc).astimezone(tz)
        for company in self:
            if company.dunning_progression != "automatic":
                company.dunning_dispatch_from = False
                continue
            day = local_now.date() + timedelta(days=1 if company.dunning_first_dispatch == "tomorrow" else 0)
            local = tz.localize(datetime.combine(day, time(11, 0)))
            company.dunning_dispatch_from = local.astimezone(pytz.utc).replace(tzinfo=None)

    def _dunning_configured(self):
        self.ensure_one()
        return bool(self.dunning_profile_person_id or self.dunning_profile_company_id)

    def _dunning_dispatch_open(self):
        """Whether the run may send letters by itself now."""
        self.ensure_one()
        return self.dunning_progression == "automatic" and (
            not self.dunning_dispatch_from or fields.Datetime.now() >= self.dunning_dispatch_from
        )

    def _dunning_contact(self):
        """(phone, e-mail) printed on letters."""
        self.ensure_one()
        return self.dunning_contact_phone or self.phone, self.dunning_contact_email or self.email

    def _dunning_analytic_distribution(self):
        self.ensure_one()
        accounts = self.dunning_analytic_department_id | self.dunning_analytic_project_id
        return {str(account.id): 100 for account in accounts} or False
