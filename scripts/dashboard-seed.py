#!/usr/bin/env python3
"""Prints a JSON array of realistic observations for the dashboard screenshots: yearly actuals
2017-2021, year-to-date quarters of 2021 and 2022 (Q1-Q3), and 2022 targets, for 临安区 330112 and
its siblings under 杭州市 330100. Deterministic: the same data every run."""
import json
import random

random.seed(8)
DISTRICTS = {  # region: size relative to 临安区
    "330102": 1.6, "330105": 1.3, "330106": 2.1, "330108": 3.4, "330109": 2.6, "330110": 3.0,
    "330111": 1.1, "330112": 1.0, "330113": 1.4, "330114": 1.8, "330122": 0.6, "330127": 0.4, "330182": 0.7,
}
# indicator: (unit kind, 临安区 yearly 2017-2021, quarter shares of the year (YTD), 2022 growth, target 2022 (bound))
FLOWS = {
    "rd_expenditure": ([12.1e8, 13.6e8, 15.2e8, 17.4e8, 20.05e8], 0.22, 0.47, 0.71, 1.12, (23.0e8, "min")),
    "hightech_investment": ([18.2e8, 21.5e8, 24.0e8, 27.6e8, 31.2e8], 0.2, 0.45, 0.72, 1.05, (36.0e8, "min")),
    "technology_transaction_value": ([3.1e8, 3.8e8, 4.6e8, 5.5e8, 6.8e8], 0.18, 0.4, 0.66, 1.15, (8.0e8, "min")),
    "innovation_vouchers_amount": ([2.1e6, 2.6e6, 3.3e6, 4.1e6, 4.83e6], 0.15, 0.38, 0.6, 1.1, (5.5e6, "min")),
    "tech_smes_new": ([120, 145, 160, 188, 210], 0.18, 0.43, 0.67, 1.1, (230, "min")),
    "hightech_enterprises_new": ([35, 41, 52, 63, 71], 0.1, 0.38, 0.62, 1.02, (80, "min")),
}
STOCKS = {  # value at the end of each year; quarters repeat the latest level
    "hightech_enterprises_total": ([180, 215, 262, 318, 372], (430, "min")),
    "rd_intensity": ([2.6, 2.75, 2.9, 3.05, 3.34], (3.5, "min")),
    "hightech_industry_share": ([55.1, 57.0, 58.9, 61.2, 63.2], (65.0, "min")),
    "innovation_index": ([100.0, 108.4, 115.2, 123.9, 132.5], None),
}
YEARS = [2017, 2018, 2019, 2020, 2021]

out = []


def add(indicator, region, period, value, kind="actual", status="final", bound=None, note=None):
    o = {"indicator": indicator, "region": region, "period": period, "kind": kind, "value": value, "status": status}
    if bound:
        o["bound"] = bound
    if note:
        o["note"] = note
    out.append(o)


def jitter(v, scale, integral):
    x = v * scale * random.uniform(0.9, 1.1)
    return round(x) if integral else round(x, -4) if x >= 1e6 else round(x, 2)


for code, (yearly, q1, q2, q3, growth, target) in FLOWS.items():
    integral = yearly[0] < 1000
    for region, size in DISTRICTS.items():
        scale = size if region != "330112" else 1.0
        values = [yearly[i] if region == "330112" else jitter(yearly[i], scale, integral) for i in range(5)]
        for year, v in zip(YEARS, values):
            add(code, region, str(year), v)
        for q, share in zip((1, 2, 3, 4), (q1, q2, q3, 1.0)):
            v = values[-1] * share
            add(code, region, f"2021-Q{q}", round(v) if integral else round(v, 2))
        for q, share in zip((1, 2, 3), (q1, q2, q3)):
            v = values[-1] * growth * share
            add(code, region, f"2022-Q{q}", round(v) if integral else round(v, 2), status="provisional")
        if target:
            t = target[0] if region == "330112" else jitter(target[0], scale, integral)
            add(code, region, "2022", t, kind="target", bound=target[1])

for code, (yearly, target) in STOCKS.items():
    percent = code in ("rd_intensity", "hightech_industry_share")
    for region, size in DISTRICTS.items():
        scale = 1.0 if region == "330112" else (size ** 0.25 if percent or code == "innovation_index" else size)
        values = [yearly[i] if region == "330112" else jitter(yearly[i], scale, not percent and code != "innovation_index")
                  for i in range(5)]
        for year, v in zip(YEARS, values):
            add(code, region, str(year), v)
        if code == "hightech_enterprises_total":
            add(code, region, "2022-Q2", round(values[-1] * 1.08), status="provisional")
        if target:
            t = target[0] if region == "330112" else jitter(target[0], scale, not percent)
            add(code, region, "2022", t, kind="target", bound=target[1])

print(json.dumps(out, ensure_ascii=False))
