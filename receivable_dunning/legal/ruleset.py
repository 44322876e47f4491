"""Legal packs and dated rule rows, with the one lookup every calculation goes through."""

import functools
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from . import shipped
from .constants import (
    ANY,
    B2B,
    CONSUMER,
    DAY_COUNTS,
    FALLBACK_PACK,
    LETTER_KINDS,
    RULE_TYPES,
    SCOPES,
)
from .daycount import ONE_DAY
from .money import ZERO, to_decimal


class LegalDataMissing(ValueError):
    """No rule row covers the case: better to stop than to charge an invented amount."""


@dataclass(frozen=True)
class Pack:
    """The rules of one jurisdiction; EU is the fallback for countries without a pack."""

    code: str
    country_code: str | None
    currency_code: str
    day_count: str


@dataclass(frozen=True)
class Rule:
    """One dated rule row; empty kinds means every letter kind."""

    pack_code: str
    rule: str
    kinds: frozenset
    scope: str
    date_from: date
    date_to: date | None
    value: Decimal
    threshold: Decimal = ZERO
    currency_code: str | None = None
    unverified: bool = False
    source: str = ""
    note: str = ""
    xmlid: str = ""

    def covers(self, kind):
        return not self.kinds or kind in self.kinds

    def in_effect(self, on):
        return self.date_from <= on and (self.date_to is None or on <= self.date_to)

    def applies_to(self, principal):
        """A tier with threshold T applies when principal > T; T = 0 applies to any principal."""
        return self.threshold == 0 or (principal is not None and principal > self.threshold)


def _date(value, *, required=False):
    if value in (None, "", False):
        if required:
            raise ValueError("date_from is required")
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value).strip())


def _kinds(value):
    if isinstance(value, str):
        value = value.split(",")
    kinds = frozenset(k.strip() for k in (value or ()) if k and k.strip())
    unknown = kinds - set(LETTER_KINDS)
    if unknown:
        raise ValueError(f"Unknown letter kinds {sorted(unknown)}")
    return kinds


def _bool(value):
    return value is True or str(value).strip().lower() in ("true", "1", "yes")


def _pack(row):
    if row["day_count"] not in DAY_COUNTS:
        raise ValueError(f"Unknown day count {row['day_count']!r} for pack {row['code']}")
    country = row.get("country_code")
    return Pack(row["code"].upper(), country.upper() if country else None,
                row["currency_code"], row["day_count"])


def _rule(row):
    if row["rule"] not in RULE_TYPES or (row.get("scope") or ANY) not in SCOPES:
        raise ValueError(f"Unknown rule or scope in row {row!r}")
    threshold = row.get("threshold")
    return Rule(
        pack_code=row["pack_code"].upper(), rule=row["rule"],
        kinds=_kinds(row.get("letter_kinds")), scope=row.get("scope") or ANY,
        date_from=_date(row["date_from"], required=True), date_to=_date(row.get("date_to")),
        value=to_decimal(row["value"], name="value"),
        threshold=to_decimal(threshold, name="threshold") if threshold not in (None, "", False) else ZERO,
        currency_code=row.get("currency_code") or None, unverified=_bool(row.get("unverified")),
        source=row.get("source") or "", note=row.get("note") or "", xmlid=row.get("xmlid") or "",
    )


@functools.cache
def _shipped():
    return RuleSet.from_rows(*shipped.load())


class RuleSet:
    """Immutable, indexed rule data; pass one as `rates=` to override the shipped data."""

    def __init__(self, packs, rules):
        self.packs = {pack.code: pack for pack in packs}
        self._by_country = {p.country_code: p for p in self.packs.values() if p.country_code}
        self.rules = tuple(rules)
        index = defaultdict(list)
        for rule in self.rules:
            if rule.pack_code not in self.packs:
                raise ValueError(f"Rule row for unknown pack {rule.pack_code!r}")
            index[rule.pack_code, rule.rule].append(rule)
        self._index = {key: tuple(rows) for key, rows in index.items()}
        # Results derived from these rows only (e.g. interest factors), kept as long as the rule set.
        self.memo = {}

    @classmethod
    def shipped(cls):
        """The rule set in ../data/*.csv, read once per process."""
        return _shipped()

    @classmethod
    def from_rows(cls, packs, rules):
        """Build from plain dicts (CSV rows or values read from the Odoo models)."""
        return cls([_pack(row) for row in packs], [_rule(row) for row in rules])

    def pack_for(self, country):
        """Pack by ISO country code or pack code, case-insensitive; anything else gets EU."""
        key = (country or "").strip().upper()
        pack = self._by_country.get(key) or self.packs.get(key) or self.packs.get(FALLBACK_PACK)
        if pack is None:
            raise LegalDataMissing(f"No legal pack for country {country!r} and no {FALLBACK_PACK} pack")
        return pack

    def _scoped(self, pack, rule, b2b, kind):
        rows = self._index.get((pack.code, rule), ())
        if kind is not None:
            rows = [row for row in rows if row.covers(kind)]
        if b2b is None:
            return list(rows)
        specific = [row for row in rows if row.scope == (B2B if b2b else CONSUMER)]
        return specific or [row for row in rows if row.scope == ANY]

    def has(self, pack, rule, *, b2b=None, kind=None):
        """Whether any row (of any date) exists for this rule after scope resolution."""
        return bool(self._scoped(pack, rule, b2b, kind))

    def select(self, pack, rule, on, *, b2b=None, kind=None):
        """Rows in effect on `on`: the latest date_from per group of kinds (tiers kept together).

        b2b=None ignores scopes; otherwise the specific scope wins over `any`.
        Memoised: a dunning run asks the same few questions for every invoice.
        """
        memo_key = ("select", pack.code, rule, on, b2b, kind)
        if memo_key not in self.memo:
            live = [row for row in self._scoped(pack, rule, b2b, kind) if row.in_effect(on)]
            latest = {}
            for row in live:
                key = (row.kinds, row.scope)
                latest[key] = max(latest.get(key, row.date_from), row.date_from)
            self.memo[memo_key] = tuple(row for row in live if row.date_from == latest[row.kinds, row.scope])
        return self.memo[memo_key]

    def change_dates(self, pack, rules=RULE_TYPES):
        """Every day on which one of these rules of the pack starts or stops applying."""
        dates = set()
        for rule in rules:
            for row in self._index.get((pack.code, rule), ()):
                dates.add(row.date_from)
                if row.date_to is not None and row.date_to < date.max:
                    dates.add(row.date_to + ONE_DAY)
        return tuple(sorted(dates))


def resolve(rates):
    """The rule set to use: the caller's, or the shipped one."""
    if rates is None:
        return RuleSet.shipped()
    if not isinstance(rates, RuleSet):
        raise TypeError(f"rates must be a RuleSet, got {type(rates).__name__}")
    return rates
