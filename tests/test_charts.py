"""Charts drawn on the server: SVG with a title and a description, the numbers as a
table beside it, no script."""

import pytest

from norec_core import Chart

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")


def test_bars_are_sized_to_the_largest_value():
    chart = Chart("People", "How many", "Country", "People", (("Kenya", 40), ("Nepal", 10)))
    kenya, nepal = chart.bars()
    assert kenya["width"] == 4 * nepal["width"] and nepal["y"] > kenya["y"]
    assert Chart("Empty", "Nothing", "A", "B", ()).bars() == []


def test_long_labels_and_large_values_fit_the_drawing():
    """Each column is as wide as its longest text: a top value of 25,072,953 is written
    whole, and a label too long for any panel is shortened, whole in the table."""
    from norec_core import chart_section
    from norec_core.charts import BAR_WIDTH, CHAR_WIDTH

    name = "Democratic Republic of the Congo and its neighbours in the Great Lakes"
    chart = Chart("Big", "Large numbers", "Where", "How many", ((name, 25072953), ("Nepal", 7)))
    geometry = chart_section("Big", 1, chart).values["geometry"]
    label_width = geometry["label_width"]
    value_width = geometry["width"] - label_width - BAR_WIDTH
    assert value_width >= len("25 072 953") * CHAR_WIDTH
    first = chart.bars()[0]
    assert first["short"].endswith("…") and len(first["short"]) <= 36
    assert label_width >= len(first["short"]) * CHAR_WIDTH
    assert chart.bars()[1]["short"] == "Nepal"


def test_the_dashboard_chart_is_svg_with_its_table(admin_app, make_person):
    for country, n in (("KE", 3), ("NP", 2)):
        for _ in range(n):
            make_person(country=country)
    page = admin_app.get("/")
    figure = page.html.find("figure", class_="norec-chart")
    svg = figure.find("svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert figure.find(id=title_id).text == "People by country"
    assert "most people" in figure.find(id=desc_id).text
    rows = {r.th.text: r.td.text for r in figure.table.tbody.find_all("tr")}
    assert rows["Kenya"] == "3" and rows["Nepal"] == "2"
    bars = svg.find_all("rect")
    assert len(bars) == len(rows)
    assert figure.find("script") is None


def test_people_by_country_is_for_staff_only(testapp, make_person):
    make_person(country="KE")
    assert testapp.get("/").html.find("figure", class_="norec-chart") is None
