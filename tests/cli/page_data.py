#!/usr/bin/env python3
"""Prints the data block of an offline dashboard page (include/duckweed/report/page.h), flattened
one value per line as `path = value` (path parts joined by ' > ', list items by index, values as
JSON), so a golden case can assert exact values with stdout-line.
Usage: page_data.py PAGE.html"""
import json
import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()
match = re.search(r'<script type="application/json" id="duckweed-data">(.*?)</script>', text, re.S)
if not match:
    sys.exit(f"{sys.argv[1]}: no duckweed-data block")
if "</" in match.group(1):
    sys.exit(f"{sys.argv[1]}: the data block contains '</'")


def flatten(value, path):
    if isinstance(value, dict):
        for key, item in value.items():
            flatten(item, path + [key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            flatten(item, path + [str(index)])
    else:
        print(f"{' > '.join(path)} = {json.dumps(value, ensure_ascii=False)}")


flatten(json.loads(match.group(1)), [])
