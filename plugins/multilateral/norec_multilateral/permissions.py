"""The multilateral plugin's permission, held by the core's recruitment advisers."""

MANAGE = "multilateral.manage"  # posts, rounds, screening, shortlists
