#!/usr/bin/env python3
"""Makes the spreadsheets in this folder the way users' offices make them, for the tests in
crates/kaoping-sheets/tests/made.rs (issue 15). Each file is written by the software that writes
such files: openpyxl, xlsxwriter and xlwt from PyPI, and LibreOffice (Debian's package) converting
them to .xls, .ods and CSV in GBK or UTF-16. The files are committed; CI does not run this script.

    pip install openpyxl xlsxwriter xlwt msoffcrypto-tool
    python3 tests/sheets/made/make.py          # needs soffice on PATH

Figures are written in 万元 where the sheet says so; the tests check them as 亿元.
"""
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl
from openpyxl.styles import Alignment, Font
import xlsxwriter
import xlwt

HERE = os.path.dirname(os.path.abspath(__file__))

# The 16 banks by their legal names, as a bureau's own form lists them (广发 as 分行, the 支行 being
# its legal form, and 农商行 by its full name).
BANKS = [
    "中国农业发展银行黄石市分行",
    "中国工商银行股份有限公司黄石分行",
    "中国农业银行股份有限公司黄石分行",
    "中国银行股份有限公司黄石分行",
    "中国建设银行股份有限公司黄石分行",
    "交通银行股份有限公司黄石分行",
    "中国邮政储蓄银行股份有限公司黄石市分行",
    "中信银行股份有限公司黄石分行",
    "中国光大银行股份有限公司黄石分行",
    "广发银行黄石分行",
    "招商银行股份有限公司黄石分行",
    "兴业银行股份有限公司黄石分行",
    "中国民生银行股份有限公司黄石支行",
    "湖北银行股份有限公司黄石分行",
    "汉口银行股份有限公司黄石分行",
    "湖北黄石农村商业银行",
]

# Per bank, in 万元: 各项贷款, 中小微企业贷款, 制造业贷款, 绿色贷款; and 中小微企业贷款户数 (户).
def figures(i):
    loans = 4005600 + i * 123457.5  # 工商银行 (i = 1) 4,129,057.5 万元 = 412.90575 亿元
    return [loans, round(loans * 0.3, 2), round(loans * 0.15, 2), round(loans * 0.08, 2), 1200 + i * 37]


def out(name):
    return os.path.join(HERE, name)


def bureau_openpyxl(path):
    """A bureau's own 报表: a title, a 填报单位/单位 row, headings in two rows with a merged group
    heading over two sub-headings, 序号 and 备注 columns, a 合计 row of formulas, a 填表人 line."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "2024年末黄石市银行业金融机构贷款情况表"
    ws.merge_cells("A1:H1")
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"] = "填报单位：黄石市财政局"
    ws["G2"] = "单位：万元"
    heads = {"A3": "序号", "B3": "银行名称", "C3": "各项贷款余额", "D3": "中小微企业", "F3": "制造业贷款余额",
             "G3": "绿色贷款余额", "H3": "备注", "D4": "贷款余额", "E4": "贷款户数（户）"}
    for cell, text in heads.items():
        ws[cell] = text
    for merged in ["A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4", "G3:G4", "H3:H4"]:
        ws.merge_cells(merged)
    for i, bank in enumerate(BANKS):
        row = 5 + i
        ws.cell(row, 1, i + 1)
        ws.cell(row, 2, bank)
        loans, sme, manufacturing, green, households = figures(i)
        ws.cell(row, 3, loans)
        ws.cell(row, 4, sme)
        ws.cell(row, 5, households)
        ws.cell(row, 6, manufacturing)
        ws.cell(row, 7, green)
        ws.cell(row, 8, "含贴现" if i % 5 == 0 else None)
        for c in (3, 4, 6, 7):
            ws.cell(row, c).number_format = "#,##0.00"
    total = 5 + len(BANKS)
    ws.cell(total, 1, "合计")
    ws.merge_cells(start_row=total, start_column=1, end_row=total, end_column=2)
    for c in "CDEFG":
        ws[f"{c}{total}"] = f"=SUM({c}5:{c}{total - 1})"
    ws.cell(total + 2, 1, "填表人：张三")
    ws.cell(total + 2, 4, "审核人：李四")
    ws.cell(total + 2, 6, "填报日期：2025年1月10日")
    wb.save(path)


def bureau_xlwt(path):
    """The same 报表 as an Excel 97–2003 file written by xlwt (BIFF8), with its merges."""
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("报表")
    ws.write_merge(0, 0, 0, 7, "2024年末黄石市银行业金融机构贷款情况表")
    ws.write(1, 0, "填报单位：黄石市财政局")
    ws.write(1, 6, "单位：万元")
    ws.write_merge(2, 3, 0, 0, "序号")
    ws.write_merge(2, 3, 1, 1, "银行名称")
    ws.write_merge(2, 3, 2, 2, "各项贷款余额")
    ws.write_merge(2, 2, 3, 4, "中小微企业")
    ws.write(3, 3, "贷款余额")
    ws.write(3, 4, "贷款户数（户）")
    ws.write_merge(2, 3, 5, 5, "制造业贷款余额")
    ws.write_merge(2, 3, 6, 6, "绿色贷款余额")
    ws.write_merge(2, 3, 7, 7, "备注")
    money = xlwt.easyxf(num_format_str="#,##0.00")
    for i, bank in enumerate(BANKS):
        r = 4 + i
        loans, sme, manufacturing, green, households = figures(i)
        ws.write(r, 0, i + 1)
        ws.write(r, 1, bank)
        ws.write(r, 2, loans, money)
        ws.write(r, 3, sme, money)
        ws.write(r, 4, households)
        ws.write(r, 5, manufacturing, money)
        ws.write(r, 6, green, money)
    total = 4 + len(BANKS)
    ws.write_merge(total, total, 0, 1, "合计")
    for c, letter in zip(range(2, 7), "CDEFG"):
        ws.write(total, c, xlwt.Formula(f"SUM({letter}5:{letter}{total})"))
    ws.write(total + 2, 0, "填表人：张三")
    wb.save(path)


def bureau_unplaced_xlwt(path):
    """A bureau's 报表 as an Excel 97–2003 file (xlwt) with two headings the reader cannot place —
    the regulator's 普惠型小微企业贷款余额 (which only the user may call 普惠小微贷款) and 涉农贷款余额
    (no figure of the scheme) — and one bank whose 各项贷款 is 待核实: the page asks what the headings
    are and offers to import the rest (issue 15 part B)."""
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("报表")
    ws.write_merge(0, 0, 0, 5, "2024年末黄石市银行业金融机构贷款情况表")
    ws.write(1, 0, "填报单位：黄石市财政局")
    ws.write(1, 4, "单位：万元")
    for c, text in enumerate(["序号", "银行名称", "各项贷款余额", "普惠型小微企业贷款余额", "涉农贷款余额", "备注"]):
        ws.write(2, c, text)
    money = xlwt.easyxf(num_format_str="#,##0.00")
    for i, bank in enumerate(BANKS[:4]):
        r = 3 + i
        loans, sme, _, _, _ = figures(i)
        ws.write(r, 0, i + 1)
        ws.write(r, 1, bank)
        if i == 2:
            ws.write(r, 2, "待核实")
        else:
            ws.write(r, 2, loans, money)
        ws.write(r, 3, round(sme * 0.4, 2), money)
        ws.write(r, 4, round(loans * 0.05, 2), money)
    ws.write(8, 0, "填表人：张三")
    wb.save(path)


# Rates: 新发放贷款综合利率 (年初, 当期), in a percentage format, as Excel stores a typed "4.31%".
RATES = [(4.31, 3.95), (4.12, 3.69), (3.88, 3.52)]
RATE_BANKS = ["工商银行", "农业银行", "中国银行"]


def rates_openpyxl(path):
    """Rates typed as percentages (stored 0.0431, format 0.00%), one column in LibreOffice's
    literal-percent format 0.00\\% (stored 3.69, shown 3.69%)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "填报"
    ws.append(["银行", "新发放贷款综合利率（年初）", "新发放贷款综合利率（当期）"])
    for bank, (start, now) in zip(RATE_BANKS, RATES):
        ws.append([bank, round(start / 100, 6), now])
        ws.cell(ws.max_row, 2).number_format = "0.00%"
        ws.cell(ws.max_row, 3).number_format = "0.00\\%"
    wb.save(path)


def rates_xlwt(path):
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("填报")
    for c, text in enumerate(["银行", "新发放贷款综合利率（年初）", "新发放贷款综合利率（当期）"]):
        ws.write(0, c, text)
    percent = xlwt.easyxf(num_format_str="0.00%")
    literal = xlwt.easyxf(num_format_str="0.00\\%")
    for r, (bank, (start, now)) in enumerate(zip(RATE_BANKS, RATES), start=1):
        ws.write(r, 0, bank)
        ws.write(r, 1, round(start / 100, 6), percent)
        ws.write(r, 2, now, literal)
    wb.save(path)


def formulas_openpyxl(path):
    """各项贷款 as a formula over its parts, saved without values (openpyxl does not calculate)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "填报"
    ws.append(["银行", "中小微企业贷款余额（亿元）", "制造业贷款余额（亿元）", "贷款余额（亿元）"])
    for r, bank in enumerate(RATE_BANKS, start=2):
        ws.append([bank, 100 + r, 50 + r, f"=B{r}+C{r}+200"])
    wb.save(path)


def formulas_xlsxwriter(path):
    """The same with xlsxwriter, which saves 0 as every formula's value and asks for a recalculation."""
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("填报")
    ws.write_row(0, 0, ["银行", "中小微企业贷款余额（亿元）", "制造业贷款余额（亿元）", "贷款余额（亿元）"])
    for r, bank in enumerate(RATE_BANKS, start=1):
        ws.write_row(r, 0, [bank, 101 + r, 51 + r])
        ws.write_formula(r, 3, f"=B{r + 1}+C{r + 1}+200")
    wb.close()


def formulas_xlwt(path):
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("填报")
    for c, text in enumerate(["银行", "中小微企业贷款余额（亿元）", "制造业贷款余额（亿元）", "贷款余额（亿元）"]):
        ws.write(0, c, text)
    for r, bank in enumerate(RATE_BANKS, start=1):
        ws.write(r, 0, bank)
        ws.write(r, 1, 101 + r)
        ws.write(r, 2, 51 + r)
        ws.write(r, 3, xlwt.Formula(f"B{r + 1}+C{r + 1}+200"))
    wb.save(path)


def detail_beside(path):
    """A 11,200-row detail sheet first, the 填报 sheet after it."""
    wb = openpyxl.Workbook(write_only=True)
    detail = wb.create_sheet("贷款明细")
    detail.append(["银行", "客户名称", "贷款金额（万元）"])
    for n in range(11200):
        detail.append([RATE_BANKS[n % 3], f"客户{n:05d}", 10 + n % 97])
    table = wb.create_sheet("填报")
    table.append(["银行", "贷款余额（亿元）"])
    for r, bank in enumerate(RATE_BANKS):
        table.append([bank, 300 + r])
    wb.save(path)


def awkward_numbers(path):
    """Numbers a float would change: 1.1, a sum 0.1 + 0.2 worked out by a formula (LibreOffice
    saves its value), 123456789.123456 and a typed 4.31%."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "填报"
    ws.append(["银行", "贷款余额（亿元）", "绿色贷款余额（亿元）", "普惠小微贷款余额（亿元）", "新发放贷款综合利率（当期）"])
    ws.append(["工商银行", 1.1, "=0.1+0.2", 123456789.123456, 0.0431])
    ws["E2"].number_format = "0.00%"
    ws.append(["农业银行", 0.3, 2.675, 1e-8, 0.035])
    ws["E3"].number_format = "0%"
    wb.save(path)


def units_ambiguous(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "填报"
    ws.append(["贷款情况表（单位：万元）"])
    ws.append(["银行", "贷款余额", "中小微企业贷款余额（亿元）"])
    ws.append(["工商银行", 4005600, 120.5])
    ws.append(["注：中小微企业贷款单位为亿元，其余为亿元"])
    wb.save(path)


def soffice(source, target_format, outdir, infilter=None):
    """LibreOffice converts a file; returns the path it wrote."""
    profile = os.path.join(tempfile.gettempdir(), "kaoping-make-seeds-profile")
    command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target_format, "--outdir", outdir, source]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stem = os.path.splitext(os.path.basename(source))[0]
    ext = target_format.split(":")[0]
    return os.path.join(outdir, f"{stem}.{ext}")


def converted(source, target_format, name):
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, os.path.basename(source))
        shutil.copy(source, copy)
        outdir = os.path.join(tmp, "out")
        os.mkdir(outdir)
        written = soffice(copy, target_format, outdir)
        shutil.move(written, out(name))


def main():
    bureau_openpyxl(out("bureau-openpyxl.xlsx"))
    bureau_xlwt(out("bureau-xlwt.xls"))
    converted(out("bureau-openpyxl.xlsx"), "xlsx", "bureau-libreoffice.xlsx")
    converted(out("bureau-openpyxl.xlsx"), "xls", "bureau-libreoffice.xls")
    converted(out("bureau-openpyxl.xlsx"), "ods", "bureau-libreoffice.ods")
    # Excel on Chinese Windows writes "CSV" in code page 936 (GBK); LibreOffice's token 67 is that.
    converted(out("bureau-openpyxl.xlsx"), "csv:Text - txt - csv (StarCalc):44,34,67", "bureau-gbk.csv")
    # "Unicode 文本": UTF-16 with a byte-order mark, tab-separated.
    converted(out("bureau-openpyxl.xlsx"), "csv:Text - txt - csv (StarCalc):9,34,65535", "bureau-utf16.csv")
    with open(out("bureau-gbk.csv"), encoding="gbk") as f:
        text = f.read()
    with open(out("bureau-gb18030.csv"), "w", encoding="gb18030", newline="") as f:
        f.write(text.replace("张三", "张𠀀"))  # a character beyond GBK, in GB18030's four-byte form
    rates_openpyxl(out("rates-openpyxl.xlsx"))
    bureau_unplaced_xlwt(out("bureau-unplaced-xlwt.xls"))
    rates_xlwt(out("rates-xlwt.xls"))
    converted(out("rates-openpyxl.xlsx"), "xlsx", "rates-libreoffice.xlsx")
    converted(out("rates-openpyxl.xlsx"), "ods", "rates-libreoffice.ods")
    converted(out("rates-openpyxl.xlsx"), "xls", "rates-libreoffice.xls")
    formulas_openpyxl(out("formulas-openpyxl.xlsx"))
    formulas_xlsxwriter(out("formulas-xlsxwriter.xlsx"))
    formulas_xlwt(out("formulas-xlwt.xls"))
    converted(out("formulas-openpyxl.xlsx"), "xlsx", "formulas-libreoffice.xlsx")
    detail_beside(out("detail-beside.xlsx"))
    awkward_numbers(out("awkward-numbers-openpyxl.xlsx"))
    converted(out("awkward-numbers-openpyxl.xlsx"), "xlsx", "awkward-numbers-libreoffice.xlsx")
    units_ambiguous(out("units-ambiguous.xlsx"))
    try:
        import msoffcrypto
        from msoffcrypto.format.ooxml import OOXMLFile
        with open(out("rates-openpyxl.xlsx"), "rb") as plain, open(out("encrypted.xlsx"), "wb") as sealed:
            OOXMLFile(plain).encrypt("1234", sealed)
    except ImportError:
        sys.exit("pip install msoffcrypto-tool")


if __name__ == "__main__":
    main()
