import base64

from odoo import api, fields, models


class ReceivableCollectionConnectorXmlFile(models.AbstractModel):
    """File exchange: each batch of claims becomes one XML file; status files are uploaded back.

    Sending cannot fail on the network, so the cases count as sent once their file exists;
    the accountant hands the file to the agency (upload, SFTP, e-mail) from the exchange record.
    """

    _name = "receivable.collection.connector.xml_file"
    _inherit = "receivable.collection.connector"
    _description = "Collection connector: XML files"

    @api.model
    def _send_cases(self, agency, cases):
        header, content = self._claims_xml(agency, cases)
        exchange = self.env["receivable.collection.exchange"].create({
            "name": header["reference"],
            "agency_id": agency.id,
            "direction": "out",
            "file_format": "xml",
            "state": "sent",
            "data": base64.b64encode(content.encode()),
            "filename": f"{header['reference'].replace('/', '-')}.xml",
            "date_processed": fields.Datetime.now(),
            "case_ids": [fields.Command.set(cases.ids)],
        })
        cases._mark_sent(exchange)
        return exchange
