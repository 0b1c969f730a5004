#!/usr/bin/env python3
"""Independent check of a Markdown board report with cmark-gfm (GitHub's renderer).

usage: check_markdown.py REPORT.md [TEXT-THAT-MUST-SHOW-LITERALLY] [--link HREF TEXT]...

Renders the file with the table and autolink extensions (as GitHub does) in safe mode and in
unsafe mode (raw HTML passed through, as some viewers do) and checks, in both:
  - no element other than the expected Markdown output appears (no script, no injected tags);
  - every table body row has as many cells as its header row;
  - the given text appears literally in the rendered text;
  - every link goes to https://, or to http:// where its text is an address written http:// or www.
    (which GitHub links as http://), and no link holds a backslash (an escape that reached the link);
  - for each --link, a link to exactly HREF whose text is exactly TEXT appears.
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
        self.problems, self.text, self.tables, self.links = [], [], [], []
        self.row = None
        self.link = None

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.problems.append(f"unexpected <{tag}> element")
        for name, value in attrs:
            if name.startswith("on") or (name == "href" and not (value or "").startswith(("https://", "http://"))):
                self.problems.append(f"unexpected attribute {name}={value!r} on <{tag}>")
        if tag == "a":
            self.link = (dict(attrs).get("href"), [])
        if tag == "table":
            self.tables.append({"header": None, "rows": []})
        elif tag == "tr":
            self.row = 0
        elif tag in ("td", "th") and self.row is not None:
            self.row += 1
        elif tag == "br":
            self.text.append(" ")

    def handle_endtag(self, tag):
        if tag == "a" and self.link:
            href, text = self.link[0] or "", "".join(self.link[1])
            # Autolinked www. addresses get http://; the rest keep the scheme they were written with.
            if href.startswith("http://") and not text.startswith(("www.", "http://")):
                self.problems.append(f"link {href!r} ({text!r}) is http:// but was not written so")
            if "\\" in text or "%5C" in href.upper():
                self.problems.append(f"link {href!r} ({text!r}) holds a backslash")
            self.links.append((href, text))
            self.link = None
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
        if self.link:
            self.link[1].append(data)


def check(markdown, unsafe, literal, links):
    args = ["cmark-gfm", "-e", "table", "-e", "autolink"] + (["--unsafe"] if unsafe else [])
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
    for link in links:
        if link not in reader.links:
            near = [found for found in reader.links if found[1] in link[1] or link[1] in found[1]]
            problems.append(f"{mode}: no link {link!r}; links with text like it: {near!r}")
    return problems


def main():
    args = sys.argv[1:]
    links = []
    while "--link" in args:
        at = args.index("--link")
        links.append((args[at + 1], args[at + 2]))
        del args[at:at + 3]
    markdown = open(args[0], "rb").read()
    literal = args[1] if len(args) > 1 else None
    problems = check(markdown, False, literal, links) + check(markdown, True, literal, links)
    for problem in problems:
        print("PROBLEM:", problem)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
