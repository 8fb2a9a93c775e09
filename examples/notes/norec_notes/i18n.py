"""The notes plugin's translation domain."""

from pyramid.i18n import TranslationStringFactory

_ = TranslationStringFactory("norec_notes")
