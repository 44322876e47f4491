from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """The company's dunning settings in Accounting settings."""

    _inherit = "res.config.settings"

    dunning_vat_registered = fields.Boolean(related="company_id.dunning_vat_registered", readonly=False)
    dunning_send_mode = fields.Selection(related="company_id.dunning_send_mode", readonly=False)
    dunning_start_move_id = fields.Many2one(related="company_id.dunning_start_move_id", readonly=False)
    dunning_progression = fields.Selection(related="company_id.dunning_progression", readonly=False)
    dunning_collection_transfer = fields.Selection(
        related="company_id.dunning_collection_transfer", readonly=False,
    )
    dunning_first_dispatch = fields.Selection(related="company_id.dunning_first_dispatch", readonly=False)
    dunning_dispatch_from = fields.Datetime(related="company_id.dunning_dispatch_from")
    dunning_contact_phone = fields.Char(related="company_id.dunning_contact_phone", readonly=False)
    dunning_contact_email = fields.Char(related="company_id.dunning_contact_email", readonly=False)
    dunning_email_field = fields.Selection(related="company_id.dunning_email_field", readonly=False)
    dunning_email_attempts = fields.Integer(related="company_id.dunning_email_attempts", readonly=False)
    dunning_fee_account_id = fields.Many2one(related="company_id.dunning_fee_account_id", readonly=False)
    dunning_interest_account_id = fields.Many2one(related="company_id.dunning_interest_account_id", readonly=False)
    dunning_analytic_department_id = fields.Many2one(
        related="company_id.dunning_analytic_department_id", readonly=False,
    )
    dunning_analytic_project_id = fields.Many2one(related="company_id.dunning_analytic_project_id", readonly=False)
    dunning_profile_person_id = fields.Many2one(related="company_id.dunning_profile_person_id", readonly=False)
    dunning_profile_company_id = fields.Many2one(related="company_id.dunning_profile_company_id", readonly=False)
