"""Checks that every URL in sitemap.xml, and every hreflang alternate, is a
page in public/.

usage: python3 check_sitemap.py PUBLIC_DIR BASE_URL
"""

import pathlib
import sys
import xml.etree.ElementTree as ET

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def main() -> None:
    public, base_url = pathlib.Path(sys.argv[1]), sys.argv[2].rstrip("/")
    root = ET.parse(public / "sitemap.xml").getroot()
    urls = [loc.text for loc in root.findall("s:url/s:loc", NS)]
    urls += [link.get("href") for link in root.findall("s:url/x:link", NS)]
    for url in urls:
        if not url.startswith(base_url + "/"):
            sys.exit(f"{url} is not on the site {base_url}")
        page = public / url[len(base_url) + 1 :] / "index.html"
        if not page.is_file():
            sys.exit(f"{url} is in the sitemap but {page} does not exist")
    print(f"sitemap: {len(urls)} URLs, all in public/")


if __name__ == "__main__":
    main()
