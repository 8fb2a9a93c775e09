"""Newsletter and digest items: what every plugin has to tell, for a period, an audience
and a language, newest first."""

from __future__ import annotations

import datetime

from pyramid.request import Request

from norec_core.contributions import DigestItem

AUDIENCES = ("public", "members")


def digest_items(
    request: Request,
    since: datetime.datetime,
    until: datetime.datetime,
    audience: str = "public",
    language: str = "nn",
) -> list[DigestItem]:
    """What the plugins' `norec_digest_items` give from `since` to `until`,
    for `audience` ("public" or "members"), written in `language`, newest first: the
    items of a newsletter or a digest mail."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {AUDIENCES}, not {audience!r}")
    items = request.pm.hook.norec_digest_items(
        request=request, since=since, until=until, audience=audience, language=language
    )
    return sorted((i for result in items for i in result), key=lambda i: i.at, reverse=True)
