#!/usr/bin/env python3
"""Makes the committed 申报表 seeds under tests/process/seeds/: forms written by `kaoping template
--xlsx --bank`, filled in and saved by LibreOffice (fill_in_libreoffice.py) with the banks' figures of
tests/scenarios/full-16-banks.scenario.json, as banks would return them.

    make_seeds.py KAOPING    # the kaoping binary to write the blank forms

- 申报表-工商银行.xlsx, 申报表-农业银行.xlsx, 申报表-光大银行.xlsx: the three banks' declarations, with
  填报人, 联系电话 and 填报日期 (a date cell);
- 申报表-工商银行（更正）.xlsx: 工商银行 again with two figures changed (a conflict with the first);
- 申报表-中国银行.xlsx: 农业银行's form under 中国银行's file name (a file naming one bank with another's
  row);
- 申报表-农商行.xlsx: figures typed the ways people type them (391.36亿, 2,191,700万元, 4.8%, 是,
  a date as 2025年1月12日), which the reader takes; 申报表-农商行（有误）.xlsx the same
  with a typing slip in one box (14.8g), which it refuses naming the cell.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SEEDS = os.path.join(HERE, "seeds")
FILL = os.path.join(HERE, "fill_in_libreoffice.py")

# What a bank declares (the field table's `by: Bank`), by file key; nested keys joined with a dot.
DECLARED = [
    "loans", "sme_loans", "sme_customers_2023", "sme_customers", "sme_rate_start_pct", "sme_rate_pct",
    "inclusive_loans_2023", "inclusive_loans", "manufacturing_loans", "green_loans", "carbon_products",
    "tech_new_loans", "tech_products", "pension_loans_2023", "pension_loans", "pension_products",
    "dongchu_amount", "dongchu_households", "npl_written_off", "npl_other_disposal", "platform_bonds",
    "startup_guarantee.actual", "startup_guarantee.newly_included", "govbank_guarantee.actual",
    "govbank_guarantee.newly_included",
]


def figures(bank):
    out = {}
    for key in DECLARED:
        value = bank
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "是" if value else "否"
        else:
            out[key] = str(value)
    return out


def form(kaoping, bank, out):
    subprocess.run([kaoping, "template", "--xlsx", out, "--bank", bank], check=True)


def fill(form_path, out, values):
    args = [sys.executable, FILL, form_path, out] + [f"{k}={v}" for k, v in values.items()]
    subprocess.run(args, check=True)


def main():
    kaoping = sys.argv[1]
    with open(os.path.join(ROOT, "tests/scenarios/full-16-banks.scenario.json"), encoding="utf-8") as f:
        banks = {b["id"]: b for b in json.load(f)["banks"]}
    os.makedirs(SEEDS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="kaoping-seeds-")
    try:
        people = {
            "icbc": ("王伟", "0714-6201378", "2025-01-07"),
            "abc": ("李芳", "0714-6202748", "2025-01-08"),
            "ceb": ("张芳", "0714-6208968", "2025-01-14"),
        }
        names = {"icbc": "工商银行", "abc": "农业银行", "ceb": "光大银行"}
        for bank, (reporter, phone, date) in people.items():
            blank = os.path.join(work, f"{bank}.xlsx")
            form(kaoping, bank, blank)
            values = figures(banks[bank])
            values.update({"source.reporter": reporter, "source.phone": phone, "source.date": date})
            fill(blank, os.path.join(SEEDS, f"申报表-{names[bank]}.xlsx"), values)
            if bank == "icbc":
                corrected = dict(values, loans="307.5", sme_customers="820", **{"source.date": "2025-01-09"})
                fill(blank, os.path.join(SEEDS, "申报表-工商银行（更正）.xlsx"), corrected)
        shutil.copy(os.path.join(SEEDS, "申报表-农业银行.xlsx"), os.path.join(SEEDS, "申报表-中国银行.xlsx"))
        blank = os.path.join(work, "hsrcb.xlsx")
        form(kaoping, "hsrcb", blank)
        typed = {
            "loans": "391.36亿",
            "sme_loans": "2,191,700万元",
            "sme_customers": "1757",
            "sme_rate_pct": "4.8%",
            "startup_guarantee.newly_included": "是",
            "platform_bonds": "14.89",
            "source.reporter": "黄静",
            "source.date": "2025年1月12日",
        }
        fill(blank, os.path.join(SEEDS, "申报表-农商行.xlsx"), typed)
        fill(blank, os.path.join(SEEDS, "申报表-农商行（有误）.xlsx"), dict(typed, platform_bonds="14.8g"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
