"""The audit log: who created, changed or deleted what, and every workflow transition."""


def includeme(config) -> None:
    config.add_route("admin.audit", "/admin/audit")
    config.scan("norec_core.audit.views")
