/**
 * A seeded synthetic corpus in realistic Chinese for the benchmark: good
 * people with stories of 800–1500 characters, companies with valid credit
 * codes, lists with expired and removed entries, conventions, guides and ads.
 * Same seed, same corpus.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { addMonths } from "../../../src/primitives/dates.ts";
import { FIELDS } from "../../../src/lib/integrity/columns.ts";
import { composeCreditCode } from "../../../src/lib/integrity/credit-code.ts";
import { csvField } from "../../../src/lib/integrity/csv.ts";
import { CATEGORIES, LEVELS } from "../../../src/schemas/good-people.ts";
import { SCENES } from "../../../src/schemas/etiquette.ts";

export interface Scale {
  people: number;
  entries: number;
  conventions: number;
  guides: number;
  ads: number;
  news: number;
  activities: number;
  questions: number;
}

export const SCALES: Record<string, Scale | "sample"> = {
  sample: "sample",
  quarter: { people: 500, entries: 5000, conventions: 25, guides: 50, ads: 15, news: 250, activities: 125, questions: 75 },
  city: { people: 2000, entries: 20000, conventions: 100, guides: 200, ads: 60, news: 1000, activities: 500, questions: 300 },
  "5x": { people: 10000, entries: 100000, conventions: 500, guides: 1000, ads: 300, news: 5000, activities: 2500, questions: 1500 },
  "10x": { people: 20000, entries: 200000, conventions: 1000, guides: 2000, ads: 600, news: 10000, activities: 5000, questions: 3000 },
};

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN =
  "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽";
const REGIONS = ["东城区", "西城区", "南湖区", "北山区", "高新区", "经开区", "清河镇", "石桥镇", "柳林街道", "望江街道", "新华街道", "城关镇"];
const BRANDS = "恒泰鑫源宏达金鼎华宇永盛顺通佳美康健蓝天清源安居百味路通明德惠民青山金穗海川同心晨光万家东方智造福满兴隆昌盛瑞丰鸿运";
const TRADES = [
  "建材",
  "食品",
  "物流",
  "装饰工程",
  "化工",
  "商贸",
  "餐饮管理",
  "房地产开发",
  "物业服务",
  "医药连锁",
  "驾驶员培训",
  "环保科技",
  "纺织",
  "电子",
  "机械制造",
  "汽车租赁",
  "家政服务",
  "印务",
  "旅行社",
  "劳务",
];
const AUTHORITIES = [
  ["示例市市场监督管理局", "示市监罚"],
  ["国家税务总局示例市税务局", "示税稽罚"],
  ["示例市人力资源和社会保障局", "示人社监"],
  ["示例市住房和城乡建设局", "示建罚"],
  ["示例市生态环境局", "示环罚"],
  ["示例市交通运输局", "示交罚"],
  ["示例市应急管理局", "示应急罚"],
  ["示例市卫生健康委员会", "示卫罚"],
] as const;
const REASONS = [
  "拖欠农民工工资，经责令限期支付逾期未支付",
  "生产销售不符合食品安全标准的食品",
  "通过暗管偷排超标废水",
  "虚开增值税普通发票",
  "欠缴税款经催缴仍未缴纳",
  "未取得许可擅自从事经营活动",
  "发布虚假违法广告",
  "使用不合格建筑材料且拒不整改",
  "篡改自动监测数据",
  "安全生产隐患拒不整改",
];
const RED_REASONS = [
  "连续三年纳税信用评价为 A 级",
  "获评守合同重信用企业",
  "劳动保障守法诚信等级 A 级",
  "环境信用评价为环保诚信企业",
  "道路运输企业质量信誉考核 AAA 级",
  "食品安全信用等级评定为 A 级",
];
const STORY = [
  "多年来，{name}始终把群众的冷暖放在心上，",
  "在{region}，提起{name}，街坊邻居没有不竖起大拇指的。",
  "那天清晨，天刚蒙蒙亮，{name}像往常一样出门，",
  "面对突如其来的困难，{name}没有退缩，而是第一时间站了出来，",
  "为了让老人吃上一口热饭，{name}每天中午准时把饭菜送到家中，",
  "十几年如一日，{name}默默坚守在平凡的岗位上，",
  "邻居们说，有事找{name}，准没错。",
  "{name}常说：“帮别人一把，心里踏实。”",
  "在{name}的带动下，身边越来越多的人加入了志愿服务的队伍。",
  "社区里的独居老人、困难家庭，{name}都一一记在本子上，定期上门看望。",
  "暴雨过后，道路积水严重，{name}蹚着齐腰深的水，把被困的群众一个个背了出来。",
  "面对高额的欠款，{name}没有选择逃避，而是挨家挨户上门说明情况，承诺一定还清。",
  "这些年，{name}获得了不少荣誉，但他最看重的，还是乡亲们的一句“好人”。",
  "{name}的事迹经媒体报道后，引起了广泛关注，许多市民专程前来表达敬意。",
];

/** A person-like name, 2 or 3 characters. */
function personName(r: () => number): string {
  const pick = (s: string) => [...s][Math.floor(r() * [...s].length)] ?? "";
  return pick(SURNAMES) + pick(GIVEN) + (r() < 0.6 ? pick(GIVEN) : "");
}

function story(r: () => number, name: string, region: string): string {
  const paragraphs: string[] = [];
  let length = 0;
  const target = 800 + Math.floor(r() * 700);
  while (length < target) {
    const sentences = Array.from({ length: 3 + Math.floor(r() * 3) }, () => (STORY[Math.floor(r() * STORY.length)] ?? "").replaceAll("{name}", name).replaceAll("{region}", region));
    const p = sentences.join("").replace(/，$/, "。");
    paragraphs.push(p.endsWith("。") || p.endsWith("”") ? p : `${p}。`);
    length += p.length;
  }
  return paragraphs.join("\n\n");
}

/** Organisation-code characters (GB 11714): digits and upper-case letters. */
const ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/** A code that passes both the GB 32100 and the GB 11714 check. */
function creditCode(r: () => number, prefix = "91"): string {
  let body = "";
  for (let i = 0; i < 8; i++) body += ORG_CHARS[Math.floor(r() * ORG_CHARS.length)];
  return composeCreditCode(`${prefix}990100`, body);
}

/** Writes the corpus for `scale` into `root` (a content folder). */
export function writeCorpus(root: string, scaleName: string, asOf: string, seed = 20261122): void {
  const scale = SCALES[scaleName];
  if (!scale) throw new Error(`未知规模 ${scaleName}；可用：${Object.keys(SCALES).join("、")}`);
  if (scale === "sample") {
    cpSync("content", root, { recursive: true });
    return;
  }
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  for (const d of ["conventions", "etiquette", "good-people/people", "integrity/red", "integrity/black", "ads", "news", "volunteer", "quiz"]) mkdirSync(join(root, d), { recursive: true });
  // The sample's settings, with the home page's posters and the handbook's cover taken from this corpus's ads.
  writeFileSync(join(root, "site.yaml"), readFileSync("content/site.yaml", "utf8").replace(/^featured: .*$/m, "featured: [ad-0]"));
  writeFileSync(join(root, "handbook.yaml"), readFileSync("content/handbook.yaml", "utf8").replace(/^cover: .*$/m, "cover: ad-0"));
  writeServices(root, scale, r, asOf);

  for (let i = 0; i < scale.conventions; i++) {
    const n = 6 + Math.floor(r() * 8);
    const articles = Array.from(
      { length: n },
      () =>
        `  - ${pick(["邻里之间互相尊重、互相帮助，遇到矛盾先沟通、再协商。", "生活垃圾按时按点分类投放。", "养犬居民出门牵绳，及时清理犬只粪便。", "红白喜事简办，不大操大办。", "爱护公共设施，不乱涂乱画。", "文明出行，礼让斑马线。", "公共场所不吸烟，不大声喧哗。"])}`,
    );
    writeFileSync(
      join(root, "conventions", `c-${i}.yaml`),
      `title: ${pick(REGIONS)}第${i + 1}号居民公约\nkind: ${pick(["社区公约", "村规民约", "行业公约"])}\nissuer: ${pick(REGIONS)}居民代表大会\nadopted: 2025-0${1 + (i % 9)}-1${i % 9}\nscope: 辖区全体居民\narticles:\n${articles.join("\n")}\n`,
    );
  }
  for (let i = 0; i < scale.guides; i++) {
    const scene = pick(SCENES);
    const conv = `c-${i % scale.conventions}`;
    writeFileSync(
      join(root, "etiquette", `g-${i}.mdx`),
      `---\ntitle: ${scene}指南第${i + 1}篇\nscene: ${scene}\nsummary: 关于${scene}的实用提示：做文明市民，从身边小事做起。\ndos:\n  - 自觉遵守公共秩序\n  - 主动礼让老人和儿童\n  - 看到不文明行为友善提醒\ndonts:\n  - 不乱扔垃圾\n  - 不大声喧哗\n  - 不插队\nrelatedArticles:\n  - { convention: ${conv}, article: 1 }\nkeywords: [${scene}, 文明]\nupdated: 2026-0${1 + (i % 9)}-0${1 + (i % 9)}\n---\n\n${scene}是城市文明的一面镜子。${"请大家从我做起，共同营造文明和谐的城市环境。".repeat(3)}\n\n<Dos />\n\n<Donts />\n\n<Tip title="小贴士">遇到困难可拨打 12345 市民热线。</Tip>\n`,
    );
  }
  const batches: string[] = [];
  const perBatch = 24;
  const batchCount = Math.ceil(scale.people / perBatch);
  for (let b = 0; b < batchCount; b++) batches.push(`${2026 - Math.floor(b / 4)}-${4 - (b % 4)}`);
  writeFileSync(
    join(root, "good-people", "batches.yaml"),
    batches
      .map(
        (id, i) =>
          `- id: "${id}"\n  title: ${id.split("-")[0]}年第${"一二三四"[Number(id.split("-")[1]) - 1]}批\n  status: ${i === 0 ? "公示" : "已发布"}\n${i === 0 ? "  noticeStart: 2026-11-16\n  noticeEnd: 2026-11-25" : `  published: ${id.split("-")[0]}-0${Number(id.split("-")[1]) * 2}-10`}\n`,
      )
      .join(""),
  );
  for (let i = 0; i < scale.people; i++) {
    const name = personName(r);
    const region = pick(REGIONS);
    const category = pick(CATEGORIES);
    const summary = `${name}，${region}居民，${category}的身边好人，${pick(["多年如一日服务邻里", "危急关头挺身而出", "诚实守信还清欠款", "扎根基层默默奉献", "悉心照料病重亲人"])}。`;
    writeFileSync(
      join(root, "good-people", "people", `p-${i}.md`),
      `---\nname: ${name}\ngender: ${r() < 0.5 ? "男" : "女"}\nregion: ${region}\ncategory: ${category}\nlevel: ${pick(LEVELS)}\nbatch: "${batches[Math.floor(i / perBatch)]}"\nsummary: ${summary}\nhonours: []\n---\n\n${story(r, name, region)}\n`,
    );
  }
  const header = FIELDS.map((f) => f.header).join(",");
  const files = new Map<string, string[]>();
  for (let i = 0; i < scale.entries; i++) {
    const list = r() < 0.5 ? "red" : "black";
    const monthsBack = Math.floor(r() * 30);
    const listedOn = addMonths(asOf, -monthsBack - 1).slice(0, 8) + String(1 + Math.floor(r() * 28)).padStart(2, "0");
    const batch = listedOn.slice(0, 7);
    const key = `${list}/${batch}`;
    const rows = files.get(key) ?? [];
    const person = list === "black" && r() < 0.1;
    const [authority, prefix] = pick(AUTHORITIES);
    const severity = list === "black" ? (r() < 0.5 ? "一般" : "严重") : "";
    const months = severity === "一般" ? 3 + Math.floor(r() * 9) : 12 + Math.floor(r() * 24);
    const removed = r() < 0.03;
    const name = person
      ? `${personName(r).slice(0, 1)}某${"甲乙丙丁"[rows.length % 4]}`
      : `示例市${[...BRANDS][Math.floor(r() * 20)]}${[...BRANDS][Math.floor(r() * 20) + 10] ?? ""}${pick(TRADES)}有限公司`;
    const values: Record<string, string> = {
      编号: `${batch}-${String(rows.length + 1).padStart(4, "0")}`,
      主体名称: name,
      主体类型: person ? "自然人" : "法人",
      统一社会信用代码: person ? "" : creditCode(r),
      法定代表人: person ? "" : `${pick([...SURNAMES])}某`,
      列入事由: list === "black" ? pick(REASONS) : pick(RED_REASONS),
      认定依据: "《示例市社会信用条例》第三十二条",
      认定部门: authority,
      决定文书文号: `${prefix}〔${listedOn.slice(0, 4)}〕${100 + i}号`,
      列入日期: listedOn,
      严重程度: severity,
      公示截止日期: addMonths(listedOn, months),
      状态: removed ? "已移出" : "公示中",
      移出日期: removed ? (addMonths(listedOn, 1) < asOf ? addMonths(listedOn, 1) : listedOn) : "",
      移出事由: removed ? "原决定依法撤销" : "",
      数据来源: "示例市公共信用信息平台",
    };
    rows.push(FIELDS.map((f) => csvField(values[f.header] ?? "", { guardFormulas: false })).join(","));
    files.set(key, rows);
  }
  for (const [key, rows] of files) writeFileSync(join(root, "integrity", `${key}.csv`), `${header}\n${rows.join("\n")}\n`);
  for (let i = 0; i < scale.ads; i++) {
    const kind = i % 3;
    const theme = pick(["文明交通", "文明餐桌", "垃圾分类", "诚信建设", "志愿服务", "讲文明树新风"]);
    const body =
      kind === 0
        ? `slogan: ${pick(["文明交通 从我做起", "讲文明 树新风", "垃圾分类 举手之劳", "诚信立身 文明立城"])}\nsub: 共建文明城市 共享美好生活\ntheme: ${theme}\ntemplate: slogan\n`
        : kind === 1
          ? `slogan: ${pick(["文明出行 安全回家", "光盘行动 节约粮食"])}\ntheme: ${theme}\ntemplate: etiquette\nguide: g-${i % scale.guides}\n`
          : `slogan: 学习身边好人 弘扬时代新风\nsub: 身边好人 光荣榜\ntheme: 好人精神\ntemplate: honour\nbatch: "${batches[i % batches.length]}"\n`;
    writeFileSync(join(root, "ads", `ad-${i}.yaml`), body);
  }
}

const NEWS_CATEGORIES = ["工作动态", "通知公告", "媒体报道"];
const ACTIVITY_CATEGORIES = ["文明交通", "环境保护", "关爱老幼", "扶残助困", "文明宣传", "社区服务", "文化惠民", "应急救护"];

/** News (over the two years before the as-of day), activities (around it) and a question bank citing the corpus's conventions. */
function writeServices(root: string, scale: Scale, r: () => number, asOf: string): void {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const day = (offset: number) => new Date(Date.parse(`${asOf}T00:00:00Z`) + offset * 86400000).toISOString().slice(0, 10);
  for (let i = 0; i < scale.news; i++) {
    const category = pick(NEWS_CATEGORIES);
    const date = day(-Math.floor(r() * 730));
    const until = day(Math.floor(r() * 60) - 30);
    const deadline = category === "通知公告" && until >= date ? `deadline: ${until}\n` : "";
    const region = pick(REGIONS);
    const body = Array.from(
      { length: 3 + Math.floor(r() * 4) },
      () =>
        `${region}${pick(["组织志愿者清理背街小巷", "开展文明交通劝导", "召开创建工作推进会", "评选文明楼栋和文明家庭", "举办垃圾分类知识讲座"])}，${"居民积极参与，现场秩序井然。".repeat(2 + Math.floor(r() * 4))}`,
    ).join("\n\n");
    writeFileSync(
      join(root, "news", `n-${i}.md`),
      `---\ntitle: ${region}${pick(["文明创建", "志愿服务", "环境整治", "移风易俗"])}工作动态第${i + 1}期\ndate: ${date}\ncategory: ${category}\nsummary: ${region}持续推进创建全国文明城市工作，各项任务按计划落实。\n${deadline}---\n\n${body}\n`,
    );
  }
  for (let i = 0; i < scale.activities; i++) {
    const start = day(Math.floor(r() * 180) - 120);
    const hour = 8 + Math.floor(r() * 8);
    const station = `${pick(REGIONS)}新时代文明实践站`;
    writeFileSync(
      join(root, "volunteer", `v-${i}.yaml`),
      `title: ${pick(["文明交通劝导", "独居老人探访", "社区环境清洁", "垃圾分类宣传", "文明旅游引导"])}第${i + 1}场\ncategory: ${pick(ACTIVITY_CATEGORIES)}\nsummary: 志愿者在实践站组织下开展服务，欢迎报名。\npublished: ${day(Math.min(-1, Math.floor(r() * 180) - 150))}\norganiser:\n  level: 新时代文明实践站\n  name: ${station}\n  team: 邻里守望志愿服务队\nstart: ${start} ${String(hour).padStart(2, "0")}:00\nend: ${start} ${String(hour + 2).padStart(2, "0")}:30\nplace:\n  station: ${station}\n  address: 示例市${pick(REGIONS)}人民路 ${1 + Math.floor(r() * 300)} 号\nrecruit: ${5 + Math.floor(r() * 40)}\naudience: 社区居民\ncontact: 0000-1234${String(1000 + (i % 9000)).slice(-4)}\nregistration: https://zhiyuan.example.gov.cn/activity/v-${i}\n`,
    );
  }
  const questions = Array.from({ length: scale.questions }, (_, i) => {
    const multiple = i % 3 === 0;
    return `- id: q-${i}\n  type: ${multiple ? "多选" : "单选"}\n  question: 第${i + 1}题：下列关于文明行为的说法，${multiple ? "哪些" : "哪一项"}是正确的？\n  options: [出门牵绳, 随地吐痰, 礼让斑马线, 乱扔垃圾]\n  answer: ${multiple ? "AC" : "C"}\n  explanation: 出门牵绳和礼让斑马线都是公约提倡的文明行为。\n  source: { convention: c-${i % scale.conventions}, article: 1 }`;
  });
  writeFileSync(join(root, "quiz", "questions.yaml"), `${questions.join("\n")}\n`);
}
