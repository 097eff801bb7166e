/*
 * gensample.c: writes bulletin's embedded sample input, the reports 乐清市's offices send
 * in 2015-01 … 2016-02 (progress and key projects of the six working groups, 市发改局's
 * assessment in September and at the year's end, the offices' 2015-Q3 and 2015-Q4
 * quarterly items), under the folder named on the command line.  A build tool, not part
 * of the program: deterministic (fixed-seed xorshift, no clock), amounts kept as integer
 * tenths of 万元.  Three of September's reports are 样表 exports in GB18030 and UTF-16 with
 * a few faulty rows (--plain: none).  2015-01 … 2015-09 are drawn first, from the first
 * seed and exactly as they always were; the months after them from a second seed.
 * --projects PERCENT lengthens every key-project list (tools/bench.sh's busy months).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <iconv.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum {
    UNIT_COUNT = 17,
    INDUSTRY_COUNT = 6,
    MONTHS = 9,       /* 2015-01 … 2015-09: the first draw */
    YEAR_END = 12,    /* 2015-12 */
    LAST_MONTH = 14,  /* 13, 14: 2016-01, 2016-02 (the second draw: 10 … 14) */
    MAX_SUBSECTORS = 4,
    MAX_ROWS = 80,    /* progress rows of one industry */
    MAX_PROJECTS = 4096, /* of one industry: 36 in the sample, more under --projects */
    RATIO = 10000     /* ratios are integers per 10000 */
};

static const char *const unit_names[UNIT_COUNT] = {
    "城东街道", "乐成街道", "城南街道", "盐盆街道", "翁垟街道", "白石街道", "石帆街道",
    "天成街道", "柳市镇", "北白象镇", "虹桥镇", "淡溪镇", "清江镇", "芙蓉镇", "大荆镇",
    "仙溪镇", "雁荡镇"};

static const int month_days[LAST_MONTH + 1] = {0,  31, 28, 31, 30, 31, 30, 31,
                                              31, 30, 31, 30, 31, 31, 29};

/* Share of an average month's output in month m (per 10000): the Spring Festival dip,
 * the push before the year's end. */
static const int month_season[YEAR_END + 1] = {0,     9900,  9300,  10100, 10100, 10200, 10300,
                                              10000, 9900,  10300, 10100, 10200, 10900};

/* The 2016 targets of the seed's table (亿元), in the industries' order. */
static const int target_2016[INDUSTRY_COUNT] = {500, 100, 70, 200, 330, 100};

/* ---- the fixed data: industries, sub-sectors, key projects ---------------------------- */

typedef struct subsector_spec {
    const char *name;                 /* "" where the industry has none */
    int share;                        /* of the industry's output, per 10000 */
    int unit_weight[UNIT_COUNT];      /* relative size per unit; 0: no row for that unit */
    const char *owner_kinds[3];       /* trades for the owners' company names */
} subsector_spec;

/* A key project; zero fields are drawn at random. */
typedef struct project_spec {
    const char *name;
    int subsector;
    const char *unit;
    int64_t total;        /* 万元 */
    int64_t annual_plan;  /* 万元 */
    int strategic;        /* 0 random, 1 是, 2 否 */
    int attracted;        /* likewise */
    int start_month;      /* first month reported */
    int build_month;      /* first month 在建 */
    const char *issue;
} project_spec;

typedef struct industry_spec {
    const char *name;
    const char *short_name;   /* in file names */
    const char *code_prefix;
    int target;               /* 亿元, 2015 */
    int pace;                 /* per 10000 of 序时进度 reached in September */
    int prior_value_added;    /* mean 上年同期累计增加值 / 累计增加值, per 10000 */
    int strategic_pct;        /* chance that a project is 战略性新兴产业 */
    bool xml;                 /* sends XML instead of CSV */
    int subsector_count;
    subsector_spec subsectors[MAX_SUBSECTORS];
    const project_spec *projects;
    int project_count;
} industry_spec;

#define YES 1
#define NO 2

static const project_spec information_projects[] = {
    {.name = "年产5万台智能电气成套设备项目", .subsector = 0},
    {.name = "年产2000万只智能断路器电子控制模块项目", .subsector = 0},
    {.name = "年产800万套智能电表及采集终端项目", .subsector = 0},
    {.name = "新型片式电子元器件生产线建设项目", .subsector = 0},
    {.name = "年产3亿只微型继电器技术改造项目", .subsector = 0},
    {.name = "电力电子功率模块研发及产业化项目", .subsector = 0},
    {.name = "年产50万台光伏逆变器项目", .subsector = 0},
    {.name = "高端连接器及线束生产基地项目", .subsector = 0},
    {.name = "年产1000万套智能家居控制面板项目", .subsector = 0},
    {.name = "电子信息产业园标准厂房建设项目", .subsector = 0},
    {.name = "年产10亿只智能传感器及物联网模组产业化项目", .subsector = 1,
     .unit = "北白象镇", .total = 220000, .annual_plan = 30000, .strategic = YES,
     .attracted = YES, .start_month = 3, .build_month = 4},
    {.name = "智能电网物联网感知设备产业化项目", .subsector = 1},
    {.name = "年产30万套智能配电物联网终端项目", .subsector = 1},
    {.name = "电力物联网云平台及运维中心建设项目", .subsector = 1},
    {.name = "年产100万台智能水表及远传系统项目", .subsector = 1},
    {.name = "智慧消防物联网监测系统建设项目", .subsector = 1},
    {.name = "冷链物流物联网追溯平台项目", .subsector = 1},
    {.name = "RFID电子标签生产线建设项目", .subsector = 1},
    {.name = "年产20万套工业物联网网关项目", .subsector = 1},
    {.name = "智能停车物联网系统建设项目", .subsector = 1, .start_month = 7},
    {.name = "乐清电子商务产业园建设项目", .subsector = 2},
    {.name = "电气产品跨境电商服务平台项目", .subsector = 2},
    {.name = "“互联网+”电工电气B2B交易平台项目", .subsector = 2},
    {.name = "智慧城市大数据中心建设项目", .subsector = 2,
     .issue = "资金不到位,银行贷款尚未落实"},
    {.name = "电商快递分拨中心建设项目", .subsector = 2},
    {.name = "云计算数据中心（一期）建设项目", .subsector = 2},
    {.name = "农村电子商务服务站网络建设项目", .subsector = 2},
    {.name = "移动互联网应用软件研发基地项目", .subsector = 2, .start_month = 5},
    {.name = "\"机器换人\"智能工厂信息化改造项目", .subsector = 0},
    {.name = "电子信息企业研发中心建设项目", .subsector = 0},
};

static const project_spec equipment_projects[] = {
    {.name = "年产500台光纤激光切割设备项目", .subsector = 0},
    {.name = "激光与光电产业园（一期）项目", .subsector = 0},
    {.name = "年产2000台激光焊接机项目", .subsector = 0},
    {.name = "LED光电器件封装生产线项目", .subsector = 0},
    {.name = "光电传感器研发及产业化项目", .subsector = 0},
    {.name = "年产300台紫外激光打标设备项目", .subsector = 0},
    {.name = "激光精密加工中心建设项目", .subsector = 0},
    {.name = "轨道交通牵引供电设备产业化项目", .subsector = 1},
    {.name = "年产5000套轨道交通用断路器项目", .subsector = 1},
    {.name = "城市轨道交通信号系统研发项目", .subsector = 1},
    {.name = "高速铁路接触网零部件生产项目", .subsector = 1},
    {.name = "轨道交通车辆电气设备生产基地项目", .subsector = 1},
    {.name = "通用航空产业园（一期）建设项目", .subsector = 2, .unit = "盐盆街道",
     .total = 100000, .annual_plan = 15000, .strategic = YES, .attracted = NO,
     .start_month = 1, .build_month = 1},
    {.name = "通用航空机场及配套设施项目", .subsector = 2, .build_month = 10,
     .issue = "用林指标尚未审批"},
    {.name = "年产200架轻型运动飞机组装项目", .subsector = 2, .start_month = 6},
    {.name = "航空零部件精密制造项目", .subsector = 2},
    {.name = "年产1万台智能高低压成套开关设备项目", .subsector = 3},
    {.name = "年产3000台工业机器人项目", .subsector = 3},
    {.name = "智能数控机床生产线建设项目", .subsector = 3},
    {.name = "年产20万台伺服电机项目", .subsector = 3},
    {.name = "高压变频器研发及产业化项目", .subsector = 3},
    {.name = "年产5000台智能注塑机项目", .subsector = 3},
    {.name = "智能电气装备产业园项目", .subsector = 3},
    {.name = "年产1万台新能源汽车充电桩项目", .subsector = 3},
    {.name = "年产10万套精密模具项目", .subsector = 3},
    {.name = "智能仓储物流装备生产项目", .subsector = 3},
    {.name = "年产2万台风力发电变流器项目", .subsector = 3},
    {.name = "环保成套设备制造项目", .subsector = 3},
};

static const project_spec health_projects[] = {
    {.name = "年产5000万支医用注射器项目"},
    {.name = "医疗器械产业园建设项目"},
    {.name = "年产1000吨铁皮石斛深加工项目", .unit = "大荆镇"},
    {.name = "雁荡山铁皮石斛种植基地扩建项目", .unit = "雁荡镇"},
    {.name = "健康养老服务中心建设项目"},
    {.name = "年产200万台家用医疗电子设备项目"},
    {.name = "生物医药研发中心建设项目"},
    {.name = "中药饮片生产线技术改造项目"},
    {.name = "年产50万套康复辅具项目"},
    {.name = "医用敷料及卫生材料生产项目"},
    {.name = "体外诊断试剂生产基地项目", .start_month = 4},
    {.name = "健康食品生产线建设项目"},
    {.name = "社区医疗健康服务网络项目"},
    {.name = "年产300台医用高压氧舱项目"},
    {.name = "养生度假中心建设项目", .unit = "雁荡镇"},
    {.name = "保健品GMP车间改造项目"},
    {.name = "年产1亿片功能性保健食品项目"},
    {.name = "智慧医疗远程诊断平台项目"},
    {.name = "中医药养生馆建设项目"},
    {.name = "年产10万台电子血压计项目"},
};

static const project_spec fashion_projects[] = {
    {.name = "雁荡山旅游集散中心建设项目", .subsector = 0, .unit = "雁荡镇"},
    {.name = "雁荡山景区提升改造工程", .subsector = 0, .unit = "雁荡镇"},
    {.name = "中雁荡山旅游度假区开发项目", .subsector = 0, .unit = "白石街道"},
    {.name = "雁荡山温泉度假酒店项目", .subsector = 0, .unit = "雁荡镇"},
    {.name = "乐清湾滨海旅游休闲带建设项目", .subsector = 0, .unit = "天成街道"},
    {.name = "大荆镇乡村旅游综合体项目", .subsector = 0, .unit = "大荆镇"},
    {.name = "仙溪镇生态农业观光园项目", .subsector = 0, .unit = "仙溪镇"},
    {.name = "五星级商务酒店建设项目", .subsector = 0, .unit = "乐成街道"},
    {.name = "雁荡山民宿集群建设项目", .subsector = 0, .unit = "雁荡镇"},
    {.name = "滨海湿地公园建设项目", .subsector = 0},
    {.name = "户外运动休闲基地项目", .subsector = 0},
    {.name = "旅游风情小镇建设项目", .subsector = 0, .start_month = 8},
    {.name = "房车露营地建设项目", .subsector = 0},
    {.name = "乐清细纹刻纸文化创意园项目", .subsector = 1},
    {.name = "黄杨木雕文化产业园项目", .subsector = 1},
    {.name = "工业设计中心建设项目", .subsector = 1},
    {.name = "影视文化创意基地项目", .subsector = 1},
    {.name = "文化艺术中心建设项目", .subsector = 1},
    {.name = "数字出版与动漫产业园项目", .subsector = 1},
    {.name = "时尚服饰设计研发中心项目", .subsector = 1},
    {.name = "非遗文化展示馆建设项目", .subsector = 1},
    {.name = "创意产业孵化器建设项目", .subsector = 1},
    {.name = "广告传媒产业园项目", .subsector = 1},
    {.name = "乐清大剧院配套文化商业项目", .subsector = 1},
};

static const project_spec harbour_projects[] = {
    {.name = "乐清湾临港石化储运基地项目", .subsector = 0, .unit = "翁垟街道",
     .total = 260000, .annual_plan = 20000, .strategic = NO, .attracted = YES,
     .start_month = 6, .build_month = 8, .issue = "海域使用审批进度慢"},
    {.name = "年产20万吨环保增塑剂项目", .subsector = 0},
    {.name = "液化天然气（LNG）接收站配套项目", .subsector = 0},
    {.name = "成品油储运码头扩建项目", .subsector = 0},
    {.name = "年产10万吨特种润滑油项目", .subsector = 0},
    {.name = "化工危化品仓储中心项目", .subsector = 0},
    {.name = "年产5万吨水性涂料项目", .subsector = 0},
    {.name = "临港石化产业区基础设施项目", .subsector = 0},
    {.name = "年产8万吨高性能树脂项目", .subsector = 0},
    {.name = "液体化工品码头建设项目", .subsector = 0},
    {.name = "年产3万吨表面活性剂项目", .subsector = 0, .start_month = 5},
    {.name = "乐清湾港区多用途码头项目", .subsector = 1, .unit = "翁垟街道"},
    {.name = "电气产品物流园建设项目", .subsector = 1, .unit = "柳市镇"},
    {.name = "公路港物流中心建设项目", .subsector = 1},
    {.name = "冷链物流中心建设项目", .subsector = 1},
    {.name = "保税物流仓储中心项目", .subsector = 1},
    {.name = "城市快递配送中心项目", .subsector = 1},
    {.name = "港口集装箱堆场扩建项目", .subsector = 1},
    {.name = "智能立体仓库建设项目", .subsector = 1},
    {.name = "物流信息交易平台项目", .subsector = 1},
    {.name = "农产品物流配送中心项目", .subsector = 1},
    {.name = "大宗商品交易及仓储中心项目", .subsector = 1},
    {.name = "海铁联运物流枢纽项目", .subsector = 1},
    {.name = "电商仓储分拨中心项目", .subsector = 1},
    {.name = "供应链管理服务中心项目", .subsector = 1},
    {.name = "港航物流综合服务区项目", .subsector = 1, .unit = "天成街道",
     .total = 180000, .annual_plan = 12000, .strategic = NO, .attracted = NO},
};

static const project_spec materials_projects[] = {
    {.name = "年产5000吨银基电接触材料项目"},
    {.name = "年产1万吨高性能铜合金带材项目"},
    {.name = "年产3000吨新型绝缘材料项目"},
    {.name = "石墨烯导电材料研发及产业化项目"},
    {.name = "年产2万吨改性工程塑料项目"},
    {.name = "年产500吨稀土永磁材料项目"},
    {.name = "年产1万吨环保阻燃材料项目"},
    {.name = "新型复合材料生产线项目"},
    {.name = "年产2000吨纳米粉体材料项目"},
    {.name = "年产5000吨碳纤维复合材料项目", .total = 99500, .annual_plan = 18000,
     .strategic = YES, .attracted = NO},
    {.name = "高分子膜材料产业化项目"},
    {.name = "年产1万吨特种电缆料项目"},
    {.name = "年产800吨电子浆料项目"},
    {.name = "新材料研发中心建设项目"},
    {.name = "年产3万吨新型建筑节能材料项目"},
    {.name = "年产5000吨硅橡胶材料项目", .start_month = 6},
    {.name = "年产2000吨粉末冶金材料项目"},
    {.name = "新能源电池材料项目"},
    {.name = "年产1万吨铝合金型材项目"},
    {.name = "超导材料研发平台项目"},
    {.name = "年产3000吨陶瓷基复合材料项目"},
    {.name = "\"腾笼换鸟\"新材料产业园标准厂房项目"},
};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Unit weights, in unit_names order:
 * 城东 乐成 城南 盐盆 翁垟 白石 石帆 天成 柳市 北白象 虹桥 淡溪 清江 芙蓉 大荆 仙溪 雁荡 */
static const industry_spec industries[INDUSTRY_COUNT] = {
    {"信息经济产业", "信息经济", "XX", 430, 10350, 8780, 60, false, 3,
     {{"电子信息", 6200, {60, 50, 55, 30, 35, 25, 30, 35, 100, 80, 60, 15, 20, 10, 10, 0, 5},
       {"电子科技", "电气", "电子"}},
      {"物联网", 2300, {40, 35, 30, 10, 15, 0, 10, 20, 70, 50, 30, 0, 0, 0, 0, 0, 0},
       {"物联网科技", "智能科技", "电子科技"}},
      {"网络经济", 1500, {30, 50, 25, 10, 10, 10, 0, 10, 40, 20, 30, 0, 10, 5, 5, 0, 10},
       {"网络科技", "电子商务", "信息技术"}}},
     information_projects, COUNT(information_projects)},
    {"高端装备制造业", "高端装备", "ZB", 90, 9450, 9200, 55, false, 4,
     {{"激光与光电", 2000, {30, 10, 20, 0, 10, 0, 0, 15, 40, 25, 15, 0, 0, 0, 0, 0, 0},
       {"激光科技", "光电科技", "激光设备"}},
      {"轨道交通", 1200, {10, 0, 15, 0, 0, 0, 0, 10, 30, 20, 0, 0, 0, 0, 0, 0, 0},
       {"轨道交通设备", "电气", "轨道科技"}},
      {"通用航空", 500, {0, 0, 0, 10, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
       {"航空科技", "通用航空", "航空器材"}},
      {"装备制造", 6300, {40, 20, 35, 25, 30, 20, 25, 30, 80, 60, 45, 15, 20, 10, 10, 0, 0},
       {"机械", "智能装备", "电气"}}},
     equipment_projects, COUNT(equipment_projects)},
    {"生命健康产业", "生命健康", "SM", 50, 10400, 8900, 40, false, 1,
     {{"", 10000, {20, 25, 15, 10, 10, 10, 8, 10, 20, 15, 15, 8, 10, 8, 25, 12, 30},
       {"医疗器械", "生物科技", "药业"}}},
     health_projects, COUNT(health_projects)},
    {"时尚旅游和文化产业", "时尚旅游", "LY", 180, 9600, 9260, 20, false, 2,
     {{"旅游休闲", 5500, {20, 30, 10, 5, 5, 25, 10, 5, 10, 5, 15, 10, 15, 20, 30, 25, 100},
       {"旅游开发", "酒店管理", "旅游投资"}},
      {"文化创意", 4500, {30, 40, 20, 5, 5, 10, 10, 10, 20, 10, 15, 0, 5, 5, 5, 0, 10},
       {"文化传媒", "文化创意", "工艺品"}}},
     fashion_projects, COUNT(fashion_projects)},
    {"临港产业和现代物流", "临港物流", "LG", 260, 10150, 9070, 25, false, 2,
     {{"临港石化", 4500, {0, 0, 0, 30, 40, 0, 0, 25, 0, 0, 0, 0, 15, 0, 0, 0, 0},
       {"石化", "化工", "能源"}},
      {"现代物流", 5500, {25, 15, 30, 25, 35, 10, 10, 30, 60, 40, 30, 5, 15, 5, 10, 0, 5},
       {"物流", "供应链管理", "港务"}}},
     harbour_projects, COUNT(harbour_projects)},
    {"新材料产业", "新材料", "XC", 75, 9350, 8940, 50, true, 1,
     {{"", 10000, {30, 15, 25, 15, 15, 10, 15, 20, 80, 50, 30, 10, 10, 5, 5, 3, 3},
       {"新材料科技", "合金材料", "材料科技"}}},
     materials_projects, COUNT(materials_projects)},
};

/* Trade names (字号) for the owners' companies. */
static const char *const trade_names[] = {
    "华瓯", "雁峰", "东港", "宏远", "瑞丰", "海川", "中屿", "金瓯", "恒达", "天润", "汇能",
    "星河", "永兴", "鼎盛", "华强", "明泰", "长江", "振邦", "丰源", "博远", "凯达", "新亚",
    "嘉禾", "荣昌", "正和", "信达", "安瑞", "联创", "诚意", "远东", "华通", "伟业", "昌盛",
    "雁荡", "瓯越", "乐港", "白鹭", "龙腾", "祥和", "隆兴", "云帆", "三禾", "德盛", "万象",
    "宝鼎", "合力", "泰安", "康华", "益民", "天成", "通达", "海瑞", "金桥", "富春", "环宇",
    "亿丰", "晨光", "鸿运", "精工", "朗科", "中盈", "创新", "卓越", "瑞安", "百合", "佳和",
    "兆丰", "旭日", "春晖", "东方"};

static const char *const company_places[] = {"浙江", "乐清市", "温州", "浙江", "乐清市"};

static const char *const issue_texts[] = {
    "土地指标未落实", "环评审批进度慢", "资金不到位", "政策处理难度大",
    "规划调整尚未完成", "施工用电未接通", "设备进口手续办理中", "用地报批进度慢"};

/* ---- the generated state --------------------------------------------------------------- */

typedef struct rng {
    uint64_t state;
} rng;

typedef struct progress_row {
    int unit;
    int subsector;
    int64_t weight;
    int prior_output_ratio;  /* per 10000 of the output */
    int value_added_ratio;   /* per 10000 of the output */
    int prior_va_ratio;      /* per 10000 of the value added */
    /* tenths of 万元, index = month, [0] = 0; 2016's year to date starts again at 13 */
    int64_t ytd_output[LAST_MONTH + 1];
    int64_t prior_ytd_output[LAST_MONTH + 1];
    int64_t ytd_value_added[LAST_MONTH + 1];
    int64_t prior_ytd_value_added[LAST_MONTH + 1];
} progress_row;

typedef enum project_status {
    STATUS_PREPARING,
    STATUS_BUILDING,
    STATUS_DONE,
    STATUS_PRODUCING
} project_status;

static const char *const status_names[] = {"前期", "在建", "竣工", "投产"};

typedef struct project {
    char code[32];
    const char *name;
    int subsector;
    int unit;
    char owner[128];
    bool strategic;
    bool attracted;
    int64_t total;        /* tenths of 万元 */
    int64_t annual_plan;  /* tenths of 万元 */
    int start_month;
    int build_month;      /* 10: still 前期 in September (the second draw may change it) */
    int done_month;       /* 竣工 from this month; 0: never */
    int producing_month;  /* 投产 from this month; 0: never */
    const char *issue;
    int issue_from;
    int issue_until;      /* last month the issue is reported */
    int64_t ytd_investment[LAST_MONTH + 1]; /* 2016's year to date starts again at 13 */
    bool in_2016;         /* still 前期 or 在建 in December: listed in 2016 too */
    bool attracted_2016;  /* 是否当年招引 in 2016's lists */
    int64_t annual_plan_2016; /* tenths of 万元 */
} project;

typedef struct industry_state {
    progress_row rows[MAX_ROWS];
    int row_count;
    project projects[MAX_PROJECTS];
    int project_count;
    char progress_sent[LAST_MONTH + 1][16];
    char projects_sent[LAST_MONTH + 1][16];
} industry_state;

typedef struct sample {
    industry_state industries[INDUSTRY_COUNT];
    char owners_used[INDUSTRY_COUNT * MAX_PROJECTS][64]; /* trade name + trade, no place */
    int owner_count;
} sample;

static uint64_t rng_next(rng *r)
{
    uint64_t x = r->state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    r->state = x;
    return x * UINT64_C(2685821657736338717);
}

/* A number in [low, high]. */
static int64_t rng_range(rng *r, int64_t low, int64_t high)
{
    if (high < low) {
        fprintf(stderr, "gensample: empty range %" PRId64 "..%" PRId64 "\n", low, high);
        exit(2);
    }
    return low + (int64_t)(rng_next(r) % (uint64_t)(high - low + 1));
}

static int clamp(int value, int low, int high)
{
    return value < low ? low : value > high ? high : value;
}

/* An index drawn with the given weights. */
static int rng_weighted(rng *r, const int *weights, int count)
{
    int64_t sum = 0;
    for (int i = 0; i < count; i++)
        sum += weights[i];
    int64_t pick = rng_range(r, 0, sum - 1);
    for (int i = 0; i < count; i++) {
        if (pick < weights[i])
            return i;
        pick -= weights[i];
    }
    return count - 1;
}

static int unit_index(const char *name)
{
    for (int i = 0; i < UNIT_COUNT; i++)
        if (strcmp(unit_names[i], name) == 0)
            return i;
    fprintf(stderr, "gensample: unknown unit %s\n", name);
    exit(2);
}

/* ---- progress ---------------------------------------------------------------------------- */

/* The industry's year-to-date output aimed at for month m, in tenths of 万元. */
static int64_t industry_ytd_aim(const industry_spec *spec, int month)
{
    int64_t season = 0;
    for (int m = 1; m <= month; m++)
        season += month_season[m];
    int64_t pace = month >= MONTHS ? spec->pace : RATIO + (int64_t)(spec->pace - RATIO) * month / MONTHS;
    int64_t target = (int64_t)spec->target * 100000; /* 亿元 → tenths of 万元 */
    return target * season / RATIO * pace / RATIO / 12;
}

static void progress_make_rows(const industry_spec *spec, industry_state *state, rng *r,
                               const int *unit_growth_offset)
{
    state->row_count = 0;
    for (int u = 0; u < UNIT_COUNT; u++) {
        for (int s = 0; s < spec->subsector_count; s++) {
            const subsector_spec *sub = &spec->subsectors[s];
            if (sub->unit_weight[u] == 0)
                continue;
            int64_t unit_sum = 0;
            for (int k = 0; k < UNIT_COUNT; k++)
                unit_sum += sub->unit_weight[k];
            progress_row *row = &state->rows[state->row_count++];
            row->unit = u;
            row->subsector = s;
            row->weight = (int64_t)sub->share * sub->unit_weight[u] * 1000 / unit_sum;
            row->prior_output_ratio = (int)rng_range(r, 8650, 9350);
            row->value_added_ratio = (int)rng_range(r, 2080, 2420);
            row->prior_va_ratio = clamp(spec->prior_value_added + unit_growth_offset[u] +
                                            (int)rng_range(r, -80, 80),
                                        8850, 9550);
        }
    }
}

/* Splits the industry's output of month m over its rows and accumulates every column. */
static void progress_month(const industry_spec *spec, industry_state *state, rng *r, int month)
{
    int64_t output = industry_ytd_aim(spec, month) - industry_ytd_aim(spec, month - 1);
    int64_t shares[MAX_ROWS];
    int64_t share_sum = 0;
    for (int i = 0; i < state->row_count; i++) {
        shares[i] = state->rows[i].weight * rng_range(r, 9200, 10800);
        share_sum += shares[i];
    }
    for (int i = 0; i < state->row_count; i++) {
        progress_row *row = &state->rows[i];
        int64_t month_output = output * shares[i] / share_sum;
        int prior_ratio = clamp(row->prior_output_ratio + (int)rng_range(r, -100, 100), 8510, 9490);
        int va_ratio = clamp(row->value_added_ratio + (int)rng_range(r, -60, 60), 2010, 2490);
        int prior_va_ratio = clamp(row->prior_va_ratio + (int)rng_range(r, -60, 60), 8820, 9580);
        int64_t month_value_added = month_output * va_ratio / RATIO;
        row->ytd_output[month] = row->ytd_output[month - 1] + month_output;
        row->prior_ytd_output[month] =
            row->prior_ytd_output[month - 1] + month_output * prior_ratio / RATIO;
        row->ytd_value_added[month] = row->ytd_value_added[month - 1] + month_value_added;
        row->prior_ytd_value_added[month] =
            row->prior_ytd_value_added[month - 1] + month_value_added * prior_va_ratio / RATIO;
    }
}

/* ---- projects ------------------------------------------------------------------------------ */

static bool owner_taken(const sample *all, const char *name)
{
    for (int i = 0; i < all->owner_count; i++)
        if (strcmp(all->owners_used[i], name) == 0)
            return true;
    return false;
}

/* A company name not given to another project: place, trade name (字号), trade. */
static void project_owner(const industry_spec *spec, project *p, sample *all, rng *r)
{
    const subsector_spec *sub = &spec->subsectors[p->subsector];
    char *name = all->owners_used[all->owner_count];
    do {
        const char *trade = trade_names[rng_range(r, 0, COUNT(trade_names) - 1)];
        snprintf(name, sizeof all->owners_used[0], "%s%s", trade,
                 sub->owner_kinds[rng_range(r, 0, 2)]);
    } while (owner_taken(all, name));
    all->owner_count++;
    const char *place = company_places[rng_range(r, 0, COUNT(company_places) - 1)];
    snprintf(p->owner, sizeof p->owner, "%s%s有限公司", place, name);
}

static int64_t project_draw_total(rng *r)
{
    int64_t tier = rng_range(r, 0, 99);
    int64_t wan = tier < 40   ? rng_range(r, 30, 150)
                  : tier < 75 ? rng_range(r, 150, 400)
                  : tier < 95 ? rng_range(r, 400, 800)
                              : rng_range(r, 800, 980);
    return wan * 100 * 10; /* hundreds of 万元 → tenths */
}

static int64_t project_draw_plan(rng *r, int64_t total)
{
    /* a project over 20000 万元 takes some years, a small one about one */
    int ratio = total > 200000 ? (int)rng_range(r, 1500, 4500) : (int)rng_range(r, 4000, 10000);
    int64_t plan = total * ratio / RATIO / 100 * 100; /* whole tens of 万元 */
    return plan < 3000 ? 3000 : plan;
}

/* The timeline: when the project leaves 前期, is finished, goes into production. */
static void project_timeline(const project_spec *ps, project *p, rng *r)
{
    p->start_month = ps->start_month ? ps->start_month : 1;
    p->done_month = 0;
    p->producing_month = 0;
    if (ps->build_month) {
        p->build_month = ps->build_month;
        return;
    }
    int64_t kind = rng_range(r, 0, 99);
    p->build_month = p->start_month;
    if (kind < 9) {
        p->build_month = MONTHS + 1;
    } else if (p->start_month > 1) {
        if (kind < 40)
            p->build_month = p->start_month + 1 > MONTHS ? MONTHS : p->start_month + 1;
    } else if (kind < 16) {
        p->done_month = (int)rng_range(r, 5, 9);
    } else if (kind < 23) {
        p->done_month = (int)rng_range(r, 3, 7);
        p->producing_month = (int)rng_range(r, p->done_month + 1, 9);
    } else if (kind < 38) {
        p->build_month = (int)rng_range(r, 2, 6);
    }
}

static bool project_building(const project *p, int month)
{
    return month >= p->build_month && (p->done_month == 0 || month <= p->done_month);
}

static project_status project_status_at(const project *p, int month)
{
    if (month < p->build_month)
        return STATUS_PREPARING;
    if (p->producing_month && month >= p->producing_month)
        return STATUS_PRODUCING;
    if (p->done_month && month >= p->done_month)
        return STATUS_DONE;
    return STATUS_BUILDING;
}

/* Month by month investment: most of it while 在建, a little in 前期 and after 竣工. */
static void project_investment(project *p, rng *r)
{
    int reach; /* per 10000 of the annual plan invested while building, by September */
    if (p->done_month)
        reach = (int)rng_range(r, 9200, 10300);
    else if (p->issue && p->issue_from <= p->build_month)
        reach = (int)rng_range(r, 2500, 5000);
    else
        reach = (int)rng_range(r, 5500, 9500);
    if (p->build_month >= 5)
        reach = reach * 7 / 10;
    int64_t pace[MONTHS + 1] = {0};
    int64_t pace_sum = 0;
    for (int m = p->start_month; m <= MONTHS; m++) {
        if (project_building(p, m)) {
            pace[m] = rng_range(r, 80, 120);
            pace_sum += pace[m];
        }
    }
    for (int m = 1; m <= MONTHS; m++) {
        int64_t amount = 0;
        if (m < p->start_month)
            amount = 0;
        else if (project_building(p, m))
            amount = p->annual_plan * reach / RATIO * pace[m] / pace_sum;
        else if (rng_range(r, 0, 1))
            amount = p->annual_plan * rng_range(r, 20, 120) / RATIO;
        int64_t ytd = p->ytd_investment[m - 1] + amount;
        p->ytd_investment[m] = ytd > p->total ? p->total : ytd;
    }
}

/* A project of the industry from its spec, under the given code. */
static void project_make_from(const industry_spec *spec, const project_spec *ps, const char *code,
                              sample *all, rng *r, project *p)
{
    snprintf(p->code, sizeof p->code, "%s", code);
    p->name = ps->name;
    p->subsector = spec->subsector_count > 1 ? ps->subsector : 0;
    const subsector_spec *sub = &spec->subsectors[p->subsector];
    p->unit = ps->unit ? unit_index(ps->unit) : rng_weighted(r, sub->unit_weight, UNIT_COUNT);
    project_owner(spec, p, all, r);
    p->strategic = ps->strategic ? ps->strategic == YES : rng_range(r, 0, 99) < spec->strategic_pct;
    p->total = ps->total ? ps->total * 10 : project_draw_total(r);
    p->annual_plan = ps->annual_plan ? ps->annual_plan * 10 : project_draw_plan(r, p->total);
    project_timeline(ps, p, r);
    p->attracted = ps->attracted ? ps->attracted == YES : p->start_month > 1 || rng_range(r, 0, 99) < 8;
    p->issue = ps->issue;
    p->issue_from = p->start_month;
    p->issue_until = MONTHS;
}

static void project_make(const industry_spec *spec, int index, sample *all, rng *r,
                         project *p)
{
    char code[32];
    snprintf(code, sizeof code, "%s2015-%03d", spec->code_prefix, index + 1);
    project_make_from(spec, &spec->projects[index], code, all, r, p);
}

/* Hands the common issues to a few projects: most still open in September, some solved. */
static void projects_assign_issues(sample *all, rng *r)
{
    int assigned = 0;
    while (assigned < 15) {
        industry_state *state = &all->industries[rng_range(r, 0, INDUSTRY_COUNT - 1)];
        project *p = &state->projects[rng_range(r, 0, state->project_count - 1)];
        bool solved = assigned < 4;
        if (p->issue || p->done_month || (solved && p->start_month == MONTHS))
            continue;
        p->issue = issue_texts[rng_range(r, 0, COUNT(issue_texts) - 1)];
        p->issue_from = (int)rng_range(r, p->start_month, solved ? MONTHS - 1 : MONTHS);
        p->issue_until = solved ? (int)rng_range(r, p->issue_from, MONTHS - 1) : MONTHS;
        assigned++;
    }
}

/* ---- dates sent ---------------------------------------------------------------------------- */

/* The year and the month in the year of month m (13 is 2016-01). */
static int year_of(int month)
{
    return month > YEAR_END ? 2016 : 2015;
}

static int month_in_year(int month)
{
    return month > YEAR_END ? month - YEAR_END : month;
}

/* The month whose year to date a month's own figure is taken from: none for January. */
static int month_before(int month)
{
    return month == YEAR_END + 1 ? 0 : month - 1;
}

static void date_sent(char *out, size_t size, int month, int offset)
{
    /* offset 0..2: the last three days of the month; 3: the 1st of the next */
    unsigned year = (unsigned)year_of(month) % 10000, in_year = (unsigned)month_in_year(month) % 100;
    if (offset == 3)
        snprintf(out, size, "%u-%02u-01", in_year == 12 ? year + 1 : year, in_year % 12 + 1);
    else
        snprintf(out, size, "%u-%02u-%02u", year, in_year,
                 (unsigned)(month_days[month] - 2 + offset) % 100);
}

static void dates_draw(sample *all, rng *r, int first, int last)
{
    static const int offset_weights[4] = {15, 25, 35, 25};
    for (int i = 0; i < INDUSTRY_COUNT; i++) {
        industry_state *state = &all->industries[i];
        for (int m = first; m <= last; m++) {
            int progress_offset = rng_weighted(r, offset_weights, 4);
            int projects_offset = rng_range(r, 0, 4) ? progress_offset
                                                     : rng_weighted(r, offset_weights, 4);
            date_sent(state->progress_sent[m], sizeof state->progress_sent[m], m, progress_offset);
            date_sent(state->projects_sent[m], sizeof state->projects_sent[m], m, projects_offset);
        }
    }
}

/* ---- generation ------------------------------------------------------------------------------ */

static void sample_generate(sample *all)
{
    rng r = {UINT64_C(0x165A2015C0FFEE11)};
    int unit_growth_offset[UNIT_COUNT];
    for (int u = 0; u < UNIT_COUNT; u++)
        unit_growth_offset[u] = (int)rng_range(&r, -220, 220);
    for (int i = 0; i < INDUSTRY_COUNT; i++) {
        progress_make_rows(&industries[i], &all->industries[i], &r, unit_growth_offset);
        for (int m = 1; m <= MONTHS; m++)
            progress_month(&industries[i], &all->industries[i], &r, m);
    }
    for (int i = 0; i < INDUSTRY_COUNT; i++) {
        industry_state *state = &all->industries[i];
        state->project_count = industries[i].project_count;
        for (int k = 0; k < state->project_count; k++)
            project_make(&industries[i], k, all, &r, &state->projects[k]);
    }
    projects_assign_issues(all, &r);
    for (int i = 0; i < INDUSTRY_COUNT; i++)
        for (int k = 0; k < all->industries[i].project_count; k++)
            project_investment(&all->industries[i].projects[k], &r);
    dates_draw(all, &r, 1, MONTHS);
    /* 时尚旅游和文化产业's September project list comes two days late. */
    snprintf(all->industries[3].projects_sent[MONTHS], sizeof all->industries[3].projects_sent[MONTHS],
             "2015-10-03");
}

/* Fails loudly where the data would not be what the sample promises. */
static void sample_verify(const sample *all)
{
    for (int i = 0; i < INDUSTRY_COUNT; i++) {
        const industry_state *state = &all->industries[i];
        for (int m = 1; m <= MONTHS; m++) {
            int64_t sum = 0;
            for (int k = 0; k < state->row_count; k++)
                sum += state->rows[k].ytd_output[m];
            int64_t aim = (int64_t)industries[i].target * 100000 * m / 12;
            if (sum * 100 < aim * 92 || sum * 100 > aim * 108) {
                fprintf(stderr, "gensample: %s month %d off the pace\n", industries[i].name, m);
                exit(2);
            }
        }
        for (int k = 0; k < state->project_count; k++) {
            const project *p = &state->projects[k];
            if (p->ytd_investment[MONTHS] * 2 > p->annual_plan * 3 || p->annual_plan > p->total) {
                fprintf(stderr, "gensample: %s investment out of range\n", p->code);
                exit(2);
            }
        }
    }
}


/* ---- the second draw: 2015-10 … 2016-02 ------------------------------------------------ */

/* New key projects of the fourth quarter and of 2016 (codes given: they follow no list). */
typedef struct late_project {
    int industry;
    const char *code;
    project_spec spec;
    bool only_2016;
} late_project;

static const late_project late_projects[] = {
    {0, "XX2015-033",
     {.name = "智能电网芯片设计及产业化项目", .subsector = 0, .unit = "柳市镇", .total = 150000,
      .annual_plan = 12000, .strategic = YES, .attracted = YES, .start_month = 11,
      .build_month = 12}, false},
    {1, "ZB2015-029",
     {.name = "年产1000台高端数控激光切割机项目", .subsector = 0, .unit = "乐成街道",
      .total = 45000, .annual_plan = 9000, .strategic = NO, .attracted = YES, .start_month = 10,
      .build_month = 10}, false},
    {0, "XX2016-001",
     {.name = "年产20亿只MEMS传感器芯片封装测试项目", .subsector = 1, .unit = "北白象镇",
      .total = 260000, .annual_plan = 30000, .strategic = YES, .attracted = YES,
      .start_month = 13, .build_month = 14}, true},
    {5, "XC2016-001",
     {.name = "年产1万吨石墨烯改性材料项目", .unit = "虹桥镇", .total = 68000, .annual_plan = 15000,
      .strategic = YES, .attracted = YES, .start_month = 13, .build_month = 13}, true},
};

/* 2016's progress: each row's month of 2015 grown to the industry's 2016 target; 上年同期
 * is what the row reported for the same month of 2015. */
static void progress_2016(int industry, industry_state *state, rng *r)
{
    const industry_spec *spec = &industries[industry];
    int64_t growth = (int64_t)target_2016[industry] * RATIO / spec->target *
                     rng_range(r, 9700, 10300) / RATIO;
    for (int month = YEAR_END + 1; month <= LAST_MONTH; month++) {
        int last_year = month - YEAR_END, before = month_before(month);
        for (int i = 0; i < state->row_count; i++) {
            progress_row *row = &state->rows[i];
            int64_t output_2015 = row->ytd_output[last_year] - row->ytd_output[last_year - 1];
            int64_t month_output = output_2015 * growth / RATIO * rng_range(r, 9300, 10700) / RATIO;
            int va_ratio = clamp(row->value_added_ratio + (int)rng_range(r, -60, 60), 2010, 2490);
            row->ytd_output[month] = row->ytd_output[before] + month_output;
            row->prior_ytd_output[month] = row->ytd_output[last_year];
            row->ytd_value_added[month] =
                row->ytd_value_added[before] + month_output * va_ratio / RATIO;
            row->prior_ytd_value_added[month] = row->ytd_value_added[last_year];
        }
    }
}

/* What happens to a project in the fourth quarter: 前期 ones start building, some 在建 ones
 * are finished, some finished ones go into production; a few open issues are solved. */
static void project_timeline_late(project *p, rng *r)
{
    if (p->build_month > MONTHS) {
        p->build_month = rng_range(r, 0, 99) < 60 ? (int)rng_range(r, 10, YEAR_END)
                                                   : (int)rng_range(r, YEAR_END + 1, LAST_MONTH + 1);
    } else if (!p->done_month) {
        if (rng_range(r, 0, 99) < 15) {
            p->done_month = (int)rng_range(r, 10, YEAR_END);
            if (p->done_month < YEAR_END && rng_range(r, 0, 1))
                p->producing_month = (int)rng_range(r, p->done_month + 1, YEAR_END);
        }
    } else if (!p->producing_month && rng_range(r, 0, 99) < 45) {
        p->producing_month = (int)rng_range(r, 10, YEAR_END);
    }
    if (p->issue && p->issue_until == MONTHS)
        p->issue_until = rng_range(r, 0, 99) < 30 ? (int)rng_range(r, 10, YEAR_END - 1) : LAST_MONTH;
}

/* Investment month by month from first to last (months of one year): what is left of
 * reach (per 10000 of plan) spread over the months it is building, a little otherwise. */
static void project_invest_months(project *p, rng *r, int first, int last, int64_t plan, int reach)
{
    int building = 0;
    for (int m = first; m <= last; m++)
        building += project_building(p, m);
    int64_t left = plan * reach / RATIO - p->ytd_investment[month_before(first)];
    for (int m = first; m <= last; m++) {
        int64_t amount = 0;
        if (m < p->start_month)
            amount = 0;
        else if (project_building(p, m) && left > 0)
            amount = left / building-- * rng_range(r, 8500, 11500) / RATIO;
        else if (rng_range(r, 0, 1))
            amount = plan * rng_range(r, 20, 120) / RATIO;
        if (amount > 0 && left > 0)
            left -= amount;
        int64_t ytd = p->ytd_investment[month_before(m)] + amount;
        p->ytd_investment[m] = ytd > p->total ? p->total : ytd;
    }
}

static void project_year_end(project *p, rng *r)
{
    int reach = p->done_month                                     ? (int)rng_range(r, 9500, 10500)
                : p->issue && p->issue_until >= YEAR_END          ? (int)rng_range(r, 4000, 6500)
                : p->build_month >= 10                            ? (int)rng_range(r, 1500, 3500)
                                                                  : (int)rng_range(r, 8000, 10800);
    project_invest_months(p, r, MONTHS + 1, YEAR_END, p->annual_plan, reach);
}

/* 2016: a project still 前期 or 在建 in December is listed again with a new annual plan,
 * its year to date starting again (January and the Spring Festival's February are slow). */
static void project_2016(project *p, rng *r)
{
    project_status status = project_status_at(p, YEAR_END);
    p->in_2016 = p->start_month > YEAR_END ||
                 (p->start_month <= YEAR_END && (status == STATUS_PREPARING || status == STATUS_BUILDING));
    if (!p->in_2016)
        return;
    if (p->start_month <= YEAR_END)
        p->annual_plan_2016 = project_draw_plan(r, p->total);
    else
        p->annual_plan_2016 = p->annual_plan;
    project_invest_months(p, r, YEAR_END + 1, LAST_MONTH, p->annual_plan_2016,
                          (int)rng_range(r, 900, 1600));
}

static void late_projects_make(sample *all, rng *r)
{
    for (int k = 0; k < COUNT(late_projects); k++) {
        const late_project *late = &late_projects[k];
        industry_state *state = &all->industries[late->industry];
        project *p = &state->projects[state->project_count++];
        project_make_from(&industries[late->industry], &late->spec, late->code, all, r, p);
        p->attracted_2016 = late->only_2016;
        if (late->only_2016)
            p->attracted = false;
    }
}

static void sample_extend(sample *all)
{
    rng r = {UINT64_C(0x165A2016BEEF2211)};
    for (int i = 0; i < INDUSTRY_COUNT; i++) {
        for (int m = MONTHS + 1; m <= YEAR_END; m++)
            progress_month(&industries[i], &all->industries[i], &r, m);
        progress_2016(i, &all->industries[i], &r);
    }
    for (int i = 0; i < INDUSTRY_COUNT; i++)
        for (int k = 0; k < all->industries[i].project_count; k++)
            project_timeline_late(&all->industries[i].projects[k], &r);
    late_projects_make(all, &r);
    for (int i = 0; i < INDUSTRY_COUNT; i++) {
        for (int k = 0; k < all->industries[i].project_count; k++) {
            project *p = &all->industries[i].projects[k];
            if (p->start_month <= YEAR_END)
                project_year_end(p, &r);
            project_2016(p, &r);
        }
    }
    dates_draw(all, &r, MONTHS + 1, LAST_MONTH);
    /* 临港产业和现代物流's December progress comes after New Year's Day. */
    snprintf(all->industries[4].progress_sent[YEAR_END], sizeof all->industries[4].progress_sent[0],
             "2016-01-05");
}

/* ---- writing ------------------------------------------------------------------------------------ */

static void format_tenths(char *out, size_t size, int64_t tenths)
{
    if (tenths % 10 == 0)
        snprintf(out, size, "%" PRId64, tenths / 10);
    else
        snprintf(out, size, "%" PRId64 ".%" PRId64, tenths / 10, tenths % 10);
}

static void make_dir(const char *path)
{
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        perror(path);
        exit(1);
    }
}

static FILE *open_output(const char *path)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        perror(path);
        exit(1);
    }
    return f;
}

static void close_output(FILE *f, const char *path)
{
    if (ferror(f) || fclose(f) != 0) {
        fprintf(stderr, "gensample: cannot write %s\n", path);
        exit(1);
    }
}

/* One row, RFC 4180: cells with the delimiter, a quote or a line break are quoted. */
static void delimited_row(FILE *f, const char *const *cells, int count, char delimiter)
{
    const char specials[] = {delimiter, '"', '\r', '\n', '\0'};
    for (int i = 0; i < count; i++) {
        const char *cell = cells[i];
        if (i > 0)
            fputc(delimiter, f);
        if (strpbrk(cell, specials) == NULL) {
            fputs(cell, f);
            continue;
        }
        fputc('"', f);
        for (const char *c = cell; *c; c++) {
            if (*c == '"')
                fputc('"', f);
            fputc(*c, f);
        }
        fputc('"', f);
    }
    fputs("\r\n", f);
}

static void csv_row(FILE *f, const char *const *cells, int count)
{
    delimited_row(f, cells, count, ',');
}

static void xml_attribute(FILE *f, const char *name, const char *value)
{
    fprintf(f, " %s=\"", name);
    for (const char *c = value; *c; c++) {
        switch (*c) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*c, f);
        }
    }
    fputc('"', f);
}

static const char *yes_no(bool value)
{
    return value ? "是" : "否";
}

static char *office_name(char *out, size_t size, const industry_spec *spec)
{
    snprintf(out, size, "%s专项行动工作组", spec->name);
    return out;
}

typedef struct amounts {
    char month[32], ytd[32], prior_ytd[32], value_added[32], prior_value_added[32];
} amounts;

static void progress_amounts(const progress_row *row, int month, amounts *a)
{
    format_tenths(a->month, sizeof a->month,
                  row->ytd_output[month] - row->ytd_output[month_before(month)]);
    format_tenths(a->ytd, sizeof a->ytd, row->ytd_output[month]);
    format_tenths(a->prior_ytd, sizeof a->prior_ytd, row->prior_ytd_output[month]);
    format_tenths(a->value_added, sizeof a->value_added, row->ytd_value_added[month]);
    format_tenths(a->prior_value_added, sizeof a->prior_value_added,
                  row->prior_ytd_value_added[month]);
}

static void write_progress_csv(FILE *f, const industry_spec *spec, const industry_state *state,
                               int month, const char *period)
{
    static const char *const header[] = {"单位", "所属产业", "细分领域", "本月产值", "累计产值",
                                         "上年同期累计产值", "累计增加值", "上年同期累计增加值",
                                         "报送单位", "报告期", "填报日期"};
    char office[128];
    office_name(office, sizeof office, spec);
    csv_row(f, header, COUNT(header));
    for (int k = 0; k < state->row_count; k++) {
        const progress_row *row = &state->rows[k];
        amounts a;
        progress_amounts(row, month, &a);
        const char *cells[] = {unit_names[row->unit], spec->name,
                               spec->subsectors[row->subsector].name, a.month, a.ytd,
                               a.prior_ytd, a.value_added, a.prior_value_added, office, period,
                               state->progress_sent[month]};
        csv_row(f, cells, COUNT(cells));
    }
}

static void xml_open(FILE *f, const char *kind, const char *period, const char *office,
                     const char *sent)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<submission xmlns=\"urn:yq165:submission:1\"", f);
    xml_attribute(f, "kind", kind);
    xml_attribute(f, "period", period);
    xml_attribute(f, "office", office);
    xml_attribute(f, "sent", sent);
    fputs(">\n", f);
}

static void write_progress_xml(FILE *f, const industry_spec *spec, const industry_state *state,
                               int month, const char *period)
{
    char office[128];
    xml_open(f, "progress", period, office_name(office, sizeof office, spec),
             state->progress_sent[month]);
    for (int k = 0; k < state->row_count; k++) {
        const progress_row *row = &state->rows[k];
        amounts a;
        progress_amounts(row, month, &a);
        fputs("  <progress", f);
        xml_attribute(f, "unit", unit_names[row->unit]);
        xml_attribute(f, "industry", spec->name);
        if (spec->subsectors[row->subsector].name[0])
            xml_attribute(f, "subsector", spec->subsectors[row->subsector].name);
        xml_attribute(f, "month_output", a.month);
        xml_attribute(f, "ytd_output", a.ytd);
        xml_attribute(f, "prior_ytd_output", a.prior_ytd);
        xml_attribute(f, "ytd_value_added", a.value_added);
        xml_attribute(f, "prior_ytd_value_added", a.prior_value_added);
        fputs("/>\n", f);
    }
    fputs("</submission>\n", f);
}

typedef struct project_cells {
    char total[32], plan[32], month[32], ytd[32];
    const char *issue;
    const char *status;
    const char *attracted;
} project_cells;

/* Whether the project is in its working group's list of the month. */
static bool project_listed(const project *p, int month)
{
    return month >= p->start_month && (month <= YEAR_END || p->in_2016);
}

static void project_cells_at(const project *p, int month, project_cells *c)
{
    bool next_year = month > YEAR_END;
    format_tenths(c->total, sizeof c->total, p->total);
    format_tenths(c->plan, sizeof c->plan, next_year ? p->annual_plan_2016 : p->annual_plan);
    format_tenths(c->month, sizeof c->month,
                  p->ytd_investment[month] - p->ytd_investment[month_before(month)]);
    c->attracted = yes_no(next_year ? p->attracted_2016 : p->attracted);
    format_tenths(c->ytd, sizeof c->ytd, p->ytd_investment[month]);
    bool open_issue = p->issue && month >= p->issue_from && month <= p->issue_until;
    c->issue = open_issue ? p->issue : "";
    c->status = status_names[project_status_at(p, month)];
}

static void write_projects_csv(FILE *f, const industry_spec *spec, const industry_state *state,
                               int month, const char *period)
{
    static const char *const header[] = {
        "项目编号", "项目名称", "所属产业", "细分领域", "建设地点", "建设单位",
        "是否战略性新兴产业", "是否当年招引", "总投资", "年度计划投资", "本月完成投资",
        "累计完成投资", "项目状态", "存在问题", "报送单位", "报告期", "填报日期"};
    char office[128];
    office_name(office, sizeof office, spec);
    csv_row(f, header, COUNT(header));
    for (int k = 0; k < state->project_count; k++) {
        const project *p = &state->projects[k];
        if (!project_listed(p, month))
            continue;
        project_cells c;
        project_cells_at(p, month, &c);
        const char *cells[] = {p->code, p->name, spec->name, spec->subsectors[p->subsector].name,
                               unit_names[p->unit], p->owner, yes_no(p->strategic),
                               c.attracted, c.total, c.plan, c.month, c.ytd, c.status,
                               c.issue, office, period, state->projects_sent[month]};
        csv_row(f, cells, COUNT(cells));
    }
}

static void write_projects_xml(FILE *f, const industry_spec *spec, const industry_state *state,
                               int month, const char *period)
{
    char office[128];
    xml_open(f, "projects", period, office_name(office, sizeof office, spec),
             state->projects_sent[month]);
    for (int k = 0; k < state->project_count; k++) {
        const project *p = &state->projects[k];
        if (!project_listed(p, month))
            continue;
        project_cells c;
        project_cells_at(p, month, &c);
        fputs("  <project", f);
        xml_attribute(f, "code", p->code);
        xml_attribute(f, "name", p->name);
        xml_attribute(f, "industry", spec->name);
        if (spec->subsectors[p->subsector].name[0])
            xml_attribute(f, "subsector", spec->subsectors[p->subsector].name);
        xml_attribute(f, "unit", unit_names[p->unit]);
        xml_attribute(f, "owner", p->owner);
        xml_attribute(f, "strategic", yes_no(p->strategic));
        xml_attribute(f, "attracted", c.attracted);
        xml_attribute(f, "total_investment", c.total);
        xml_attribute(f, "annual_plan", c.plan);
        xml_attribute(f, "month_investment", c.month);
        xml_attribute(f, "ytd_investment", c.ytd);
        xml_attribute(f, "status", c.status);
        if (c.issue[0] == '\0') {
            fputs("/>\n", f);
            continue;
        }
        fputs(">\n    <issues>", f);
        for (const char *ch = c.issue; *ch; ch++) {
            if (*ch == '&')
                fputs("&amp;", f);
            else if (*ch == '<')
                fputs("&lt;", f);
            else
                fputc(*ch, f);
        }
        fputs("</issues>\n  </project>\n", f);
    }
    fputs("</submission>\n", f);
}

/* ---- 样表 exports: three of September's reports as Excel writes a filled-in form ------- */

/* How a report of 2015-09 is sent when not as plain UTF-8 CSV (inputs.md §2.3): the
 * 附件2/附件4 form with its preamble, a header of two rows, 序号, a 合计 row and notes,
 * exported by Excel as 'CSV (逗号分隔)' (GB18030) or as 'Unicode 文本' (UTF-16LE with BOM,
 * tab-separated, .txt).  The data rows are the plain file's; a few faulty rows are added
 * after them, which the reader must reject (see tools/README.md). */
typedef enum { FORM_PLAIN, FORM_GB18030, FORM_UTF16 } form_export;

static const form_export progress_form[INDUSTRY_COUNT] = {FORM_PLAIN, FORM_UTF16, FORM_GB18030};
static const form_export projects_form[INDUSTRY_COUNT] = {FORM_GB18030};

enum { FORM_MAX_CELLS = 16 };

typedef struct form_writer {
    FILE *f;          /* a memory stream of UTF-8 text */
    char *text;
    size_t length;
    char delimiter;
    int width;        /* cells per row: Excel writes the whole used range */
} form_writer;

static void form_open(form_writer *w, form_export form, int width)
{
    w->f = open_memstream(&w->text, &w->length);
    if (w->f == NULL) {
        perror("open_memstream");
        exit(1);
    }
    w->delimiter = form == FORM_UTF16 ? '\t' : ',';
    w->width = width;
}

/* A row of the form: cells[0..width), NULL = empty. */
static void form_row(form_writer *w, const char *const *cells)
{
    const char *row[FORM_MAX_CELLS];
    for (int i = 0; i < w->width; i++)
        row[i] = cells[i] ? cells[i] : "";
    delimited_row(w->f, row, w->width, w->delimiter);
}

/* A row with text in one cell, or two (position2 < 0: one). */
static void form_sparse(form_writer *w, int position, const char *text, int position2,
                        const char *text2)
{
    const char *row[FORM_MAX_CELLS] = {NULL};
    row[position] = text;
    if (position2 >= 0)
        row[position2] = text2;
    form_row(w, row);
}

/* 2015-09-30 → 2015年9月30日 */
static void chinese_date(char *out, size_t size, const char *iso)
{
    int year = 0, month = 0, day = 0;
    if (sscanf(iso, "%d-%d-%d", &year, &month, &day) != 3) {
        fprintf(stderr, "gensample: bad date %s\n", iso);
        exit(1);
    }
    snprintf(out, size, "%d年%d月%d日", year, month, day);
}

/* The preamble of a form: 附件N, the title, 填报单位 and 填报日期, 报告期 and 单位. */
static void form_preamble(form_writer *w, const char *attachment, const char *title,
                          const char *office, const char *sent)
{
    char line[256], date[64];
    form_sparse(w, 0, attachment, -1, NULL);
    form_sparse(w, 0, title, -1, NULL);
    chinese_date(date, sizeof date, sent);
    snprintf(line, sizeof line, "填报单位（盖章）：%s", office);
    char sent_cell[96];
    snprintf(sent_cell, sizeof sent_cell, "填报日期：%s", date);
    form_sparse(w, 0, line, w->width - 4, sent_cell);
    form_sparse(w, 0, "报告期：2015年1-9月", w->width - 2, "单位：万元");
}

static void form_notes(form_writer *w, const char *contact)
{
    char line[128];
    form_sparse(w, 0, "注：1.本表每月1日前报送市“一六五”产业发展工作领导小组办公室。", -1, NULL);
    form_sparse(w, 0, "2.所属产业、细分领域、建设地点按《工作方案》填写，金额单位为万元。", -1, NULL);
    snprintf(line, sizeof line, "联系电话：%s", contact);
    form_sparse(w, 0, "填表人：王丽", 3, line);
}

/* Encodes the form's UTF-8 text as Excel would and writes the file. */
static void form_close(form_writer *w, form_export form, const char *path)
{
    if (fclose(w->f) != 0) {
        perror("memory stream");
        exit(1);
    }
    FILE *f = open_output(path);
    if (form == FORM_UTF16) {
        fputs("\xFF\xFE", f);
        for (size_t i = 0; i < w->length;) {
            unsigned char c = (unsigned char)w->text[i];
            size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            uint32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
            for (size_t k = 1; k < n; k++)
                cp = cp << 6 | ((unsigned char)w->text[i + k] & 0x3F);
            uint32_t units[2] = {cp, 0};
            if (cp >= 0x10000) {
                units[0] = 0xD800 + ((cp - 0x10000) >> 10);
                units[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
            }
            for (int k = 0; k < 2 && units[k]; k++) {
                fputc((int)(units[k] & 0xFF), f);
                fputc((int)(units[k] >> 8), f);
            }
            i += n;
        }
    } else {
        iconv_t cd = iconv_open("GB18030", "UTF-8");
        char *in = w->text, *buffer = malloc(w->length * 2 + 16), *out = buffer;
        size_t in_left = w->length, out_left = w->length * 2 + 16;
        if (cd == (iconv_t)-1 || buffer == NULL ||
            iconv(cd, &in, &in_left, &out, &out_left) == (size_t)-1) {
            fprintf(stderr, "gensample: cannot write GB18030 for %s\n", path);
            exit(1);
        }
        fwrite(buffer, 1, (size_t)(out - buffer), f);
        free(buffer);
        iconv_close(cd);
    }
    close_output(f, path);
    free(w->text);
}

/* 附件2 for one working group: 15 columns, 投资情况（万元） over the four amounts. */
static void write_projects_form(const char *path, form_export form, const industry_spec *spec,
                                const industry_state *state, int month)
{
    static const char *const top[15] = {
        "序号", "项目编号", "项目名称", "所属产业", "细分领域", "建设地点", "建设单位",
        "是否战略性新兴产业", "是否当年招引", "投资情况（万元）", NULL, NULL, NULL, "项目状态",
        "存在问题"};
    static const char *const bottom[15] = {
        NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "总投资", "年度计划投资",
        "本月完成投资", "1-9月累计完成投资", NULL, NULL};
    char office[128];
    office_name(office, sizeof office, spec);
    form_writer w;
    form_open(&w, form, 15);
    form_preamble(&w, "附件2", "2015年新兴产业重点项目实施情况一览表", office,
                  state->projects_sent[month]);
    form_row(&w, top);
    form_row(&w, bottom);
    int64_t sums[4] = {0};
    int number = 0;
    const project *fifth = NULL;
    for (int k = 0; k < state->project_count; k++) {
        const project *p = &state->projects[k];
        if (!project_listed(p, month))
            continue;
        project_cells c;
        project_cells_at(p, month, &c);
        char serial[16];
        snprintf(serial, sizeof serial, "%d", ++number);
        const char *cells[15] = {serial, p->code, p->name, spec->name,
                                 spec->subsectors[p->subsector].name, unit_names[p->unit],
                                 p->owner, yes_no(p->strategic), yes_no(p->attracted), c.total,
                                 c.plan, c.month, c.ytd, c.status, c.issue};
        form_row(&w, cells);
        sums[0] += p->total;
        sums[1] += p->annual_plan;
        sums[2] += p->ytd_investment[month] - p->ytd_investment[month - 1];
        sums[3] += p->ytd_investment[month];
        if (number == 5)
            fifth = p;
    }
    /* the faults: a place that is no assessed unit, an amount typed with a letter O, and
     * the fifth project entered a second time */
    char serial[3][16];
    for (int i = 0; i < 3; i++)
        snprintf(serial[i], sizeof serial[i], "%d", number + 1 + i);
    const char *harbour[15] = {serial[0], "XX2015-031", "港区智慧物流信息平台项目", spec->name,
                               "网络经济", "乐清湾港区", "浙江乐港数据科技有限公司", "否", "是",
                               "12000", "3000", "260", "1850", "在建", NULL};
    const char *letter_o[15] = {serial[1], "XX2015-032", "智能电气检测中心项目", spec->name,
                                "电子信息", "柳市镇", "乐清市柳信检测技术有限公司", "否", "否",
                                "8600", "2000", "150", "1,3O0", "在建", NULL};
    form_row(&w, harbour);
    form_row(&w, letter_o);
    if (fifth) {
        project_cells c;
        project_cells_at(fifth, month, &c);
        const char *again[15] = {serial[2], fifth->code, fifth->name, spec->name,
                                 spec->subsectors[fifth->subsector].name, unit_names[fifth->unit],
                                 fifth->owner, yes_no(fifth->strategic), yes_no(fifth->attracted),
                                 c.total, c.plan, c.month, c.ytd, c.status, c.issue};
        form_row(&w, again);
    }
    /* 合计 over the project list; 累计完成投资's sum typed by hand, 100 万元 too high */
    char total[4][32];
    for (int i = 0; i < 4; i++)
        format_tenths(total[i], sizeof total[i], sums[i] + (i == 3 ? 1000 : 0));
    const char *sum_row[15] = {"合计", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                               total[0], total[1], total[2], total[3], NULL, NULL};
    form_row(&w, sum_row);
    form_notes(&w, "0577-62589013");
    form_close(&w, form, path);
}

/* 附件4 for one working group: 产值（万元） over 本月, 累计, 上年同期累计 and 增加值（万元）
 * over 累计, 上年同期累计. */
static void write_progress_form(const char *path, form_export form, const industry_spec *spec,
                                const industry_state *state, int month)
{
    static const char *const top[9] = {"序号", "单位", "所属产业", "细分领域", "产值（万元）",
                                       NULL, NULL, "增加值（万元）", NULL};
    static const char *const bottom[9] = {NULL, NULL, NULL, NULL, "本月", "累计", "上年同期累计",
                                          "累计", "上年同期累计"};
    char office[128];
    office_name(office, sizeof office, spec);
    form_writer w;
    form_open(&w, form, 9);
    form_preamble(&w, "附件4", "2015年新兴产业实施进度情况一览表", office,
                  state->progress_sent[month]);
    form_row(&w, top);
    form_row(&w, bottom);
    int64_t sums[5] = {0};
    int number = 0;
    int64_t unit_sums[UNIT_COUNT][5] = {{0}};
    for (int k = 0; k < state->row_count; k++) {
        const progress_row *row = &state->rows[k];
        amounts a;
        progress_amounts(row, month, &a);
        char serial[16];
        snprintf(serial, sizeof serial, "%d", ++number);
        const char *cells[9] = {serial, unit_names[row->unit], spec->name,
                                spec->subsectors[row->subsector].name, a.month, a.ytd,
                                a.prior_ytd, a.value_added, a.prior_value_added};
        form_row(&w, cells);
        const int64_t values[5] = {row->ytd_output[month] - row->ytd_output[month - 1],
                                   row->ytd_output[month], row->prior_ytd_output[month],
                                   row->ytd_value_added[month], row->prior_ytd_value_added[month]};
        for (int i = 0; i < 5; i++) {
            sums[i] += values[i];
            unit_sums[row->unit][i] += values[i];
        }
    }
    char serial[16], cells_text[5][32];
    snprintf(serial, sizeof serial, "%d", number + 1);
    if (spec->subsector_count > 1) {
        /* the fault: 柳市镇's own total as a row of the industry as a whole, beside its
         * sub-sector rows (it would be counted twice) */
        int unit = 8;
        for (int i = 0; i < 5; i++)
            format_tenths(cells_text[i], sizeof cells_text[i], unit_sums[unit][i]);
        const char *whole[9] = {serial, unit_names[unit], spec->name, NULL, cells_text[0],
                                cells_text[1], cells_text[2], cells_text[3], cells_text[4]};
        form_row(&w, whole);
    } else {
        /* the fault: an industry the plan does not know (生物医药 for 生命健康产业) */
        const char *unknown[9] = {serial, "柳市镇", "生物医药", NULL, "120.5", "980.6", "900.2",
                                  "215.7", "198.3"};
        form_row(&w, unknown);
    }
    char total[5][32];
    for (int i = 0; i < 5; i++)
        format_tenths(total[i], sizeof total[i], sums[i]);
    const char *sum_row[9] = {"合　计", NULL, NULL, NULL, total[0], total[1], total[2], total[3],
                              total[4]};
    form_row(&w, sum_row);
    form_notes(&w, "0577-62573326");
    form_close(&w, form, path);
}

static void write_month(const sample *all, const char *root, int month, bool plain)
{
    char dir[512], path[768], period[8];
    snprintf(period, sizeof period, "%d-%02d", year_of(month) % 10000, month_in_year(month) % 100);
    snprintf(dir, sizeof dir, "%s/%s", root, period);
    make_dir(dir);
    for (int i = 0; i < INDUSTRY_COUNT; i++) {
        const industry_spec *spec = &industries[i];
        const industry_state *state = &all->industries[i];
        const char *ext = spec->xml ? "xml" : "csv";
        form_export progress_as = plain || month != MONTHS ? FORM_PLAIN : progress_form[i];
        form_export projects_as = plain || month != MONTHS ? FORM_PLAIN : projects_form[i];
        snprintf(path, sizeof path, "%s/%s-进度.%s", dir, spec->short_name,
                 progress_as == FORM_UTF16 ? "txt" : ext);
        if (progress_as != FORM_PLAIN) {
            write_progress_form(path, progress_as, spec, state, month);
        } else {
            FILE *f = open_output(path);
            if (spec->xml)
                write_progress_xml(f, spec, state, month, period);
            else
                write_progress_csv(f, spec, state, month, period);
            close_output(f, path);
        }
        snprintf(path, sizeof path, "%s/%s-项目.%s", dir, spec->short_name, ext);
        if (projects_as != FORM_PLAIN) {
            write_projects_form(path, projects_as, spec, state, month);
            continue;
        }
        FILE *f = open_output(path);
        if (spec->xml)
            write_projects_xml(f, spec, state, month, period);
        else
            write_projects_csv(f, spec, state, month, period);
        close_output(f, path);
    }
}

typedef const char *assessment_row[11];

static void write_assessment_file(const char *root, const char *period, const char *sent,
                                  const assessment_row *rows, int count)
{
    static const char *const header[] = {
        "单位", "新兴产业用地占比", "新增平台数", "国家级平台认定数", "省级平台认定数",
        "龙头企业培育", "年度实施计划", "国家级专项资金项目数", "省级专项资金项目数",
        "国家级表彰数", "省级表彰数", "报送单位", "报告期", "填报日期"};
    char path[768];
    snprintf(path, sizeof path, "%s/%s/考核-市发改局.csv", root, period);
    FILE *f = open_output(path);
    csv_row(f, header, COUNT(header));
    for (int k = 0; k < count; k++) {
        const char *cells[14];
        memcpy(cells, rows[k], sizeof rows[k]);
        cells[11] = "市发改局";
        cells[12] = period;
        cells[13] = sent;
        csv_row(f, cells, COUNT(cells));
    }
    close_output(f, path);
}

/* 市发改局's 附件1 inputs for the whole of 2015: every unit, 仙溪镇 too. */
static void write_assessment_year_end(const char *root)
{
    static const assessment_row rows[] = {
        {"城东街道", "47.1", "2", "0", "1", "良好", "是", "0", "1", "0", "1"},
        {"乐成街道", "39.2", "2", "0", "1", "良好", "是", "0", "1", "0", "0"},
        {"城南街道", "42.9", "1", "0", "1", "一般", "是", "0", "1", "0", "0"},
        {"盐盆街道", "28.4", "1", "0", "0", "一般", "是", "0", "0", "0", "0"},
        {"翁垟街道", "52.6", "1", "0", "1", "良好", "是", "0", "1", "0", "1"},
        {"白石街道", "19.0", "0", "0", "0", "一般", "是", "0", "0", "0", "0"},
        {"石帆街道", "22.8", "1", "0", "0", "一般", "是", "0", "0", "0", "1"},
        {"天成街道", "35.6", "1", "0", "1", "良好", "是", "0", "0", "0", "0"},
        {"柳市镇", "63.5", "4", "1", "2", "良好", "是", "1", "2", "1", "1"},
        {"北白象镇", "56.8", "2", "1", "2", "良好", "是", "1", "2", "0", "1"},
        {"虹桥镇", "43.7", "2", "0", "1", "良好", "是", "0", "1", "0", "1"},
        {"淡溪镇", "15.9", "0", "0", "0", "较差", "否", "0", "0", "0", "0"},
        {"清江镇", "32.0", "1", "0", "0", "一般", "是", "0", "0", "0", "0"},
        {"芙蓉镇", "13.4", "0", "0", "0", "一般", "是", "0", "0", "0", "0"},
        {"大荆镇", "24.6", "1", "0", "1", "一般", "是", "0", "1", "0", "0"},
        {"仙溪镇", "9.8", "0", "0", "0", "较差", "否", "0", "0", "0", "0"},
        {"雁荡镇", "21.3", "1", "0", "1", "良好", "是", "0", "1", "0", "1"},
    };
    write_assessment_file(root, "2015-12", "2015-12-30", rows, COUNT(rows));
}

/* 市发改局's 附件1 inputs; 仙溪镇 sent nothing. */
static void write_assessment(const char *root)
{
    static const assessment_row rows[] = {
        {"城东街道", "46.3", "2", "0", "1", "良好", "是", "0", "1", "0", "1"},
        {"乐成街道", "38.5", "1", "0", "1", "良好", "是", "0", "0", "0", "0"},
        {"城南街道", "42.5", "1", "0", "0", "一般", "是", "0", "1", "0", "0"},
        {"盐盆街道", "27.8", "0", "0", "0", "一般", "是", "0", "0", "0", "0"},
        {"翁垟街道", "51.2", "1", "0", "1", "良好", "是", "0", "1", "0", "0"},
        {"白石街道", "18.6", "0", "0", "0", "一般", "否", "0", "0", "0", "0"},
        {"石帆街道", "22.4", "1", "0", "0", "一般", "是", "0", "0", "0", "1"},
        {"天成街道", "35.0", "1", "0", "1", "良好", "是", "0", "0", "0", "0"},
        {"柳市镇", "62.7", "3", "1", "2", "良好", "是", "1", "2", "1", "1"},
        {"北白象镇", "55.9", "2", "1", "1", "良好", "是", "0", "2", "0", "1"},
        {"虹桥镇", "42.5", "2", "0", "1", "良好", "是", "0", "1", "0", "0"},
        {"淡溪镇", "15.3", "0", "0", "0", "较差", "否", "0", "0", "0", "0"},
        {"清江镇", "31.6", "1", "0", "0", "一般", "是", "0", "0", "0", "0"},
        {"芙蓉镇", "12.9", "0", "0", "0", "较差", "是", "0", "0", "0", "0"},
        {"大荆镇", "24.1", "1", "0", "1", "一般", "是", "0", "1", "0", "0"},
        {"雁荡镇", "20.7", "1", "0", "1", "良好", "是", "0", "0", "0", "1"},
    };
    write_assessment_file(root, "2015-09", "2015-09-30", rows, COUNT(rows));
}

typedef struct quarterly_item {
    const char *unit, *topic, *content;
} quarterly_item;

static void write_quarterly_file(const char *root, const char *quarter, const char *sent,
                                 const char *office, const quarterly_item *items, int count)
{
    static const char *const header[] = {"单位", "事项", "内容", "报送单位", "报告期", "填报日期"};
    char path[768];
    snprintf(path, sizeof path, "%s/%s/季度-%s.csv", root, quarter, office);
    FILE *f = open_output(path);
    csv_row(f, header, COUNT(header));
    for (int k = 0; k < count; k++) {
        const char *cells[] = {items[k].unit, items[k].topic, items[k].content, office,
                               quarter, sent};
        csv_row(f, cells, COUNT(cells));
    }
    close_output(f, path);
}

static void write_quarterly(const char *root)
{
    static const quarterly_item economy[] = {
        {"市经信局", "政策完善整合",
         "起草《乐清市新兴产业发展专项资金管理办法（试行）》，整合工业转型升级和科技专项资金，"
         "重点支持新兴产业重点项目和“机器换人”技术改造，已征求各镇街和部门意见。"},
        {"市经信局", "政策完善整合",
         "梳理各级新兴产业扶持政策68条，编印政策汇编2000册发放到重点企业，指导企业申报省级"
         "专项资金项目5个。"},
        {"市经信局", "品牌建设",
         "组织42家电气企业参加“浙江制造”标准制定和品牌认证培训，3家企业通过认证。"},
        {"柳市镇", "品牌建设",
         "推进“中国电器之都”区域品牌建设，新增中国驰名商标1件、浙江名牌产品4个。"},
    };
    static const quarterly_item market[] = {
        {"市市场监管局", "品牌建设",
         "新增浙江省著名商标6件、温州市知名商标11件，其中新兴产业企业8件。"},
        {"市市场监管局", "品牌建设",
         "开展“乐清电气”集体商标注册工作，完成商标使用管理规则起草。"},
        {"市市场监管局", "政策完善整合",
         "修订《乐清市质量强市和品牌战略奖励办法》，对新兴产业企业主导或参与制定标准给予"
         "奖励，已报市政府审定。"},
    };
    char dir[512];
    snprintf(dir, sizeof dir, "%s/2015-Q3", root);
    make_dir(dir);
    write_quarterly_file(root, "2015-Q3", "2015-10-08", "市经信局", economy, COUNT(economy));
    write_quarterly_file(root, "2015-Q3", "2015-10-08", "市市场监管局", market, COUNT(market));
}

/* The fourth quarter's items: 市科技局 sends for the first time, two days late; 市发改局
 * sends none. */
static void write_quarterly_q4(const char *root)
{
    static const quarterly_item economy[] = {
        {"市经信局", "政策完善整合",
         "《乐清市新兴产业发展专项资金管理办法（试行）》经市政府常务会议审议通过，2016年1月1日起"
         "施行，全年安排专项资金1.2亿元。"},
        {"市经信局", "品牌建设",
         "全年新增“浙江制造”认证企业7家，组织电气企业参加德国汉诺威工业博览会。"},
    };
    static const quarterly_item science[] = {
        {"市科技局", "政策完善整合",
         "出台《关于加快科技创新平台建设的若干意见》，对新认定的国家级、省级研发中心分别给予"
         "奖励。"},
        {"市科技局", "品牌建设",
         "新增国家高新技术企业21家、省级科技型中小企业64家，其中新兴产业企业占七成。"},
    };
    static const quarterly_item market[] = {
        {"市市场监管局", "品牌建设",
         "“乐清电气”集体商标获准注册，首批授权使用企业35家。"},
    };
    char dir[512];
    snprintf(dir, sizeof dir, "%s/2015-Q4", root);
    make_dir(dir);
    write_quarterly_file(root, "2015-Q4", "2016-01-08", "市经信局", economy, COUNT(economy));
    write_quarterly_file(root, "2015-Q4", "2016-01-12", "市科技局", science, COUNT(science));
    write_quarterly_file(root, "2015-Q4", "2016-01-07", "市市场监管局", market, COUNT(market));
}

/* --projects PERCENT: every working group's key-project list becomes PERCENT % as long
 * as the sample's (100 or less: unchanged).  Project k of the longer list is a copy of
 * project k mod n (n: the sample's count) under its own code; no random number is drawn,
 * so the sample's own projects stay what they are. */
static void projects_lengthen(sample *all, int percent)
{
    for (int i = 0; i < INDUSTRY_COUNT; i++) {
        industry_state *state = &all->industries[i];
        int count = state->project_count;
        int lengthened = count * percent / 100;
        if (lengthened > MAX_PROJECTS) {
            fprintf(stderr, "gensample: --projects %d: more than %d projects\n", percent,
                    MAX_PROJECTS);
            exit(2);
        }
        for (int k = count; k < lengthened; k++) {
            project *p = &state->projects[k];
            *p = state->projects[k % count];
            snprintf(p->code, sizeof p->code, "%s2015-%03d", industries[i].code_prefix, k + 1);
        }
        if (lengthened > count)
            state->project_count = lengthened;
    }
}

int main(int argc, char **argv)
{
    bool plain = false;
    int percent = 100;
    int at = 1;
    for (; at < argc - 1; at++) {
        if (strcmp(argv[at], "--plain") == 0)
            plain = true;
        else if (strcmp(argv[at], "--projects") == 0 && at + 1 < argc - 1)
            percent = atoi(argv[++at]);
        else
            break;
    }
    if (at != argc - 1 || percent <= 0) {
        fputs("usage: gensample [--plain] [--projects PERCENT] INPUT-DIR\n", stderr);
        return 2;
    }
    const char *root = argv[argc - 1];
    sample *all = calloc(1, sizeof *all);
    if (all == NULL) {
        fputs("gensample: out of memory\n", stderr);
        return 1;
    }
    sample_generate(all);
    sample_verify(all);
    sample_extend(all);
    projects_lengthen(all, percent);
    make_dir(root);
    for (int m = 1; m <= LAST_MONTH; m++)
        write_month(all, root, m, plain);
    write_assessment(root);
    write_assessment_year_end(root);
    write_quarterly(root);
    write_quarterly_q4(root);
    free(all);
    return 0;
}
