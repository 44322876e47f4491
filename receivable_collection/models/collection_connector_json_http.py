import base64
import json
import logging

import requests

from odoo import api, fields, models

from .. import exchange_format

_logger = logging.getLogger(__name__)


class ReceivableCollectionConnectorJsonHttp(models.AbstractModel):
    """JSON over HTTP: claims are POSTed to ``<api>/claims``, statuses fetched from ``<api>/status``.

    The bodies are the exchange format's JSON (README.rst). An HTTP error, a timeout or an
    unreadable answer leaves the cases unsent (or the statuses unfetched) with the error
    on them, and the next sync tries again.
    """

    _name = "receivable.collection.connector.json_http"
    _inherit = "receivable.collection.connector"
    _description = "Collection connector: JSON over HTTP"

    @api.model
    def _send_cases(self, agency, cases):
        header, payload = self._claims(agency, cases)
        body = exchange_format.claims_document(header, payload)
        try:
            answer = self._request(agency, "POST", "claims", body)
            references = {
                str(item["reference"]): str(item.get("agency_reference") or "")
                for item in answer.get("cases", [])
            }
        except (requests.RequestException, ValueError, KeyError, TypeError, AttributeError) as error:
            message = self._error_message(agency, error)
            cases.write({"sync_error": message})
            for case in cases:
                case._message_log(body=message)
            _logger.info("Collection: cases %s not sent to %s: %s", cases.mapped("name"), agency.name, message)
            return False
        cases._mark_sent(references=references)
        return True

    @api.model
    def _fetch_status(self, agency):
        try:
            answer = self._request(agency, "GET", "status", params={"creditor": agency.code or ""})
        except (requests.RequestException, ValueError) as error:
            # sudo: the sync notes its error on the agency, which invoicing users may not edit.
            agency.sudo().sync_error = self._error_message(agency, error)
            return self.env["receivable.collection.exchange"]
        agency.sudo().sync_error = False  # same
        if not answer.get("cases"):
            return self.env["receivable.collection.exchange"]
        content = json.dumps(answer, ensure_ascii=False)
        now = fields.Datetime.now()
        return self.env["receivable.collection.exchange"].create({
            "agency_id": agency.id,
            "direction": "in",
            "file_format": "json",
            "data": base64.b64encode(content.encode()),
            "filename": f"status-{fields.Datetime.to_string(now).replace(' ', 'T')}.json",
        })

    @api.model
    def _request(self, agency, method, path, body=None, params=None):
        """One call to the agency's API; returns the decoded JSON object, raises on any failure."""
        url = f"{agency.api_url.rstrip('/')}/{path}"
        # sudo: the token is hidden from invoicing users but the calls they trigger need it.
        token = agency.sudo().api_token
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        response = requests.request(
            method, url, json=body, params=params, headers=headers, timeout=agency.api_timeout,
        )
        response.raise_for_status()
        answer = response.json()
        if not isinstance(answer, dict):
            raise ValueError(self.env._("the answer is not a JSON object"))
        return answer

    @api.model
    def _error_message(self, agency, error):
        if isinstance(error, requests.Timeout):
            reason = self.env._("no answer within %(seconds)s seconds", seconds=agency.api_timeout)
        elif isinstance(error, requests.HTTPError) and error.response is not None:
            reason = self.env._("HTTP error %(code)s", code=error.response.status_code)
        elif isinstance(error, requests.ConnectionError):
            reason = self.env._("the agency's API could not be reached")
        else:
            reason = str(error)
        return self.env._("Exchange with %(agency)s failed (%(reason)s); it will be tried again at the next sync.",
                          agency=agency.name, reason=reason)
