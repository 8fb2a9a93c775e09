"""Lists of records: paged (a fixed number of queries per page, whatever the table's size),
searched by text and filtered by the controls above them."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from html import escape
from typing import Any

from pyramid.request import Request
from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression
from translationstring import TranslationString

from norec_core.resources import parse_number

PAGE_SIZE = 25


@dataclass
class Page:
    items: list[Any]
    number: int
    count: int
    total: int
    request: Request

    def url(self, number: int) -> str:
        # Every value of a parameter given more than once (the search's facets) is kept.
        query = [(k, v) for k, v in self.request.GET.items() if k != "page" and v]
        if number > 1:
            query.append(("page", str(number)))
        return self.request.current_route_path(_query=query)

    @property
    def first_item(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1 if self.items else 0

    @property
    def last_item(self) -> int:
        return self.first_item + len(self.items) - 1 if self.items else 0


def paginate(request: Request, query: Select) -> Page:
    """One query counts the matches, one fetches the page; eager loads add one each.

    `query` selects one model, in its order. A page past the middle is read from the end,
    in the reverse order, so that the last page costs what the first does. Past the first
    page, the page's ids are found first, so that the rows skipped are read from the
    order's index alone (an index on the sort's columns and the id, such as the people
    list's), and only the page's own rows are read whole, in the list's order.
    """
    total = request.dbsession.scalar(
        select(func.count()).select_from(query.order_by(None).subquery())
    )
    count = max(1, -(-total // PAGE_SIZE))
    # Past the last page is the last page; what is no page number is the first.
    number = min(parse_number(request.GET.get("page"), 1, 10**9) or 1, count)
    before = (number - 1) * PAGE_SIZE
    size = min(PAGE_SIZE, total - before)
    after = total - before - size
    backwards = _reversed(query) if after < before else None
    if backwards is not None:
        page, skipped = backwards.limit(size).offset(after), after
    else:
        page, skipped = query.limit(PAGE_SIZE).offset(before), before
    model = query.column_descriptions[0].get("entity")
    if skipped and model is not None and hasattr(model, "id"):
        ids = page.with_only_columns(model.id).subquery()
        items = list(request.dbsession.scalars(query.where(model.id.in_(select(ids.c.id)))))
    else:
        items = list(request.dbsession.scalars(page))
        if backwards is not None:
            items.reverse()
    return Page(items, number, count, total, request)


def _reversed(query: Select) -> Select | None:
    """`query` in the reverse of its order, or None where its order cannot be reversed
    (none given, or NULLS FIRST/LAST, which a reversal would move)."""
    order = query._order_by_clauses  # no public accessor in SQLAlchemy 2.0
    reversed_order = []
    for clause in order:
        if isinstance(clause, UnaryExpression) and clause.modifier is operators.desc_op:
            reversed_order.append(clause.element.asc())
        elif isinstance(clause, UnaryExpression) and clause.modifier is operators.asc_op:
            reversed_order.append(clause.element.desc())
        elif isinstance(clause, ColumnElement) and not isinstance(clause, UnaryExpression):
            reversed_order.append(clause.desc())
        else:
            return None
    return query.order_by(None).order_by(*reversed_order) if reversed_order else None


# What a search reads of its text: more words or longer ones only slow the database (SQLite
# refuses LIKE patterns of 50,000 bytes) without finding anything a person looks for.
SEARCH_WORDS, SEARCH_WORD_LENGTH = 8, 100


def search_words(query: Select, text: str, *columns) -> Select:
    """Match every word of `text` in one of `columns`, ignoring case; % and _ are letters."""
    words = dict.fromkeys(w[:SEARCH_WORD_LENGTH].lower() for w in text.split())
    for word in list(words)[:SEARCH_WORDS]:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        query = query.where(or_(*(func.lower(c).like(pattern, escape="\\") for c in columns)))
    return query


def select_filter(name: str, label, options, value) -> dict:
    """A drop-down of a list's filters: `options` {value: title}, `value` chosen; for
    the `filters` macro."""
    found = {"name": name, "label": label, "options": options, "value": value, "type": "select"}
    # The country and language lists (some 250 and 180 names, plain text in the viewer's
    # language) are made into HTML once, not option by option on every page: they were a
    # third of a list page's time. Shorter lists with titles still to translate are
    # left to the template.
    if len(options) > 50 and not any(isinstance(t, TranslationString) for t in options.values()):
        found["options_html"] = _selected(_options_html(tuple(options.items())), value)
    return found


@functools.lru_cache(maxsize=32)
def _options_html(options: tuple[tuple[str, str], ...]) -> str:
    return "".join(
        f'<option value="{escape(str(v))}">{escape(str(t))}</option>' for v, t in options
    )


def _selected(html: str, value) -> str:
    if not value:
        return html
    chosen = f'<option value="{escape(str(value))}">'
    return html.replace(chosen, chosen[:-1] + " selected>", 1)


def search_filter(label, value) -> dict:
    """The free-text box of a list's filters (`q`), labelled `label`, holding `value`;
    for the `filters` macro."""
    return {"name": "q", "label": label, "value": value, "type": "search"}
