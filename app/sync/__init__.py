"""Sync with a hub (issue 11): the protocol both sides speak and the client of a device."""
