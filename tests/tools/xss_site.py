"""Writes a site root whose every text holds a script-injection payload.

Each payload, if it ever ran, would call `tathyaXss(N)`; the browser check
(tests/browser/xss.mjs) watches for that call on every built page. The
payloads are variations on the vectors of the OWASP XSS filter-evasion cheat
sheet, written for this test: tags, event handlers, dangerous URL schemes in
HTML and Markdown links, entity encodings, breaking out of attributes,
<title> and the JSON-LD <script>, and Markdown block syntax.

usage: python3 xss_site.py REPO_ROOT OUT_DIR
"""

import json
import pathlib
import shutil
import sys

BASES = [
    "<script>tathyaXss({n})</script>",
    "<ScRiPt>tathyaXss({n})</sCrIpT>",
    "<img src=x onerror=tathyaXss({n})>",
    '<img src="x" onerror="tathyaXss({n})">',
    "<svg onload=tathyaXss({n})>",
    "<svg><script>tathyaXss({n})</script></svg>",
    "<body onload=tathyaXss({n})>",
    '<iframe srcdoc="<script>parent.tathyaXss({n})</script>"></iframe>',
    "<details open ontoggle=tathyaXss({n})>",
    "<input autofocus onfocus=tathyaXss({n})>",
    '<a href="javascript:tathyaXss({n})">x</a>',
    "[x](javascript:tathyaXss({n}))",
    "[x](JaVaScRiPt:tathyaXss({n}))",
    "[x](data:text/html,<script>tathyaXss({n})</script>)",
    "[x](vbscript:tathyaXss({n}))",
    "<javascript:tathyaXss({n})>",
    "![x](javascript:tathyaXss({n}))",
    '![x" onerror="tathyaXss({n})](https://example.gov.in/a.png)',
    '[x](https://example.gov.in/"onmouseover="tathyaXss({n}))',
    '"><script>tathyaXss({n})</script>',
    "'><img src=x onerror=tathyaXss({n})>",
    "</script><script>tathyaXss({n})</script>",
    "</title><script>tathyaXss({n})</script>",
    "<!--<script>tathyaXss({n})</script>-->",
    "<style>@import 'javascript:tathyaXss({n})';</style>",
    "<math><mtext><script>tathyaXss({n})</script></mtext></math>",
    "&lt;script&gt;tathyaXss({n})&lt;/script&gt;",
    "&#60;script&#62;tathyaXss({n})&#60;/script&#62;",
    '<object data="javascript:tathyaXss({n})"></object>',
    '<embed src="javascript:tathyaXss({n})">',
    '<form action="javascript:tathyaXss({n})"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:tathyaXss({n})">',
    '<base href="javascript:tathyaXss({n})//">',
    '<video><source onerror="tathyaXss({n})"></video>',
    "<audio src=x onerror=tathyaXss({n})>",
    "<marquee onstart=tathyaXss({n})>x</marquee>",
    '<div style="background:url(javascript:tathyaXss({n}))">x</div>',
    "[x][r]\n\n[r]: javascript:tathyaXss({n})",
    '<a href="&#106;avascript:tathyaXss({n})">x</a>',
    "[x](&#106;avascript:tathyaXss({n}))",
    "[x](java&#x09;script:tathyaXss({n}))",
    "[x]( javascript:tathyaXss({n}))",
    "`<script>tathyaXss({n})</script>`",
    "```\n<script>tathyaXss({n})</script>\n```",
    "# <script>tathyaXss({n})</script>",
    "> <img src=x onerror=tathyaXss({n})>",
    "- <svg onload=tathyaXss({n})>",
    "<svg><animate onbegin=tathyaXss({n}) attributeName=x dur=1s>",
    "<img src=x onerror=eval('tathya'+'Xss({n})')>",
    "<img src=`x` onerror=tathyaXss({n})>",
    "<IMG SRC=javascript:tathyaXss({n})>",
    "<scr<script>ipt>tathyaXss({n})</scr</script>ipt>",
    '<a href="jav&#x09;ascript:tathyaXss({n})">x</a>',
    "<svg/onload=tathyaXss({n})>",
    '<img """><script>tathyaXss({n})</script>">',
    "<table background=javascript:tathyaXss({n})>",
    "\u2028<script>tathyaXss({n})</script>",
    "{{constructor.constructor('tathyaXss({n})')()}}",
    "${{tathyaXss({n})}}",
]

# Each base is also tried inside inline Markdown and after Devanagari text.
WRAPPERS = ["{p}", "कोविन *{p}* खबर", "[{p}](https://example.gov.in/x) और [x](https://example.gov.in/y)"]


def payloads():
    n = 0
    for wrapper in WRAPPERS:
        for base in BASES:
            n += 1
            yield n, wrapper.replace("{p}", base.replace("{n}", str(n)))


def fluent_safe(text):
    """Record text is a Fluent pattern: braces are written as literals."""
    out = []
    for c in text:
        out.append('{"{"}' if c == "{" else '{"}"}' if c == "}" else c)
    return "".join(out)


def both(text):
    value = json.dumps(fluent_safe(text), ensure_ascii=False)
    return f"{{ en: {value}, hi: {value} }}"


def record(n, text, kind):
    t = both(text)
    lines = [f"kind: {kind}", "status: published", "date: 2021-06-10", "issuer: mohfw", f"topic: {t}", f"headline: {t}"]
    if kind == "rebuttal":
        lines += [
            "verdict: false",
            f"claim:\n  text: {t}\n  claimant: {t}\n  first_seen: 2021-06-10",
            f'  appearances: ["https://example.gov.in/\'onmouseover=\'tathyaXss({n})", "https://example.gov.in/javascript:tathyaXss({n})"]',
            f"facts:\n  - {t}",
            f"actions:\n  - {t}",
        ]
    else:
        lines += [f"myths:\n  - myth: {t}\n    fact: {t}"]
    lines += [
        f"quotes:\n  - by: rs-sharma\n    text: {t}",
        f'sources:\n  - title: {t}\n    url: "https://example.gov.in/x?q=\'+tathyaXss({n})+\'#\'onclick=\'tathyaXss({n})"',
        "contact: media-cell",
        "tags: [cowin]",
        f"updates:\n  - date: 2021-06-11\n    note: {t}",
    ]
    return "\n".join(lines) + "\n"


def main():
    repo, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    if out.exists():
        shutil.rmtree(out)
    for folder in ["locales", "templates"]:
        shutil.copytree(repo / folder, out / folder)
    settings = (repo / "tathya.yaml").read_text()
    names = [
        # The logo's text before the title it begins with.
        ("en: Health Ministry Fact Check logo,", 9010),
        ("en: Government of India,", 9011),
        ("en: Health Ministry Fact Check", 9001),
        ("en: New Delhi", 9002),
        ("en: Dr R S Sharma", 9003),
        ("en: CoWIN", 9004),
        ("en: Ministry of Health and Family Welfare,", 9006),
        ("en: Health Ministry,", 9007),
        ("en: Chairman, Empowered Group on Vaccine Administration (EGVAC)", 9008),
        ('en: "Media Cell, Ministry of Health and Family Welfare"', 9009),
    ]
    for key, n in names:
        value = json.dumps(f"<script>tathyaXss({n})</script>\"'><img src=x onerror=tathyaXss({n})>")
        settings = settings.replace(key, f"en: {value}" + ("," if key.endswith(",") else ""))
    # Hostile e-mail addresses and phone numbers are refused by `check`
    # (T016; tests/check/T016-*), so the contact keeps its own.
    (out / "tathya.yaml").write_text(settings)
    statements = out / "statements" / "xss"
    statements.mkdir(parents=True)
    count = 0
    for n, text in payloads():
        kind = "rebuttal" if n % 2 else "myth-buster"
        (statements / f"payload-{n:03}.yaml").write_text(record(n, text, kind))
        count += 1
    withdrawn = record(999, BASES[0].replace("{n}", "999"), "rebuttal").replace("status: published", "status: withdrawn")
    withdrawn += f"withdrawn:\n  date: 2021-06-12\n  note: {both(BASES[2].replace('{n}', '998'))}\n"
    (statements / "withdrawn.yaml").write_text(withdrawn)
    print(f"{count} payload records and one withdrawn record in {out}")


if __name__ == "__main__":
    main()
