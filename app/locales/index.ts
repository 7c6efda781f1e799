import auth from "./auth";
import common from "./common";
import integration from "./integration";
import org from "./org";
import surveys from "./surveys";
import suggestions from "./suggestions";
import kpi from "./kpi";
import reports from "./reports";
import pay from "./pay";
import training from "./training";
import careers from "./careers";
import rotations from "./rotations";
import accounts from "./accounts";
import identity from "./identity";
import jobs from "./jobs";
import home from "./home";
import talk from "./talk";
import surveyActions from "./survey-actions";

/** Every message group, merged per language. A new capability adds its group here. */
const groups = [
  common,
  auth,
  org,
  surveys,
  integration,
  suggestions,
  kpi,
  reports,
  pay,
  training,
  careers,
  rotations,
  accounts,
  identity,
  jobs,
  home,
  talk,
  surveyActions,
] as const;

type Merge<G extends readonly { "zh-CN": object }[]> = G extends readonly [
  infer H extends { "zh-CN": object },
  ...infer R extends { "zh-CN": object }[],
]
  ? H["zh-CN"] & Merge<R>
  : unknown;
type Dictionary = Merge<typeof groups>;

export const dictionaries = {
  "zh-CN": Object.assign({}, ...groups.map((g) => g["zh-CN"])) as Dictionary,
  en: Object.assign({}, ...groups.map((g) => g.en)) as Record<keyof Dictionary, string>,
};

export const messageGroups = groups;
