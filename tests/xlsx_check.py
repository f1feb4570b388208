"""xlsx_check.py: reads a fotstat workbook back with openpyxl, an
independent reader, and checks what PRODUCT.md promises of it.

    python3 tests/xlsx_check.py WORKBOOK CHECK...

Checks: sheets=A|B|C   cell=SHEET!A1=VALUE (numbers compared as numbers)
        numeric=SHEET!A1  text=SHEET!A1=VALUE  format=SHEET!A1=FMT
        frozen=SHEET!B4   charts=N   sha=HEX (in "Om rapporten")
Prints one line per failed check; exits 1 if any failed.
"""
import sys
import zipfile

import openpyxl


def ref(spec):
    sheet, cell = spec.split("!", 1)
    return sheet, cell


def main():
    path, checks = sys.argv[1], sys.argv[2:]
    wb = openpyxl.load_workbook(path)
    bad = []
    for chk in checks:
        kind, arg = chk.split("=", 1)
        if kind == "sheets":
            if wb.sheetnames != arg.split("|"):
                bad.append(f"sheets {wb.sheetnames}")
        elif kind in ("cell", "text", "format"):
            where, want = arg.split("=", 1)
            sheet, cell = ref(where)
            c = wb[sheet][cell]
            if kind == "cell":
                got = c.value
                ok = (isinstance(got, (int, float)) and abs(got - float(want)) < 1e-9) \
                    if isinstance(got, (int, float)) else str(got) == want
            elif kind == "text":
                got = (c.value, c.data_type)
                ok = c.data_type == "s" and c.value == want
            else:
                got = c.number_format
                ok = got == want
            if not ok:
                bad.append(f"{chk}: got {got!r}")
        elif kind == "numeric":
            sheet, cell = ref(arg)
            c = wb[sheet][cell]
            if c.data_type != "n" or not isinstance(c.value, (int, float)):
                bad.append(f"{chk}: {c.value!r} is {c.data_type}")
        elif kind == "frozen":
            sheet, cell = ref(arg)
            if wb[sheet].freeze_panes != cell:
                bad.append(f"{chk}: {wb[sheet].freeze_panes}")
        elif kind == "charts":
            names = [n for n in zipfile.ZipFile(path).namelist() if n.startswith("xl/charts/chart")]
            if len(names) != int(arg):
                bad.append(f"{chk}: {len(names)} charts")
        elif kind == "sha":
            ws = wb["Om rapporten"]
            if not any(c.value == arg for row in ws.iter_rows() for c in row):
                bad.append(f"{chk}: not in Om rapporten")
        else:
            bad.append(f"unknown check {chk}")
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
