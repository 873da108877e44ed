"""The I/O layer: fetching, HTML extraction, batch runs, the review page, the CLI.

One subpackage per concern, so that the folder shows the architecture:

- `fetching`   a page by URL: httpx with caps, retries, robots.txt, politeness, cache
- `extraction` HTML -> the article's lines and metadata -> `Article`
- `batch`      many inputs, streamed, parallel (processes or Dask), resumable
- `review`     a static HTML page to review what a run cut
- `text`, `textio`  text dumps: reading them from disk and cleaning them
- `cli`        the `nadif` command, a thin layer over the above

Nothing is imported here, so that the command line starts fast; the public names live in
`nadif` (`nadif.clean_text`, `nadif.extract_html`, ...).
"""
