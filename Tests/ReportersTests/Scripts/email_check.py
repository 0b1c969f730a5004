#!/usr/bin/env python3
"""Independent check of one generated message, for the Swift tests.

usage: email_check.py MESSAGE_FILE (lf|crlf)

Parses the file with Python's own email package (policy=default, which reports
defects instead of guessing), applies line-level rules that the parser does not
check, and prints one JSON object on stdout:

  {"problems": [...], "subject": ..., "from": [...], "to": [...], "cc": [...],
   "reply_to": [...], "headers": {name: [raw values]}, "parts": [...],
   "text": ..., "html": ...}

Addresses are [display name, addr-spec] pairs. Decoded bodies have their line
endings normalised to LF. Uses the standard library only.
"""
import json
import re
import sys
from email import policy
from email.parser import BytesParser

REQUIRED_ONCE = ["Date", "From", "To", "Subject", "Message-ID", "MIME-Version",
                 "Auto-Submitted", "Content-Type"]


def line_problems(raw, ending):
    found = []
    if ending == "crlf":
        if re.search(rb"(?<!\r)\n", raw):
            found.append("an LF without CR in a CRLF message")
        if re.search(rb"\r(?!\n)", raw):
            found.append("a CR without LF")
        lines = raw.split(b"\r\n")
    else:
        if b"\r" in raw:
            found.append("a CR in an LF message")
        lines = raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    else:
        found.append("the message does not end with a line ending")
    for number, line in enumerate(lines, 1):
        if len(line) > 998:
            found.append(f"line {number} has {len(line)} octets (over 998)")
        elif len(line) > 78:
            found.append(f"line {number} has {len(line)} characters (over 78)")
        if line == b".":
            found.append(f"line {number} is a lone dot")
        if line.startswith(b"From "):
            found.append(f"line {number} starts with 'From '")
    separator = b"\r\n\r\n" if ending == "crlf" else b"\n\n"
    if separator not in raw:
        found.append("no blank line after the header block")
    head = raw.split(separator, 1)[0]
    if re.search(rb"[\x80-\xff]", head):
        found.append("an 8-bit byte in the header block")
    if re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", raw):
        found.append("a control character in the message")
    return found


def addresses(message, name):
    header = message.get(name)
    if header is None:
        return []
    return [[a.display_name, a.addr_spec] for a in header.addresses]


def main():
    path, ending = sys.argv[1], sys.argv[2]
    raw = open(path, "rb").read()
    problems = line_problems(raw, ending)
    message = BytesParser(policy=policy.default).parsebytes(raw)

    for name in REQUIRED_ONCE:
        count = len(message.get_all(name, []))
        if count != 1:
            problems.append(f"{name} appears {count} times")
    headers = {}
    for name, value in message.items():
        headers.setdefault(name, []).append(str(value))
        for defect in getattr(value, "defects", ()):
            problems.append(f"header {name}: {type(defect).__name__}: {defect}")
    if message.get("Date") is not None and message["Date"].datetime is None:
        problems.append("Date does not parse")
    for name in ("Message-ID", "References"):
        for value in message.get_all(name, []):
            for token in str(value).split():
                if not re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", token):
                    problems.append(f"{name} has a malformed id {token!r}")

    parts = []
    bodies = {}
    for part in message.walk():
        for defect in part.defects:
            problems.append(f"part {part.get_content_type()}: {type(defect).__name__}")
        parts.append(part.get_content_type())
        if part.is_multipart():
            continue
        if part.get_content_charset() != "utf-8":
            problems.append(f"{part.get_content_type()} charset is {part.get_content_charset()}")
        if part.get("Content-Transfer-Encoding", "").lower() != "quoted-printable":
            problems.append(f"{part.get_content_type()} is not quoted-printable")
        try:
            content = part.get_content()
        except Exception as error:  # a decoding failure is a finding, not a crash
            problems.append(f"cannot decode {part.get_content_type()}: {error}")
            continue
        bodies[part.get_content_type()] = content.replace("\r\n", "\n")
    if parts != ["multipart/alternative", "text/plain", "text/html"]:
        problems.append(f"unexpected structure {parts}")

    print(json.dumps({
        "problems": problems,
        "subject": str(message.get("Subject", "")),
        "from": addresses(message, "From"),
        "to": addresses(message, "To"),
        "cc": addresses(message, "Cc"),
        "reply_to": addresses(message, "Reply-To"),
        "headers": headers,
        "parts": parts,
        "text": bodies.get("text/plain"),
        "html": bodies.get("text/html"),
    }))


if __name__ == "__main__":
    main()
