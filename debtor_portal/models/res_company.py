from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"

    def _debtor_accountant(self):
        """The accountant who gets the debtors' requests when an invoice names no salesperson.

        The first active invoicing user of the company, else the administrator.
        """
        self.ensure_one()
        accountants = self.env.ref("receivable_dunning.group_dunning_user").all_user_ids.filtered(
            lambda user: user.active and not user.share and self in user.company_ids
        )
        return accountants.sorted("id")[:1] or self.env.ref("base.user_admin")
