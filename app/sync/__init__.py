"""Sync with a hub: the protocol both sides speak and the client of a device."""
