#!/usr/bin/python3
# bench_reportlab.py: the ReportLab side of `make bench` (tools/bench.sh).  Renders a
# bulletin of the sample's shape with python3-reportlab: a few paragraphs of Chinese text,
# a bar chart of the six industries, a 24-row table of progress rows and the 150-row
# table of key projects, in two subset TrueType fonts (宋体 for text and tables, 黑体 for
# headings), from the 2015-09 reports of a plain tree (tools/gensample.c --plain).
#
# Usage: bench_reportlab.py MONTH-DIR OUT.pdf
# Prints nothing; tools/bench.sh times it and counts pages and Han characters.
import csv
import glob
import os
import sys
import xml.etree.ElementTree as ET

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

SONG = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"
HEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"


def read_projects(month):
    rows = []
    for path in sorted(glob.glob(os.path.join(month, "*-项目.csv"))):
        with open(path, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                rows.append((r["项目名称"], r["建设地点"], r["项目状态"], r["年度计划投资"],
                             r["累计完成投资"]))
    ns = "{urn:yq165:submission:1}"
    for path in sorted(glob.glob(os.path.join(month, "*-项目.xml"))):
        for p in ET.parse(path).getroot().iter(ns + "project"):
            rows.append((p.get("name"), p.get("unit"), p.get("status"), p.get("annual_plan"),
                         p.get("ytd_investment")))
    return rows


def read_progress(month):
    rows, by_industry = [], {}
    for path in sorted(glob.glob(os.path.join(month, "*-进度.csv"))):
        with open(path, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                rows.append((r["单位"], r["所属产业"], r["细分领域"], r["本月产值"], r["累计产值"]))
                by_industry[r["所属产业"]] = by_industry.get(r["所属产业"], 0) + float(r["累计产值"])
    return rows, by_industry


def bar_chart(values):
    """Six bars with their labels and values, drawn from shapes (the charts package needs
    the _renderPM extension, which Debian ships apart)."""
    chart = Drawing(440, 180)
    top = max(values.values())
    chart.add(Line(30, 30, 430, 30))
    for i, (name, value) in enumerate(values.items()):
        x, height = 45 + i * 65, 130 * value / top
        chart.add(Rect(x, 30, 36, height, fillColor=colors.CMYKColor(0.8, 0.3, 0, 0)))
        chart.add(String(x + 18, 34 + height, "%.1f" % (value / 10000), fontName="Song",
                         fontSize=9, textAnchor="middle"))
        chart.add(String(x + 18, 16, name[:4], fontName="Song", fontSize=9, textAnchor="middle"))
    return chart


def percent(done, plan):
    return "%.1f" % (100 * float(done) / float(plan)) if float(plan) else "—"


def main():
    month, out = sys.argv[1], sys.argv[2]
    pdfmetrics.registerFont(TTFont("Song", SONG))
    pdfmetrics.registerFont(TTFont("Hei", HEI, subfontIndex=0))
    body = ParagraphStyle("body", fontName="Song", fontSize=16, leading=28.95,
                          firstLineIndent=32, wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body, fontName="Hei")
    cell = ParagraphStyle("cell", fontName="Song", fontSize=10, leading=13, wordWrap="CJK")
    projects = read_projects(month)
    progress, by_industry = read_progress(month)

    story = [Paragraph("新兴产业发展动态", ParagraphStyle("masthead", parent=heading,
                                                        fontSize=40, leading=56, alignment=1,
                                                        textColor=colors.red)),
             Spacer(1, 12),
             Paragraph("一、总体情况", heading)]
    total = sum(by_industry.values()) / 10000
    story.append(Paragraph("2015年1-9月，全市新兴产业累计完成产值{:.1f}亿元，信息经济、生命健康和"
                           "临港产业快于序时进度，高端装备、时尚旅游和新材料产业慢于序时进度。"
                           .format(total), body))
    for name, value in by_industry.items():
        story.append(Paragraph("{}累计完成产值{:.1f}亿元。".format(name, value / 10000), body))
    chart = bar_chart(by_industry)
    story += [Paragraph("图1　各产业累计产值（亿元）", heading), chart,
              Paragraph("二、分产业、分镇街完成情况", heading)]
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                       ("FONTNAME", (0, 0), (-1, -1), "Song"), ("FONTSIZE", (0, 0), (-1, -1), 10),
                       ("FONTNAME", (0, 0), (-1, 0), "Hei"), ("ALIGN", (3, 1), (-1, -1), "RIGHT")])
    small = [("单位", "产业", "细分领域", "本月产值", "累计产值")] + progress[:24]
    story += [Table(small, repeatRows=1, style=grid), Spacer(1, 12),
              Paragraph("附表：重点项目实施情况一览", heading)]
    big = [("序号", "项目名称", "建设地点", "状态", "年度计划", "累计完成", "完成（%）")]
    for i, (name, unit, status, plan, done) in enumerate(projects[:150], 1):
        big.append((str(i), Paragraph(name, cell), unit, status, plan, done, percent(done, plan)))
    story.append(Table(big, repeatRows=1, style=grid,
                       colWidths=[10 * mm, 62 * mm, 20 * mm, 12 * mm, 18 * mm, 18 * mm, 16 * mm]))
    SimpleDocTemplate(out, pagesize=A4, topMargin=37 * mm, leftMargin=28 * mm,
                      rightMargin=26 * mm, bottomMargin=35 * mm,
                      title="新兴产业发展动态").build(story)


if __name__ == "__main__":
    main()
