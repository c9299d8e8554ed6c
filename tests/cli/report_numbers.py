#!/usr/bin/env python3
"""Reads a report's charts back: checks every inline SVG with an XML parser
and prints, per chart id, its title and the (category, value label) pairs in
drawing order, as JSON. The test compares these with the accounts.

    report_numbers.py FILE.html
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def main():
    html = open(sys.argv[1], encoding="utf-8").read()
    charts = {}
    for svg in re.findall(r"<svg\b.*?</svg>", html, flags=re.S):
        root = ET.fromstring(svg)  # raises on anything but well-formed XML
        cid = root.find(NS + "title").get("id").removesuffix("-title")

        def texts(cls):
            return [t.text for t in root.iter(NS + "text") if t.get("class") == cls]

        charts[cid] = {
            "title": root.find(NS + "title").text,
            "desc": root.find(NS + "desc").text,
            "viewBox": root.get("viewBox"),
            "categories": texts("category"),
            "values": texts("value"),
            "bar_titles": [r.find(NS + "title").text for r in root.iter(NS + "rect") if r.get("class") == "bar"],
        }
    print(json.dumps(charts, ensure_ascii=False))


if __name__ == "__main__":
    main()
