/** The demo ladders: titles, descriptions, competencies, grades (M3 ≈ T5 ≈ S5) and entry criteria. */
type LevelSeed = {
  code: string;
  grade: number;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  competenciesZh: string[];
  competenciesEn: string[];
};

export const LADDER: Record<"management" | "technical" | "skill", LevelSeed[]> = {
  management: [
    { code: "M1", grade: 3, titleZh: "室副主任", titleEn: "Deputy Room Head", descriptionZh: "协助室主任管理一个客户室或支撑室的日常工作。", descriptionEn: "Helps the room head run a customer or support room day to day.", competenciesZh: ["团队协作与任务分派", "客户关系维护", "基础绩效辅导"], competenciesEn: ["Teamwork and delegation", "Customer relationships", "Basic performance coaching"] },
    { code: "M2", grade: 4, titleZh: "室主任", titleEn: "Room Head", descriptionZh: "负责一个室的目标、人员和客户，带领团队完成考核指标。", descriptionEn: "Owns a room's targets, people and customers, and leads the team to its KPIs.", competenciesZh: ["目标分解与过程跟踪", "人员辅导与评价", "跨室协同"], competenciesEn: ["Breaking down targets and following progress", "Coaching and appraising staff", "Collaboration across rooms"] },
    { code: "M3", grade: 5, titleZh: "高级室主任", titleEn: "Senior Room Head", descriptionZh: "负责重点行业客户室，承担部门级重点项目与团队建设。", descriptionEn: "Leads a key industry room and carries department-level projects and team building.", competenciesZh: ["行业经营分析", "重大项目统筹", "人才梯队建设"], competenciesEn: ["Industry business analysis", "Running major projects", "Building the talent pipeline"] },
    { code: "M4", grade: 6, titleZh: "部门总经理", titleEn: "Department General Manager", descriptionZh: "全面负责政企客户部的经营、组织与人员发展。", descriptionEn: "Runs the G&E department: results, organisation and people development.", competenciesZh: ["战略规划", "组织变革", "资源统筹与激励"], competenciesEn: ["Strategic planning", "Organisational change", "Allocating resources and incentives"] },
    { code: "M5", grade: 7, titleZh: "分公司总经理", titleEn: "Branch General Manager", descriptionZh: "负责分公司整体经营与政企市场战略。", descriptionEn: "Leads a branch's business and its enterprise-market strategy.", competenciesZh: ["经营决策", "政企市场战略", "高层客户关系"], competenciesEn: ["Business decisions", "Enterprise-market strategy", "Executive customer relationships"] },
  ],
  technical: [
    { code: "T1", grade: 1, titleZh: "助理工程师", titleEn: "Assistant Engineer", descriptionZh: "在指导下完成方案支撑、项目交付或专业支撑的基础工作。", descriptionEn: "Does the groundwork of solution support, delivery or specialist work under guidance.", competenciesZh: ["产品与业务基础知识", "规范执行"], competenciesEn: ["Product and business basics", "Following standards"] },
    { code: "T2", grade: 2, titleZh: "工程师", titleEn: "Engineer", descriptionZh: "独立完成常规方案与项目任务。", descriptionEn: "Delivers routine solutions and project tasks on their own.", competenciesZh: ["常规方案设计", "需求沟通"], competenciesEn: ["Designing routine solutions", "Clarifying requirements"] },
    { code: "T3", grade: 3, titleZh: "高级工程师", titleEn: "Senior Engineer", descriptionZh: "承担中等复杂度的ICT方案与项目，指导初级人员。", descriptionEn: "Owns mid-complexity ICT solutions and projects and guides juniors.", competenciesZh: ["ICT综合方案", "项目风险控制", "带教新人"], competenciesEn: ["Integrated ICT solutions", "Project risk control", "Mentoring newcomers"] },
    { code: "T4", grade: 4, titleZh: "主管工程师", titleEn: "Lead Engineer", descriptionZh: "牵头重点客户方案与投标，是室内的技术骨干。", descriptionEn: "Leads solutions and bids for key customers; the room's technical mainstay.", competenciesZh: ["投标方案主笔", "跨专业协调", "知识沉淀"], competenciesEn: ["Writing bid solutions", "Coordinating across specialities", "Capturing know-how"] },
    { code: "T5", grade: 5, titleZh: "专家", titleEn: "Expert", descriptionZh: "在一个行业或技术领域形成专长，支撑部门级重大项目。", descriptionEn: "A recognised specialist in an industry or technology who supports major projects.", competenciesZh: ["行业解决方案架构", "重大项目技术把关", "内部授课"], competenciesEn: ["Industry solution architecture", "Technical assurance of major projects", "Teaching colleagues"] },
    { code: "T6", grade: 6, titleZh: "高级专家", titleEn: "Senior Expert", descriptionZh: "引领领域技术方向，培养专家梯队。", descriptionEn: "Sets a field's technical direction and develops the expert pipeline.", competenciesZh: ["技术路线规划", "标准与规范制定", "专家培养"], competenciesEn: ["Technology roadmaps", "Setting standards", "Developing experts"] },
    { code: "T7", grade: 7, titleZh: "首席专家", titleEn: "Chief Expert", descriptionZh: "省级乃至集团级的领域权威。", descriptionEn: "A provincial or group-level authority in the field.", competenciesZh: ["行业影响力", "创新孵化"], competenciesEn: ["Industry influence", "Incubating innovation"] },
  ],
  skill: [
    { code: "S1", grade: 1, titleZh: "助理客户经理", titleEn: "Assistant Account Manager", descriptionZh: "协助客户经理维护客户资料、办理业务。", descriptionEn: "Helps account managers keep customer data current and process orders.", competenciesZh: ["客户资料维护", "业务受理"], competenciesEn: ["Keeping customer data", "Processing orders"] },
    { code: "S2", grade: 2, titleZh: "客户经理", titleEn: "Account Manager", descriptionZh: "独立维护一组政企客户，完成收入与发展指标。", descriptionEn: "Looks after a portfolio of customers and meets revenue and growth targets.", competenciesZh: ["客户拜访与需求挖掘", "产品组合销售"], competenciesEn: ["Customer visits and needs discovery", "Selling product bundles"] },
    { code: "S3", grade: 3, titleZh: "高级客户经理", titleEn: "Senior Account Manager", descriptionZh: "负责中大型客户，牵头商机与方案协同。", descriptionEn: "Handles mid-size and large customers and leads opportunities with solution support.", competenciesZh: ["商机管理", "前后端协同", "合同谈判"], competenciesEn: ["Managing opportunities", "Front/back-office collaboration", "Contract negotiation"] },
    { code: "S4", grade: 4, titleZh: "资深客户经理", titleEn: "Principal Account Manager", descriptionZh: "负责重点行业客户，带领小组完成项目型销售。", descriptionEn: "Owns key industry customers and leads a small team through project sales.", competenciesZh: ["行业洞察", "项目型销售", "带教客户经理"], competenciesEn: ["Industry insight", "Project sales", "Coaching account managers"] },
    { code: "S5", grade: 5, titleZh: "首席客户经理", titleEn: "Chief Account Manager", descriptionZh: "负责总部级重要客户的整体经营与高层关系。", descriptionEn: "Runs headquarters-level key accounts as a whole, with executive relationships.", competenciesZh: ["客户经营规划", "高层关系", "重大项目统筹"], competenciesEn: ["Account planning", "Executive relationships", "Steering major deals"] },
    { code: "S6", grade: 6, titleZh: "资深首席客户经理", titleEn: "Senior Chief Account Manager", descriptionZh: "在一个行业内引领营销打法，培养首席客户经理。", descriptionEn: "Shapes how an industry is sold and develops chief account managers.", competenciesZh: ["行业营销策略", "标杆项目打造", "营销人才培养"], competenciesEn: ["Industry sales strategy", "Building flagship deals", "Developing sales talent"] },
    { code: "S7", grade: 7, titleZh: "首席营销专家", titleEn: "Chief Sales Expert", descriptionZh: "省级营销专家，参与制定政企市场策略。", descriptionEn: "A provincial sales authority who helps set enterprise-market strategy.", competenciesZh: ["市场策略", "营销体系建设"], competenciesEn: ["Market strategy", "Building the sales system"] },
  ],
};

/** Entry criteria by rank on the ladder: a rung higher asks more. KPI in hundredths of a point. */
export function criteriaForRank(track: string, rank: number) {
  const managementRotation = track === "management" && (rank === 1 || rank === 3);
  return {
    minMonthsInLevel: rank === 1 ? null : rank <= 3 ? 18 : rank <= 5 ? 24 : 36,
    minKpiAverage: rank === 1 ? null : rank <= 3 ? 7500 : rank <= 5 ? 8000 : 8500,
    kpiPeriods: rank <= 3 ? 2 : 4,
    minTrainingHours: rank === 1 ? null : rank <= 3 ? 24 : rank <= 5 ? 40 : 60,
    minRotations: managementRotation || rank >= 6 ? 1 : null,
  };
}
