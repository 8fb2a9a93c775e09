"""The research plugin's routes, under /research/: a publication, a commission or a
proposal in the path is the page's context, so that permissions apply to it (a draft is
hidden from readers); a topic is named by its slug."""

from __future__ import annotations

from norec_core import model_factory
from norec_research.models import Commission, Proposal, Publication


def add_routes(config) -> None:
    publication = model_factory(Publication)
    commission = model_factory(Commission)
    routes = [
        ("research.overview", "/", None),
        ("research.catalogue", "/publications", None),
        ("research.new", "/publications/new", None),
        ("research.publication", r"/publications/{id:\d+}", publication),
        ("research.edit", r"/publications/{id:\d+}/edit", publication),
        ("research.files", r"/publications/{id:\d+}/files", publication),
        ("research.version", r"/publications/{id:\d+}/versions/{number:\d+}", publication),
        ("research.topic", "/topics/{slug}", None),
        ("research.download", r"/publications/{id:\d+}/download/{file:\d+}", publication),
        ("research.oai", "/oai", None),
        ("research.commissions", "/commissions", None),
        ("research.commission.new", "/commissions/new", None),
        ("research.commission", r"/commissions/{id:\d+}", commission),
        ("research.commission.edit", r"/commissions/{id:\d+}/edit", commission),
        ("research.propose", r"/commissions/{id:\d+}/propose", commission),
        ("research.proposal", r"/proposals/{id:\d+}", model_factory(Proposal)),
        ("research.feed", "/publications/feed.atom", None),
        ("research.topic_feed", "/topics/{slug}/feed.atom", None),
        ("research.cite", r"/publications/{id:\d+}/cite.{format:(bib|ris|json)}", publication),
        ("research.datacite", r"/publications/{id:\d+}/datacite.xml", publication),
    ]
    for name, pattern, factory in routes:
        config.add_route(name, pattern, factory=factory)
