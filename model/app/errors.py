"""The app's error."""


class AppError(RuntimeError):
    """The app cannot start; the message says why and what to do."""
