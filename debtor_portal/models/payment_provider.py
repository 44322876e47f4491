from odoo import api, models


class PaymentProvider(models.Model):
    _inherit = "payment.provider"

    @api.model
    def _debtor_portal_enable_demo_provider(self):
        """Demo data: the demo debtor pays with payment_demo's test provider, when that module is installed.

        payment_demo copies its provider to every company, disabled; only the main company's is enabled.
        """
        debtor = self.env.ref("receivable_dunning.demo_user_debtor", raise_if_not_found=False)
        if debtor:
            self.search([("code", "=", "demo"), ("company_id", "=", debtor.company_id.id)]).write(
                {"state": "test", "is_published": True},
            )
