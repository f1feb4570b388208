"""xlsx_check.py: reads a fotstat workbook back with openpyxl, an
independent reader, and checks what doc/rules.md promises of it.

    python3 tests/xlsx_check.py WORKBOOK CHECK...

Checks: sheets=A|B|C   cell=SHEET!A1=VALUE (numbers compared as numbers)
        numeric=SHEET!A1  text=SHEET!A1=VALUE  format=SHEET!A1=FMT
        frozen=SHEET!B4   charts=N   sha=HEX (in "Om rapporten")
        contains=SHEET!A1=TEXT  (the cell's text holds TEXT)
        lacks=SHEET!A1=TEXT     (it does not)
        print=all               (every sheet: A4, one page wide, header rows
                                 repeated on table sheets, a header naming the
                                 report and a footer with "sida &P av &N")
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
        elif kind in ("contains", "lacks"):
            where, want = arg.split("=", 1)
            sheet, cell = ref(where)
            got = str(wb[sheet][cell].value or "")
            if (want in got) != (kind == "contains"):
                bad.append(f"{chk}: got {got!r}")
        elif kind == "print":
            for ws in wb.worksheets:
                ps = ws.page_setup
                if str(ps.paperSize) != "9":
                    bad.append(f"{ws.title}: paper {ps.paperSize}, not A4")
                if not ws.sheet_properties.pageSetUpPr.fitToPage or ps.fitToWidth not in (None, 1, "1") \
                        or ps.fitToHeight not in (0, "0"):
                    bad.append(f"{ws.title}: not one page wide ({ps.fitToWidth}x{ps.fitToHeight})")
                if ws.title not in ("Sammanfattning", "Om rapporten") and not ws.print_title_rows:
                    bad.append(f"{ws.title}: header rows not repeated")
                head = (ws.oddHeader.left.text or "")
                foot = (ws.oddFooter.right.text or "")
                if not head.strip():
                    bad.append(f"{ws.title}: no page header naming the report")
                if "&P" not in foot or "&N" not in foot or "sida" not in foot:
                    bad.append(f"{ws.title}: footer {foot!r} lacks 'sida &P av &N'")
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
