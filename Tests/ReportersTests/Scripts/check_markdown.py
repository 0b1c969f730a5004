#!/usr/bin/env python3
"""Independent check of a Markdown board report with cmark-gfm (GitHub's renderer).

usage: check_markdown.py REPORT.md [TEXT-THAT-MUST-SHOW-LITERALLY]

Renders the file with the table extension in safe mode and in unsafe mode (raw HTML passed
through, as some viewers do) and checks, in both:
  - no element other than the expected Markdown output appears (no script, no injected tags);
  - every table body row has as many cells as its header row;
  - the given text appears literally in the rendered text.
Exit 0 when all hold, 1 with the problems listed otherwise.
"""
import html.parser
import re
import subprocess
import sys

ALLOWED = {"h1", "h2", "p", "strong", "em", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
           "a", "br", "blockquote", "code"}


class Reader(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.text, self.tables = [], [], []
        self.row = None

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.problems.append(f"unexpected <{tag}> element")
        for name, value in attrs:
            if name.startswith("on") or (name == "href" and not (value or "").startswith("https://")):
                self.problems.append(f"unexpected attribute {name}={value!r} on <{tag}>")
        if tag == "table":
            self.tables.append({"header": None, "rows": []})
        elif tag == "tr":
            self.row = 0
        elif tag in ("td", "th") and self.row is not None:
            self.row += 1
        elif tag == "br":
            self.text.append(" ")

    def handle_endtag(self, tag):
        if tag == "tr" and self.tables:
            table = self.tables[-1]
            if table["header"] is None:
                table["header"] = self.row
            else:
                table["rows"].append(self.row)
            self.row = None
        elif tag in ("p", "td", "th", "li", "h1", "h2"):
            self.text.append(" ")

    def handle_data(self, data):
        self.text.append(data)


def check(markdown, unsafe, literal):
    args = ["cmark-gfm", "-e", "table"] + (["--unsafe"] if unsafe else [])
    rendered = subprocess.run(args, input=markdown, capture_output=True, check=True).stdout.decode("utf-8")
    reader = Reader()
    reader.feed(rendered)
    mode = "unsafe" if unsafe else "safe"
    problems = [f"{mode}: {p}" for p in reader.problems]
    if len(reader.tables) == 0:
        problems.append(f"{mode}: no tables rendered")
    for number, table in enumerate(reader.tables, 1):
        for row in table["rows"]:
            if row != table["header"]:
                problems.append(f"{mode}: table {number}: a row has {row} cells, the header {table['header']}")
    text = re.sub(r"\s+", " ", "".join(reader.text))
    if literal and re.sub(r"\s+", " ", literal) not in text:
        problems.append(f"{mode}: {literal!r} does not appear literally in the rendered text")
    return problems


def main():
    markdown = open(sys.argv[1], "rb").read()
    literal = sys.argv[2] if len(sys.argv) > 2 else None
    problems = check(markdown, False, literal) + check(markdown, True, literal)
    for problem in problems:
        print("PROBLEM:", problem)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
