"""The grants plugin's records, a module for each stage of a grant's life."""

from norec_grants.models.applications import (
    Application,
    Confirmation,
    PartnerCost,
    PlannedExchange,
)
from norec_grants.models.calls import (
    BASES,
    CATEGORIES,
    COURSE_KINDS,
    Call,
    Criterion,
    ExchangeRate,
    Rate,
    Scheme,
)
from norec_grants.models.cases import (
    Appeal,
    Assignment,
    Decision,
    FinalReport,
    GrantedYear,
    Instalment,
    Participant,
    PartnerSearch,
    Score,
)

__all__ = [
    "BASES",
    "CATEGORIES",
    "COURSE_KINDS",
    "Appeal",
    "Application",
    "Assignment",
    "Call",
    "Confirmation",
    "Criterion",
    "Decision",
    "ExchangeRate",
    "FinalReport",
    "GrantedYear",
    "Instalment",
    "Participant",
    "PartnerCost",
    "PartnerSearch",
    "PlannedExchange",
    "Rate",
    "Scheme",
    "Score",
]
