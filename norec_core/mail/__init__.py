"""Mail: the outbox, its delivery, the administrators' view of it, and mass mailings."""

from norec_core.interfaces import IMailer
from norec_core.mail.transports import mailer_from_settings


def includeme(config) -> None:
    config.register_service(mailer_from_settings(config.get_settings()), IMailer)
    config.add_route("unsubscribe", "/unsubscribe/{token}")
    config.add_route("admin.outbox", "/admin/outbox")
    config.add_route("admin.outbox.retry", "/admin/outbox/retry")
    config.add_route("admin.mailing", "/admin/mailing")
    config.scan("norec_core.mail.views")
