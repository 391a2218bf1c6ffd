"""Writes a copy of the sample site with the sample rebuttal once under each
verdict, each with the headline and lead that verdict gives it, and once
withdrawn, for the browser check that the verdict is seen first
(tests/browser/verdict-first.mjs).

usage: python3 verdicts_site.py REPO_ROOT OUT_DIR
"""

import pathlib
import re
import shutil
import sys

# Every verdict a record may give (DESIGN.md, "Record format").
VERDICTS = ["fake", "false", "misleading", "baseless", "out-of-context"]
SAMPLE = "statements/2021/06/cowin-data-breach.yaml"


def main():
    repo, out = (pathlib.Path(arg) for arg in sys.argv[1:3])
    if out.exists():
        shutil.rmtree(out)
    for folder in ["locales", "templates", "statements"]:
        shutil.copytree(repo / folder, out / folder)
    shutil.copy(repo / "tathya.yaml", out / "tathya.yaml")
    sample = (repo / SAMPLE).read_text(encoding="utf-8")
    assert re.search(r"^verdict: \S+$", sample, re.M), "the sample rebuttal has no verdict line"
    for verdict in VERDICTS:
        record = re.sub(r"^verdict: \S+$", f"verdict: {verdict}", sample, flags=re.M)
        path = out / "statements" / "verdicts" / f"{verdict}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(record, encoding="utf-8")
    # The pictures the sample's claim names sit beside its copies too.
    for picture in (repo / SAMPLE).parent.glob("*.png"):
        shutil.copy(picture, out / "statements" / "verdicts" / picture.name)
    # And the false one withdrawn: its struck verdict is seen first too.
    assert re.search(r"^status: published$", sample, re.M), "the sample rebuttal has no status line"
    withdrawn = re.sub(r"^status: published$", "status: withdrawn", sample, flags=re.M)
    withdrawn += "withdrawn:\n  date: 2021-06-20\n  note: { en: It named the wrong platform., hi: इसमें गलत प्लेटफॉर्म का नाम था। }\n"
    (out / "statements" / "verdicts" / "withdrawn.yaml").write_text(withdrawn, encoding="utf-8")
    print("\n".join(f"verdicts/{v}" for v in VERDICTS + ["withdrawn"]))


if __name__ == "__main__":
    main()
