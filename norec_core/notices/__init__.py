"""Notices: telling each person what concerns them, on their notices page and by mail, at
once or in a daily digest, in their language."""


def includeme(config) -> None:
    config.add_route("notices", "/notices")
    config.add_route("notices.read", "/notices/read")
    config.add_route("notices.settings", "/notices/settings")
    config.scan("norec_core.notices.views")
