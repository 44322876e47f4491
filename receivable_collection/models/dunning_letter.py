from odoo import models


class ReceivableDunningLetter(models.Model):
    """Collection branding (seed 000): with an agency that allows it, the collection notice is
    printed under the agency's name, on behalf of the creditor, which often gets it paid sooner."""

    _inherit = "receivable.dunning.letter"

    def _branding(self):
        branding = super()._branding()
        agency = self.company_id.collection_agency_id
        if self.kind != "collection_notice" or not agency.branded_notices:
            return branding
        partner = agency.partner_id
        return {
            "name": agency.name,
            "address": self._address_lines(partner),
            "phone": partner.phone,
            "email": partner.email,
        }
