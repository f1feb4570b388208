"""xlsx_tidy.py: the table sheets of a fotstat workbook as tidy CSV, read
with openpyxl (an independent reader), so that the tests can read the
internal workbook's lists as they read the tidy CSV (csvcell.py).

    python3 tests/xlsx_tidy.py WORKBOOK > FILE.csv

Every sheet but "Om rapporten" and "Sammanfattning" is a table as xlsx.c
writes it: the title in A1, the header row in row 3 (the row-label column
first), one row per label from row 4 down to the first empty label.  Each
cell becomes a line SHEET,ROW,COLUMN,VALUE under the header
tabell,rad,kolumn,varde; an empty cell is an empty value.
"""
import csv
import sys

import openpyxl


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    wb = openpyxl.load_workbook(argv[1], read_only=True)
    out = csv.writer(sys.stdout, lineterminator="\r\n")
    out.writerow(["tabell", "rad", "kolumn", "varde"])
    for ws in wb:
        if ws.title in ("Om rapporten", "Sammanfattning"):
            continue
        rows = list(ws.iter_rows(values_only=True))
        if len(rows) < 3:
            continue
        head = rows[2]
        for r in rows[3:]:
            if not r or r[0] is None or r[0] == "":
                break
            for label, v in zip(head[1:], r[1:]):
                if label is None:
                    continue
                out.writerow([ws.title, r[0], label, "" if v is None else v])


if __name__ == "__main__":
    main(sys.argv)
