# fixtures.py: writes the fixtures of tests/data/ingest/ that are not plain UTF-8 text, or
# that come in families: forms/ (样表 exports), encodings/ (GB18030, UTF-16 LE/BE, broken
# bytes, gzip), supersede/, and the newer files of xml/.  Deterministic (gzip with mtime 0):
#   python3 tests/data/ingest/fixtures.py     # rewrites the same bytes
import os, gzip
D=os.path.dirname(os.path.abspath(__file__)) + '/'
def w(path, text, enc='utf-8', nl='\r\n', bom=b''):
    full=D+path
    os.makedirs(os.path.dirname(full), exist_ok=True)
    data=text.strip('\n').replace('\n', nl)+nl
    open(full,'wb').write(bom+data.encode(enc))

# ---- forms (样表), UTF-8 so that they can be read and edited
w('forms/2015-09/样表-项目.csv', """
附件2,,,,,,,,,,,,,,,
2015年新兴产业重点项目实施情况一览表,,,,,,,,,,,,,,,
填报单位（盖章）：信息经济产业专项行动工作组,,,,,,,,,,,,填报日期：2015年9月30日,,,
报告期：2015年1-9月,,,,,,,,,,,,,单位：万元,,
序号,项目编号,项目名称,所属产业,细分领域,建设地点,建设单位,是否战略性新兴产业,是否当年招引,投资情况（万元）,,,,项目状态,存在问题,
,,,,,,,,,总投资,年度计划投资,本月完成投资,1-9月累计完成投资,,,
1,F-001,智能电表项目,信息经济产业,物联网,柳市镇,某电气公司,是,否,"1,200",300,20,250,在建,,
2,F-002,电子元件项目,,电子信息,北白象镇,某电子公司,否,是,500,100,10,80,前期,资金未到位,
小计,,,,,,,,,1700,400,30,999,,,
3,F-003,外地项目,信息经济产业,电子信息,火星镇,某公司,否,否,100,50,5,40,在建,,
4,F-001,重复项目,信息经济产业,物联网,柳市镇,某公司,否,否,100,50,5,40,在建,,
5,F-004,坏金额项目,信息经济产业,物联网,虹桥镇,某公司,否,否,100,50,5,4O,在建,,
合　计,,,,,,,,,1700,400,30,340,,,
注：1.本表每月1日前报送。,,,,,,,,,,,,,,,
2.投资单位为万元。,,,,,,,,,,,,,,,
填表人：张三,,,,审核人：李四,,,,联系电话：0577-61882130,,,,,,,
""")
w('forms/2015-09/样表-进度.csv', """
附件4,,,,,,,,,
2015年新兴产业实施进度情况一览表（样表）,,,,,,,,,
填报单位,高端装备制造业专项行动工作组,,,,,,填报日期:,2015/10/1,
报告期:,2015年1-9月,,,,,,单位,元,
序号,单位,所属产业,细分领域,产值（亿元）,,增加值,上年同期累计（万元）,,
,,,,本月,累计,累计,产值,增加值（元）,
1,柳市镇,高端装备制造业,激光与光电,0.12,1.5,30000000,12000,25000000,
2,虹桥镇,高端装备制造业,轨道交通,500万元,2,40000000,18000,36000000,
合　计,,,,0.17005,3.50005001,70000000,30000,61000000,
说明：本表由各产业专项行动工作组填报。,,,,,,,,,
""")
w('forms/2015-08/元数据优先.csv', """
2015年新兴产业实施进度情况一览表,,,,,,,
填报单位：生命健康产业专项行动工作组,,,填报日期：2015年9月30日,,,,
报告期：2015年1-9月,,,,,,,
单位,所属产业,细分领域,累计产值,上年同期累计产值,累计增加值,上年同期累计增加值,填报日期
柳市镇,生命健康产业,,100,90,20,18,2015-10-05
""")
w('forms/2015-09/填报日期无效.csv', """
2015年新兴产业重点项目实施情况一览表,,,,,,,,
填报单位：信息经济产业专项行动工作组,,填报日期：2015年9月31日,,,,,,
项目编号,项目名称,所属产业,建设地点,总投资,年度计划投资,累计完成投资,,
X-1,甲,信息经济产业,柳市镇,100,50,10,,
""")
w('forms/2015-09/考核-空白日期.csv', """
附件1,,
2015年乐清市新兴产业考核情况表,,
填报单位（盖章）：市发改局,填报日期：　　年　月　日,
单位,新兴产业用地占比（%）,
柳市镇,35.2%,
北白象镇,40,
""")
w('forms/2015-09/无表头.csv', """
2015年新兴产业重点项目实施情况一览表,,
填报单位：信息经济产业专项行动工作组,,
编码,名字,地点
X-1,甲,柳市镇
X-2,乙,虹桥镇
""")
w('forms/2015-Q3/季度-样表.csv', """
2015年第三季度新兴产业工作情况报送表,,
报送单位：市经信局,,报送日期：2015年10月8日
序号,事项,内容
1,政策完善整合,出台扶持办法。
2,品牌建设,新增名牌3个。
""")

# ---- encodings
# GB18030: Excel's 'CSV (逗号分隔)' on Chinese Windows; 垟 is in GBK only, 𠮷 takes 4 bytes
w('encodings/2015-09/gb18030-样表.csv', """
附件2,,,,,,,,,,,,,
2015年新兴产业重点项目实施情况一览表,,,,,,,,,,,,,
填报单位（盖章）：临港产业和现代物流专项行动工作组,,,,,,,,,,填报日期：2015年9月29日,,,
序号,项目编号,项目名称,所属产业,细分领域,建设地点,总投资,年度计划投资,本月完成投资,累计完成投资,项目状态,存在问题,,
1,GB-01,𠮷祥物流园项目,临港产业和现代物流,现代物流,翁垟街道,"3,000",800,50,600,在建,,,
2,GB-02,港区储运项目,临港产业和现代物流,临港石化,盐盆街道,1200,400,30,250,在建,征地拆迁进度慢,,
总　计,,,,,,4200,1200,80,850,,,,
""", enc='gb18030')
# UTF-16LE with BOM, tab-separated: Excel's 'Unicode 文本'
w('encodings/2015-09/unicode-项目.txt', """
项目编号\t项目名称\t所属产业\t建设地点\t总投资\t年度计划投资\t累计完成投资\t报送单位\t报告期\t填报日期
U-01\t𠮷安智造项目\t高端装备制造业\t翁垟街道\t500\t100\t60\t高端装备制造业专项行动工作组\t2015年1-9月\t2015-09-30
U-02\t轨道装备项目\t高端装备制造业\t柳市镇\t800\t200\t150\t高端装备制造业专项行动工作组\t2015年1-9月\t2015-09-30
""", enc='utf-16-le', bom=b'\xff\xfe')
w('encodings/2015-09/unicode-进度.csv', """
单位\t细分领域\t累计产值\t上年同期累计产值\t累计增加值\t上年同期累计增加值\t报送单位
柳市镇\t激光与光电\t100\t90\t20\t18\t高端装备制造业专项行动工作组
""", enc='utf-16-be', bom=b'\xfe\xff')
# UTF-16 without its BOM: NUL bytes
w('encodings/2015-09/无BOM.csv', """
单位,细分领域,累计产值
柳市镇,激光与光电,100
""", enc='utf-16-le')
# UTF-16LE with an unpaired high surrogate on line 2
data='项目编号\t项目名称\r\nU-01\t'.encode('utf-16-le')
bad=b'\xff\xfe'+data+b'\x42\xd8'+'甲\r\n'.encode('utf-16-le')
open(D+'encodings/2015-09/坏代理项.txt','wb').write(bad)
# a UTF-8 BOM and then a byte that is not UTF-8 (GB18030 would take it, the BOM says no)
open(D+'encodings/2015-09/BOM后非UTF8.csv','wb').write(b'\xef\xbb\xbf'+'单位,累计产值\r\n'.encode()+'柳市镇'.encode('gb18030')+b',100\r\n')
# ASCII only: valid UTF-8 and valid GB18030, and names no column in either
w('encodings/2015-09/两可.csv', """
abc,def
1,2
""")
# a gzip'd CSV
raw='项目编号,项目名称\r\nX-1,甲\r\n'.encode()
open(D+'encodings/2015-09/压缩.csv','wb').write(gzip.compress(raw, mtime=0))

# ---- XML
x = '''<?xml version="1.0" encoding="GB2312"?>
<submission xmlns="urn:yq165:submission:1" kind="progress" period="2015-09" office="新材料产业专项行动工作组" sent="2015-09-28">
  <progress unit="翁垟街道" industry="新材料产业" ytd_output="100" prior_ytd_output="90" ytd_value_added="20" prior_ytd_value_added="18"/>
</submission>
'''
open(D+'xml/2015-09/GB2312声明.xml','wb').write(x.encode('gb18030'))
x = '''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE submission [
  <!ENTITY a "哈哈哈哈哈哈哈哈哈哈">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
  <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
  <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
  <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<submission xmlns="urn:yq165:submission:1" kind="quarterly" period="2015-Q3" office="&i;">
  <item topic="品牌建设">&i;</item>
</submission>
'''
open(D+'xml/2015-09/十亿笑.xml','wb').write(x.encode())
x = '''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE submission SYSTEM "http://127.0.0.1:9/submission.dtd">
<submission xmlns="urn:yq165:submission:1" kind="quarterly" period="2015-Q3" office="市经信局">
  <item topic="品牌建设">内容</item>
</submission>
'''
open(D+'xml/2015-09/外部DTD.xml','wb').write(x.encode())
x = '''<?xml version="1.0" encoding="UTF-8"?>
<submission xmlns="urn:yq165:submission:1" kind="quarterly" period="2015-Q3" office="市经信局">
  <item topic="品牌建设">内容</item>
</submission>
'''
open(D+'xml/2015-09/压缩.xml','wb').write(gzip.compress(x.encode(), mtime=0))
w('supersede/2015-08/考核-八月.csv', """
单位,新兴产业用地占比,报送单位,填报日期
柳市镇,20,市发改局,2015-08-31
""")
w('supersede/2015-09/a-考核.csv', """
单位,新兴产业用地占比,报送单位,填报日期
柳市镇,30,市发改局,2015-09-28
虹桥镇,40,市发改局,2015-09-28
""")
w('supersede/2015-09/b-考核.csv', """
单位,新兴产业用地占比,报送单位,填报日期
柳市镇,35,市发改局,2015-09-30
虹桥镇,abc%,市发改局,2015-09-30
""")
w('supersede/2015-09/c-有日期.csv', """
单位,新兴产业用地占比,报送单位,填报日期
北白象镇,55,市发改局,2015-09-01
""")
w('supersede/2015-09/z-无日期.csv', """
单位,新兴产业用地占比,报送单位
北白象镇,50,市发改局
""")
w('supersede/2015-09/e-进度.csv', """
单位,所属产业,累计产值,上年同期累计产值,累计增加值,上年同期累计增加值,报送单位,填报日期
柳市镇,生命健康产业,100,90,20,18,生命健康产业专项行动工作组,2015-09-30
""")
w('supersede/2015-09/f-进度.csv', """
单位,所属产业,累计产值,上年同期累计产值,累计增加值,上年同期累计增加值,报送单位,填报日期
柳市镇,生命健康产业,110,90,22,18,生命健康产业专项行动工作组,2015-09-30
""")
w('supersede/2015-Q3/季度-1.csv', """
事项,内容,报送单位,填报日期
政策完善整合,第一条。,市经信局,2015-10-05
品牌建设,第二条。,市经信局,2015-10-05
品牌建设,第三条。,市经信局,2015-10-05
""")
w('supersede/2015-Q3/季度-2.csv', """
事项,内容,报送单位,填报日期
品牌建设,更正后的唯一一条。,市经信局,2015-10-08
""")
w('xml/2015-09/考核.xml', """
<?xml version="1.0" encoding="UTF-8"?>
<submission xmlns="urn:yq165:submission:1" kind="assessment" period="2015年1-9月" office="市发改局" sent="2015年9月30日">
  <assessment unit="柳市" land_pct="62.7%" new_platforms="３" national_platforms="1" provincial_platforms="2"
              leading_enterprises="优秀" annual_plan_done="√" national_funds="1" provincial_funds="2"
              national_honors="0" provincial_honors="1"/>
</submission>
""", nl='\n')
x='''<?xml version="1.0" encoding="UTF-16"?>
<submission xmlns="urn:yq165:submission:1" kind="quarterly" period="2015年第三季度" office="市市场监管局" sent="2015/10/8">
  <item topic="品牌建设">新增浙江省著名商标6件。</item>
</submission>
'''
open(D+'xml/2015-09/UTF16.xml','wb').write(b'\xff\xfe'+x.encode('utf-16-le'))
w('forms/2015-Q3/季度-无事项.csv', """
2015年第三季度品牌建设工作情况表,,
报送单位：市市场监管局,,
序号,单位,内容
1,市市场监管局,开展“乐清电气”集体商标注册工作。
""")
