"""Renders every index.md of a built site with Python-Markdown, a renderer
that is not CommonMark and passes raw HTML through, as another site's CMS or
wiki would, and fails on any markup that came from the text: an element
Markdown does not make, any attribute but an http, https or mailto href,
an event handler, a script, an image. tests/markdown.rs does the same with
pulldown-cmark.

usage: python3 check_markdown.py PUBLIC_DIR
"""

import html.parser
import pathlib
import sys

import markdown

ELEMENTS = {"p", "h1", "h2", "ul", "li", "blockquote", "hr", "em", "strong", "del", "code", "a"}
SCHEMES = ("http://", "https://", "mailto:")


class Findings(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.counts = {}

    def handle_starttag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag not in ELEMENTS:
            self.found.append(f"element <{tag}>")
        for name, value in attrs:
            allowed = tag == "a" and name == "href" and (value or "").lower().startswith(SCHEMES)
            if not allowed:
                self.found.append(f"attribute {name}={value!r} on <{tag}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag not in ELEMENTS:
            self.found.append(f"element </{tag}>")

    def handle_comment(self, data):
        self.found.append(f"comment <!--{data}-->")

    def handle_pi(self, data):
        self.found.append(f"processing instruction <?{data}>")

    def handle_decl(self, decl):
        self.found.append(f"declaration <!{decl}>")


def problems(text):
    rendered = markdown.markdown(text)
    parser = Findings()
    parser.feed(rendered)
    parser.close()
    found = parser.found
    if "<script" in rendered.lower():
        found.append("<script")
    # The templates write one heading 1 and one rule; more came from the text.
    for element in ("h1", "hr"):
        if parser.counts.get(element, 0) > 1:
            found.append(f"{parser.counts[element]} <{element}>")
    if parser.counts.get("pre", 0):
        found.append("a code block")
    return found


def main():
    public = pathlib.Path(sys.argv[1])
    pages = sorted(public.rglob("index.md"))
    if not pages:
        sys.exit(f"no index.md under {public}")
    failures = 0
    for page in pages:
        for problem in problems(page.read_text(encoding="utf-8")):
            failures += 1
            if failures <= 40:
                print(f"{page.relative_to(public)}: {problem}")
    if failures:
        sys.exit(f"{failures} problems in the Markdown of {public}")
    print(f"{len(pages)} Markdown pages render with Python-Markdown {markdown.__version__} without markup from their text")


if __name__ == "__main__":
    main()
