"""Recruitment of Norwegians to the UN system and the development banks."""
