#!/usr/bin/env bash
# Extract the Uzbek Cyrillic word list that ships inside Tesseract's uzb_cyrl.traineddata.
#
# Why: the lexicon builder (scripts/build_lexicon.py) needs real Cyrillic text under a licence
# that MIT code may ship data from. The tessdata word list is Apache-2.0 and ~100,000 words of
# real (mostly web and encyclopaedia) text. The extracted list is committed under
# scripts/data/tesseract-uzb-cyrl/ so that CI can rebuild and measure without apt; run this
# script only to refresh it.
#
# Needs (Debian): apt-get install -y tesseract-ocr tesseract-ocr-uzb-cyrl
# Usage: bash scripts/extract_wordlist.sh [OUT_DIR] [LANG]
#   LANG is the tessdata language: uzb_cyrl (default, Cyrillic) or uzb (the Latin list, which
#   scripts/build_english.py uses to tell Uzbek word forms from English words).
set -euo pipefail

lang="${2:-uzb_cyrl}"
package="tesseract-ocr-${lang//_/-}"
out_dir="${1:-$(dirname "$0")/data/$package}"
out_dir="${out_dir/tesseract-ocr-/tesseract-}"

for tool in combine_tessdata dawg2wordlist dpkg-query; do
    command -v "$tool" >/dev/null || { echo "extract_wordlist: '$tool' not found (apt-get install -y tesseract-ocr $package)" >&2; exit 2; }
done

traineddata="$(dpkg-query -L "$package" | grep "/$lang\\.traineddata\$" | head -n 1)"
[ -n "$traineddata" ] || { echo "extract_wordlist: $package has no $lang.traineddata" >&2; exit 2; }
version="$(dpkg-query -W -f '${Version}' "$package")"
tesseract_version="$(dpkg-query -W -f '${Version}' tesseract-ocr)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
combine_tessdata -u "$traineddata" "$work/$lang." >/dev/null
dawg2wordlist "$work/$lang.lstm-unicharset" "$work/$lang.lstm-word-dawg" "$work/words.txt" >/dev/null 2>&1

mkdir -p "$out_dir"
# Byte order sort so the committed file does not depend on the locale of whoever refreshes it.
LC_ALL=C sort -u "$work/words.txt" > "$out_dir/words.txt"
{
    echo "package=$package"
    echo "package_version=$version"
    echo "extracted_with=tesseract-ocr $tesseract_version (combine_tessdata -u, dawg2wordlist)"
    echo "traineddata_version=$(cat "$work/$lang.version")"
    echo "component=lstm-word-dawg"
    echo "words=$(wc -l < "$out_dir/words.txt")"
    echo "sha256=$(sha256sum "$out_dir/words.txt" | cut -d' ' -f1)"
} > "$out_dir/SOURCE.txt"
count="$(wc -l < "$out_dir/words.txt")"
if [ "$lang" != uzb_cyrl ]; then
    # The Latin list is three times the size of the Cyrillic one: it is committed compressed.
    xz -9 -f "$out_dir/words.txt"
fi
echo "extract_wordlist: wrote $count words to $out_dir" >&2
