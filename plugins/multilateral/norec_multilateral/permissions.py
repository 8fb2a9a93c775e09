"""The multilateral plugin's permission, held by the core's recruitment advisers."""

MANAGE = "multilateral.manage"  # posts, rounds, screening, shortlists
READ = "multilateral.read"  # an application: its candidate and the advisers
WITHDRAW = "multilateral.withdraw"  # an application: its candidate
