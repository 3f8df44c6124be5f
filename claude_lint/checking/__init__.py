"""Checking: the request models first, then the rules over the request."""
