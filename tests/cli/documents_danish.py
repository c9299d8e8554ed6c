#!/usr/bin/env python3
"""Reads every document of a workspace as a member receives it and prints
each line with English, a setting name, the program's name or command
syntax (DANISH.md rule 1). Documents: documents/**/*.md and *.html (text),
the .ics files' SUMMARY, DESCRIPTION, LOCATION and calendar name, and the
outbox e-mails' subject and bodies. Exit 1 when anything was found."""
import email, email.policy, html, pathlib, re, sys

# English words that never occur in Danish text (not "to", "and", "is",
# "standard", "status", "data": those are Danish words too).
ENGLISH = """the of with from paid payout payouts report reported notice deadline deadlines source
grant grants meeting meetings assembly bylaws roster needs least earliest days day policy setting
settings check registered overdue income member members yes no cancelled minutes agenda attendees
organizer coordinator treasurer board chair invitation invited please dear regards""".split()
WORDS = re.compile(r"(?<![\w-])(" + "|".join(ENGLISH) + r")(?![\w-])", re.IGNORECASE)
SYNTAX = [
    (re.compile(r"klynge\.toml|policy\.[a-z_]+|cluster\.[a-z_]+|mail\.[a-z_]+"), "a setting name"),
    # The noun "klynge" is Danish ("pr. klynge", "samme klynge"); the program is
    # named by a command after it or as a tool ("dannet med klynge").
    (re.compile(r"`klynge|(?<![\w-])klynge (init|member|meeting|vote|ledger|check|status|practice|role|budget|"
                r"grant|skat|payout|contract|theme|task|remind|calendar|report|config|dump|merge|log|hours)\b|"
                r"(?<![\w-])(med|til|i|af|fra|ud) klynge(?![\w-])"), "the program's name"),
    (re.compile(r"(?<![\w-])--[a-z][a-z-]+"), "a command-line option"),
    (re.compile(r"\[00\d( §\d+)?"), "a reference to klynge's sources"),
]

def ics_texts(path):
    text = path.read_text(encoding="utf-8").replace("\r\n ", "").replace("\r\n", "\n")
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.split(";")[0] in ("SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME", "COMMENT"):
            yield value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")

def mail_texts(path):
    yield from message_texts(path.read_bytes())

def mbox_texts(path):
    # The outbox: one mailbox per action, every message in it (issue 15).
    import mailbox
    box = mailbox.mbox(path, create=False)
    for key in box.keys():
        yield from message_texts(box.get_bytes(key))

def message_texts(data):
    msg = email.message_from_bytes(data, policy=email.policy.default)
    yield str(msg["Subject"])
    for part in msg.walk():
        if part.get_content_type() in ("text/plain", "text/html"):
            body = part.get_content()
            if part.get_content_type() == "text/html":
                body = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(style|script)[^>]*>.*?</\1>", "", body)))
            yield body
        elif part.get_content_type() == "text/calendar":
            import tempfile
            with tempfile.NamedTemporaryFile("w", suffix=".ics", delete=False, encoding="utf-8") as f:
                f.write(part.get_content())
            yield from ics_texts(pathlib.Path(f.name))

def html_text(path):
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?s)<(style|script|svg)[^>]*>.*?</\1>", "", text)
    yield html.unescape(re.sub(r"<[^>]+>", " ", text))

def documents(root):
    docs = root / "documents"
    for p in sorted(docs.rglob("*")):
        if not p.is_file():
            continue
        if p.suffix == ".md":
            yield p, [p.read_text(encoding="utf-8")]
        elif p.suffix == ".html":
            yield p, list(html_text(p))
        elif p.suffix == ".ics":
            yield p, list(ics_texts(p))
        elif p.suffix == ".eml":
            yield p, list(mail_texts(p))
        elif p.suffix == ".mbox":
            yield p, list(mbox_texts(p))

def main():
    root = pathlib.Path(sys.argv[1])
    found = 0
    seen = set()
    for path, texts in documents(root):
        for text in texts:
            for line in text.splitlines():
                hits = [m.group(0) for m in WORDS.finditer(line)]
                hits += [what for rx, what in SYNTAX if rx.search(line)]
                if not hits:
                    continue
                # One report per line of text, however many e-mails carry it.
                key = (path.suffix, line.strip())
                if key in seen:
                    continue
                seen.add(key)
                found += 1
                print(f"{path.relative_to(root)}: {', '.join(dict.fromkeys(hits))}: {line.strip()[:160]}")
    return 1 if found else 0

if __name__ == "__main__":
    sys.exit(main())
