import { hashFollowUpCode, newFollowUpCode, normalizeFollowUpCode } from "~/modules/suggestions/follow-up-code";
import { signatureFor } from "~/modules/suggestions/handling.server";
import { coarsePeriod, type SuggestionCategory, type SuggestionStatus } from "~/modules/suggestions/rules";
import { appendReply } from "~/modules/suggestions/suggestions.server";

import type { DemoContext } from "./index";

const DAY = 24 * 60 * 60 * 1000;

type Message = { from: "submitter" } | { from: "E000001" | "E000002" | "E000003"; daysAfter: number; withName?: boolean };
type DemoSuggestion = {
  title: string;
  body: string;
  category: SuggestionCategory;
  unit: string;
  /** Employee number of a named submitter; omitted: anonymous. */
  by?: string;
  daysAgo: number;
  status: SuggestionStatus;
  declineReason?: string;
  owner?: string;
  thread?: (Message & { text: string })[];
  reward?: { fen: number; points: number; note: string };
  hiddenReason?: string;
  duplicateOf?: number;
};

const SUGGESTIONS: DemoSuggestion[] = [
  {
    title: "客户资料维护应计入考核",
    body: "现在客户资料、联系人、合同到期时间这些基础信息全靠客户经理自觉更新，做了没有任何体现，很多人干脆不更新，交接时一问三不知。建议把客户资料完整率和及时率作为一项基础工作指标，每季度抽查，占绩效 5% 左右。",
    category: "pay_performance",
    unit: "JC-GE",
    by: "E000004",
    daysAgo: 95,
    status: "implemented",
    owner: "E000001",
    thread: [
      {
        from: "E000001",
        daysAfter: 3,
        withName: true,
        text: "建议很实在。部门已讨论，下季度起在客户经理考核中增加“客户资料质量”指标，权重 5%，由客户管理室按月抽查。",
      },
      { from: "submitter", text: "谢谢！抽查标准能否提前公布，大家好对照整改？" },
      { from: "E000001", daysAfter: 10, text: "抽查标准已经在部门共享盘公布，本季度起执行。" },
    ],
    reward: { fen: 50000, points: 50, note: "合理化建议被采纳并实施，奖励 500 元和 50 积分。" },
  },
  {
    title: "部门指标请按客户存量分配，不要平均分摊",
    body: "同一个室里，有人手上是几家大银行，有人只有几家小贷公司和保险代理，年初指标却一样。做得好的是因为客户好，做得差的怎么努力也够不着，大家心里都不服。建议按存量收入、客户重要程度来分指标。",
    category: "pay_performance",
    unit: "JC-GE-FIN",
    daysAgo: 40,
    status: "under_review",
    owner: "E000002",
    thread: [
      {
        from: "E000002",
        daysAfter: 5,
        text: "收到，这个问题室里确实存在。我们正在整理每位客户经理的存量收入数据，下月初拿出一个按存量加权的分配方案，先在室务会上讨论。",
      },
      { from: "submitter", text: "希望方案出来后能公开征求意见，不要只在室务会上定。" },
    ],
  },
  {
    title: "指标分配不公平",
    body: "建议不要平均分配指标，大客户多的人指标应该高一些。",
    category: "pay_performance",
    unit: "JC-GE-FIN",
    daysAgo: 35,
    status: "new",
    duplicateOf: 1,
  },
  {
    title: "培训前先做需求调研，请懂业务的老师来讲",
    body: "去年的几次集中培训，两三天坐在教室里听，老师讲的是通用的销售技巧，跟我们政企业务关系不大，回来也没有人问效果。建议培训前先做个需求问卷，请一线骨干或者客户方的专家讲实际案例，培训后做个效果评估。",
    category: "training",
    unit: "JC-GE-SUP",
    daysAgo: 70,
    status: "accepted",
    owner: "E000003",
    thread: [
      {
        from: "E000003",
        daysAfter: 12,
        text: "谢谢您的建议。人力资源已把培训需求调研纳入明年培训计划的第一步，下月会发放培训需求问卷，课程结束后也会做效果评估。",
      },
    ],
  },
  {
    title: "客户经理与解决方案经理实行关联考核",
    body: "项目投标时客户经理着急要方案，解决方案经理手上同时压着好几个项目，优先级各排各的，经常互相埋怨。建议两边对同一批重点客户设共同目标，一起考核，前后台目标一致了，配合自然就顺了。",
    category: "process",
    unit: "JC-GE",
    by: "E000005",
    daysAgo: 55,
    status: "accepted",
    owner: "E000001",
    thread: [{ from: "E000001", daysAfter: 6, text: "同意这个方向。先在金融客户室和大企业客户室试点关联考核，下季度看效果再推广。" }],
  },
  {
    title: "技术骨干也需要晋升通道",
    body: "做了八年售前，技术上是室里最好的，但想往上走只能当室主任，岗位就那么几个。很多技术好的同事因此失去动力，甚至考虑离职。希望能有专业技术通道，级别和待遇跟管理岗对应。",
    category: "career",
    unit: "JC-GE",
    daysAgo: 50,
    status: "new",
  },
  {
    title: "客户满意度回访增加短信渠道",
    body: "现在回访全靠电话，客户经常不接，完成率低。建议增加短信链接问卷，客户方便的时候再填。",
    category: "customer_service",
    unit: "JC-GE-CRM",
    by: "E000124",
    daysAgo: 45,
    status: "declined",
    declineReason: "政企客户回访按集团要求须由专人电话完成，短信问卷不符合规范；我们会优化回访时段来提高接通率。",
    thread: [
      {
        from: "E000001",
        daysAfter: 8,
        text: "谢谢建议。集团对政企客户回访方式有统一要求，短信问卷暂时不能替代电话回访，具体原因见处理结果。",
      },
    ],
  },
  {
    title: "室内周例会太多太长",
    body: "每周一、周三都开例会，每次一个多小时，大部分内容跟自己无关。客户拜访只能往后排。建议例会合并为一次，控制在 40 分钟以内，其他事情在群里同步。",
    category: "workplace",
    unit: "JC-GE-GOV",
    daysAgo: 12,
    status: "new",
  },
  {
    title: "建立投标资料共享库",
    body: "每次投标都要重新找资质证书、案例材料、标准方案，各室各自保存，版本混乱。建议由项目运营室牵头建一个共享库，统一维护资质和案例，按行业分类。",
    category: "process",
    unit: "JC-GE-PRJ",
    by: "E000004",
    daysAgo: 20,
    status: "under_review",
    owner: "E000001",
    thread: [{ from: "E000001", daysAfter: 4, text: "已请项目运营及一站服务室评估工作量和存放方式，两周内给出方案。" }],
  },
  {
    title: "关于某位同事",
    body: "（内容涉及对个人的人身攻击，已屏蔽。）",
    category: "workplace",
    unit: "JC-GE-VPN",
    daysAgo: 25,
    status: "new",
    hiddenReason: "内容包含针对个人的攻击性言论。如对同事的工作有意见，欢迎就事论事重新提交。",
  },
  {
    title: "县公司与市公司之间开展轮岗",
    body: "县公司政企室人少，什么都要做，但接触大项目的机会少；市公司的同事又不了解县里的客户。建议每年安排几个县、市之间的交流岗位，半年到一年，双方都能开阔眼界。",
    category: "career",
    unit: "JC-QS-GE",
    by: "E000102",
    daysAgo: 8,
    status: "new",
  },
  {
    title: "产品培训请一线客户经理讲成功案例",
    body: "新产品培训通常是产品经理照着材料讲参数。建议每次加半小时，请拿下过项目的客户经理讲讲怎么跟客户谈、客户关心什么，比讲参数更有用。",
    category: "training",
    unit: "JC-GE-MKT",
    by: "E000005",
    daysAgo: 80,
    status: "implemented",
    owner: "E000003",
    thread: [
      { from: "E000003", daysAfter: 2, withName: true, text: "好主意。从本月的云专线产品培训开始，每场安排一位客户经理分享案例。" },
      { from: "submitter", text: "太好了，我可以报名分享政务云的项目。" },
    ],
    reward: { fen: 0, points: 30, note: "建议已实施，奖励 30 积分。" },
  },
];

/** A dozen suggestions as the department's staff would write them: named and anonymous, in every status. */
export async function seedSuggestionDemo(ctx: DemoContext, now = new Date()) {
  const { db } = ctx;
  const ids: string[] = [];
  for (const s of SUGGESTIONS) {
    const id = crypto.randomUUID();
    ids.push(id);
    const submittedAt = new Date(now.getTime() - s.daysAgo * DAY);
    await db.suggestion.create({
      data: {
        id,
        title: s.title,
        body: s.body,
        category: s.category,
        unitId: ctx.unitId.get(s.unit)!,
        anonymous: !s.by,
        period: coarsePeriod(submittedAt),
        followUpHash: s.by ? null : await hashFollowUpCode(normalizeFollowUpCode(newFollowUpCode())!),
        status: s.status,
        declineReason: s.declineReason ?? null,
        ownerUserId: s.owner ? ctx.userId.get(s.owner)! : null,
        hiddenReason: s.hiddenReason ?? null,
        mergedIntoId: s.duplicateOf !== undefined ? ids[s.duplicateOf] : null,
        ...(s.by ? { author: { create: { employeeId: ctx.employeeId.get(s.by)!, submittedAt } } } : {}),
      },
    });
    for (const m of s.thread ?? []) {
      if (m.from === "submitter") {
        await appendReply(db, id, { author: "submitter", body: m.text });
        continue;
      }
      const userId = ctx.userId.get(m.from)!;
      const signature = await signatureFor(db, { userId, role: "employee", employeeId: null, scopePath: null }, Boolean(m.withName));
      await appendReply(db, id, {
        author: "handler",
        body: m.text,
        handlerUserId: userId,
        sentAt: new Date(submittedAt.getTime() + m.daysAfter * DAY),
        ...signature,
      });
    }
    if (s.reward && s.by) {
      await db.suggestionReward.create({
        data: {
          suggestionId: id,
          amountFen: s.reward.fen,
          points: s.reward.points,
          note: s.reward.note,
          awardedById: ctx.userId.get("E000001")!,
        },
      });
    }
  }
}
