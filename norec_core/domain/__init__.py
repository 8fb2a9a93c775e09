"""The shared domain: people, organisations, partnerships, activities and registrations.

Every job of the platform shares these records; the plugins extend them through hooks.
"""


def includeme(config) -> None:
    config.include("norec_core.domain.routes")
    config.scan("norec_core.domain.views")
