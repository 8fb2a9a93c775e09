"""The demo's schemes, calls and criteria in nynorsk and bokmål, as the agency gives them
beside the English: by the English text, (nynorsk, bokmål)."""

from __future__ import annotations

IN_NORWEGIAN = {
    "North–South exchange": ("Utveksling nord–sør", "Utveksling nord–sør"),
    "South–South exchange": ("Utveksling sør–sør", "Utveksling sør–sør"),
    "Activity-based support": ("Aktivitetsbasert støtte", "Aktivitetsbasert støtte"),
    "Young professionals exchanged between organisations in Norway and in the Global South, "
    "for six months to a year.": (
        "Unge fagfolk på utveksling mellom organisasjonar i Noreg og i det globale sør, "
        "i eit halvt til eitt år.",
        "Unge fagfolk på utveksling mellom organisasjoner i Norge og i det globale sør, "
        "i et halvt til ett år.",
    ),
    "Young professionals exchanged between organisations in two countries of the Global South.": (
        "Unge fagfolk på utveksling mellom organisasjonar i to land i det globale sør.",
        "Unge fagfolk på utveksling mellom organisasjoner i to land i det globale sør.",
    ),
    "Small grants to former participants who use what they learnt on their exchange in a "
    "project at home.": (
        "Små tilskot til tidlegare deltakarar som brukar det dei lærte på utvekslinga i eit "
        "prosjekt heime.",
        "Små tilskudd til tidligere deltakere som bruker det de lærte på utvekslingen i et "
        "prosjekt hjemme.",
    ),
    "Relevance": ("Relevans", "Relevans"),
    "The exchange answers needs both organisations have named.": (
        "Utvekslinga svarar på behov som begge organisasjonane har peika på.",
        "Utvekslingen svarer på behov som begge organisasjonene har pekt på.",
    ),
    "Learning at home": ("Læring heime", "Læring hjemme"),
    "What participants learn is used in their own organisation.": (
        "Det deltakarane lærer, vert brukt i eigen organisasjon.",
        "Det deltakerne lærer, blir brukt i egen organisasjon.",
    ),
    "Reciprocity and equality": ("Gjensidigheit og likeverd", "Gjensidighet og likeverd"),
    "Both partners send, receive and decide together.": (
        "Begge partnarane sender, tek imot og avgjer saman.",
        "Begge partnerne sender, tar imot og bestemmer sammen.",
    ),
    "Feasibility and budget": ("Gjennomførbarheit og budsjett", "Gjennomførbarhet og budsjett"),
    "The plan can be carried out with the budget asked for.": (
        "Planen kan gjennomførast med budsjettet det er søkt om.",
        "Planen kan gjennomføres med budsjettet det er søkt om.",
    ),
    "Use of the exchange": ("Bruk av utvekslinga", "Bruk av utvekslingen"),
    "The project builds on what was learnt abroad.": (
        "Prosjektet byggjer på det som vart lært ute.",
        "Prosjektet bygger på det som ble lært ute.",
    ),
    "Reach": ("Rekkevidd", "Rekkevidde"),
    "The project reaches people beyond the applicant.": (
        "Prosjektet når fleire enn søkjaren.",
        "Prosjektet når flere enn søkeren.",
    ),
}


def translations(**texts: str) -> dict:
    """A record's `translations` from its English texts: `translations(title=…, …)`."""
    found: dict[str, dict] = {}
    for field, text in texts.items():
        for language, translated in zip(("nn", "nb"), IN_NORWEGIAN.get(text, ()), strict=False):
            found.setdefault(language, {})[field] = translated
    return found
