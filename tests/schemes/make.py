#!/usr/bin/env python3
"""Makes the annex workbooks in this folder the way the bureau would fill them in, for the tests in
crates/kaoping-cli/tests/scheme.rs (issue 18). The files are committed; CI does not run this script.

    pip install openpyxl
    cargo build -p kaoping-cli
    python3 tests/schemes/make.py          # needs soffice (LibreOffice) on PATH

Each starts from `kaoping scheme template --xlsx --from 2024 --year 2025` (2024's annexes rolled forward)
and is edited with openpyxl as a clerk would: 光大银行 deleted from 考评对象 and from every annex, every
task cell emptied so that it is worked out from the base and the rate (15%, …), one task written in by
hand (工商银行 in 附件2: 20.00, not 129.23 × 15% = 19.38), the 合计 rows typed in. The good one is then
opened and saved again by LibreOffice, as an office program saves it. The bad one has the faults a
clerk makes, each one a refused cell; the zero-base one reads but the scheme's checks refuse it, at
its cell.
"""
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
KAOPING = os.path.join(ROOT, "target", "debug", "kaoping")

# The 合计 rows of the synthetic 2025 scheme (2025-synthetic.scheme.json), without 光大银行.
TOTALS = {
    "附件1": {"balance_2023": "2699.20"},
    "附件2": {},
    "附件3": {},
    "附件4": {},
    "附件5": {},
}


def template(path):
    subprocess.run([KAOPING, "scheme", "template", "--xlsx", path, "--from", "2024", "--year", "2025"], check=True)


def key_columns(sheet):
    """The hidden first row: each column's key."""
    return {cell.value: cell.column for cell in sheet[1] if cell.value}


def delete_bank(sheet, bank):
    """Deletes the row whose 代码 (or first column) is `bank`."""
    keys = key_columns(sheet)
    code = keys.get("bank") or keys.get("id")
    for row in range(4, sheet.max_row + 1):
        if sheet.cell(row, code).value == bank:
            sheet.delete_rows(row)
            return


def empty_tasks(sheet):
    """Empties every task cell of the bank rows (those with a rate column before them)."""
    keys = key_columns(sheet)
    tasks = [keys[k[len("rate:"):]] for k in keys if k.startswith("rate:")]
    code = keys["bank"]
    for row in range(4, sheet.max_row + 1):
        if sheet.cell(row, code).value in (None, "合计") or str(sheet.cell(row, code).value).startswith("注"):
            continue
        for column in tasks:
            sheet.cell(row, column).value = None


def edit(book_path):
    book = openpyxl.load_workbook(book_path)
    delete_bank(book["考评对象"], "ceb")
    for name in ["附件1", "附件2", "附件3", "附件4", "附件5"]:
        sheet = book[name]
        delete_bank(sheet, "ceb")
        empty_tasks(sheet)
        keys = key_columns(sheet)
        # The 合计 row: emptied (the sums), but for what the annex states otherwise.
        for row in range(4, sheet.max_row + 1):
            if sheet.cell(row, keys["bank"]).value == "合计":
                for key, column in keys.items():
                    if key not in ("bank", "name"):
                        sheet.cell(row, column).value = None
                for key, value in TOTALS[name].items():
                    sheet.cell(row, keys[key]).value = float(value)
    # One task written in by hand: it wins over base × rate.
    sheet = book["附件2"]
    keys = key_columns(sheet)
    for row in range(4, sheet.max_row + 1):
        if sheet.cell(row, keys["bank"]).value == "icbc":
            sheet.cell(row, keys["task"]).value = 20
    return book


def good():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "book.xlsx")
        template(path)
        book = edit(path)
        edited = os.path.join(tmp, "2025-annexes.xlsx")
        book.save(edited)
        shutil.copy(edited, os.path.join(HERE, "2025-annexes-openpyxl.xlsx"))
        out = os.path.join(tmp, "lo")
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", out, edited],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        shutil.copy(os.path.join(out, "2025-annexes.xlsx"), os.path.join(HERE, "2025-annexes-libreoffice.xlsx"))


def bad():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "book.xlsx")
        template(path)
        book = edit(path)
        # A task for a bank not in the list: 光大银行's row left in 附件3.
        sheet = book["附件3"]
        keys = key_columns(sheet)
        last = max(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, keys["bank"]).value == "hsrcb")
        sheet.insert_rows(last + 1)
        sheet.cell(last + 1, keys["bank"]).value = "ceb"
        sheet.cell(last + 1, keys["name"]).value = "光大银行"
        sheet.cell(last + 1, keys["balance_2023"]).value = 6.5
        sheet.cell(last + 1, keys["task"]).value = 0.98
        # A negative rate (工商银行, 附件4).
        sheet = book["附件4"]
        keys = key_columns(sheet)
        for row in range(4, sheet.max_row + 1):
            if sheet.cell(row, keys["bank"]).value == "icbc":
                sheet.cell(row, keys["rate:task"]).value = -15
        # A base that is not a number (农业银行, 附件1), and a task with neither rate nor task (建设银行).
        sheet = book["附件1"]
        keys = key_columns(sheet)
        for row in range(4, sheet.max_row + 1):
            if sheet.cell(row, keys["bank"]).value == "abc":
                sheet.cell(row, keys["balance_2023"]).value = "三百七十七"
            if sheet.cell(row, keys["bank"]).value == "ccb":
                sheet.cell(row, keys["rate:q1_task"]).value = None
        book.save(os.path.join(HERE, "2025-annexes-bad.xlsx"))


def zero_base():
    """Read cell by cell without a fault, but refused by the scheme's checks: 中信银行's base in 附件2 is 0
    (growth is worked out against it). The refusal is told at the cell."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "book.xlsx")
        template(path)
        book = edit(path)
        sheet = book["附件2"]
        keys = key_columns(sheet)
        for row in range(4, sheet.max_row + 1):
            if sheet.cell(row, keys["bank"]).value == "citic":
                sheet.cell(row, keys["balance_2023"]).value = 0
                sheet.cell(row, keys["task"]).value = 1
        book.save(os.path.join(HERE, "2025-annexes-zero-base.xlsx"))


if __name__ == "__main__":
    if not os.path.exists(KAOPING):
        sys.exit("build the command first: cargo build -p kaoping-cli")
    good()
    bad()
    zero_base()
