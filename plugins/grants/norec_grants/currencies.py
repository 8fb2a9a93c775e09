"""Currencies a partner may budget in, named in the reader's language, and exchange rates
written out at the precision they are kept, so that a caseworker can check a converted
line by hand."""

from __future__ import annotations

import datetime
import functools
from decimal import Decimal

import colander
from babel.core import get_global
from babel.numbers import format_decimal, get_currency_name, get_territory_currencies

from norec_core import now
from norec_grants.i18n import _


@functools.cache
def _in_use(day: datetime.date) -> frozenset[str]:
    codes: set[str] = set()
    for territory in get_global("territory_currencies"):
        codes.update(get_territory_currencies(territory, day, day, tender=True))
    return frozenset(codes)


def current(day: datetime.date | None = None) -> frozenset[str]:
    """The ISO 4217 codes legal tender somewhere on `day` (CLDR's territory currencies):
    not the withdrawn ones (ADP, DEM), not funds or metals."""
    return _in_use(day or now().date())


def choices(locale: str) -> list[tuple[str, str]]:
    """(code, "name (code)") for every current currency, by name in the reader's language."""
    named = [(c, f"{get_currency_name(c, locale=locale)} ({c})") for c in current()]
    return sorted(named, key=lambda item: item[1].casefold())


def validator(node, value) -> None:
    """A colander validator: `value` is a currency in use today."""
    if value not in current():
        raise colander.Invalid(
            node,
            _(
                "${code} is not a currency in use today; choose one from the list.",
                mapping={"code": value},
            ),
        )


def exact(value: Decimal, locale: str) -> str:
    """A rate as the reader's language writes numbers, with every digit it is kept with
    (0,1264, not 0,126)."""
    return format_decimal(value, locale=locale, decimal_quantization=False)
