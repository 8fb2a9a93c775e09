"""Norec Network, the alumni network of former exchange participants."""
