# make.py: makes tests/data/workbooks/converted/ ONCE, with LibreOffice as the producer
# (make check never runs this; the files it wrote are committed):
#   python3 tests/data/workbooks/converted/make.py    # needs soffice (libreoffice-calc-nogui)
# It writes the sample month's eleven CSV and tab-separated reports of 2015-09 as
# tools/gensample.c writes them into input/, and has LibreOffice open each (as UTF-8
# CSV, as a clerk opens it in a spreadsheet: numbers, percents and dates recognised) and
# save it as .xlsx (xlsx/) and as .xls (xls/).  The sample month holds two of them in
# place of their CSV files (SAMPLE_WORKBOOKS, put there by `make sample`); csv/ keeps those
# two CSV files, so that the CSV month can still be put together.  check_converted.c runs
# the sample month, the CSV month, the .xlsx month and the .xls month and finds the same
# figures.
import csv, glob, io, os, shutil, subprocess, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '../../../..'))
# The reports that the sample month holds as workbooks, and as which (see the Makefile's
# sample target).
SAMPLE_WORKBOOKS = {'生命健康-项目': 'xlsx', '高端装备-项目': 'xls'}


def utf8_csv(path, out_dir):
    """The report at path as UTF-8 comma-separated text (GB18030, UTF-16 and tabs undone),
    so that LibreOffice reads every report with the same import options."""
    raw = open(path, 'rb').read()
    if raw[:2] in (b'\xff\xfe', b'\xfe\xff'):
        text = raw.decode('utf-16')
    else:
        try:
            text = raw.decode('utf-8-sig')
        except UnicodeDecodeError:
            text = raw.decode('gb18030')
    base, ext = os.path.splitext(os.path.basename(path))
    rows = list(csv.reader(io.StringIO(text), delimiter='\t' if ext in ('.txt', '.tsv') else ','))
    target = os.path.join(out_dir, base + '.csv')
    with open(target, 'w', encoding='utf-8', newline='') as f:
        csv.writer(f, lineterminator='\n').writerows(rows)
    return target


def convert(sources, fmt, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    # 44: comma, 34: quote, 76: UTF-8, 1: from the first line
    subprocess.run(['soffice', '--headless', '--infilter=CSV:44,34,76,1', '--convert-to', fmt,
                    '--outdir', out_dir] + sources,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(['cc', '-std=c11', '-O2', '-o', tmp + '/gensample',
                        ROOT + '/tools/gensample.c'], check=True)
        subprocess.run([tmp + '/gensample', tmp + '/input'], check=True, stdout=subprocess.DEVNULL)
        month = tmp + '/input/2015-09'
        reports = sorted(p for p in glob.glob(month + '/*') if p.endswith(('.csv', '.txt')))
        os.makedirs(tmp + '/utf8')
        sources = [utf8_csv(p, tmp + '/utf8') for p in reports]
        for fmt in ('xlsx', 'xls'):
            shutil.rmtree(os.path.join(HERE, fmt), ignore_errors=True)
            convert(sources, fmt, os.path.join(HERE, fmt))
        shutil.rmtree(os.path.join(HERE, 'csv'), ignore_errors=True)
        os.makedirs(os.path.join(HERE, 'csv'))
        for name in SAMPLE_WORKBOOKS:
            shutil.copy(os.path.join(month, name + '.csv'), os.path.join(HERE, 'csv'))


main()
