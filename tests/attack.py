"""attack.py: the intruder of doc/rules.md, independent of fotstat's code.

    /usr/bin/python3 tests/attack.py N REPORT.csv...

Reads only what a report publishes (its tidy CSV), and for every table
with a hidden figure ("..") sets up the linear program an intruder would:
one unknown per hidden count, every published count fixed, each row adding
up to its "Totalt" column and each column to its "Totalt" row, every
count >= 0.  Solves it with SciPy's HiGHS (not fotstat's GLPK) for the
least and the greatest value of each hidden count, and fails any hidden
count left with fewer than N whole values.  Prints one line per table
attacked and per failure; exits 1 if anything failed.
"""
import csv
import math
import sys
from collections import OrderedDict

from scipy.optimize import linprog


def is_share(col):
    return "(%)" in col or col.startswith("Andel")


def tables(path):
    t = OrderedDict()
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            tab = t.setdefault(row["tabell"], {"rows": [], "cols": [], "v": {}})
            if row["rad"] not in tab["rows"]:
                tab["rows"].append(row["rad"])
            if row["kolumn"] not in tab["cols"]:
                tab["cols"].append(row["kolumn"])
            tab["v"][(row["rad"], row["kolumn"])] = row["varde"]
    return t


def attack(name, tab, n):
    rows = [r for r in tab["rows"] if not is_share(r)]
    cols = [c for c in tab["cols"] if not is_share(c)]
    v = tab["v"]
    hidden = [(r, c) for r in rows for c in cols if v.get((r, c)) == ".."]
    if not hidden:
        return []
    index = {cell: i for i, cell in enumerate(hidden)}

    def term(r, c):
        """(unknown index, None) for a hidden count, (None, value) for a published one."""
        s = v.get((r, c), "")
        if s == "..":
            return index[(r, c)], 0.0
        return None, float(s) if s else 0.0

    a_eq, b_eq = [], []

    def line(cells, total):
        coef = [0.0] * len(hidden)
        rhs = 0.0
        ti, tv = term(*total)
        if ti is None:
            rhs += tv
        else:
            coef[ti] -= 1.0
        for cell in cells:
            i, val = term(*cell)
            if i is None:
                rhs -= val
            else:
                coef[i] += 1.0
        if any(coef):
            a_eq.append(coef)
            b_eq.append(rhs)

    inner_rows = [r for r in rows if r != "Totalt"]
    inner_cols = [c for c in cols if c != "Totalt"]
    if "Totalt" in cols:
        for r in rows:
            line([(r, c) for c in inner_cols], (r, "Totalt"))
    if "Totalt" in rows:
        for c in cols:
            line([(r, c) for r in inner_rows], ("Totalt", c))
    fails = []
    fewest = math.inf
    for cell, i in index.items():
        obj = [0.0] * len(hidden)
        obj[i] = 1.0
        lo = linprog(obj, A_eq=a_eq or None, b_eq=b_eq or None, bounds=(0, None), method="highs")
        obj[i] = -1.0
        hi = linprog(obj, A_eq=a_eq or None, b_eq=b_eq or None, bounds=(0, None), method="highs")
        if lo.status != 0 or hi.status not in (0, 3):
            fails.append(f"{name} {cell}: the LP failed ({lo.message}; {hi.message})")
            continue
        top = math.inf if hi.status == 3 else -hi.fun
        values = math.inf if top == math.inf else math.floor(top + 1e-6) - math.ceil(lo.fun - 1e-6) + 1
        fewest = min(fewest, values)
        if values < n:
            fails.append(f"{name} {cell}: between {lo.fun:g} and {top:g}: {values} values, want {n}")
    print(f"attacked {name}: {len(hidden)} hidden counts, fewest values {fewest}")
    return fails


def main():
    n = int(sys.argv[1])
    fails = []
    attacked = 0
    for path in sys.argv[2:]:
        for name, tab in tables(path).items():
            if any(val == ".." for val in tab["v"].values()):
                attacked += 1
                fails += attack(f"{path}:{name}", tab, n)
    for f in fails:
        print("DISCLOSED", f)
    print(f"{attacked} tables attacked, {len(fails)} counts disclosed")
    return 1 if fails or attacked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
