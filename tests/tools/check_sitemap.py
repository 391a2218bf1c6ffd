"""Checks that every URL in sitemap.xml (or in each sitemap its index names,
each within the protocol's 50,000 URLs and 50 MB), and every hreflang alternate, is a
page in public/.

usage: python3 check_sitemap.py PUBLIC_DIR BASE_URL
"""

import pathlib
import sys
import xml.etree.ElementTree as ET

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


# The sitemaps protocol's limits for one sitemap.
MAX_URLS, MAX_BYTES = 50_000, 50 * 1024 * 1024


def sitemaps(public: pathlib.Path, base_url: str) -> list[pathlib.Path]:
    """sitemap.xml, or the sitemaps it names when it is an index of them."""
    root = ET.parse(public / "sitemap.xml").getroot()
    if root.tag != f"{{{NS['s']}}}sitemapindex":
        return [public / "sitemap.xml"]
    files = []
    for loc in root.findall("s:sitemap/s:loc", NS):
        if not loc.text.startswith(base_url + "/"):
            sys.exit(f"{loc.text} is not on the site {base_url}")
        files.append(public / loc.text[len(base_url) + 1 :])
    if len(files) < 2:
        sys.exit("an index of fewer than two sitemaps")
    return files


def main() -> None:
    public, base_url = pathlib.Path(sys.argv[1]), sys.argv[2].rstrip("/")
    urls = []
    for file in sitemaps(public, base_url):
        root = ET.parse(file).getroot()
        listed = [loc.text for loc in root.findall("s:url/s:loc", NS)]
        if len(listed) > MAX_URLS or file.stat().st_size > MAX_BYTES:
            sys.exit(f"{file} lists {len(listed)} URLs in {file.stat().st_size} bytes: over the protocol's limits")
        urls += listed
        urls += [link.get("href") for link in root.findall("s:url/x:link", NS)]
    if None in urls:
        sys.exit("a URL without its address")
    for url in urls:
        if not url.startswith(base_url + "/"):
            sys.exit(f"{url} is not on the site {base_url}")
        page = public / url[len(base_url) + 1 :] / "index.html"
        if not page.is_file():
            sys.exit(f"{url} is in the sitemap but {page} does not exist")
    print(f"sitemap: {len(urls)} URLs, all in public/")


if __name__ == "__main__":
    main()
