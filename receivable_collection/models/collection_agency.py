from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ReceivableCollectionAgency(models.Model):
    """A debt-collection agency the company hands claims over to, and how it talks to it.

    `exchange_method` picks the connector (`receivable.collection.connector.<method>`);
    a module for a real agency's API adds its own value with `selection_add`.
    """

    _name = "receivable.collection.agency"
    _inherit = ["mail.thread"]
    _description = "Collection agency"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", string="Agency contact", required=True, tracking=True, check_company=True,
        help="The agency as a contact: it receives the claims and bills its commission.",
    )
    email = fields.Char(related="partner_id.email")
    phone = fields.Char(related="partner_id.phone")
    code = fields.Char(
        string="Creditor number", help="The number the agency knows the company by, sent with every batch.",
    )
    exchange_method = fields.Selection(
        [("xml_file", "XML file"), ("json_http", "JSON over HTTP")],
        string="Exchange", required=True, default="xml_file", tracking=True,
        help="XML file: batches of claims are files to hand over, status files are uploaded back. "
        "JSON over HTTP: claims are posted to the agency's API and statuses fetched from it.",
    )
    api_url = fields.Char(string="API address", help="Base address of the agency's API, e.g. https://api.agency.example/v1")
    api_token = fields.Char(string="API token", groups="receivable_dunning.group_dunning_manager", copy=False)
    api_timeout = fields.Integer(string="Timeout (seconds)", default=20)
    branded_notices = fields.Boolean(
        string="Collection-branded notices",
        help="The agency lets its name appear on the company's collection notices, "
        "which often gets claims paid sooner.",
    )
    journal_id = fields.Many2one(
        "account.journal", string="Payments journal", check_company=True,
        domain="[('type', 'in', ('bank', 'cash'))]",
        help="Journal of the payments the agency remits for collected claims.",
    )
    expense_account_id = fields.Many2one(
        "account.account", string="Commission and costs account", check_company=True,
        domain="[('internal_group', '=', 'expense')]",
        help="Expense account of the agency's commission and costs, booked as a vendor bill.",
    )
    commission_ids = fields.One2many("receivable.collection.commission", "agency_id", string="Commission rules")
    case_ids = fields.One2many("receivable.collection.case", "agency_id", string="Cases")
    case_count = fields.Integer(compute="_compute_case_count")
    last_sync = fields.Datetime(string="Last sync", readonly=True)
    sync_error = fields.Text(string="Last sync error", readonly=True)

    @api.depends("case_ids")
    def _compute_case_count(self):
        counts = dict(self.env["receivable.collection.case"]._read_group(
            [("agency_id", "in", self.ids)], ["agency_id"], ["__count"],
        ))
        for agency in self:
            agency.case_count = counts.get(agency, 0)

    @api.constrains("exchange_method", "api_url", "api_timeout")
    def _check_api(self):
        for agency in self:
            if agency.api_timeout <= 0:
                raise ValidationError(self.env._("The API timeout of %(agency)s must be positive.", agency=agency.name))
            if agency.exchange_method == "json_http" and not (agency.api_url or "").startswith(("http://", "https://")):
                raise ValidationError(self.env._(
                    "Agency %(agency)s exchanges over HTTP: give its API address (http:// or https://).",
                    agency=agency.name,
                ))

    def _commission_rate(self, phase):
        """The commission rate (percent) of `phase`, else of any phase, else 0."""
        self.ensure_one()
        rules = self.commission_ids.filtered(lambda rule: rule.phase == phase) or self.commission_ids.filtered(
            lambda rule: not rule.phase)
        return rules[:1].rate

    def _connector(self):
        """The agency's connector, working in the agency's company (payments and bills are booked there)."""
        self.ensure_one()
        agency = self.with_company(self.company_id)
        return agency.env["receivable.collection.connector"]._get_connector(agency)

    def action_sync_now(self):
        for agency in self:
            agency._connector()._sync(agency.with_company(agency.company_id))
        return True

    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("receivable_collection.action_collection_case")
        action["domain"] = [("agency_id", "=", self.id)]
        action["context"] = {"default_agency_id": self.id}
        return action
