#!/usr/bin/env bash
# Refresh scripts/data/hunspell-ru/ from Debian's hunspell-ru package.
#
# Why: scripts/build_loans.py needs a Russian spelling dictionary under a licence that MIT code
# may ship data from. Debian's hunspell-ru (ru_RU by A. I. Lebedev) is BSD-style; the files are
# committed (the .dic xz-compressed) so CI rebuilds loans.tsv without apt. Run this only to
# refresh them; then rerun scripts/build_loans.py and update the figures in
# mappings/lexicon/README.md.
#
# Needs: apt-get (after apt-get update), dpkg-deb, xz, sha256sum.
# Usage: bash scripts/extract_russian.sh [OUT_DIR]
set -euo pipefail

out_dir="${1:-$(dirname "$0")/data/hunspell-ru}"
for tool in apt-get dpkg-deb xz sha256sum; do
    command -v "$tool" >/dev/null || { echo "extract_russian: '$tool' not found" >&2; exit 2; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download hunspell-ru >/dev/null)
deb="$(ls "$work"/hunspell-ru_*.deb)"
version="$(dpkg-deb -f "$deb" Version)"
dpkg-deb -x "$deb" "$work/x"
dic="$work/x/usr/share/hunspell/ru_RU.dic"
aff="$work/x/usr/share/hunspell/ru_RU.aff"
grep -q 'Alexander I. Lebedev' "$work/x/usr/share/doc/hunspell-ru/copyright" || {
    echo "extract_russian: the copyright file no longer names A. I. Lebedev: re-check the licence" >&2
    exit 1
}

mkdir -p "$out_dir"
xz -9 -c "$dic" > "$out_dir/ru_RU.dic.xz"
cp "$aff" "$out_dir/ru_RU.aff"
{
    echo "package=hunspell-ru"
    echo "package_version=$version"
    echo "source_package=libreoffice-dictionaries (dictionaries/ru_RU)"
    echo "files=/usr/share/hunspell/ru_RU.dic /usr/share/hunspell/ru_RU.aff"
    echo "fetch=apt-get download hunspell-ru && dpkg-deb -x hunspell-ru_*.deb out/ (or: bash scripts/extract_russian.sh)"
    echo "licence=BSD-style (A. I. Lebedev), see LICENSE; Debian copyright: custom-bsd-4-clauses"
    echo "entries=$(head -n 1 "$dic")"
    echo "sha256_ru_RU.dic=$(sha256sum "$dic" | cut -d' ' -f1)"
    echo "sha256_ru_RU.aff=$(sha256sum "$aff" | cut -d' ' -f1)"
    echo "stored_as=ru_RU.dic.xz (xz -9), ru_RU.aff"
} > "$out_dir/SOURCE.txt"
echo "extract_russian: hunspell-ru $version -> $out_dir" >&2
