from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import exchange_format


class ReceivableCollectionConnector(models.AbstractModel):
    """How claims reach an agency and statuses come back, one implementation per exchange method.

    An implementation is an AbstractModel named ``receivable.collection.connector.<method>``
    inheriting this one; a module for an agency's own API adds its method to
    `receivable.collection.agency.exchange_method` and overrides `_send_cases` and
    `_fetch_status`. Statuses it fetches are stored as exchange records and applied by
    the same code as the files, so they are validated, kept and retried the same way.
    """

    _name = "receivable.collection.connector"
    _description = "Collection agency connector"

    @api.model
    def _get_connector(self, agency):
        name = f"{self._name}.{agency.exchange_method}"
        if name not in self.env:
            raise UserError(self.env._("No connector is installed for the exchange method of %(agency)s.",
                                       agency=agency.name))
        return self.env[name]

    @api.model
    def _send_cases(self, agency, cases):
        """Deliver the cases to the agency; on failure keep them unsent with the error, to retry later."""
        raise NotImplementedError

    @api.model
    def _fetch_status(self, agency):
        """New inbound exchange records with what the agency reports (nothing for file exchanges)."""
        return self.env["receivable.collection.exchange"]

    @api.model
    def _sync(self, agency, cases=None):
        """Send the unsent cases, fetch and apply the agency's statuses; errors stay on the records."""
        unsent = self.env["receivable.collection.case"].search([
            ("agency_id", "=", agency.id), ("sent_date", "=", False), ("state", "=", "not_started"),
        ])
        if cases is not None:
            unsent &= cases
        if unsent:
            self._send_cases(agency, unsent)
        self._fetch_status(agency)
        pending = self.env["receivable.collection.exchange"].search(
            [("agency_id", "=", agency.id), ("direction", "=", "in"), ("state", "in", ("draft", "failed"))],
            order="id",
        )
        for exchange in pending.filtered("data"):
            exchange._process_one()
        # sudo: the sync stamps its time on the agency, which invoicing users may read but not edit.
        agency.sudo().last_sync = fields.Datetime.now()
        return True

    @api.model
    def _batch_header(self, agency):
        company = agency.company_id
        return {
            "reference": self.env["ir.sequence"].next_by_code("receivable.collection.exchange") or "/",
            "created": fields.Datetime.to_string(fields.Datetime.now()),
            "creditor": {
                "name": company.name,
                "number": agency.code or "",
                "vat": company.vat or "",
                "email": company.dunning_contact_email or company.email or "",
                "phone": company.dunning_contact_phone or company.phone or "",
            },
        }

    @api.model
    def _claims(self, agency, cases):
        """(batch header, case dicts) of the exchange format, documents collected first."""
        cases._collect_documents()
        return self._batch_header(agency), cases._claims_payload()

    @api.model
    def _claims_xml(self, agency, cases):
        header, payload = self._claims(agency, cases)
        return header, exchange_format.claims_xml(header, payload)
