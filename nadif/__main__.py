"""`python -m nadif` runs the command line."""

from nadif.scraper.cli import main

raise SystemExit(main())
