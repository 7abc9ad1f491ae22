"""Redline: a private, on-device grammar checker (the local host)."""

__version__ = "0.1.0"
