# make.py: makes the workbook fixtures of tests/data/workbooks/ ONCE, with LibreOffice as
# the producer (make check never runs this; the files it wrote are committed):
#   python3 tests/data/workbooks/make.py      # needs soffice (libreoffice-calc-nogui)
# Each source below is a minimal SpreadsheetML workbook written by hand; LibreOffice opens
# it and saves it as .xlsx and as .xls (BIFF8), so the committed files are what a real
# producer writes: its shared strings, styles, merges, cached formula values, date system.
import os, subprocess, tempfile, zipfile
from xml.sax.saxutils import escape

D = os.path.dirname(os.path.abspath(__file__)) + '/'
NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

# styles: 0 General, 1 date 年月日, 2 yyyy-mm, 3 0.0%, 4 yyyy-mm-dd, 5 0.00
STYLES = f'''<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="{NS}"><numFmts count="4">
<numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>
<numFmt numFmtId="165" formatCode="yyyy\\-mm"/><numFmt numFmtId="166" formatCode="0.0%"/>
<numFmt numFmtId="167" formatCode="yyyy\\-mm\\-dd"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/>
<xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="166" applyNumberFormat="1"/>
<xf numFmtId="167" applyNumberFormat="1"/><xf numFmtId="2" applyNumberFormat="1"/></cellXfs>
</styleSheet>'''

def col(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s

def cell(ref, v):
    """v: str (inline string), int/float, ('d', serial, style), ('f', formula, cached),
    ('b', bool), ('n', number, style)"""
    if isinstance(v, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
    if isinstance(v, bool):
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    if isinstance(v, (int, float)):
        return f'<c r="{ref}"><v>{v}</v></c>'
    kind = v[0]
    if kind == 'f':
        return f'<c r="{ref}"><f>{escape(v[1])}</f><v>{v[2]}</v></c>'
    return f'<c r="{ref}" s="{v[2]}"><v>{v[1]}</v></c>'

def sheet(rows, merges=()):
    out = [f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>']
    for r, row in enumerate(rows, 1):
        cells = ''.join(cell(f'{col(c)}{r}', v) for c, v in enumerate(row) if v is not None)
        out.append(f'<row r="{r}">{cells}</row>')
    out.append('</sheetData>')
    if merges:
        out.append(f'<mergeCells count="{len(merges)}">' +
                   ''.join(f'<mergeCell ref="{m}"/>' for m in merges) + '</mergeCells>')
    out.append('</worksheet>')
    return ''.join(out)

def workbook(path, sheets, date1904=False):
    """sheets: [(name, state, xml)]"""
    z = zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED)
    over = ''.join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   for i in range(1, len(sheets) + 1))
    z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="'
               'http://schemas.openxmlformats.org/package/2006/content-types"><Default '
               'Extension="rels" ContentType="application/vnd.openxmlformats-package.'
               'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxml'
               'formats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
               '"/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
               f'spreadsheetml.styles+xml"/>{over}</Types>')
    z.writestr('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
               '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
               f'Id="rId1" Type="{RNS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    rels = ''.join(f'<Relationship Id="rId{i}" Type="{RNS}/worksheet" '
                   f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?>'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
               f'relationships">{rels}<Relationship Id="rIdS" Type="{RNS}/styles" '
               'Target="styles.xml"/></Relationships>')
    entries = ''.join(f'<sheet name="{escape(n)}" sheetId="{i}" state="{st}" r:id="rId{i}"/>'
                      for i, (n, st, _) in enumerate(sheets, 1))
    z.writestr('xl/workbook.xml', f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" '
               f'xmlns:r="{RNS}"><workbookPr date1904="{"1" if date1904 else "0"}"/>'
               f'<sheets>{entries}</sheets></workbook>')
    z.writestr('xl/styles.xml', STYLES)
    for i, (_, _, xml) in enumerate(sheets, 1):
        z.writestr(f'xl/worksheets/sheet{i}.xml', xml)
    z.close()

OFFICE = '信息经济产业专项行动工作组'
N = None
# 附件2 as a 样表 of two header rows with merges; 2015-09-30 = serial 42277 (1900 system)
FORM = sheet([
    ['附件2'],
    ['2015年新兴产业重点项目实施情况一览表'],
    [f'填报单位（盖章）：{OFFICE}', N, N, N, N, N, N, N, N, N, N, '填报日期：', ('n', 42277, 1)],
    ['报告期：', 201509, N, N, N, N, N, N, N, N, N, N, N, '单位：万元'],
    ['序号', '项目编号', '项目名称', '所属产业', '细分领域', '建设地点', '建设单位',
     '是否战略性新兴产业', '是否当年招引', '投资情况（万元）', N, N, N, '项目状态', '存在问题'],
    [N, N, N, N, N, N, N, N, N, '总投资', '年度计划投资', '本月完成投资', '1-9月累计完成投资'],
    [1, 'WB2015-001', '智能电表项目', '信息经济产业', '物联网', '柳市镇', '某电气公司', '是',
     True, 1200, 300, ('f', '12.1+0.2', 12.299999999999999), 250.5, '在建'],
    [2, 2015002, '电子元件项目', N, '电子信息', '北白象镇', '某电子公司', '否', False,
     500, 100, 10, 80, '前期', '资金未到位'],
    [3, 'WB2015-003', '日期金额项目', N, '物联网', '虹桥镇', '某公司', '否', False,
     100, 50, 5, ('n', 36925, 4), '在建'],
    ['合计', N, N, N, N, N, N, N, N, ('f', 'SUM(J7:J9)', 1800), ('f', 'SUM(K7:K9)', 450),
     ('f', 'L7+L8', 22.3), ('f', 'M7+M8', 330.5)],
    ['注：1.本表每月1日前报送。'],
    ['填表人：张三'],
], ['A2:O2', 'A3:F3', 'A5:A6', 'B5:B6', 'C5:C6', 'D5:D6', 'E5:E6', 'F5:F6', 'G5:G6', 'H5:H6',
    'I5:I6', 'J5:M5', 'N5:N6', 'O5:O6', 'D7:D9', 'A10:I10', 'A11:O11'])
# 附件4 plain: 报告期 as a date shown yyyy-mm, 填报日期 as the number 20150930
PROGRESS = sheet([
    ['单位', '所属产业', '细分领域', '本月产值', '累计产值', '上年同期累计产值', '累计增加值',
     '上年同期累计增加值', '报送单位', '报告期', '填报日期'],
    ['柳市镇', '信息经济产业', '物联网', 100.5, 900.25, 800, 200, 180, OFFICE, ('n', 42248, 2),
     20150930],
    ['虹桥镇', '信息经济产业', '电子信息', 50, 450, 400, 100, 90, OFFICE, ('n', 42248, 2),
     20150930],
])
HIDDEN = sheet([['不该读入'], ['项目编号', '项目名称', '总投资']])
EMPTY = sheet([])

# 考核 in the 1904 date system: 2015-09-30 = serial 40815; percents under 0.0%; 报告期 2015.09
ASSESS = sheet([
    ['单位', '新兴产业用地占比', '新增平台数', '国家级平台认定数', '省级平台认定数', '龙头企业培育',
     '年度实施计划', '国家级专项资金项目数', '省级专项资金项目数', '国家级表彰数', '省级表彰数',
     '报送单位', '报告期', '填报日期'],
    ['城东街道', ('n', 0.463, 3), 2, 0, 1, '良好', '是', 0, 1, 0, 1, '市发改局', 2015.09,
     ('n', 40815, 4)],
    ['乐成街道', ('n', 0.717, 3), 1, 0, 1, '良好', '是', 0, 0, 0, 0, '市发改局', 2015.09,
     ('n', 40815, 4)],
])

def convert(source, target_dir, fmt):
    subprocess.run(['soffice', '--headless', '--convert-to', fmt, '--outdir', target_dir, source],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def main():
    out = D + '2015-09/'
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        workbook(f'{tmp}/信息经济.xlsx', [('附件2', 'visible', FORM), ('附件4', 'visible', PROGRESS),
                                       ('旧表', 'hidden', HIDDEN), ('Sheet4', 'visible', EMPTY)])
        workbook(f'{tmp}/考核1904.xlsx', [('考核', 'visible', ASSESS)], date1904=True)
        for name in ('信息经济', '考核1904'):
            convert(f'{tmp}/{name}.xlsx', out, 'xlsx')
            convert(f'{tmp}/{name}.xlsx', out, 'xls')

main()
