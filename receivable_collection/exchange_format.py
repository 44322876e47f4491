"""The claim and status exchange formats, without the ORM.

Claims go out as one XML document per batch (``<collection-claims>``) or as the same
structure in JSON; agencies answer with status documents (``<collection-status>`` or
JSON) that are parsed and fully validated here into `CaseStatus` tuples before
anything is applied. README.rst documents both formats with examples.
"""

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

import xmltodict

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

FORMAT_VERSION = "1.0"
CASE_STATUSES = ("received", "active", "closed")
CLOSE_REASONS = ("paid", "partly_paid", "written_off", "returned")
PHASES = ("voluntary", "legal", "after_collection")
EVENT_KINDS = ("payment", "cost", "commission", "note")
MONEY_EVENTS = ("payment", "cost", "commission")


class ExchangeFormatError(ValueError):
    """A status document that cannot be applied; the message names the faulty element."""


@dataclass(frozen=True)
class StatusEvent:
    """One thing the agency reports on a case: a payment, a cost, its commission or a note."""

    external_id: str
    day: date
    kind: str
    amount: Decimal | None = None
    currency: str | None = None
    message: str = ""


@dataclass(frozen=True)
class CaseStatus:
    """Where one case stands at the agency, with the events it reports."""

    reference: str
    status: str
    agency_reference: str = ""
    phase: str = ""
    close_reason: str = ""
    events: tuple[StatusEvent, ...] = field(default_factory=tuple)


# -----------------------------------------------------------------------------
# CLAIMS OUT
# -----------------------------------------------------------------------------


def claims_document(batch, cases):
    """The batch as a plain dict: the JSON body, and the XML tree under ``collection-claims``.

    `batch`: {"reference", "created", "creditor": {...}}; `cases`: [{"reference", "currency",
    "debtor": {...}, "claims": [{...}], "documents": [{"filename", "mimetype", "content"}]}].
    Amounts are Decimals or strings with two decimals.
    """
    return {
        "version": FORMAT_VERSION,
        "batch": {
            "reference": batch["reference"],
            "created": batch["created"],
            "creditor": batch["creditor"],
        },
        "cases": [
            {
                "reference": case["reference"],
                "currency": case["currency"],
                "debtor": case["debtor"],
                "claims": [_money_strings(claim) for claim in case["claims"]],
                "documents": case.get("documents", []),
            }
            for case in cases
        ],
    }


def claims_xml(batch, cases):
    """The batch as the ``<collection-claims>`` XML document (UTF-8 text)."""
    document = claims_document(batch, cases)
    tree = {
        "collection-claims": {
            "@version": document["version"],
            "batch": _dashed(document["batch"]),
            "case": [
                {
                    "reference": case["reference"],
                    "currency": case["currency"],
                    "debtor": {"@type": case["debtor"].get("type", "person"),
                               **_dashed({k: v for k, v in case["debtor"].items() if k != "type"})},
                    "claim": [_dashed(claim) for claim in case["claims"]],
                    "document": [
                        {"@filename": doc["filename"], "@mimetype": doc["mimetype"], "#text": doc["content"]}
                        for doc in case["documents"]
                    ],
                }
                for case in document["cases"]
            ],
        }
    }
    return xmltodict.unparse(tree, pretty=True, encoding="utf-8")


def claims_json(batch, cases):
    return json.dumps(claims_document(batch, cases), ensure_ascii=False)


def _money_strings(claim):
    return {key: (f"{value:.2f}" if isinstance(value, Decimal) else value) for key, value in claim.items()}


def _dashed(values):
    """{"invoice_date": ...} -> {"invoice-date": ...}; empty values are left out."""
    return {key.replace("_", "-"): value for key, value in values.items() if value not in (None, "", False)}


# -----------------------------------------------------------------------------
# STATUS IN
# -----------------------------------------------------------------------------


def parse_status_xml(content):
    """[CaseStatus] from a ``<collection-status>`` document (bytes or text)."""
    try:
        tree = xmltodict.parse(
            content, force_list=("case", "event"), disable_entities=True,
        )
    except Exception as error:  # expat raises several types; all mean "not XML"
        raise ExchangeFormatError(_lt("The status file is not readable XML: %(error)s", error=error)) from error
    root = tree.get("collection-status") if isinstance(tree, dict) else None
    if not isinstance(root, dict):
        raise ExchangeFormatError(_lt("The status file has no <collection-status> root element."))
    cases = [_undashed(case) for case in root.get("case") or []]
    for case in cases:
        case["events"] = [_undashed(event) for event in case.pop("event", None) or []]
    return _parse_cases(cases, "collection-status/case")


def parse_status_json(content):
    """[CaseStatus] from a JSON status document ({"cases": [...]}), bytes, text or already decoded."""
    if isinstance(content, (bytes, str)):
        try:
            content = json.loads(content)
        except ValueError as error:
            raise ExchangeFormatError(_lt("The status is not readable JSON: %(error)s", error=error)) from error
    if not isinstance(content, dict) or not isinstance(content.get("cases", []), list):
        raise ExchangeFormatError(_lt("The status has no list of \"cases\"."))
    return _parse_cases(content.get("cases", []), "cases")


def _undashed(values):
    if not isinstance(values, dict):
        return values
    return {key.replace("-", "_"): value for key, value in values.items()}


def _parse_cases(cases, path):
    parsed = []
    seen = set()
    for index, case in enumerate(cases, start=1):
        where = f"{path}[{index}]"
        if not isinstance(case, dict):
            raise ExchangeFormatError(_lt("%(where)s is not a case element.", where=where))
        reference = _text(case.get("reference"))
        if not reference:
            raise ExchangeFormatError(_lt("%(where)s has no reference.", where=where))
        where = f"{where} ({reference})"
        if reference in seen:
            raise ExchangeFormatError(_lt("%(where)s appears twice in the same status.", where=where))
        seen.add(reference)
        status = _choice(case.get("status"), CASE_STATUSES, where, "status")
        phase = _choice(case.get("phase"), PHASES, where, "phase", required=False)
        close_reason = _choice(case.get("close_reason"), CLOSE_REASONS, where, "close-reason", required=False)
        if status == "closed" and not close_reason:
            raise ExchangeFormatError(_lt("%(where)s is closed without a close-reason.", where=where))
        events = case.get("events") or []
        if not isinstance(events, list):
            raise ExchangeFormatError(_lt("%(where)s: the events are not a list.", where=where))
        parsed.append(CaseStatus(
            reference=reference,
            status=status,
            agency_reference=_text(case.get("agency_reference")),
            phase=phase,
            close_reason=close_reason if status == "closed" else "",
            events=tuple(_parse_event(event, f"{where}/event[{i}]") for i, event in enumerate(events, start=1)),
        ))
    return parsed


def _parse_event(event, where):
    if not isinstance(event, dict):
        raise ExchangeFormatError(_lt("%(where)s is not an event element.", where=where))
    external_id = _text(event.get("id"))
    if not external_id:
        raise ExchangeFormatError(_lt("%(where)s has no id.", where=where))
    kind = _choice(event.get("kind"), EVENT_KINDS, where, "kind")
    try:
        day = date.fromisoformat(_text(event.get("date")))
    except ValueError as error:
        raise ExchangeFormatError(_lt("%(where)s: the date %(value)r is not a date (YYYY-MM-DD).",
                                      where=where, value=event.get("date"))) from error
    amount = None
    currency = _text(event.get("currency")).upper() or None
    if kind in MONEY_EVENTS:
        raw = _text(event.get("amount"))
        try:
            amount = Decimal(raw)
        except InvalidOperation as error:
            raise ExchangeFormatError(_lt("%(where)s: the amount %(value)r is not a number.",
                                          where=where, value=raw)) from error
        if not amount.is_finite() or amount <= 0:
            raise ExchangeFormatError(_lt("%(where)s: the amount must be positive, not %(value)s.",
                                          where=where, value=raw))
    return StatusEvent(external_id, day, kind, amount, currency, _text(event.get("message")))


def _choice(value, allowed, where, name, required=True):
    value = _text(value)
    if not value and not required:
        return ""
    if value not in allowed:
        raise ExchangeFormatError(_lt("%(where)s: unknown %(name)s %(value)r (expected one of %(allowed)s).",
                                      where=where, name=name, value=value, allowed=", ".join(allowed)))
    return value


def _text(value):
    """The text of a leaf element or JSON value ("" for nothing); numbers become text."""
    if value is None:
        return ""
    if isinstance(value, dict):
        value = value.get("#text", "")
    if isinstance(value, float):
        return repr(value)
    return str(value).strip()
