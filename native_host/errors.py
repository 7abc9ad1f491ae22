"""The host's own errors: what a transport turns into a clear reply, never a bare ValueError."""


class RedlineError(Exception):
    """Base of the errors a caller is meant to catch and report."""


class TextTooLarge(RedlineError):
    """The text is over the limit of the path it came through (limits.py)."""


class CheckCancelled(RedlineError):
    """The caller cancelled the check, or its work budget ran out, before it finished."""


class UnsupportedLanguage(RedlineError):
    """The text's language is not one the checker's model was trained for."""
