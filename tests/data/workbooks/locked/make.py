# make.py: makes tests/data/workbooks/locked/加密.xls ONCE, with LibreOffice as the producer
# (make check never runs this; the file it wrote is committed):
#   /usr/bin/python3 tests/data/workbooks/locked/make.py   # needs libreoffice-calc-nogui
# A workbook with an opening password ("secret") as Calc saves it in Excel 97–2003 form:
# a FILEPASS record and RC4 encrypted records.  soffice --convert-to cannot set a
# password, so this drives LibreOffice through its UNO bridge (python3-uno, which
# libreoffice-calc-nogui brings, importable by Debian's /usr/bin/python3).
import os, subprocess, sys, tempfile, time
import uno
from com.sun.star.beans import PropertyValue

HERE = os.path.dirname(os.path.abspath(__file__))
PORT = 2002


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main():
    with tempfile.TemporaryDirectory() as tmp:
        source = tmp + '/source.csv'
        with open(source, 'w', encoding='utf-8') as f:
            f.write('单位,新兴产业用地占比,报送单位,报告期,填报日期\n'
                    '城东街道,46.3,市发改局,2015-09,2015-09-30\n')
        office = subprocess.Popen(['soffice', '--headless', '--invisible', '--norestore',
                                   f'-env:UserInstallation=file://{tmp}/profile',
                                   f'--accept=socket,host=localhost,port={PORT};urp;'],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            'com.sun.star.bridge.UnoUrlResolver', local)
        for _ in range(120):
            try:
                context = resolver.resolve(
                    f'uno:socket,host=localhost,port={PORT};urp;StarOffice.ComponentContext')
                break
            except Exception:
                time.sleep(0.5)
        else:
            sys.exit('make.py: LibreOffice did not start')
        desktop = context.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop',
                                                                   context)
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(source), '_blank', 0,
            (prop('Hidden', True), prop('FilterName', 'Text - txt - csv (StarCalc)'),
             prop('FilterOptions', '44,34,76,1')))
        doc.storeToURL(uno.systemPathToFileUrl(HERE + '/加密.xls'),
                       (prop('FilterName', 'MS Excel 97'), prop('Password', 'secret')))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes down with the office
        office.wait(timeout=60)


main()
