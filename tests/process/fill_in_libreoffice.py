#!/usr/bin/env python3
"""Fills a 申报表 the way a bank would in LibreOffice, and has LibreOffice save it as .xlsx.

    fill_in_libreoffice.py FORM.xlsx OUT.xlsx KEY=VALUE...

KEY is a row's key in the form's hidden column A (`loans`, `source.reporter`, …); VALUE goes in that
row's 申报数 box (column G): a number cell if it reads as a number, a date cell for YYYY-MM-DD, else
text. The workbook goes to
LibreOffice's flat XML (.fods), the cells are set there, and LibreOffice writes the .xlsx itself (its
own zip, shared strings and styles, not Kaoping's) — so the result is a file as LibreOffice saves it.

Used to make the committed seeds under tests/process/seeds/ (the CLI tests read them; CI need not run
LibreOffice for them). Needs soffice on PATH.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
INPUT_COLUMN = 6  # G, the 申报数 box


def q(prefix, name):
    return f"{{{NS[prefix]}}}{name}"


def soffice(args, profile):
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", *args],
        check=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=180,
    )


def cells_expanded(row):
    """The row's cells, each repeated cell split into single ones (so that index = column)."""
    out = []
    for cell in list(row):
        if cell.tag not in (q("table", "table-cell"), q("table", "covered-table-cell")):
            continue
        repeat = int(cell.get(q("table", "number-columns-repeated"), "1"))
        row.remove(cell)
        for _ in range(min(repeat, 64)):
            copy = ET.Element(cell.tag, dict(cell.attrib))
            copy.attrib.pop(q("table", "number-columns-repeated"), None)
            for child in cell:
                copy.append(child)
            out.append(copy)
    for cell in out:
        row.append(cell)
    return out


def cell_text(cell):
    return "".join(p.text or "" for p in cell.iter(q("text", "p")))


def set_value(cell, value):
    for key in list(cell.attrib):
        if key.startswith(f"{{{NS['office']}}}"):
            del cell.attrib[key]
    for child in list(cell):
        cell.remove(child)
    if re.fullmatch(r"-?\d+(\.\d+)?", value):
        cell.set(q("office", "value-type"), "float")
        cell.set(q("office", "value"), value)
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        # A date typed into a date cell: LibreOffice keeps it as a date.
        cell.set(q("office", "value-type"), "date")
        cell.set(q("office", "date-value"), value)
    else:
        cell.set(q("office", "value-type"), "string")
    p = ET.SubElement(cell, q("text", "p"))
    p.text = value


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    form, out = sys.argv[1], sys.argv[2]
    values = dict(arg.split("=", 1) for arg in sys.argv[3:])
    for prefix, uri in NS.items():
        ET.register_namespace(prefix, uri)
    work = tempfile.mkdtemp(prefix="kaoping-fill-")
    try:
        soffice(["--convert-to", "fods", "--outdir", work, form], f"{work}/profile-1")
        fods = os.path.join(work, os.path.splitext(os.path.basename(form))[0] + ".fods")
        # Keep every namespace declaration LibreOffice wrote, not only those ElementTree sees used.
        with open(fods, encoding="utf-8") as f:
            source = f.read()
        for prefix, uri in re.findall(r'xmlns:([\w-]+)="([^"]+)"', source):
            ET.register_namespace(prefix, uri)
        tree = ET.ElementTree(ET.fromstring(source))
        found = set()
        for row in tree.iter(q("table", "table-row")):
            cells = cells_expanded(row)
            if not cells:
                continue
            key = cell_text(cells[0]).strip()
            if key in values and len(cells) > INPUT_COLUMN:
                set_value(cells[INPUT_COLUMN], values[key])
                found.add(key)
        missing = set(values) - found
        if missing:
            sys.exit(f"no row with key(s) {sorted(missing)} in {form}")
        edited = os.path.join(work, "filled.fods")
        tree.write(edited, encoding="utf-8", xml_declaration=True)
        outdir = os.path.join(work, "out")
        soffice(["--convert-to", "xlsx", "--outdir", outdir, edited], f"{work}/profile-2")
        shutil.copy(os.path.join(outdir, "filled.xlsx"), out)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
