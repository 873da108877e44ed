"""Pure text machinery: normalisation, line rules, generic rules, structure, quality.

No I/O and no site names here; `sites` and `scraper` build on it.
"""

from .article import Article, Removal
from .errors import ExtractionError, FetchError, InputError, NadifError, SiteRegistryError
from .generic import generic_rules
from .lang import detect_lang
from .nearduplicates import Cluster, find_near_duplicates
from .normalize import fold, normalize_line, normalize_text, split_lines
from .pipeline import clean_lines
from .quality import quality_flags
from .rules import LineRule, drop_line

__all__ = [
    "Article",
    "Cluster",
    "ExtractionError",
    "FetchError",
    "InputError",
    "LineRule",
    "NadifError",
    "Removal",
    "SiteRegistryError",
    "clean_lines",
    "detect_lang",
    "drop_line",
    "find_near_duplicates",
    "fold",
    "generic_rules",
    "normalize_line",
    "normalize_text",
    "quality_flags",
    "split_lines",
]
