"""The network's permission, held by the core's network advisers (and administrators)."""

MANAGE = "network.manage"  # run the register and the network: import, invite, moderate
