from pyramid.i18n import TranslationStringFactory

_ = TranslationStringFactory("norec_research")
