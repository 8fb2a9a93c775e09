def includeme(config) -> None:
    config.scan(__name__)
