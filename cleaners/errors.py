"""The one exception tree of nadif.

    NadifError                 every error nadif raises on purpose
    ├── InputError             a file, folder or text that cannot be read as a document
    ├── ExtractionError        HTML (or a fetched body) that yields no article text
    ├── FetchError             a URL that cannot be fetched (after the last retry)
    └── SiteRegistryError      a site module that is invalid or clashes with another

Every error names the input it is about (`source`: a path, a URL, a module name) and the
reason in plain words, so a batch can write it to an error record and a person can act.
"""

from __future__ import annotations

__all__ = ["ExtractionError", "FetchError", "InputError", "NadifError", "SiteRegistryError"]


class NadifError(Exception):
    """Base class: `source` is what the error is about, `reason` says why."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")

    def __reduce__(self) -> tuple[type[NadifError], tuple[str, str]]:
        # keep errors picklable across process pools and Dask workers
        return (type(self), (self.source, self.reason))


class InputError(NadifError):
    """A path or text that cannot be read as a document (missing, binary, undecodable...)."""


class ExtractionError(NadifError):
    """HTML or a fetched body from which no article text can be extracted."""


class FetchError(NadifError):
    """A URL that could not be fetched; `source` is the URL."""


class SiteRegistryError(NadifError):
    """A site module that is invalid (bad name, pattern, domain) or clashes with another."""
