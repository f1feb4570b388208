"""html_check.py: reads a fotstat HTML page back with Python's own HTML
parser and checks what doc/rules.md promises of it.

    python3 tests/html_check.py PAGE CHECK...

Always checked: UTF-8 and declared so, one <title>, no <script>, no event
handler attribute, nothing fetched from elsewhere (no src=, no <link>, no
href or url() that leaves the page, no "://" anywhere, no @import).
Checks: svg=N        N inline SVG drawings
        tables=N     N tables (the workbook-only ones are left out)
        text=TEXT    the page's text (entities decoded) holds TEXT
        notext=TEXT  it does not
Prints one line per failed check; exits 1 if any failed.
"""
import html.parser
import sys


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = {}
        self.text = []
        self.bad = []
        self.charset = None
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag in ("script", "link", "iframe", "object", "embed", "img", "image", "base"):
            self.bad.append(f"<{tag}> element")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.bad.append(f"event handler {name} on <{tag}>")
            if name == "src":
                self.bad.append(f"src= on <{tag}>")
            if name in ("href", "xlink:href") and not value.startswith("#"):
                self.bad.append(f"{name}={value!r} on <{tag}>")
            if "url(" in value and "url(#" not in value:
                self.bad.append(f"url() in {name} on <{tag}>")
        if tag == "meta" and dict(attrs).get("charset"):
            self.charset = dict(attrs)["charset"].lower()
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            if "@import" in data or ("url(" in data and "url(#" not in data):
                self.bad.append("external reference in <style>")
        else:
            self.text.append(data)


def main():
    path, checks = sys.argv[1], sys.argv[2:]
    raw = open(path, "rb").read()
    bad = []
    try:
        doc = raw.decode("utf-8")
    except UnicodeDecodeError:
        print(f"{path}: not UTF-8")
        return 1
    if "://" in doc:
        bad.append("'://' in the page")
    p = Page()
    p.feed(doc)
    p.close()
    bad += p.bad
    if p.charset != "utf-8":
        bad.append(f"charset {p.charset!r}")
    if not doc.lstrip().lower().startswith("<!doctype html>"):
        bad.append("no <!DOCTYPE html>")
    text = " ".join(" ".join(p.text).split())
    for c in checks:
        key, _, val = c.partition("=")
        if key == "svg" and p.tags.get("svg", 0) != int(val):
            bad.append(f"{p.tags.get('svg', 0)} svg, want {val}")
        elif key == "tables" and p.tags.get("table", 0) != int(val):
            bad.append(f"{p.tags.get('table', 0)} tables, want {val}")
        elif key == "text" and val not in text:
            bad.append(f"text lacks {val!r}")
        elif key == "notext" and val in text:
            bad.append(f"text has {val!r}")
        elif key not in ("svg", "tables", "text", "notext"):
            bad.append(f"unknown check {c}")
    for b in bad:
        print(f"{path}: {b}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
