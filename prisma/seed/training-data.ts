import type { Format, Topic } from "~/modules/training/training";

export type DemoCourse = {
  code: string;
  titleZh: string;
  titleEn: string;
  topic: Topic;
  also: Topic[];
  format: Format;
  hoursTenths: number;
  costFen: number;
  grantsCertificate: boolean;
  descriptionZh: string;
  descriptionEn: string;
};

/** The G&E department's catalogue, built from last year's needs survey. */
export const DEMO_COURSES: DemoCourse[] = [
  {
    code: "GE-BOOT-IND",
    titleZh: "行业解决方案训练营",
    titleEn: "Industry Solutions Boot Camp",
    topic: "industry-solutions",
    also: ["sales-skills", "cloud-ict"],
    format: "boot-camp",
    hoursTenths: 240,
    costFen: 3_600_000,
    grantsCertificate: true,
    descriptionZh: "三天集中训练：政务、金融、制造行业的典型方案拆解，分组为真实客户出方案并答辩。",
    descriptionEn:
      "Three intensive days: typical government, finance and manufacturing solutions taken apart; teams build and defend a proposal for a real customer.",
  },
  {
    code: "GE-5G-LAB",
    titleZh: "5G专网产品实操",
    titleEn: "5G Private Network Hands-on Lab",
    topic: "5g-private-line",
    also: ["industry-solutions"],
    format: "hands-on",
    hoursTenths: 120,
    costFen: 1_800_000,
    grantsCertificate: true,
    descriptionZh: "在实验网上动手配置5G专网切片和专线，演练资费测算与方案配置。",
    descriptionEn: "Configure 5G private-network slices and private lines on the lab network; practise pricing and solution configuration.",
  },
  {
    code: "GE-BID",
    titleZh: "招投标实战",
    titleEn: "Bidding in Practice",
    topic: "bidding-projects",
    also: ["negotiation"],
    format: "live-campaign",
    hoursTenths: 140,
    costFen: 1_500_000,
    grantsCertificate: false,
    descriptionZh: "以在途项目为案例，由项目经理带教编制标书、应答澄清与复盘。",
    descriptionEn: "Live bids as the case: project managers coach writing the bid, answering clarifications and the review afterwards.",
  },
  {
    code: "GE-CRM",
    titleZh: "客户关系管理",
    titleEn: "Customer Relationship Management",
    topic: "customer-relationship",
    also: ["sales-skills"],
    format: "classroom",
    hoursTenths: 70,
    costFen: 800_000,
    grantsCertificate: false,
    descriptionZh: "客户关系图谱、拜访节奏与客户资料维护，结合客户满意度调查结果。",
    descriptionEn: "Relationship maps, visit rhythm and keeping customer data current, with this year's customer-satisfaction results.",
  },
  {
    code: "GE-NEGO",
    titleZh: "大客户商务谈判",
    titleEn: "Key-account Business Negotiation",
    topic: "negotiation",
    also: ["sales-skills"],
    format: "classroom",
    hoursTenths: 70,
    costFen: 1_200_000,
    grantsCertificate: false,
    descriptionZh: "价格谈判、让步策略与合同条款，角色扮演演练。",
    descriptionEn: "Price negotiation, concession strategy and contract terms, with role play.",
  },
  {
    code: "GE-CLOUD",
    titleZh: "云与ICT方案入门（线上）",
    titleEn: "Cloud and ICT Solutions Primer (online)",
    topic: "cloud-ict",
    also: [],
    format: "online",
    hoursTenths: 60,
    costFen: 300_000,
    grantsCertificate: false,
    descriptionZh: "六个短视频单元与在线测验，可按自己的节奏学习。",
    descriptionEn: "Six short video units with online quizzes, at your own pace.",
  },
  {
    code: "GE-DATA",
    titleZh: "数据驱动的大客户营销",
    titleEn: "Data-driven Key-account Marketing",
    topic: "data-analysis",
    also: ["sales-skills"],
    format: "classroom",
    hoursTenths: 70,
    costFen: 600_000,
    grantsCertificate: false,
    descriptionZh: "用经营分析数据找商机：客户分群、流失预警、交叉销售。",
    descriptionEn: "Finding opportunities in the business data: customer segments, churn warning, cross-selling.",
  },
  {
    code: "GE-POLICY",
    titleZh: "政务数字化政策解读（客户专家）",
    titleEn: "Digital Government Policy (customer expert)",
    topic: "policy-regulation",
    also: ["industry-solutions"],
    format: "customer-expert",
    hoursTenths: 35,
    costFen: 500_000,
    grantsCertificate: false,
    descriptionZh: "邀请市大数据局专家解读政务数字化政策与采购方向。",
    descriptionEn: "An expert from the city's big-data bureau on digital-government policy and where procurement is heading.",
  },
  {
    code: "GE-LEAD",
    titleZh: "室主任团队管理",
    titleEn: "Team Management for Room Heads",
    topic: "team-management",
    also: [],
    format: "classroom",
    hoursTenths: 140,
    costFen: 1_000_000,
    grantsCertificate: false,
    descriptionZh: "目标分解、绩效沟通与辅导下属。",
    descriptionEn: "Breaking down targets, performance conversations and coaching.",
  },
];

/** Which topics people in each position tend to ask for (weights), for the demo needs survey. */
export const TOPIC_TASTE: Record<string, Partial<Record<Topic, number>>> = {
  AM: {
    negotiation: 5,
    "sales-skills": 5,
    "industry-solutions": 4,
    "5g-private-line": 3,
    "customer-relationship": 3,
    "bidding-projects": 2,
  },
  CAM: { "industry-solutions": 5, negotiation: 4, "sales-skills": 3, "bidding-projects": 3 },
  "IND-MGR": { "industry-solutions": 5, "policy-regulation": 4, "data-analysis": 3 },
  "SOL-MGR": { "cloud-ict": 5, "industry-solutions": 5, "5g-private-line": 4, "bidding-projects": 2 },
  PRESALES: { "cloud-ict": 5, "5g-private-line": 4, "industry-solutions": 3 },
  PM: { "bidding-projects": 5, "cloud-ict": 3, "team-management": 2 },
  "VPN-MGR": { "5g-private-line": 5, "customer-relationship": 4 },
  CS: { "customer-relationship": 5, "data-analysis": 2 },
  "MKT-PLAN": { "data-analysis": 5, "sales-skills": 3, "policy-regulation": 2 },
  HR: { "team-management": 3, "data-analysis": 3, "policy-regulation": 2 },
  ADMIN: { "data-analysis": 3, "policy-regulation": 3 },
  "ROOM-HEAD": { "team-management": 5, "industry-solutions": 3, negotiation: 2 },
  "DEPT-GM": { "team-management": 4, "industry-solutions": 3 },
};
