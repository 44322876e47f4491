import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from odoo.tests import tagged
from odoo.tests.common import BlockedRequest, _super_send

from .common import CollectionCommon


class AgencyHandler(BaseHTTPRequestHandler):
    """A collection agency's API: POST /api/claims, GET /api/status, with failures on demand."""

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(("POST", self.path, self.headers.get("Authorization"), body))
        if self._fail():
            return
        self._answer(200, {"cases": [
            {"reference": case["reference"], "agency_reference": f"AG-{i}"}
            for i, case in enumerate(body["cases"], start=1)
        ]})

    def do_GET(self):
        self.server.requests.append(("GET", self.path, self.headers.get("Authorization"), None))
        if self._fail():
            return
        self._answer(200, self.server.status)

    def _fail(self):
        mode = self.server.mode
        if mode == "slow":
            time.sleep(self.server.delay)
        if mode == "error":
            self._answer(503, {"error": "maintenance"})
            return True
        if mode == "garbage":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"<html>not json</html>")
            return True
        return False

    def _answer(self, code, payload):
        data = json.dumps(payload).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):  # keep the test output quiet
        pass


@tagged("post_install", "-at_install")
class TestCollectionHttp(CollectionCommon):
    """The JSON-over-HTTP connector against a real HTTP server on 127.0.0.1."""

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        # Odoo's test guard lifts every timeout to 10 s; the timeout test needs the agency's own.
        if urlsplit(r.url).hostname == "127.0.0.1":
            return _super_send(s, r, **kw)
        raise BlockedRequest(f"External requests verboten (was {r.method} {r.url})")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), AgencyHandler)
        cls.server.daemon_threads = True
        thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        thread.start()
        cls.addClassCleanup(thread.join, 5)
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)
        cls.agency.write({
            "exchange_method": "json_http",
            "api_url": f"http://127.0.0.1:{cls.server.server_address[1]}/api/",
            "api_token": "s3cret",
            "api_timeout": 1,
        })

    def setUp(self):
        super().setUp()
        self.server.mode = "ok"
        self.server.delay = 0
        self.server.requests = []
        self.server.status = {"cases": []}

    def test_claims_posted_and_status_fetched(self):
        invoice = self.walk_to_collection()
        case = self.transfer(invoice, "2025-04-29")
        [(method, path, auth, body)] = self.server.requests
        self.assertEqual((method, path, auth), ("POST", "/api/claims", "Bearer s3cret"))
        self.assertEqual(body["batch"]["creditor"]["number"], "C-1001")
        [sent] = body["cases"]
        self.assertEqual(sent["reference"], case.name)
        self.assertEqual(sent["debtor"]["name"], "Kari Hansen")
        self.assertEqual(sent["claims"][0]["principal"], "5000.00")
        self.assertEqual(len(sent["documents"]), 7)
        self.assertRecordValues(case, [{"agency_reference": "AG-1", "sync_error": False, "state": "not_started"}])
        self.assertTrue(case.sent_date)

        self.server.status = {"cases": [{
            "reference": case.name, "status": "active", "phase": "voluntary",
            "events": [{"id": "H1", "date": "2025-05-15", "kind": "payment", "amount": 1175.0, "currency": "NOK"}],
        }]}
        with self.on("2025-05-16"):
            case.action_sync_now()
        self.assertEqual(self.server.requests[-1][:2], ("GET", "/api/status?creditor=C-1001"))
        self.assertRecordValues(case, [{"state": "active", "amount_paid": 1175.0, "amount_open": 4000.0}])
        self.assertEqual(case.event_ids.filtered(lambda event: event.kind == "payment").exchange_id.file_format,
                         "json")
        # The API answers the same statuses at the next sync: applied once.
        with self.on("2025-05-17"):
            self.env["receivable.collection.case"]._cron_sync(commit=False)
        self.assertEqual(case.amount_paid, 1175.0)

    def test_http_error_keeps_the_case_unsent_and_retries(self):
        invoice = self.walk_to_collection()
        self.server.mode = "error"
        case = self.transfer(invoice, "2025-04-29")
        self.assertTrue(invoice.dunning_in_collection, "the hand-over itself is done in Odoo")
        self.assertFalse(case.sent_date)
        self.assertIn("HTTP error 503", case.sync_error)
        self.assertIn("tried again", case.sync_error)

        self.server.mode = "ok"
        with self.on("2025-04-30"):
            self.env["receivable.collection.case"]._cron_sync(commit=False)
        self.assertRecordValues(case, [{"sync_error": False, "agency_reference": "AG-1"}])
        self.assertTrue(case.sent_date)
        self.assertEqual([request[0] for request in self.server.requests], ["POST", "POST", "GET"])

    def test_unreadable_answer_is_an_error(self):
        invoice = self.walk_to_collection()
        self.server.mode = "garbage"
        case = self.transfer(invoice, "2025-04-29")
        self.assertFalse(case.sent_date)
        self.assertIn("failed", case.sync_error)

    def test_status_timeout_and_error_change_nothing(self):
        invoice = self.walk_to_collection()
        case = self.transfer(invoice, "2025-04-29")
        self.server.status = {"cases": [{
            "reference": case.name, "status": "active",
            "events": [{"id": "H1", "date": "2025-05-15", "kind": "payment", "amount": "100"}],
        }]}
        before = self.case_snapshot(case)
        self.server.mode, self.server.delay = "slow", 2
        with self.on("2025-05-16"):
            case.action_sync_now()
        self.assertIn("no answer within 1 seconds", self.agency.sync_error)
        self.assertEqual(self.case_snapshot(case), before)
        self.assertFalse(self.env["receivable.collection.exchange"].search(
            [("agency_id", "=", self.agency.id), ("direction", "=", "in")]))

        self.server.mode = "error"
        with self.on("2025-05-16"):
            self.agency.action_sync_now()
        self.assertIn("HTTP error 503", self.agency.sync_error)
        self.assertEqual(self.case_snapshot(case), before)

        self.server.mode = "ok"
        with self.on("2025-05-17"):
            self.agency.action_sync_now()
        self.assertFalse(self.agency.sync_error)
        self.assertEqual(case.amount_paid, 100.0)

    def test_unknown_case_in_the_api_status_is_kept_as_failed(self):
        invoice = self.walk_to_collection()
        case = self.transfer(invoice, "2025-04-29")
        self.server.status = {"cases": [
            {"reference": case.name, "status": "active",
             "events": [{"id": "H1", "date": "2025-05-15", "kind": "payment", "amount": 100}]},
            {"reference": "COLL/2025/99999", "status": "active"},
        ]}
        before = self.case_snapshot(case)
        with self.on("2025-05-16"):
            case.action_sync_now()
        exchange = self.env["receivable.collection.exchange"].search(
            [("agency_id", "=", self.agency.id), ("direction", "=", "in")])
        self.assertRecordValues(exchange, [{"state": "failed", "file_format": "json"}])
        self.assertIn("COLL/2025/99999", exchange.error)
        self.assertEqual(self.case_snapshot(case), before)
