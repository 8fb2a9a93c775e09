"""Money is Decimal with its currency, stored exactly in either database."""

from __future__ import annotations

from decimal import Decimal

import colander
import pytest
from sqlalchemy import Column, MetaData, Table, func, insert, select

from norec_core import Amount, convert, currency_validator, format_money


def test_amounts_are_stored_and_summed_exactly(db_session):
    # 0.1 + 0.2 is the sum a float gets wrong; a thousand of them too.
    table = Table("money_probe", MetaData(), Column("amount", Amount()), prefixes=["TEMPORARY"])
    connection = db_session.connection()
    table.create(connection)
    connection.execute(insert(table), [{"amount": Decimal("0.10")}, {"amount": Decimal("0.20")}])
    connection.execute(insert(table), [{"amount": Decimal("1234567890.01")}] * 1000)
    assert connection.scalar(select(func.sum(table.c.amount))) == Decimal("1234567890010.30")
    values = connection.scalars(select(table.c.amount).limit(2)).all()
    assert values == [Decimal("0.10"), Decimal("0.20")]
    assert all(isinstance(v, Decimal) for v in values)


@pytest.mark.parametrize("bad", [0.1, Decimal("0.001")])
def test_floats_and_fractions_of_an_ore_are_refused(bad):
    with pytest.raises((TypeError, ValueError)):
        Amount().process_bind_param(bad, None)


def test_conversion_rounds_half_up_to_the_ore():
    assert convert(Decimal("100.00"), Decimal("0.10125")) == Decimal("10.13")
    assert convert(Decimal("1000"), Decimal("0.1234")) == Decimal("123.40")
    assert convert(Decimal("0.05"), Decimal("0.5")) == Decimal("0.03")


def test_formatting_follows_the_language():
    assert format_money(Decimal("12500"), "NOK", "nb") == "12\xa0500,00\xa0kr"
    assert format_money(Decimal("12500"), "INR", "en") == "₹12,500.00"
    assert format_money(None, "NOK", "en") == ""


def test_currency_codes_are_iso_4217():
    currency_validator(None, "NOK")
    currency_validator(None, "INR")
    with pytest.raises(colander.Invalid):
        currency_validator(colander.SchemaNode(colander.String()), "KRONER")


def test_a_rate_keeps_its_six_decimals():
    rate = Amount(scale=6)
    assert rate.process_bind_param(Decimal("0.101250"), None) == 101250
    assert rate.process_result_value(101250, None) == Decimal("0.101250")
    with pytest.raises(ValueError):
        rate.process_bind_param(Decimal("0.1012501"), None)


def test_a_currency_written_in_letters_is_set_apart_from_the_figures():
    """CLDR's currency spacing, which Babel leaves out: "NOK 12,500.50", not "NOK12,500.50"."""
    assert format_money(Decimal("12500.5"), "NOK", "en") == "NOK\u00a012,500.50"
    assert format_money(Decimal("-12500.5"), "NOK", "en") == "-NOK\u00a012,500.50"
    assert format_money(Decimal("12500.5"), "EUR", "en") == "€12,500.50"
    assert format_money(Decimal("12500.5"), "NOK", "nb") == "12\u00a0500,50\u00a0kr"
