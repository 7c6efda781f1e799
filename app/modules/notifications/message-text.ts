/** What a notification says, in both languages, built from its type and payload only. */
export type MessageText = { titleZh: string; titleEn: string; bodyZh: string; bodyEn: string; link?: string };

type Payload = Record<string, unknown>;

const str = (v: unknown) => (typeof v === "string" ? v : "");
const date = (v: unknown) => (typeof v === "string" && !Number.isNaN(Date.parse(v)) ? v.slice(0, 10) : "");

/**
 * Types whose personal messages must not name the recipient in a group channel: who is
 * reminded about a survey, or gets a reply to a suggestion, is nobody else's business.
 */
export function isDiscreet(type: string) {
  return type.startsWith("survey.") || type.startsWith("suggestion.");
}

const TEXTS: Record<string, (p: Payload) => Omit<MessageText, "link">> = {
  "survey.invitation": (p) => ({
    titleZh: "邀请您参加员工满意度调查",
    titleEn: "You are invited to a staff survey",
    bodyZh: `调查“${str(p.titleZh)}”已开放，匿名填写${date(p.closesAt) ? `，截止 ${date(p.closesAt)}` : ""}。`,
    bodyEn: `The survey “${str(p.titleEn) || str(p.titleZh)}” is open and anonymous${date(p.closesAt) ? `; it closes on ${date(p.closesAt)}` : ""}.`,
  }),
  "survey.reminder": (p) => ({
    titleZh: "调查提醒",
    titleEn: "Survey reminder",
    bodyZh: `调查“${str(p.titleZh)}”${date(p.closesAt) ? `将于 ${date(p.closesAt)} 截止` : "即将截止"}，您的回答是匿名的。`,
    bodyEn: `The survey “${str(p.titleEn) || str(p.titleZh)}” closes ${date(p.closesAt) ? `on ${date(p.closesAt)}` : "soon"}. Your answers are anonymous.`,
  }),
  "surveyAction.dueSoon": (p) => ({
    titleZh: "改进行动即将到期",
    titleEn: "An action is due soon",
    bodyZh: `改进行动“${str(p.title)}”${date(p.dueOn) ? `将于 ${date(p.dueOn)} 到期` : "即将到期"}，请更新进展。`,
    bodyEn: `The action “${str(p.title)}” is due${date(p.dueOn) ? ` on ${date(p.dueOn)}` : " soon"}; please update its progress.`,
  }),
  "surveyAction.overdue": (p) => ({
    titleZh: "改进行动已逾期",
    titleEn: "An action is overdue",
    bodyZh: `改进行动“${str(p.title)}”${date(p.dueOn) ? `已于 ${date(p.dueOn)} 到期` : "已逾期"}，尚未完成，请更新进展。`,
    bodyEn: `The action “${str(p.title)}” was due${date(p.dueOn) ? ` on ${date(p.dueOn)}` : ""} and is not done; please update its progress.`,
  }),
  "suggestion.reply": () => ({
    titleZh: "您的建议有了答复",
    titleEn: "Your suggestion has a reply",
    bodyZh: "您提交的合理化建议有了新的答复，请登录查看。",
    bodyEn: "There is a new reply to your suggestion; sign in to read it.",
  }),
  "suggestion.status": () => ({
    titleZh: "建议状态更新",
    titleEn: "Suggestion status changed",
    bodyZh: "您提交的合理化建议状态有更新，请登录查看。",
    bodyEn: "The status of your suggestion changed; sign in to see it.",
  }),
  "suggestion.reward": () => ({
    titleZh: "建议获得奖励",
    titleEn: "Your suggestion is rewarded",
    bodyZh: "您的合理化建议被采纳并获得奖励，请登录查看。",
    bodyEn: "Your suggestion was adopted and rewarded; sign in to see it.",
  }),
  "training.nominated": () => ({
    titleZh: "培训报名通知",
    titleEn: "Training enrolment",
    bodyZh: "您已被安排参加一项培训，请登录查看时间与地点。",
    bodyEn: "You have been enrolled in a training session; sign in for the time and place.",
  }),
  "training.promoted": () => ({
    titleZh: "培训候补转正",
    titleEn: "Off the waiting list",
    bodyZh: "有名额空出，您已从候补名单转为正式学员。",
    bodyEn: "A place came free: you are now enrolled in the training session.",
  }),
  "training.sessionCancelled": () => ({
    titleZh: "培训取消",
    titleEn: "Training cancelled",
    bodyZh: "您报名的一场培训已取消。",
    bodyEn: "A training session you were enrolled in has been cancelled.",
  }),
  "training.behaviourRequest": (p) => ({
    titleZh: "请完成培训后行为评估",
    titleEn: "Behaviour assessment requested",
    bodyZh: `请评估您的下属在培训后的行为变化${date(p.dueUntil) ? `，截止 ${date(p.dueUntil)}` : ""}。`,
    bodyEn: `Please assess how a report's behaviour changed after training${date(p.dueUntil) ? ` by ${date(p.dueUntil)}` : ""}.`,
  }),
  "account.roleChanged": () => ({
    titleZh: "您的账户角色已变更",
    titleEn: "Your account's role changed",
    bodyZh: "您的登录账户角色刚刚变更。如果您不知情，请立即联系系统管理员。",
    bodyEn: "The role of your sign-in account was just changed. If you did not expect this, contact the system administrator at once.",
  }),
  "account.passwordChanged": () => ({
    titleZh: "您的密码已更改",
    titleEn: "Your password was changed",
    bodyZh: "您的登录密码刚刚更改，所有已登录的会话已退出。如果不是您本人操作，请立即联系系统管理员。",
    bodyEn:
      "The password of your sign-in account was just changed and every session was signed out. If this was not you, contact the system administrator at once.",
  }),
  "account.passwordReset": () => ({
    titleZh: "重置密码",
    titleEn: "Reset your password",
    bodyZh: "有人为您的账户申请了重置密码。如是您本人，请在 1 小时内打开下面的链接设置新密码（链接只能使用一次）；如不是，请忽略本消息。",
    bodyEn:
      "Someone asked to reset the password of your account. If it was you, open the link below within an hour to set a new one (it works once); if not, ignore this message.",
  }),
  "account.passwordResetRefused": () => ({
    titleZh: "重置密码须由另一位管理员处理",
    titleEn: "Your password reset needs a second admin",
    bodyZh:
      "有人为您的账户申请了自助重置密码。您的账户拥有管理权限，不能自助重置：请联系另一位管理员代为申请，并由第三位管理员批准。如不是您本人操作，请告知系统管理员。",
    bodyEn:
      "Someone asked for a self-service password reset of your account. Accounts with admin rights cannot reset themselves: ask another admin to request the reset, to be approved by a third. If this was not you, tell the system administrator.",
  }),
  "pay.payslipReady": (p) => ({
    titleZh: "您的工资条已生成",
    titleEn: "Your payslip is ready",
    bodyZh: `${str(p.periodCode) ? `${str(p.periodCode)} ` : ""}工资条已生成，可登录查看每一项的计算说明。`,
    bodyEn: `Your payslip${str(p.periodCode) ? ` for ${str(p.periodCode)}` : ""} is ready; sign in to see how each line was computed.`,
  }),
  "account.approvalRequest": () => ({
    titleZh: "账户申请待批准",
    titleEn: "Account request awaiting approval",
    bodyZh: "有一项角色变更或密码重置申请等待另一位管理员批准，请登录处理。",
    bodyEn: "A role change or password reset awaits a second admin's approval; sign in to decide it.",
  }),
  "pay.signOffRequest": (p) => ({
    titleZh: "薪酬核算待您签核",
    titleEn: "Pay run awaiting your sign-off",
    bodyZh: `${str(p.periodCode) ? `${str(p.periodCode)} ` : ""}薪酬核算已复核，请登录核对并签核您所辖单位的明细。`,
    bodyEn: `The pay run${str(p.periodCode) ? ` for ${str(p.periodCode)}` : ""} was reviewed; sign in to check and sign off your units' lines.`,
  }),
  "pay.approvalRequest": (p) => ({
    titleZh: "薪酬核算待审批",
    titleEn: "Pay run awaiting approval",
    bodyZh: `${str(p.periodCode) ? `${str(p.periodCode)} ` : ""}薪酬核算已提交，等待您审批。`,
    bodyEn: `The pay run${str(p.periodCode) ? ` for ${str(p.periodCode)}` : ""} was submitted and awaits your approval.`,
  }),
};

export function messageText(type: string, payload: Payload): MessageText {
  const known = TEXTS[type];
  const text = known
    ? known(payload)
    : type.startsWith("suggestion.")
      ? TEXTS["suggestion.status"](payload)
      : {
          titleZh: "新通知",
          titleEn: "New notification",
          bodyZh: "您有一条新通知，请登录平台查看。",
          bodyEn: "You have a new notification; sign in to see it.",
        };
  const link = str(payload.link);
  return { ...text, ...(link.startsWith("/") ? { link } : {}) };
}
