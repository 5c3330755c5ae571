#!/usr/bin/env python3
"""Checks every annotation of the annotated report corpus.

    scripts/validate-corpus.py [CORPUS_DIR] [--catalogue config/indicators.yaml] [--quiet]

For each NAME.expected.json in CORPUS_DIR (default Tests/ExtractionTests/Fixtures/corpus):
  - it is a JSON array of objects with the required keys;
  - kind, unit, scope, qualifier and period have allowed values;
  - the report NAME.txt exists, starts with `source: URL`, and every quote occurs in the text after
    that line;
  - values are sane (percent within [-100, 1000], counts and ranks whole, amounts not negative);
  - every indicator code is in the catalogue (a base code or a derived one: _growth, _rank,
    _growth_rank, _target_completion, and _change_pp for percent indicators) with the unit the
    catalogue gives it, or is marked `not in catalogue` in its note.

Problems make the exit status 1. Warnings (things the older shared annotations do, such as a
`not in catalogue` note on a code the catalogue has since gained) are listed but do not fail.
No third-party modules: the catalogue is read with a small line parser.
"""
import argparse
import json
import math
import os
import re
import sys

REQUIRED = ["indicator", "label_zh", "year", "kind", "value", "unit", "region", "quote"]
OPTIONAL = ["region_inferred", "period", "scope", "qualifier", "note", "bound"]
KINDS = {"actual", "target"}
UNITS = {"yuan", "percent", "percentage_points", "count", "index", "rank", "per_1000_enterprises",
         "per_10k_people", "people", "square_meters", "us_dollars", "person_years", "score"}
SCOPES = {"nation", "country", "province", "city", "district"}
QUALIFIERS = {"at_least", "at_most", "approx_nearly", "top_n", "estimate"}
BOUNDS = {"min", "max"}
PERIOD = re.compile(r"^(19|20)\d\d-(0[1-9]|1[0-2]|Q[1-4])$")
REPORT_EXTENSIONS = ["txt", "gbk.txt", "text", "html", "htm", "shtml"]
DERIVED = ["_growth_rank", "_growth", "_rank", "_target_completion", "_change_pp"]


def read_catalogue(path):
    """code -> unit, from the `- code:` and `unit:` lines of indicators.yaml."""
    units, code = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\s*-\s*code:\s*([A-Za-z0-9_]+)\s*$", line)
            if m:
                code = m.group(1)
                units[code] = None
                continue
            m = re.match(r"^\s+unit:\s*([A-Za-z0-9_]+)\s*$", line)
            if m and code and units[code] is None:
                units[code] = m.group(1)
    return units


def catalogue_unit(code, base_units):
    """The unit a catalogue code (base or derived) takes, or None when the code is not in it."""
    if code in base_units:
        return base_units[code]
    for suffix in DERIVED:
        if code.endswith(suffix):
            base = code[: -len(suffix)]
            if base not in base_units:
                continue
            if suffix == "_change_pp":
                return "percentage_points" if base_units[base] == "percent" else None
            if suffix in ("_rank", "_growth_rank"):
                return "rank"
            return "percent"
    return None


def report_text(directory, stem):
    for ext in REPORT_EXTENSIONS:
        path = os.path.join(directory, stem + "." + ext)
        if os.path.exists(path):
            with open(path, "rb") as f:
                raw = f.read()
            encoding = "gb18030" if ext == "gbk.txt" else "utf-8"
            return path, raw.decode(encoding)
    return None, None


def is_whole(x):
    return isinstance(x, (int, float)) and float(x).is_integer()


def check_fact(i, fact, text, base_units, problems, warnings):
    where = f"fact {i}"
    if not isinstance(fact, dict):
        problems.append(f"{where}: not an object")
        return None
    for key in REQUIRED:
        if key not in fact:
            problems.append(f"{where}: missing key '{key}'")
    for key in fact:
        if key not in REQUIRED and key not in OPTIONAL:
            problems.append(f"{where}: unknown key '{key}'")
    code = fact.get("indicator")
    if not isinstance(code, str) or not re.match(r"^[a-z][a-z0-9_]*$", code or ""):
        problems.append(f"{where}: indicator '{code}' is not a snake_case code")
        return None
    where = f"fact {i} ({code})"
    for key in ("label_zh", "region", "quote"):
        if key in fact and (not isinstance(fact[key], str) or not fact[key].strip()):
            problems.append(f"{where}: '{key}' must be a non-empty string")
    year = fact.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= 2040):
        problems.append(f"{where}: year '{year}' is not null or a year 1990-2040")
    kind = fact.get("kind")
    if kind not in KINDS:
        problems.append(f"{where}: kind '{kind}' not in {sorted(KINDS)}")
    unit = fact.get("unit")
    if unit not in UNITS:
        problems.append(f"{where}: unit '{unit}' not in {sorted(UNITS)}")
    scope = fact.get("scope")
    if scope is not None and scope not in SCOPES:
        problems.append(f"{where}: scope '{scope}' not in {sorted(SCOPES)}")
    if unit == "rank" and scope is None:
        problems.append(f"{where}: a rank needs a scope")
    qualifier = fact.get("qualifier")
    if qualifier is not None and qualifier not in QUALIFIERS:
        problems.append(f"{where}: qualifier '{qualifier}' not in {sorted(QUALIFIERS)}")
    bound = fact.get("bound")
    if bound is not None and bound not in BOUNDS:
        problems.append(f"{where}: bound '{bound}' not in {sorted(BOUNDS)}")
    period = fact.get("period")
    if period is not None:
        if not isinstance(period, str) or not PERIOD.match(period):
            problems.append(f"{where}: period '{period}' is not YYYY-MM or YYYY-Qn")
        elif isinstance(year, int) and not period.startswith(str(year)):
            problems.append(f"{where}: period '{period}' is not in year {year}")

    note = fact.get("note") or ""
    marked = "not in catalogue" in note
    expected_unit = catalogue_unit(code, base_units)
    # Sanity checks use the catalogue's unit when the code is in it: older annotations written
    # before the catalogue gained a code (and marked 'not in catalogue') may give another unit.
    unit = expected_unit or unit
    value = fact.get("value")
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        problems.append(f"{where}: value '{value}' is not a finite number")
    else:
        if unit == "percent" and not -100 <= value <= 1000:
            # A multi-year growth outside the catalogue (增长11.4倍) may pass 1000%.
            (problems if expected_unit else warnings).append(f"{where}: percent value {value} outside [-100, 1000]")
        if unit == "percentage_points" and not -100 <= value <= 100:
            problems.append(f"{where}: percentage-point value {value} outside [-100, 100]")
        if unit in ("count", "rank") and not is_whole(value):
            problems.append(f"{where}: {unit} value {value} is not whole")
        if unit == "count" and value < 0 and "net" not in code and "increase" not in code:
            problems.append(f"{where}: count value {value} is negative")
        if unit == "rank" and value < 1:
            problems.append(f"{where}: rank value {value} below 1")
        if unit in ("yuan", "per_1000_enterprises", "per_10k_people", "index", "us_dollars") and value < 0 \
                and "increase" not in code and "change" not in code:
            problems.append(f"{where}: {unit} value {value} is negative")
        if unit == "yuan" and 0 < value < 1000:
            warnings.append(f"{where}: yuan value {value} is very small (亿元/万元 not converted?)")

    quote = fact.get("quote")
    if isinstance(quote, str) and text is not None and quote not in text:
        problems.append(f"{where}: quote not found in the text: 「{quote}」")
    if isinstance(quote, str) and not re.search(r"[0-9０-９一二三四五六七八九十两百千万首]", quote):
        warnings.append(f"{where}: quote shows no number: 「{quote}」")

    unit = fact.get("unit")
    if expected_unit is None:
        if not marked:
            problems.append(f"{where}: code not in the catalogue and not marked 'not in catalogue'")
        return False
    if marked:
        warnings.append(f"{where}: marked 'not in catalogue' but the catalogue has the code (scored anyway)")
    if unit != expected_unit:
        if marked:
            warnings.append(f"{where}: unit '{unit}' but the catalogue (which gained the code later) gives "
                            f"'{expected_unit}'")
        else:
            problems.append(f"{where}: unit '{unit}' but the catalogue gives '{expected_unit}'")
    return True


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directory", nargs="?", default=os.path.join(root, "Tests/ExtractionTests/Fixtures/corpus"))
    ap.add_argument("--catalogue", default=os.path.join(root, "config/indicators.yaml"))
    ap.add_argument("--quiet", action="store_true", help="list problems only, not warnings")
    args = ap.parse_args()

    base_units = read_catalogue(args.catalogue)
    if not base_units:
        print(f"no indicators read from {args.catalogue}", file=sys.stderr)
        return 2
    names = sorted(n for n in os.listdir(args.directory) if n.endswith(".expected.json"))
    total_problems = total_warnings = 0
    sets = {}
    for name in names:
        stem = name[: -len(".expected.json")]
        problems, warnings = [], []
        path, text = report_text(args.directory, stem)
        body = None
        if path is None:
            problems.append("no report file beside it")
        else:
            first, _, body = text.partition("\n")
            if not re.match(r"^source:\s*\S+", first):
                problems.append("the report's first line is not 'source: URL'")
                body = text
        try:
            with open(os.path.join(args.directory, name), encoding="utf-8") as f:
                facts = json.load(f)
        except (OSError, ValueError) as e:
            facts = None
            problems.append(f"not valid JSON: {e}")
        in_catalogue = 0
        if facts is not None and not isinstance(facts, list):
            problems.append("not a JSON array")
            facts = None
        seen = set()
        for i, fact in enumerate(facts or []):
            scored = check_fact(i, fact, body, base_units, problems, warnings)
            if scored:
                in_catalogue += 1
            if isinstance(fact, dict):
                key = (fact.get("indicator"), fact.get("year"), fact.get("kind"), fact.get("value"),
                       fact.get("period"), fact.get("region"), fact.get("scope"))
                if key in seen:
                    warnings.append(f"fact {i} ({fact.get('indicator')}): same indicator, year, kind, value, "
                                    "period and region as an earlier fact")
                seen.add(key)
        prefix = stem.split("_", 1)[0]
        s = sets.setdefault(prefix, [0, 0, 0])
        s[0] += 1
        s[1] += in_catalogue
        s[2] += len(facts or [])
        shown = problems + ([] if args.quiet else [f"warning: {w}" for w in warnings])
        if shown:
            print(f"{name}:")
            for line in shown:
                print(f"  {line}")
        total_problems += len(problems)
        total_warnings += len(warnings)
    print()
    for prefix, (docs, cat, allf) in sorted(sets.items()):
        print(f"{prefix:6} {docs:3} documents  {cat:4} catalogue facts / {allf:4} facts")
    print(f"{len(names)} annotation files, problems={total_problems}, warnings={total_warnings}")
    return 1 if total_problems else 0


if __name__ == "__main__":
    sys.exit(main())
