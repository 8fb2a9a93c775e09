"""Money: a `Decimal` amount with its ISO 4217 currency, stored exactly.

An amount is kept in the database as a whole number of hundredths (`Amount`), so that
SQLite, which has no exact decimal type, sums it as exactly as PostgreSQL does, and no
float ever touches it. The currency is a column of its own beside it, a three-letter
ISO 4217 code (`currency_validator` for forms). `amount_node` is every form's field of
an amount or a rate. `convert` turns an amount into another
currency at a recorded rate, rounded half up to the øre, as an accountant would.
"""

from __future__ import annotations

import decimal
import re
from decimal import Decimal

import colander
import deform
from babel.numbers import format_currency, list_currencies
from sqlalchemy import BigInteger
from sqlalchemy.types import TypeDecorator

from norec_core.agency import site
from norec_core.i18n import _

CENT = Decimal("0.01")
CURRENCIES = frozenset(list_currencies())


class Amount(TypeDecorator):
    """A column type for money amounts: `Decimal` in Python, a whole number of hundredths
    in the database. `Amount(scale=6)` keeps six decimals instead, for exchange rates."""

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int = 2):
        super().__init__()
        self.scale = scale
        self._unit = Decimal(10) ** scale
        self._quantum = Decimal(1).scaleb(-scale)

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("money is Decimal, never float")
        exact = Decimal(value) * self._unit
        if exact != exact.to_integral_value():
            raise ValueError(f"{value} has more than {self.scale} decimals")
        return int(exact)

    def process_result_value(self, value, dialect):
        return None if value is None else (Decimal(value) / self._unit).quantize(self._quantum)


def convert(amount: Decimal, rate: Decimal) -> Decimal:
    """`amount` times `rate` (units of the target currency for one unit of the amount's),
    rounded half up to two decimals."""
    return (Decimal(amount) * Decimal(rate)).quantize(CENT, rounding=decimal.ROUND_HALF_UP)


# CLDR's currency spacing, which Babel does not apply: a currency written with letters
# ("NOK" in English) is set apart from the figures, "NOK 12,500.00", not "NOK12,500.00".
_LETTERS_BEFORE_FIGURES = re.compile(r"^(-?[^\W\d_]+)(?=\d)")


def format_money(amount: Decimal | None, currency: str, locale: str) -> str:
    """An amount as the reader's language writes it: "12 500,00 kr" in Norwegian,
    "NOK 12,500.00" in English."""
    if amount is None:
        return ""
    written = format_currency(amount, currency, locale=locale)
    return _LETTERS_BEFORE_FIGURES.sub("\\1\u00a0", written)


def site_currency() -> str:
    """The site's currency (`norec.currency`, NOK by default): what budgets, rates and
    amounts are in unless a record says otherwise. A column's default may be this."""
    return site().currency


@colander.deferred
def SITE_CURRENCY(node, kw) -> str:
    """A currency field's default: the site's currency, known once the form is bound."""
    return site(kw["request"].registry).currency


def currency_validator(node, value) -> None:
    """A colander validator: `value` is an ISO 4217 code."""
    if value not in CURRENCIES:
        raise colander.Invalid(
            node,
            _(
                "${code} is not an ISO 4217 currency code (such as NOK, EUR or INR).",
                mapping={"code": value},
            ),
        )


NOT_AN_AMOUNT = _("Write an amount in figures, such as 1250.50 or 1 250,50.")
# Spaces a number may be grouped with: typed, or pasted from a spreadsheet in Norwegian.
_GROUPING = str.maketrans("", "", " \u00a0\u202f'")


class AmountType(colander.Decimal):
    """colander's Decimal for money and rates: "1 250,50" as typed in Norwegian, and
    "1250.50"; never NaN or infinity ("NaN" is a Decimal, and any comparison of it, as a
    range check makes, raised an error), nor an exponent beyond any amount."""

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None, ""):
            return colander.null
        text = str(cstruct).strip().translate(_GROUPING)
        if "," in text and "." not in text and text.count(",") == 1:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except decimal.InvalidOperation:
            raise colander.Invalid(node, NOT_AN_AMOUNT) from None
        if not number.is_finite() or abs(number.adjusted()) > 15:
            raise colander.Invalid(node, NOT_AN_AMOUNT)
        return super().deserialize(node, str(number))


def amount_node(
    title, *, places: int = 2, minimum=0, maximum=10**12, min_err=None, **kw
) -> colander.SchemaNode:
    """A form field of an amount of money (or a rate, with `places=6`): a Decimal rounded
    half up to `places` decimals, between `minimum` and `maximum` (the default bound fits
    the `Amount` column, hundredths in a 64-bit integer), typed on a decimal keyboard."""
    quant = str(Decimal(1).scaleb(-places))
    kw.setdefault("widget", deform.widget.TextInputWidget(attributes={"inputmode": "decimal"}))
    return colander.SchemaNode(
        AmountType(quant=quant, rounding=decimal.ROUND_HALF_UP),
        title=title,
        validator=colander.Range(
            min=Decimal(minimum),
            max=Decimal(maximum),
            min_err=min_err or _("At least ${min}."),
            max_err=_("At most ${max}."),
        ),
        **kw,
    )
