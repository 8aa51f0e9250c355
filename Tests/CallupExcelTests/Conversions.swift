import Foundation
import Testing

/// Rewrites a scenario's four CSV tables the way planners' tools save them,
/// with Python's csv module and openpyxl (independent of the code under test):
///
/// - `xlsx`: one workbook per table, first sheet titled in Chinese, dates as
///   real Excel dates (`yyyy-mm-dd`), numbers as numbers, shared strings;
/// - `gb18030`: CSV encoded as GB18030 with CRLF line ends, as Excel saves
///   "CSV" on Chinese Windows.
///
/// With `chinese`, headers become their Chinese aliases and the vocabulary
/// words their Chinese names (县处级, 集中轮训, 男, 中共党员, …).
enum Conversion: String {
  case xlsx
  case gb18030

  static func convert(scenario source: URL, to destination: URL, as format: Conversion, chinese: Bool) throws {
    _ = try Python.openpyxl(script, [source.path, destination.path, format.rawValue, chinese ? "1" : "0"])
  }

  /// The sheet title each table's workbook gets.
  static let sheetTitles = ["units": "单位", "cadres": "干部名册", "classes": "班次", "history": "培训记录"]

  static let script = """
    import csv, datetime, os, sys
    import openpyxl

    src, dst, fmt, chinese = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
    HEAD = {
        "units": {"id": "单位编号", "name": "单位名称", "region": "所在地区", "parent": "上级单位",
                  "headcount": "编制人数", "max_away": "最多同时离岗人数", "max_away_share": "最多同时离岗比例"},
        "cadres": {"id": "干部编号", "name": "姓名", "unit": "单位", "rank": "职级", "leadership": "领导职务",
                   "tags": "标签", "gender": "性别", "birth_year": "出生年份", "party": "政治面貌",
                   "appointed": "任职时间", "unavailable": "不可参训时间"},
        "classes": {"id": "班次编号", "name": "班次名称", "institution": "培训机构", "institution_type": "机构类型",
                    "level": "层级", "region": "地区", "kind": "类别", "theme": "主题", "start": "开班日期",
                    "days": "天数", "hours": "学时", "min_size": "最少人数", "capacity": "名额",
                    "ranks": "职级要求", "tags": "对象标签", "cost_per_seat": "人均费用", "fixed_cost": "固定费用"},
        "history": {"cadre": "干部编号", "class": "班次编号", "kind": "类别", "theme": "主题",
                    "institution_type": "机构类型", "start": "开始日期", "days": "天数", "hours": "学时"},
    }
    RANK = {"provincial": "省部级", "bureau": "厅局级", "county": "县处级", "section": "乡科级", "staff": "科员及以下"}
    VALUES = {
        "rank": RANK, "ranks": RANK,
        "kind": {"rotation": "集中轮训", "systematic": "主体班", "professional": "专业化能力培训", "reading": "读书班",
                 "appointment": "任职培训", "initial": "初任培训", "special": "专题培训", "online": "网络培训"},
        "gender": {"M": "男", "F": "女"},
        "party": {"cpc": "中共党员", "non-party": "群众"},
        "leadership": {"principal": "党政正职", "deputy": "副职", "team": "班子成员", "none": "非领导"},
        "institution_type": {"party-school": "党校", "cadre-college": "干部学院", "university": "高校", "other": "其他机构"},
        "level": {"national": "中央", "province": "省级", "city": "市级", "county": "县级"},
    }
    DATES = {"appointed", "start"}
    NUMBERS = {"headcount", "max_away", "max_away_share", "birth_year", "days", "hours", "min_size", "capacity",
               "cost_per_seat", "fixed_cost"}
    TITLES = {"units": "单位", "cadres": "干部名册", "classes": "班次", "history": "培训记录"}

    for table in ["units", "cadres", "classes", "history"]:
        with open(os.path.join(src, table + ".csv"), encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        if chinese:
            for r in body:
                for i, h in enumerate(header):
                    m = VALUES.get(h)
                    if m and r[i]:
                        r[i] = ";".join(m[x] for x in r[i].split(";"))
            written = [HEAD[table][h] for h in header]
        else:
            written = header
        if fmt == "xlsx":
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = TITLES[table]
            ws.append(written)
            for r in body:
                out = []
                for h, v in zip(header, r):
                    if v == "":
                        out.append(None)
                    elif h in DATES:
                        out.append(datetime.date.fromisoformat(v))
                    elif h in NUMBERS:
                        out.append(float(v) if "." in v else int(v))
                    else:
                        out.append(v)
                ws.append(out)
            wb.save(os.path.join(dst, table + ".xlsx"))
        else:
            with open(os.path.join(dst, table + ".csv"), "w", encoding="gb18030", newline="") as f:
                csv.writer(f, lineterminator="\\r\\n").writerows([written] + body)
    """
}
