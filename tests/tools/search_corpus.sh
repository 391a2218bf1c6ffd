#!/usr/bin/env bash
# Search on a large site, in headless Chromium: N generated statements
# (examples/corpus.rs) with the repository's sample statements among them;
# queries in both scripts must find the sample they name, and each query's
# line says how many bytes of the index it fetched.
#
# usage: tests/tools/search_corpus.sh N WORK_DIR
# Needs a release build of tathya and the corpus example, and
# tests/browser's node modules (tests/tools/check-site.sh installs them).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
records="$1"
site="$2/search-corpus-$records"
"$repo/target/release/examples/corpus" --records "$records" --out "$site" 2>/dev/null
cp -r "$repo/statements/." "$site/statements/"
cp -r "$repo/pages" "$site/"
if ! "$repo/target/release/tathya" build --full --root "$site" >/dev/null 2>"$site.log"; then cat "$site.log"; exit 1; fi
breach=2021/06/cowin-data-breach
node "$repo/tests/browser/search.mjs" "$site/public" '[
  {"lang": "hi", "query": "कोविन हैकर", "expect": "/hi/'"$breach"'/", "rank": 1},
  {"lang": "en", "query": "CoWIN hackers", "expect": "/en/'"$breach"'/", "rank": 1},
  {"lang": "hi", "query": "ख़बरों हैकरों", "expect": "/hi/'"$breach"'/", "rank": 1},
  {"lang": "hi", "query": "कोविन"},
  {"lang": "en", "query": "cowin"},
  {"lang": "hi", "query": "टीकाकरण कार्यक्रम"},
  {"lang": "en", "query": "the"},
  {"lang": "en", "query": "vaccination data platform"}
]'
