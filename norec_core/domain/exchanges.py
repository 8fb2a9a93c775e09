"""Completed exchanges, announced by the plugin that records them to the others."""

from __future__ import annotations

from pyramid.request import Request

from norec_core.contributions import Exchange


def exchange_completed(request: Request, exchange: Exchange) -> None:
    """Tell every plugin that `exchange` is completed (`norec_exchange_completed`)."""
    request.pm.hook.norec_exchange_completed(request=request, exchange=exchange)
