"""Checks the Atom feeds of a built site with feedparser.

Each feed must parse without `bozo`, list entries newest first, and link
every entry to a page that exists in public/.

usage: python3 check_feeds.py PUBLIC_DIR BASE_URL
"""

import pathlib
import sys

import feedparser


def local_file(public: pathlib.Path, base_url: str, link: str) -> pathlib.Path:
    if not link.startswith(base_url + "/"):
        sys.exit(f"entry link {link} is not on the site {base_url}")
    path = link[len(base_url) + 1 :]
    return public / path / "index.html" if path.endswith("/") or not path else public / path


def main() -> None:
    public, base_url = pathlib.Path(sys.argv[1]), sys.argv[2].rstrip("/")
    feeds = sorted(public.glob("*/atom.xml"))
    if not feeds:
        sys.exit("no feeds found")
    for feed_path in feeds:
        feed = feedparser.parse(feed_path.read_bytes())
        if feed.bozo:
            sys.exit(f"{feed_path}: not well-formed: {feed.bozo_exception}")
        if not feed.entries:
            sys.exit(f"{feed_path}: no entries")
        updated = [entry.updated_parsed for entry in feed.entries]
        if updated != sorted(updated, reverse=True):
            sys.exit(f"{feed_path}: entries are not newest first")
        for entry in feed.entries:
            page = local_file(public, base_url, entry.link)
            if not page.is_file():
                sys.exit(f"{feed_path}: entry {entry.link} has no page {page}")
        print(f"{feed_path}: {len(feed.entries)} entries, ok")


if __name__ == "__main__":
    main()
