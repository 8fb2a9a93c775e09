"""The grants plugin's routes, under /grants/: a record in the path is the page's context,
so that permissions (and the applicant's and assessor's local roles) apply to it."""

from __future__ import annotations

from norec_core import model_factory
from norec_grants.models import Appeal, Application, Call, PartnerSearch, Scheme


def add_routes(config) -> None:
    application = model_factory(Application)
    call = model_factory(Call)
    search = model_factory(PartnerSearch)
    routes = [
        ("grants.overview", "/", None),
        ("grants.schemes", "/schemes", None),
        ("grants.scheme_new", "/schemes/new", None),
        ("grants.scheme", r"/schemes/{id:\d+}", model_factory(Scheme)),
        ("grants.scheme_edit", r"/schemes/{id:\d+}/edit", model_factory(Scheme)),
        ("grants.call_new", "/calls/new", None),
        ("grants.call", r"/calls/{id:\d+}", call),
        ("grants.call_edit", r"/calls/{id:\d+}/edit", call),
        ("grants.apply", r"/calls/{id:\d+}/apply", call),
        ("grants.rates", "/exchange-rates", None),
        ("grants.queue", "/applications", None),
        ("grants.mine", "/applications/mine", None),
        ("grants.application", r"/applications/{id:\d+}", application),
        ("grants.application_edit", r"/applications/{id:\d+}/edit", application),
        ("grants.exchange_new", r"/applications/{id:\d+}/exchanges/new", application),
        ("grants.cost_new", r"/applications/{id:\d+}/costs/new", application),
        (
            "grants.line_delete",
            r"/applications/{id:\d+}/{kind:exchange|cost}/{line:\d+}/delete",
            application,
        ),
        ("grants.confirm", r"/applications/{id:\d+}/confirm", application),
        ("grants.attach", r"/applications/{id:\d+}/files", application),
        ("grants.assign", r"/applications/{id:\d+}/assessors", application),
        ("grants.unassign", r"/applications/{id:\d+}/assessors/remove", application),
        ("grants.declare", r"/applications/{id:\d+}/conflicts", application),
        ("grants.screening", r"/applications/{id:\d+}/screening", application),
        ("grants.score", r"/applications/{id:\d+}/scores", application),
        ("grants.decide", r"/applications/{id:\d+}/decide", application),
        ("grants.letter", r"/applications/{id:\d+}/decision", application),
        ("grants.letter_pdf", r"/applications/{id:\d+}/decision.pdf", application),
        ("grants.appeal", r"/applications/{id:\d+}/appeal", application),
        ("grants.appeal_case", r"/appeals/{id:\d+}", model_factory(Appeal)),
        ("grants.participants", r"/applications/{id:\d+}/participants", application),
        (
            "grants.participant_complete",
            r"/applications/{id:\d+}/participants/complete",
            application,
        ),
        ("grants.participant_remove", r"/applications/{id:\d+}/participants/remove", application),
        ("grants.money", r"/applications/{id:\d+}/money", application),
        ("grants.pay", r"/applications/{id:\d+}/money/pay", application),
        ("grants.report", r"/applications/{id:\d+}/report", application),
        ("grants.report_attach", r"/applications/{id:\d+}/report/files", application),
        (
            "grants.instalment_cancel",
            r"/applications/{id:\d+}/money/cancel",
            application,
        ),
        ("grants.exchange_explain", r"/applications/{id:\d+}/report/explain", application),
        ("grants.course_waive", r"/applications/{id:\d+}/participants/waive", application),
        ("grants.partner_searches", "/partners", None),
        ("grants.partner_search_new", "/partners/new", None),
        ("grants.partner_search", r"/partners/{id:\d+}", search),
        ("grants.partner_connect", r"/partners/{id:\d+}/connect", search),
        ("grants.partner_search_close", r"/partners/{id:\d+}/close", search),
    ]
    for name, pattern, factory in routes:
        config.add_route(name, pattern, factory=factory)
