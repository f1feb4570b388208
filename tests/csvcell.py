"""csvcell.py: reads a figure out of fotstat's tidy CSV with Python's own
CSV parser, so a label with a comma or a quote is read as the file means it.

    python3 tests/csvcell.py FILE TABELL RAD KOLUMN   the värde of that figure
                                                      (RAD or KOLUMN '*': any)
    python3 tests/csvcell.py FILE TABELL              how many figures the table has

Prints one line per matching figure (none if there is none); exits 2 if
the file is not a tidy CSV (its header is not tabell,rad,kolumn,varde...).
"""
import csv
import sys


def main(argv):
    if len(argv) not in (3, 5):
        sys.exit(__doc__)
    with open(argv[1], newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        head = next(rows, None)
        if not head or [h.lstrip("\ufeff") for h in head[:4]] != ["tabell", "rad", "kolumn", "varde"]:
            print(f"{argv[1]}: not a tidy CSV: {head}", file=sys.stderr)
            sys.exit(2)
        n = 0
        for r in rows:
            if len(r) < 4:
                print(f"{argv[1]}:{rows.line_num}: {len(r)} fields", file=sys.stderr)
                sys.exit(2)
            if r[0] != argv[2]:
                continue
            if len(argv) == 3:
                n += 1
            elif argv[3] in ("*", r[1]) and argv[4] in ("*", r[2]):
                print(r[3])
        if len(argv) == 3:
            print(n)


if __name__ == "__main__":
    main(sys.argv)
