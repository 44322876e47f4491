import base64
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import exchange_format

_logger = logging.getLogger(__name__)


class ReceivableCollectionExchange(models.Model):
    """A document exchanged with an agency: a batch of claims out, or a status report in.

    Every status report is kept, applied in one go or not at all; a failed one
    keeps its error and is tried again at the next sync, so nothing is lost.
    """

    _name = "receivable.collection.exchange"
    _inherit = ["mail.thread"]
    _description = "Collection exchange file"
    _order = "create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    agency_id = fields.Many2one("receivable.collection.agency", required=True, index=True, check_company=True)
    company_id = fields.Many2one(related="agency_id.company_id", store=True, index=True)
    direction = fields.Selection(
        [("out", "Claims to the agency"), ("in", "Status from the agency")], required=True, default="in",
    )
    file_format = fields.Selection([("xml", "XML"), ("json", "JSON")], required=True, default="xml")
    data = fields.Binary(string="File", attachment=True, copy=False)
    filename = fields.Char()
    state = fields.Selection(
        [("draft", "To process"), ("done", "Processed"), ("failed", "Failed"), ("sent", "Sent")],
        default="draft", required=True, readonly=True, tracking=True, index=True,
    )
    error = fields.Text(readonly=True)
    attempts = fields.Integer(readonly=True)
    date_processed = fields.Datetime(string="Processed on", readonly=True)
    case_ids = fields.Many2many(
        "receivable.collection.case", "receivable_collection_exchange_case_rel", "exchange_id", "case_id",
        string="Cases", readonly=True,
    )
    event_ids = fields.One2many("receivable.collection.event", "exchange_id", string="Events", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("receivable.collection.exchange") or "/"
        return super().create(vals_list)

    @api.onchange("filename")
    def _onchange_filename(self):
        if self.filename and self.filename.lower().endswith(".json"):
            self.file_format = "json"
        elif self.filename:
            self.file_format = "xml"

    def action_process(self):
        """Apply the status reports; a failure is kept on the report and changes nothing."""
        if any(exchange.direction != "in" or exchange.state == "done" for exchange in self):
            raise UserError(self.env._("Only status files not yet processed can be processed."))
        for exchange in self:
            if not exchange.data:
                raise UserError(self.env._("Status %(name)s has no file.", name=exchange.name))
            exchange.with_company(exchange.company_id)._process_one()
        return True

    def _process_one(self):
        self.ensure_one()
        content = base64.b64decode(self.data)
        try:
            with self.env.cr.savepoint():
                statuses = self._parse(content)
                cases = self.env["receivable.collection.case"]._apply_statuses(self.agency_id, statuses, self)
                self.write({"state": "done", "error": False, "date_processed": fields.Datetime.now(),
                            "case_ids": [fields.Command.set(cases.ids)], "attempts": self.attempts + 1})
        except (UserError, ValidationError, exchange_format.ExchangeFormatError) as error:
            message = error.args[0] if error.args else str(error)
            self._note_failure(message)
        except Exception as error:  # any other failure is kept on the report and retried, never lost
            _logger.exception("Collection status %s of %s: unexpected error", self.name, self.agency_id.name)
            self._note_failure(self.env._("Unexpected error: %(error)s", error=error))
        return self.state == "done"

    def _note_failure(self, message):
        self.write({"state": "failed", "error": str(message), "attempts": self.attempts + 1})
        self._message_log(body=self.env._("Not applied, nothing changed: %(error)s", error=str(message)))
        _logger.info("Collection status %s of %s not applied: %s", self.name, self.agency_id.name, message)

    def _parse(self, content):
        if self.file_format == "json":
            return exchange_format.parse_status_json(content)
        return exchange_format.parse_status_xml(content)

    def action_reset(self):
        """Try a failed report again at the next sync (after the agency or the cases were fixed)."""
        self.filtered(lambda exchange: exchange.state == "failed").write({"state": "draft"})
        return True
