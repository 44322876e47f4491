from odoo import models


class ReceivableDunningLetter(models.Model):
    """Letters open on the portal: a page of their own, reached by its token link without a login."""

    _name = "receivable.dunning.letter"
    _inherit = ["receivable.dunning.letter", "portal.mixin"]

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for letter in self:
            letter.access_url = f"/my/reminders/letter/{letter.id}"
        return result

    def _portal_url(self):
        """The absolute link with access token printed on the letter and in its e-mail and SMS."""
        self.ensure_one()
        return self.get_base_url() + self.get_portal_url()

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.name

    def _debtor_pdf(self):
        """(PDF bytes, file name): the copy attached when the letter was sent, else a fresh rendering."""
        self.ensure_one()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", self._name), ("res_id", "=", self.id), ("mimetype", "=", "application/pdf")],
            order="id desc", limit=1,
        )
        name = f"{self.name.replace('/', '-')}.pdf"
        if attachment:
            return attachment.raw, name
        content, _type = self.env["ir.actions.report"]._render_qweb_pdf(self._report_action(), self.ids)
        return content, name
