"""The collection exchange formats (receivable_collection/exchange_format.py), without a database."""

from datetime import date
from decimal import Decimal

import pytest
import xmltodict
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.receivable_collection import exchange_format as fmt

BATCH = {"reference": "COLLX/2025/00001", "created": "2025-04-29 12:00:00",
         "creditor": {"name": "Nordvik AS", "number": "C-1001", "vat": "NO999999999MVA"}}
CASE = {
    "reference": "COLL/2025/00001", "currency": "NOK",
    "debtor": {"type": "company", "name": "Berg Bygg AS", "zip": "7080", "city": "Heimdal", "email": ""},
    "claims": [{"invoice": "INV/2025/00001", "due_date": "2025-03-01", "principal": Decimal("5000.00"),
                "fees": Decimal("175.00"), "interest": Decimal("61.64")}],
    "documents": [{"filename": "INV-2025-00001.pdf", "mimetype": "application/pdf", "content": "JVBERi0="}],
}


def status(*cases):
    body = "".join(f"<case>{case}</case>" for case in cases)
    return f"<collection-status version='1.0'>{body}</collection-status>"


def test_claims_xml_is_the_documented_structure():
    root = xmltodict.parse(fmt.claims_xml(BATCH, [CASE]))["collection-claims"]
    assert root["@version"] == "1.0"
    assert root["batch"]["creditor"]["number"] == "C-1001"
    case = root["case"]
    assert case["debtor"]["@type"] == "company"
    assert "email" not in case["debtor"], "empty values are left out"
    assert case["claim"]["due-date"] == "2025-03-01"
    assert case["claim"]["principal"] == "5000.00"
    assert case["document"]["@filename"] == "INV-2025-00001.pdf"
    assert case["document"]["#text"] == "JVBERi0="


def test_claims_json_has_the_same_content():
    import json

    document = json.loads(fmt.claims_json(BATCH, [CASE]))
    assert document["cases"][0]["claims"][0]["interest"] == "61.64"
    assert document["batch"]["reference"] == "COLLX/2025/00001"


def test_status_xml_with_events():
    [case] = fmt.parse_status_xml(status(
        "<reference>COLL/2025/00001</reference><agency-reference>K-1</agency-reference><status>closed</status>"
        "<phase>after_collection</phase><close-reason>paid</close-reason>"
        "<event><id>E1</id><date>2025-06-20</date><kind>payment</kind><amount>3175.50</amount>"
        "<currency>nok</currency></event>"
        "<event><id>E2</id><date>2025-06-21</date><kind>note</kind><message>Done</message></event>"
    ))
    assert case == fmt.CaseStatus(
        reference="COLL/2025/00001", status="closed", agency_reference="K-1", phase="after_collection",
        close_reason="paid", events=(
            fmt.StatusEvent("E1", date(2025, 6, 20), "payment", Decimal("3175.50"), "NOK", ""),
            fmt.StatusEvent("E2", date(2025, 6, 21), "note", None, None, "Done"),
        ),
    )


def test_status_json_matches_xml():
    xml = fmt.parse_status_xml(status(
        "<reference>C1</reference><status>active</status>"
        "<event><id>E1</id><date>2025-05-01</date><kind>cost</kind><amount>150</amount></event>"))
    json_ = fmt.parse_status_json({"cases": [{"reference": "C1", "status": "active", "events": [
        {"id": "E1", "date": "2025-05-01", "kind": "cost", "amount": 150}]}]})
    assert xml == json_


@pytest.mark.parametrize(("content", "message"), [
    ("<collection-status><case>", "not readable XML"),
    ("<other/>", "no <collection-status> root"),
    (status("<status>active</status>"), "has no reference"),
    (status("<reference>C1</reference><status>done</status>"), "unknown status 'done'"),
    (status("<reference>C1</reference><status>closed</status>"), "without a close-reason"),
    (status("<reference>C1</reference><status>active</status>",
            "<reference>C1</reference><status>active</status>"), "appears twice"),
    (status("<reference>C1</reference><status>active</status><event><date>2025-05-01</date>"
            "<kind>note</kind></event>"), "has no id"),
    (status("<reference>C1</reference><status>active</status><event><id>E</id><date>2025-05-01</date>"
            "<kind>payment</kind><amount>ten</amount></event>"), "not a number"),
    (status("<reference>C1</reference><status>active</status><event><id>E</id><date>2025-05-01</date>"
            "<kind>payment</kind><amount>0</amount></event>"), "must be positive"),
    (status("<reference>C1</reference><status>active</status><event><id>E</id><date>2025-05-01</date>"
            "<kind>payment</kind><amount>NaN</amount></event>"), "must be positive"),
    (status("<reference>C1</reference><status>active</status><event><id>E</id><date>01.05.2025</date>"
            "<kind>payment</kind><amount>1</amount></event>"), "not a date"),
])
def test_bad_status_files_name_the_problem(content, message):
    with pytest.raises(fmt.ExchangeFormatError, match=message):
        fmt.parse_status_xml(content)


def test_entities_are_refused():
    billion_laughs = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                      '<collection-status><case><reference>&a;</reference></case></collection-status>')
    with pytest.raises(fmt.ExchangeFormatError):
        fmt.parse_status_xml(billion_laughs)


@pytest.mark.parametrize("content", ["[1, 2]", "{not json", '{"cases": {"reference": "C1"}}'])
def test_bad_json(content):
    with pytest.raises(fmt.ExchangeFormatError):
        fmt.parse_status_json(content)


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=2))
def test_any_positive_amount_reads_back_exactly(amount):
    [case] = fmt.parse_status_json({"cases": [{"reference": "C1", "status": "active", "events": [
        {"id": "E", "date": "2025-05-01", "kind": "payment", "amount": str(amount)}]}]})
    assert case.events[0].amount == amount
