"""HTML extraction: a page's bytes -> its article's lines and metadata -> `Article`.

`lines.extract` parses a page once, prunes the site's and the generic furniture
(`_html_rules`), runs trafilatura on what is left (a BeautifulSoup paragraph walk is the
last resort, `_html_fallback`) and reads the metadata (`_metadata`); `article` then runs
the same line cleaning as a text dump, so a rule fixed once helps both paths.
"""

from .article import extract_html, fetch_article
from .lines import Extracted, extract

__all__ = ["Extracted", "extract", "extract_html", "fetch_article"]
