#!/usr/bin/env bash
# The test suite as a fresh machine runs it (Python, make and git only): no installed font in
# matplotlib's sight (tests/fresh.py), an empty matplotlib cache, and no LibreOffice, poppler,
# pandoc or fontconfig tools on PATH, so that their tests skip as on a developer's machine (CI
# unset). Whatever else fails here needs something the project does not carry.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
for tool in /usr/local/bin/* /usr/bin/*; do
  case "${tool##*/}" in
    soffice|libreoffice|lowriter|loimpress|pdftotext|pdftoppm|pdffonts|pandoc|fc-*) ;;
    *) [ -e "$tmp/bin/${tool##*/}" ] || ln -s "$tool" "$tmp/bin/" ;;
  esac
done
env -u CI PATH="$tmp/bin" MPLCONFIGDIR="$tmp/matplotlib" REPORTGEN_SYSTEM_FONTS=hidden \
  .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
