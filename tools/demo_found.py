#!/usr/bin/env python3
"""One plain sentence saying what a stored recipe found, for tools/demo.sh.

    demo_found.py RECIPE_JSON CASES_CSV RESULT_WORDS SHORT_WORDS

RECIPE_JSON: `duckweed --json recipes show NAME`; CASES_CSV: the case table it was mined from (its
last column is the outcome); RESULT_WORDS: the outcome in words ("took the 2030 commitment"),
SHORT_WORDS: the same, short ("took it").
Every number comes from the two files; only the words for the demo's four conditions are fixed.
"""
import csv
import json
import sys

WORDS = {
    "COORD": ("joined through a coordinator", "joined without a coordinator"),
    "SUPP": ("joined through a supporter", "joined without a supporter"),
    "SMALL": ("have under 10,000 inhabitants", "have 10,000 inhabitants or more"),
    "EARLY": ("joined by 2012", "joined after 2012"),
}


def in_words(term):
    parts = []
    for literal in term.split("*"):
        negated = literal.startswith("~")
        name = literal.lstrip("~")
        yes, no = WORDS.get(name, (name, "not " + name))
        parts.append(no if negated else yes)
    return " and ".join(parts) if len(parts) < 3 else ", ".join(parts[:-1]) + " and " + parts[-1]


def main():
    recipe_path, cases_path, result, short = sys.argv[1:5]
    with open(recipe_path, encoding="utf-8") as f:
        recipe = json.load(f)
    with open(cases_path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[1:]
    n = len(rows)
    positive = sum(1 for r in rows if float(r[-1]) >= 0.5)
    left_out = recipe["case_base"].split("(", 1)[1].rstrip(")") if "(" in recipe["case_base"] else ""
    head = (f"Found: of the {n:,} Covenant of Mayors signatories in the store (JRC 2024, CC BY 4.0"
            f"{'; ' + left_out if left_out else ''}), {positive:,} ({100 * positive / n:.0f} %) "
            f"{result}.")
    paths = [f"{in_words(t['expression'])}, {100 * t['incl']:.0f} % {short}"
             for t in recipe["terms"]]
    body = " Of those that " + "; of those that ".join(paths)
    cover = "this path covers" if len(paths) == 1 else f"these {len(paths)} paths cover"
    tail = f"; {cover} {100 * recipe['coverage']:.0f} % of all that {short}."
    print(head + body + tail)


if __name__ == "__main__":
    main()
