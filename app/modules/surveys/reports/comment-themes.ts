/**
 * Themes of a group's free-text comments, so that a head reads 85 comments as a handful of
 * subjects with counts instead of one long list.
 *
 * 1. Identical or near-identical comments (same text once case, width, spaces and punctuation
 *    are set aside) are collapsed into one entry with how many people wrote it.
 * 2. Each distinct comment gives its keywords (TF-IDF over a general corpus: words frequent in
 *    the comment and rare in ordinary Chinese; the extractor is passed in, see
 *    comment-themes.server.ts). Stop words, single Chinese characters, short English words and
 *    numbers are dropped; a few HR synonyms count as one word. Past a few thousand distinct
 *    comments, themes are looked for among the most written only (step 4 still places all).
 * 3. A keyword written by at least `minSupport` people is a candidate; candidates are ranked by
 *    their summed weight and the best become themes. One that is part of a chosen theme's word
 *    (工资 / 涨工资) joins that theme; one said mostly in the same comments as a chosen theme
 *    makes no theme of its own, but names it when it is a common subject word (培训 rather
 *    than the rarer 演练 said beside it).
 * 4. A comment belongs to every theme one of whose keywords it contains; a comment in none is
 *    "other". Counts are people (a comment written three times counts three), themes are
 *    ordered by count.
 *
 * This runs only on comments the report may show: the caller checks the comment minimum first.
 */

export type Keyword = { keyword: string; weight: number };
/** Keywords of one comment, best first. */
export type KeywordExtractor = (text: string) => Keyword[];

export type CommentEntry = { text: string; count: number; key: string; themes: string[] };
export type CommentTheme = { key: string; label: string; keywords: string[]; count: number };
export type CommentThemes = { total: number; entries: CommentEntry[]; themes: CommentTheme[]; other: number };

export const OTHER_THEME = "other";

const STOP_WORDS = new Set(
  (
    "的 了 和 与 及 或 是 在 有 没有 没 不 也 都 就 还 又 很 太 非常 比较 特别 更 最 越来越 一些 一点 有点 " +
    "我 我们 你 你们 他 他们 她 它 大家 自己 这 那 这个 那个 这些 那些 这样 那样 什么 怎么 如何 为什么 " +
    "希望 建议 能 能够 可以 应该 需要 要 想 觉得 认为 感觉 现在 目前 以前 今年 去年 以后 之后 之前 时候 " +
    "意见 问题 情况 方面 工作 公司 部门 单位 事情 东西 多 少 大 小 好 不好 不够 比 被 把 让 给 对 对于 关于 " +
    "但是 但 而且 因为 所以 如果 虽然 然后 还是 或者 以及 并且 一个 一下 一直 已经 总是 经常 有些 " +
    "the a an and or but if of to in on at for with by from as is are was were be been being am it its " +
    "this that these those there here we our us you your they their them he she his her i me my " +
    "not no nor so too very more most less much many some any all can could should would will shall may might must " +
    "do does did done have has had get got make made just also only really still even than then about into over " +
    "what which who whom how why when where please hope think feel like need needs want wants lot lots thing things " +
    "work company team department people time way better good bad"
  ).split(" "),
);

/** Words that name one subject in HR comments: the first of each group is the theme's name. */
const SYNONYMS: string[][] = [
  ["薪酬", "工资", "薪资", "薪水", "待遇", "收入", "奖金"],
  ["加班", "工作时间", "超时"],
  ["食堂", "饭菜", "伙食"],
  ["晋升", "升职", "提拔"],
  ["培训", "课程"],
  ["pay", "salary", "wage", "bonus"],
  ["overtime", "hour"],
  ["canteen", "food", "lunch"],
  ["promotion", "career"],
  ["training", "course"],
];
/** Words that name a subject of working life: preferred as a theme's name over a rarer word said beside them. */
const SUBJECTS = new Set([
  ...SYNONYMS.map((group) => group[0]),
  ..."考核 绩效 指标 沟通 反馈 领导 管理 团队 氛围 会议 例会 客户 流程 制度 设备 环境 办公 轮岗 发展 任务 分工 协作 配合 支撑 激励 福利 休假 通勤 安全 系统".split(
    " ",
  ),
  ..."appraisal target feedback manager management meeting customer process equipment office workload recognition system".split(" "),
]);
const countIn = (a: Set<number>, b: Set<number>) => [...a].reduce((n, i) => n + (b.has(i) ? 1 : 0), 0);
const SYNONYM_OF = new Map(SYNONYMS.flatMap((group) => group.map((word) => [word, group[0]] as const)));
const SYNONYM_GROUP = new Map(SYNONYMS.map((group) => [group[0], group]));

const LATIN = /^[a-z][a-z'-]*$/;
const HAS_LETTER = /\p{L}/u;

/** The text compared for duplicates: width and case folded, punctuation and spaces dropped. */
export function normaliseComment(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, "");
}

/** Compares a keyword with others: lower case, a plain English plural made singular, a synonym made its group's name. */
export function keywordKey(word: string): string | null {
  let w = word.normalize("NFKC").trim().toLowerCase();
  if (!HAS_LETTER.test(w) || STOP_WORDS.has(w)) return null;
  if (LATIN.test(w)) {
    if (w.length < 3) return null;
    if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
    else if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
    if (STOP_WORDS.has(w)) return null;
  } else if ([...w].length < 2) return null;
  return SYNONYM_OF.get(w) ?? w;
}

/** The words a comment is searched for, for a theme named by `key`. */
function themeWords(keys: string[]): string[] {
  return keys.flatMap((k) => SYNONYM_GROUP.get(k) ?? [k]);
}

/** Whether a comment (its folded text and English words) mentions a word. */
function mentions(folded: string, words: Set<string>, word: string) {
  if (!LATIN.test(word)) return folded.includes(word);
  return words.has(word) || words.has(`${word}s`) || (word.endsWith("y") && words.has(`${word.slice(0, -1)}ies`));
}

/**
 * Collapses identical and near-identical comments, most frequent first, then by text. The text
 * shown is the variant most often written (the first in sort order on a tie), so it does not
 * depend on the order the answers are read in.
 */
export function collapseComments(texts: string[]): { text: string; count: number; key: string }[] {
  const byKey = new Map<string, Map<string, number>>();
  for (const raw of texts) {
    const text = raw.trim().replace(/\s+/g, " ");
    if (!text) continue;
    const key = normaliseComment(text) || text;
    const variants = byKey.get(key) ?? new Map<string, number>();
    variants.set(text, (variants.get(text) ?? 0) + 1);
    byKey.set(key, variants);
  }
  return [...byKey]
    .map(([key, variants]) => {
      const [text] = [...variants].sort((a, b) => b[1] - a[1] || byText(a[0], b[0]))[0];
      return { text, key, count: [...variants.values()].reduce((sum, n) => sum + n, 0) };
    })
    .sort((a, b) => b.count - a.count || byText(a.text, b.text));
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export type ThemeOptions = {
  maxThemes?: number;
  minSupport?: number;
  keywordsPerComment?: number;
  /** Themes are found among this many distinct comments (the most written first); every comment is then placed. */
  maxSearched?: number;
};

/** Themes of one group's comments, every comment placed in its themes or in "other". */
export function buildCommentThemes(texts: string[], extract: KeywordExtractor, options: ThemeOptions = {}): CommentThemes {
  const { maxThemes = 12, minSupport = 2, keywordsPerComment = 8, maxSearched = 3000 } = options;
  const collapsed = collapseComments(texts);
  const total = collapsed.reduce((sum, c) => sum + c.count, 0);

  // Candidates: keyword → summed weight and the comments (indexes) that gave it.
  const candidates = new Map<string, { weight: number; people: number; comments: Set<number> }>();
  collapsed.slice(0, maxSearched).forEach((comment, index) => {
    const seen = new Set<string>();
    for (const { keyword, weight } of extract(comment.text).slice(0, keywordsPerComment)) {
      const key = keywordKey(keyword);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const c = candidates.get(key) ?? { weight: 0, people: 0, comments: new Set<number>() };
      c.weight += weight * comment.count;
      c.people += comment.count;
      c.comments.add(index);
      candidates.set(key, c);
    }
  });

  const ranked = [...candidates]
    .filter(([, c]) => c.people >= minSupport)
    .sort((a, b) => b[1].weight - a[1].weight || (a[0] < b[0] ? -1 : 1));
  const chosen: { key: string; keywords: string[]; comments: Set<number> }[] = [];
  for (const [key, c] of ranked) {
    if (chosen.length >= maxThemes) break;
    // Part of a chosen theme's word (工资 / 涨工资): the same subject, searched for too.
    const part = chosen.find((t) => t.keywords.some((k) => !LATIN.test(k) && !LATIN.test(key) && (k.includes(key) || key.includes(k))));
    if (part) {
      part.keywords.push(key);
      for (const i of c.comments) part.comments.add(i);
      continue;
    }
    // Said mostly in the same comments as a chosen theme: no theme of its own, but a subject
    // word names the theme better than whatever rare word ranked first (培训 over 演练).
    const beside = chosen.find((t) => countIn(c.comments, t.comments) >= 0.6 * c.comments.size);
    if (beside) {
      if (SUBJECTS.has(key) && !SUBJECTS.has(beside.key)) {
        beside.key = key;
        beside.keywords.unshift(key);
        for (const i of c.comments) beside.comments.add(i);
      }
      continue;
    }
    chosen.push({ key, keywords: [key], comments: new Set(c.comments) });
  }

  const searched = chosen.map((t) => ({ key: t.key, words: themeWords(t.keywords) }));
  const entries: CommentEntry[] = collapsed.map((comment) => {
    const folded = comment.text.normalize("NFKC").toLowerCase();
    const words = new Set(folded.match(/[a-z][a-z'-]*/g) ?? []);
    const themes = searched.filter((t) => t.words.some((w) => mentions(folded, words, w))).map((t) => t.key);
    return { ...comment, themes };
  });

  const themes = chosen
    .map((t) => ({
      key: t.key,
      label: t.key,
      keywords: t.keywords,
      count: entries.reduce((sum, e) => sum + (e.themes.includes(t.key) ? e.count : 0), 0),
    }))
    .filter((t) => t.count >= minSupport)
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
  const kept = new Set(themes.map((t) => t.key));
  for (const e of entries) e.themes = e.themes.filter((k) => kept.has(k));
  const other = entries.reduce((sum, e) => sum + (e.themes.length === 0 ? e.count : 0), 0);
  return { total, entries, themes, other };
}

export type CommentQuery = { theme: string | null; q: string; limit: number };

/** The entries a reader asked for: one theme (or "other"), text containing the search, the first `limit`. */
export function selectComments(themes: CommentThemes, query: CommentQuery) {
  const needle = normaliseComment(query.q);
  const matching = themes.entries.filter(
    (e) =>
      (query.theme === null || (query.theme === OTHER_THEME ? e.themes.length === 0 : e.themes.includes(query.theme))) &&
      (!needle || e.key.includes(needle)),
  );
  return {
    entries: matching.slice(0, query.limit).map((e) => ({ text: e.text, count: e.count })),
    matching: matching.length,
    people: matching.reduce((sum, e) => sum + e.count, 0),
  };
}
