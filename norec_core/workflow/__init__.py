"""Workflows: declared by plugins (and the core) through `norec_workflows`, run here."""


def includeme(config) -> None:
    config.add_route(
        "workflow.transition",
        r"/workflow/{resource_type:[a-z_]+}/{id:\d+}",
        factory="norec_core.workflow.views.workflow_object",
    )
    config.scan("norec_core.workflow.views")
