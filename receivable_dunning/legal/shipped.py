"""Read the addon's Odoo CSV data files, so Odoo and the pure engine share one source of truth."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PACK_FILE = DATA_DIR / "receivable.legal.pack.csv"
RULE_FILE = DATA_DIR / "receivable.legal.rule.csv"


def _read(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _xmlid_tail(xmlid):
    """'base.NOK' -> 'NOK', 'receivable_dunning.legal_pack_no' -> 'legal_pack_no'."""
    return (xmlid or "").strip().rpartition(".")[2]


def pack_rows(path=PACK_FILE):
    """Pack rows as RuleSet.from_rows expects them, keyed by their xml id."""
    return {
        row["id"]: {
            "code": row["code"],
            "country_code": _xmlid_tail(row["country_id:id"]).upper() or None,
            "currency_code": _xmlid_tail(row["currency_id:id"]),
            "day_count": row["day_count"],
            "name": row["name"],
            "source": row["source"],
        }
        for row in _read(path)
    }


def rule_rows(packs_by_xmlid, path=RULE_FILE):
    """Rule rows as RuleSet.from_rows expects them; pack xml ids become pack codes."""
    return [
        {
            "xmlid": row["id"],
            "pack_code": packs_by_xmlid[_xmlid_tail(row["pack_id:id"])]["code"],
            "rule": row["rule"],
            "letter_kinds": row["letter_kinds"],
            "scope": row["scope"],
            "date_from": row["date_from"],
            "date_to": row["date_to"],
            "value": row["value"],
            "threshold": row["threshold"],
            "currency_code": _xmlid_tail(row["currency_id:id"]) or None,
            "unverified": row["unverified"],
            "source": row["source"],
            "note": row["note"],
        }
        for row in _read(path)
    ]


def load():
    """(packs, rules) from the shipped CSV files."""
    packs = pack_rows()
    return list(packs.values()), rule_rows(packs)
