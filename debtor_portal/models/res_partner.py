from odoo import models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize

CONTACT_FIELDS = ("email", "phone", "street", "zip", "city", "country_id")


class ResPartner(models.Model):
    """Contact details the debtor corrects on the portal."""

    _inherit = "res.partner"

    def _debtor_update_contact(self, values):
        """Validate and write the debtor's e-mail, phone and postal address; note the change in the chatter."""
        self.ensure_one()
        email = email_normalize((values.get("email") or "").strip())
        if not email:
            raise ValidationError(self.env._("Enter a valid e-mail address."))
        vals = {
            "email": email,
            "phone": (values.get("phone") or "").strip() or False,
            "street": (values.get("street") or "").strip(),
            "zip": (values.get("zip") or "").strip(),
            "city": (values.get("city") or "").strip(),
        }
        missing = [name for name in ("street", "zip", "city") if not vals[name]]
        if missing:
            raise ValidationError(self.env._("Enter your full postal address: street, postcode and city."))
        country = self.env["res.country"].browse(int(values.get("country_id") or 0)).exists()
        if not country:
            raise ValidationError(self.env._("Choose your country."))
        vals["country_id"] = country.id
        self.write(vals)
        self.message_post(body=self.env._("Contact details updated by the customer on the portal."))
        return True
