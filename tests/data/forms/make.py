# make.py: makes the LibreOffice fixture of tests/data/forms/ ONCE (make check never runs
# this; the file it wrote is committed):
#   make && python3 tests/data/forms/make.py     # needs soffice (libreoffice-calc-nogui)
# `bulletin forms` writes the sample's 附件2 of 信息经济 for 2015-10; it is filled in as
# tests/check_forms.c fills it (fill_in there: 本月完成投资 100 + 序号, 累计 = last month's
# + 本月, 项目状态 在建 on the first row, one new project, 填报日期 2015-10-30), then
# LibreOffice opens it and saves it as .xlsx: the committed file is what a real producer
# writes (its own shared strings, styles, validations, protection, cached totals).
import os, re, shutil, subprocess, tempfile, zipfile
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
GROUP = '信息经济产业专项行动工作组'
NAME = GROUP + '-附件2-2015-10.xlsx'
FIRST_ROW = 7

def fill_cell(xml, ref, inside, kind=''):
    m = re.search(r'<c r="%s"( s="\d+")?/>' % ref, xml)
    assert m, ref
    return xml[:m.start()] + '<c r="%s"%s%s>%s</c>' % (ref, m.group(1) or '', kind, inside) + xml[m.end():]

def set_total(xml, formula, value):
    return re.sub(r'(<f>%s</f><v>)[^<]*' % re.escape(formula), lambda m: m.group(1) + value, xml)

def main():
    work = tempfile.mkdtemp()
    subprocess.run([os.path.join(ROOT, 'build/bulletin'), 'forms', '--period', '2015-10',
                    '--input', 'input', '--output', work], cwd=ROOT, check=True)
    form = os.path.join(work, 'forms', '2015-10', NAME)
    with zipfile.ZipFile(form) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts['xl/worksheets/sheet1.xml'].decode()
    total_sum = {'J': Decimal(0), 'K': Decimal(0)}
    for col in total_sum:
        for value in re.findall(r'<c r="%s\d+" s="\d+"><v>([^<]*)</v>' % col, xml):
            total_sum[col] += Decimal(value)
    month_sum = ytd_sum = Decimal(0)
    row = FIRST_ROW
    while True:
        m = re.search(r'<c r="L%d" s="\d+"><v>([^<]*)</v>' % row, xml)
        if not m:
            break
        month = Decimal(100 + row - FIRST_ROW + 1)
        ytd = Decimal(m.group(1)) + month
        xml = fill_cell(xml, 'M%d' % row, '<v>%s</v>' % month)
        xml = fill_cell(xml, 'N%d' % row, '<v>%s</v>' % ytd)
        month_sum += month
        ytd_sum += ytd
        row += 1
    xml = fill_cell(xml, 'O7', '<is><t>在建</t></is>', ' t="inlineStr"')
    for col, text in (('B', 'XX2015-099'), ('C', '新增测试项目'), ('D', '信息经济产业'), ('F', '柳市镇')):
        xml = fill_cell(xml, '%s%d' % (col, row), '<is><t>%s</t></is>' % text, ' t="inlineStr"')
    for col, number in (('J', '5000'), ('K', '2000'), ('M', '150.5'), ('N', '150.5')):
        xml = fill_cell(xml, '%s%d' % (col, row), '<v>%s</v>' % number)
    month_sum += Decimal('150.5')
    ytd_sum += Decimal('150.5')
    last = int(re.search(r'<f>SUM\(M7:M(\d+)\)</f>', xml).group(1))
    totals = {'J': total_sum['J'] + 5000, 'K': total_sum['K'] + 2000, 'M': month_sum, 'N': ytd_sum}
    for col, value in totals.items():
        xml = set_total(xml, 'SUM(%s7:%s%d)' % (col, col, last), str(value))
    xml = fill_cell(xml, 'P3', '<v>42307</v>')
    parts['xl/worksheets/sheet1.xml'] = xml.encode()
    filled = os.path.join(work, 'filled', NAME)
    os.makedirs(os.path.dirname(filled))
    with zipfile.ZipFile(filled, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    saved = os.path.join(work, 'saved')
    subprocess.run(['soffice', '--headless', '--calc', '--convert-to', 'xlsx:Calc MS Excel 2007 XML',
                    '--outdir', saved, filled], check=True)
    target = os.path.join(HERE, GROUP + '-附件2-2015-10-libreoffice.xlsx')
    shutil.copyfile(os.path.join(saved, NAME), target)
    shutil.rmtree(work)
    print('wrote', target)

main()
