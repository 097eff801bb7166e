# Hand check of three units' 附件1 scores (scoring.md §3), written apart from the C code:
# reads the plain sample tree (`build/gensample --plain DIR`), applies the rules with exact
# Fractions, and prints them beside summary.json of `make run`.
#   cc -std=c11 -o build/gensample tools/gensample.c && build/gensample --plain /tmp/plain
#   python3 tools/handcheck-units.py /tmp/plain output/2015-09/summary.json
import csv, glob, json, sys, xml.etree.ElementTree as ET
PLAIN = sys.argv[1] if len(sys.argv) > 1 else 'plain'
SUMMARY = sys.argv[2] if len(sys.argv) > 2 else 'output/2015-09/summary.json'
from fractions import Fraction as F
from decimal import Decimal
W=lambda s: F(Decimal(s)) if s not in ('', None) else F(0)
units=["城东街道","乐成街道","城南街道","盐盆街道","翁垟街道","白石街道","石帆街道","天成街道","柳市镇","北白象镇","虹桥镇","淡溪镇","清江镇","芙蓉镇","大荆镇","仙溪镇","雁荡镇"]
unassessed={"网络经济","旅游休闲"}
va={u:F(0) for u in units}; pva={u:F(0) for u in units}
def prog(u,sub,v,p):
    if sub in unassessed: return
    va[u]+=W(v); pva[u]+=W(p)
for f in glob.glob(PLAIN + '/2015-09/*-进度.csv'):
    for r in csv.DictReader(open(f,encoding='utf-8')):
        prog(r['单位'],r['细分领域'],r['累计增加值'],r['上年同期累计增加值'])
for f in glob.glob(PLAIN + '/2015-09/*-进度.xml'):
    for e in ET.parse(f).getroot():
        prog(e.get('unit'),e.get('subsector') or '',e.get('ytd_value_added'),e.get('prior_ytd_value_added'))
n={u:0 for u in units}; plan={u:F(0) for u in units}; done={u:F(0) for u in units}; major={u:0 for u in units}
def proj(u,total,strat,attr,ap,yi):
    n[u]+=1; plan[u]+=W(ap); done[u]+=W(yi)
    t=W(total)
    if attr=='是' and (t>=200000 or (strat=='是' and t>=100000)): major[u]+=1
for f in glob.glob(PLAIN + '/2015-09/*-项目.csv'):
    for r in csv.DictReader(open(f,encoding='utf-8')):
        proj(r['建设地点'],r['总投资'],r['是否战略性新兴产业'],r['是否当年招引'],r['年度计划投资'],r['累计完成投资'])
for f in glob.glob(PLAIN + '/2015-09/*-项目.xml'):
    for e in ET.parse(f).getroot():
        proj(e.get('unit'),e.get('total_investment'),e.get('strategic'),e.get('attracted'),e.get('annual_plan'),e.get('ytd_investment'))
ass={r['单位']:r for r in csv.DictReader(open(PLAIN + '/2015-09/考核-市发改局.csv',encoding='utf-8'))}
def rank_scores(metric, base, step):
    vals=[(u,metric[u]) for u in units if metric.get(u,0)]
    out={}
    for u,v in vals:
        r=1+sum(1 for _,w in vals if w>v)
        out[u]=max(F(0), base-step*(r-1))
    return out
nmax=max(n.values())
comp={u:(F(1,2)*F(n[u],nmax)+F(1,2)*min(F(1), done[u]/plan[u] if plan[u] else F(0))) if n[u] else F(0) for u in units}
scale=rank_scores(va,F(15),F(3,10)); projs=rank_scores(comp,F(15),F(3,10))
land=rank_scores({u:W(ass[u]['新兴产业用地占比']) for u in ass},F(10),F(1,5))
def growth(u):
    if not pva[u]: return F(0)
    g=(va[u]-pva[u])/pva[u]*100
    return min(F(25),max(F(35,2),F(45,2)+F(5,4)*(g-10)))
res={}
for u in units:
    a=ass.get(u)
    plat=innov=F(0)
    if a:
        plat=(10 if int(a['新增平台数'])>=1 else 0)+3*int(a['国家级平台认定数'])+F(3,2)*int(a['省级平台认定数'])
        lead=10 if a['龙头企业培育'] in ('良好','好','优秀') else 0
        pl=4 if a['年度实施计划']=='是' else 0
        ex=min(F(6),3*int(a['国家级专项资金项目数'])+F(3,2)*int(a['省级专项资金项目数'])+3*int(a['国家级表彰数'])+F(3,2)*int(a['省级表彰数']))
        innov=plat+lead+pl+ex
    ind=growth(u)+scale.get(u,0)
    pd=projs.get(u,0)+land.get(u,0)+min(10,5*major[u])
    res[u]=(ind,pd,innov,ind+pd+innov)
S=json.load(open(SUMMARY))
got={x['name']:x for x in S['units']}
for u in ["北白象镇","翁垟街道","仙溪镇"]:
    ind,pd,inn,tot=res[u]; g=got[u]
    print(u, "hand:", round(float(ind),2), round(float(pd),2), round(float(inn),2), round(float(tot),2),
          "| program:", g['industry_development']['subtotal'], g['project_drive']['subtotal'], g['innovation']['subtotal'], g['total'], "rank", g['rank'], g['missing'])
