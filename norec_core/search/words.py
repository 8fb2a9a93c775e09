"""Words as the index keeps them: lower-cased, and with their Snowball stems.

PostgreSQL stems with its own Snowball dictionaries ("norwegian", "english"); SQLite's
FTS5 has no Norwegian stemmer, so the SQLite index stores the stems made here by the
same Snowball algorithms (snowballstemmer, the library Sphinx's search uses).
"""

from __future__ import annotations

import functools
import re

import snowballstemmer

# The Snowball stemmer (and PostgreSQL text search configuration) for a language code;
# nynorsk and bokmål share the Norwegian one. Others are indexed as words, unstemmed.
STEMMERS = {
    "nb": "norwegian",
    "nn": "norwegian",
    "no": "norwegian",
    "en": "english",
    "da": "danish",
    "de": "german",
    "es": "spanish",
    "fr": "french",
    "pt": "portuguese",
    "sv": "swedish",
}
# The stems a query's words are also looked up by: the languages of the site's pages.
QUERY_STEMMERS = ("norwegian", "english")
# What a query reads: more words or longer ones only slow the database.
QUERY_WORDS, WORD_LENGTH = 8, 100

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased: runs of letters and digits, as FTS5's unicode61
    tokenizer and PostgreSQL's parser both split them."""
    return [w[:WORD_LENGTH] for w in _WORD.findall(text.lower())]


def config(language: str | None) -> str:
    """The stemmer (PostgreSQL: text search configuration) for `language`."""
    return STEMMERS.get((language or "").split("-")[0].lower(), "simple")


@functools.cache
def _stemmer(name: str):
    return snowballstemmer.stemmer(name)


def stems(tokens: list[str], stemmer: str) -> list[str]:
    if stemmer == "simple":
        return tokens
    return _stemmer(stemmer).stemWords(tokens)


def indexed_text(text: str, language: str | None) -> str:
    """`text` as SQLite's index holds it: each word, and its stem where that differs."""
    tokens = words(text)
    stemmed = stems(tokens, config(language))
    return " ".join(w if w == s else f"{w} {s}" for w, s in zip(tokens, stemmed, strict=True))


def query_words(text: str) -> list[str]:
    return list(dict.fromkeys(words(text)))[:QUERY_WORDS]


def variants(word: str) -> list[str]:
    """The forms a query word is looked up by (each as a prefix): itself and its stems."""
    return list(dict.fromkeys([word, *(stems([word], s)[0] for s in QUERY_STEMMERS)]))
