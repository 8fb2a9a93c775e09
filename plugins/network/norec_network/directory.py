"""The member directory and resource bank: search by words and facets, counting each
facet's values, over what the viewer may see of each profile and nothing else.

A member's searchable values are kept as rows (`DirectoryEntry`), each with the level of
its field. A search is then a few set operations in SQL whatever the number of members:
a word or a facet value matches a member only through a row whose level reaches the
viewer, so a hidden field is never found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Select, and_, delete, func, insert, select, text
from sqlalchemy.orm import Session, contains_eager, selectinload

from norec_core import Person, now
from norec_network import profile
from norec_network.models import FACET_ROWS, Alumnus, DirectoryEntry, Member

FACETS = ("offers", "country", "languages", "sectors", "expertise")
FACET_VALUES = 12  # values shown per facet, the most frequent first
WORD_FIELDS = ("name", "city", "employer", "expertise", "sectors", "availability", "about")
MAX_WORDS = 8


def words(text: str) -> set[str]:
    return {w[:100] for w in re.findall(r"\w+", text.casefold()) if len(w) > 1}


def _values(member: Member, exchanges: list) -> dict[str, set[str]]:
    """Each field's values as the directory matches them: facets exactly, words by prefix."""
    person = member.person
    found: dict[str, set[str]] = {
        "offers": set(member.offers),
        "country": {person.country} if person.country else set(),
        "languages": set(person.languages),
        "sectors": {s[:100] for s in member.sectors},
        "expertise": {e[:100] for e in person.expertise or []},
    }
    for field in WORD_FIELDS:
        value = profile.value(member, field)
        text = " ".join(value) if isinstance(value, list) else value or ""
        found[f"word:{field}"] = words(text)
    found["word:exchanges"] = words(
        " ".join(f"{e.sending} {e.receiving} {e.profession}" for e in exchanges)
    )
    return found


def index(session: Session, members: list[Member]) -> None:
    """Write the members' directory rows again from their profiles (in one statement)."""
    if not members:
        return
    ids = [m.id for m in members]
    exchanges = {}
    for alumnus in session.scalars(
        select(Alumnus)
        .where(Alumnus.person_id.in_([m.person_id for m in members]))
        .options(selectinload(Alumnus.exchanges))
    ):
        exchanges[alumnus.person_id] = alumnus.exchanges
    session.execute(delete(DirectoryEntry).where(DirectoryEntry.member_id.in_(ids)))
    rows = []
    for member in members:
        member.name_level = profile.level(member, "name")
        for key, values in _values(member, exchanges.get(member.person_id, [])).items():
            field = key.removeprefix("word:")
            stored = "word" if key.startswith("word:") else key
            rows += [
                {"member_id": member.id, "field": stored, "value": v, "level": level}
                for v in values
                for level in [profile.level(member, field)]
            ]
        member.indexed_at = now()
    if rows:
        session.execute(insert(DirectoryEntry), rows)


def refresh(request) -> None:
    """Hourly: index again the members whose person record changed elsewhere (a
    caseworker corrected a country on the person's page)."""
    session = request.dbsession
    stale = session.scalars(
        select(Member)
        .join(Person, Person.id == Member.person_id)
        .where((Member.indexed_at.is_(None)) | (Person.updated_at > Member.indexed_at))
        .options(selectinload(Member.person).selectinload(Person.language_links))
        .limit(5000)
    ).all()
    index(session, list(stale))


@dataclass
class Result:
    query: Select  # the matching members, in name order, for a page or an export
    facets: dict[str, list[tuple[str, int]]]


def _matching(levels, field: str, condition) -> Select:
    return select(DirectoryEntry.member_id).where(
        DirectoryEntry.field == field, DirectoryEntry.level.in_(levels), condition
    )


def _starting(dialect: str, word: str):
    """The values that begin with `word`, as an index can find them: LIKE on PostgreSQL
    (its index compares by pattern), and on SQLite, whose LIKE ignores the index, the
    same values as a range in its byte order too (a word is letters, no U+10FFFF)."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = DirectoryEntry.value.like(f"{escaped}%", escape="\\")
    if dialect != "sqlite":
        return like
    return and_(DirectoryEntry.value >= word, DirectoryEntry.value < word + "\U0010ffff", like)


def _facets(session, levels, condition) -> dict[str, list[tuple[str, int]]]:
    """Each facet's most frequent values among the members found, with their counts: one
    GROUP BY in the database over the found members' rows the viewer may see, and of its
    values only those that may be among the first FACET_VALUES (ties with the last in)."""
    found = (
        select(Member.id)
        .join(Person, Person.id == Member.person_id)
        .where(*condition)
        .cte("found")
        .prefix_with("MATERIALIZED")  # once, not again for each row counted
    )
    rows = (
        select(DirectoryEntry.field, DirectoryEntry.value)
        .join(found, found.c.id == DirectoryEntry.member_id)
        .where(
            # A member's facets, in the index of them alone: not their words.
            text(FACET_ROWS),
            DirectoryEntry.level.in_(levels),
        )
    )
    count = func.count()
    grouped = (
        rows.add_columns(
            count.label("n"),
            func.rank().over(partition_by=DirectoryEntry.field, order_by=count.desc()).label("r"),
        )
        .group_by(DirectoryEntry.field, DirectoryEntry.value)
        .subquery()
    )
    counted = session.execute(
        select(grouped.c.field, grouped.c.value, grouped.c.n).where(grouped.c.r <= FACET_VALUES)
    )
    facets: dict[str, list[tuple[str, int]]] = {f: [] for f in FACETS}
    for field, value, n in counted:
        facets[field].append((value, n))
    # The order of the page, the same in every database (not its collation's).
    return {f: sorted(v, key=lambda vc: (-vc[1], vc[0]))[:FACET_VALUES] for f, v in facets.items()}


def search(request, text: str = "", chosen: dict[str, list[str]] | None = None) -> Result:
    """The members the viewer finds by every typed word and every chosen facet value,
    and the counts of each facet's values among them.

    Each word and value is looked up in the index of the rows whose level reaches the
    viewer, and only the members found so are read: the counts are one GROUP BY over
    their rows, and `paginate` reads the page alone, whatever the number of members."""
    levels = profile.levels_seen_by(request)
    dialect = request.dbsession.get_bind().dialect.name
    matching = [
        _matching(levels, "word", _starting(dialect, word))
        for word in sorted(words(text))[:MAX_WORDS]
    ]
    for field, values in (chosen or {}).items():
        matching += [_matching(levels, field, DirectoryEntry.value == value) for value in values]
    # Then, of the members those found, the ones the viewer may find at all.
    condition = [
        *(Member.id.in_(ids) for ids in matching),
        Member.name_level.in_(levels),
        Person.consent_directory.is_(True),
    ]
    facets = _facets(request.dbsession, levels, condition)
    # The page's query states the conditions itself: wrapped as "id IN (the same
    # query)", PostgreSQL chose a plan that ran for minutes on the demonstration's data.
    query = (
        select(Member)
        .join(Person, Person.id == Member.person_id)
        .where(*condition)
        .options(contains_eager(Member.person).selectinload(Person.language_links))
        .order_by(Person.family_name, Person.given_name, Member.id)
    )
    return Result(query, facets)


def exchanges_of(session: Session, members: list[Member]) -> dict[int, list]:
    """Each member's exchanges with Norec, for a page of the directory (one query)."""
    found: dict[int, list] = {m.id: [] for m in members}
    by_person = {m.person_id: m.id for m in members}
    for alumnus in session.scalars(
        select(Alumnus)
        .where(Alumnus.person_id.in_(by_person))
        .options(selectinload(Alumnus.exchanges))
    ):
        found[by_person[alumnus.person_id]] = alumnus.exchanges
    return found
