#!/usr/bin/env bash
# mypy --strict over the installed package's layout: the repository keeps the layers as
# top-level folders that install beneath `nadif` (a package-dir mapping mypy does not
# follow), so this lays out nadif/{cleaners,sites,scraper} as links in a scratch folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tree="$(mktemp -d)"
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/nadif"
cp "$root"/nadif/*.py "$tree/nadif/"
for layer in cleaners sites scraper; do ln -s "$root/$layer" "$tree/nadif/$layer"; done
cd "$root"
MYPYPATH="$tree" mypy --strict --config-file pyproject.toml -p nadif "$@"
