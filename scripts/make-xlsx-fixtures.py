#!/usr/bin/env python3
"""Makes the .xlsx fixtures of Tests/SpreadsheetTests/Fixtures with openpyxl (3.1.5 made the
committed ones), so that the Spreadsheet module is tested on workbooks another program wrote.

- openpyxl-observations.xlsx: made from nothing: Chinese headers, text, whole and decimal
  numbers, a blank row, a date, a boolean, a formula, and a second sheet that is the active one.
  openpyxl 3.1 writes text as inline strings; the writer's workbooks use shared strings.
- openpyxl-filled.xlsx: zhibiao-template.xlsx (written by the module's XLSXWriter) opened,
  checked, filled in and saved, as an official's script would.

zhibiao-template.xlsx comes first, from the writer:
    ZHIBIAO_UPDATE_FIXTURES=1 swift test --filter OpenpyxlFixtureTests
then:
    python3 -m venv /tmp/xlsx-venv && /tmp/xlsx-venv/bin/pip install openpyxl==3.1.5
    /tmp/xlsx-venv/bin/python scripts/make-xlsx-fixtures.py
"""
import datetime
import pathlib

import openpyxl

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "SpreadsheetTests" / "Fixtures"
HEADER = ["指标", "地区", "期间", "值", "状态", "备注"]


def observations():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "观测值"
    ws.append(HEADER)
    ws.append(["rd_intensity", "330100", "2022", 3.8, "final"])
    ws.append(["rd_spending", "330100", "2022-Q3", 2005000000, "final", "亿元换算为元"])
    ws.append(["tech_enterprises", "330106", "2022-09", 1523, "provisional", "R&D <核对>"])
    ws.append([])
    ws.append(["rd_intensity", "330108", datetime.date(2022, 9, 30), 0.00001, True, "=D6*2"])
    ws.append(["patents", "330110", "2022", -12.5, None, "  前后空格  "])
    notes = wb.create_sheet("说明")
    notes.append(["这一页不是第一页"])
    wb.active = 1
    wb.save(FIXTURES / "openpyxl-observations.xlsx")


def filled():
    wb = openpyxl.load_workbook(FIXTURES / "zhibiao-template.xlsx")
    # What openpyxl reads of the writer's workbook: the sheets, the header, the frozen pane, widths.
    assert wb.sheetnames == ["2022年第三季度", "说明"], wb.sheetnames
    ws = wb["2022年第三季度"]
    assert [c.value for c in ws[1]] == HEADER
    assert ws.freeze_panes == "A2", ws.freeze_panes
    assert ws.column_dimensions["A"].width == 23.0, ws.column_dimensions["A"].width
    assert ws["A1"].font.b
    assert ws["D2"].value is None and ws["F3"].value == "亿元"
    assert [c.value for c in wb["说明"]["C"]] == ["上年同期", 3.1, 48.2, 412]
    ws["D2"] = 3.8
    ws["D3"] = 52.75
    ws["D4"] = 436
    ws["E4"] = "provisional"
    ws["F4"] = "家，含新认定 24 家"
    wb.save(FIXTURES / "openpyxl-filled.xlsx")


if __name__ == "__main__":
    observations()
    filled()
