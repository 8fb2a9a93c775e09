"""The WSGI application factory, `norec_core:main` for PasteDeploy."""

from __future__ import annotations

import gc

from pyramid.config import Configurator


def make_config(settings: dict) -> Configurator:
    config = Configurator(settings=settings)
    # Plugins first: roles, activity kinds and settings below are gathered from them.
    config.include("norec_core.plugins")
    # The agency running the site: names, languages, currency, zone (norec_core.agency).
    config.include("norec_core.agency")
    # The request's database session, joined to its transaction (pyramid_tm, retry).
    config.include("norec_core.db")
    # Links built from norec.base_url; a Host not configured, a body too large or
    # malformed, and input no person types (NUL) refused before any view sees them.
    config.include("norec_core.urls")
    config.include("norec_core.request_checks")
    # Content-Security-Policy, no framing, no caching of pages with personal data.
    config.include("norec_core.headers")
    # Reading pages kept while nothing they show has changed.
    config.include("norec_core.page_cache")
    # Sessions, login identity, roles to permissions, CSRF on every unsafe request.
    config.include("norec_core.security")
    # Services behind interfaces (mailer, task queue), chosen by settings.
    config.include("pyramid_services")
    config.include("norec_core.tasks")
    config.include("norec_core.mail")
    config.include("norec_core.files")
    # Chameleon templates, with i18n through the request's localizer.
    config.include("pyramid_chameleon")
    config.include("norec_core.templating")
    config.include("norec_core.i18n")
    # deform's templates (with ours first), its static files and translations.
    config.include("norec_core.forms")
    # The shared layout: navigation from the hooks, static files, messages.
    config.include("norec_core.layout")
    # The site's own pages, then the shared domain's records and their pages.
    config.include("norec_core.views")
    config.include("norec_core.search")
    config.include("norec_core.domain")
    config.include("norec_core.accounts")
    config.include("norec_core.audit")
    config.include("norec_core.workflow")
    # What each person was told, and how they want to be told.
    config.include("norec_core.notices")
    # The JSON API, with the core's endpoints and the plugins' (token authentication).
    config.include("norec_core.jsonapi")
    # Last, each enabled plugin under its own prefix; conflicts between them are errors.
    config.include("norec_core.plugins.include_enabled")
    return config


def main(global_config, **settings):
    app = make_config(settings).make_wsgi_app()
    # What start-up made (modules, templates, the registry) lives as long as the process:
    # kept out of the collector's view, a full collection no longer walks it, which took
    # 50-65 ms every few hundred requests.
    gc.collect()
    gc.freeze()
    return app
