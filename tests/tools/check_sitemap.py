"""Checks that every URL in sitemap.xml (or in each sitemap its index names,
each within the protocol's 50,000 URLs and 50 MB), and every hreflang
alternate, is a page in public/.

usage: python3 check_sitemap.py PUBLIC_DIR BASE_URL
"""

import pathlib
import sys
import xml.etree.ElementTree as ET

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}

# The sitemaps protocol's limits for one sitemap.
MAX_URLS, MAX_BYTES = 50_000, 50 * 1024 * 1024


def page_of(public: pathlib.Path, base_url: str, url: str | None, where: pathlib.Path) -> pathlib.Path:
    """The file in public/ at `url`, an address on the site."""
    if url is None or not url.startswith(base_url + "/"):
        sys.exit(f"{where}: {url} is not on the site {base_url}")
    return public / url[len(base_url) + 1 :]


def sitemaps(public: pathlib.Path, base_url: str) -> list[pathlib.Path]:
    """sitemap.xml, or the sitemaps it names when it is an index of them:
    each once, each there, and no other sitemap file left beside them."""
    index = public / "sitemap.xml"
    root = ET.parse(index).getroot()
    if root.tag != f"{{{NS['s']}}}sitemapindex":
        files = [index]
    else:
        files = [page_of(public, base_url, loc.text, index) for loc in root.findall("s:sitemap/s:loc", NS)]
        if len(files) < 2 or len(set(files)) != len(files):
            sys.exit(f"{index} names {len(files)} sitemaps, or one twice")
        for file in files:
            if not file.is_file():
                sys.exit(f"{index} names {file}, which does not exist")
    left = set(public.glob("sitemap*.xml")) - set(files) - {index}
    if left:
        sys.exit(f"sitemap files no index names: {sorted(map(str, left))}")
    return files


def main() -> None:
    public, base_url = pathlib.Path(sys.argv[1]), sys.argv[2].rstrip("/")
    urls, pages = [], []
    for file in sitemaps(public, base_url):
        root = ET.parse(file).getroot()
        if root.tag != f"{{{NS['s']}}}urlset":
            sys.exit(f"{file} is not a list of URLs")
        count, size = len(root.findall("s:url", NS)), file.stat().st_size
        if count > MAX_URLS or size > MAX_BYTES:
            sys.exit(f"{file} lists {count} URLs in {size} bytes: over the protocol's limits")
        listed = [loc.text for loc in root.findall("s:url/s:loc", NS)]
        if len(listed) != count:
            sys.exit(f"{file} has a URL without its address")
        urls += listed
        pages += [page_of(public, base_url, url, file) for url in listed]
        pages += [page_of(public, base_url, link.get("href"), file) for link in root.findall("s:url/x:link", NS)]
    if len(set(urls)) != len(urls):
        sys.exit("a URL is listed twice")
    for page in pages:
        if not (page / "index.html").is_file():
            sys.exit(f"{page} is in the sitemap but {page / 'index.html'} does not exist")
    print(f"sitemap: {len(pages)} addresses, all in public/")


if __name__ == "__main__":
    main()
