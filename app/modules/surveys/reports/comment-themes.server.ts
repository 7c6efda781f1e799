import { createHash } from "node:crypto";
import { Jieba, TfIdf } from "@node-rs/jieba";
import { dict, idf } from "@node-rs/jieba/dict.js";
import type { Db } from "~/utils/db.server";
import { rows } from "~/utils/sql.server";
import { BoundedMap } from "~/utils/bounded-map";
import { allItemComments } from "../queries.server";
import { buildCommentThemes, OTHER_THEME, selectComments, type CommentThemes, type KeywordExtractor } from "./comment-themes";
import type { CommentsQuery } from "./report-query";

let extractor: KeywordExtractor | null = null;

/**
 * Keywords of a comment by jieba's TF-IDF (segmentation and the general-corpus IDF table that ship
 * with the package; nothing leaves the process). Loaded on first use, once: about a second.
 */
export function commentKeywords(): KeywordExtractor {
  if (!extractor) {
    const jieba = Jieba.withDict(dict);
    const tfIdf = TfIdf.withDict(idf);
    extractor = (text) => tfIdf.extractKeywords(jieba, text, 12);
  }
  return extractor;
}

/** A closed survey's comments never change: themes are kept per survey, subtree and item. */
const kept = new BoundedMap<string, Promise<CommentThemes>>(200);

/**
 * The themes of one text item's comments in a subtree (null: the whole organisation). Only for
 * a group whose comments the report may show: the caller checks the comment minimum.
 */
export function itemCommentThemes(db: Db, surveyId: string, itemId: string, unitIds: string[] | null) {
  const scope =
    unitIds === null
      ? "org"
      : createHash("sha256")
          .update(JSON.stringify([...unitIds].sort()))
          .digest("base64url");
  const cacheKey = `${surveyId}\u0000${scope}\u0000${itemId}`;
  let found = kept.get(cacheKey);
  if (!found) {
    const scoped = unitIds !== null;
    found = rows(db, allItemComments(scoped), [surveyId, itemId, ...(scoped ? [JSON.stringify(unitIds)] : [])]).then((answers) =>
      buildCommentThemes(
        answers.map((a) => a.text),
        commentKeywords(),
      ),
    );
    kept.set(cacheKey, found);
    found.catch(() => kept.delete(cacheKey));
  }
  return found;
}

export const COMMENTS_PAGE = 20;

type TextItem = { id: string; textZh: string; textEn: string };

/**
 * The comments section of a report whose group may show comments: per text item its themes
 * with counts, and the comments the reader asked for (one item's theme, a search over all
 * items, the first `shown` of each list, 20 more at a time).
 */
export async function reportComments(db: Db, surveyId: string, items: TextItem[], unitIds: string[] | null, query: CommentsQuery) {
  return Promise.all(
    items.map(async (item) => {
      const themes = await itemCommentThemes(db, surveyId, item.id, unitIds);
      const wanted = query.themes[item.id] ?? null;
      const theme = wanted === OTHER_THEME || themes.themes.some((t) => t.key === wanted) ? wanted : null;
      const limit = query.shown[item.id] ?? COMMENTS_PAGE;
      const selected = selectComments(themes, { theme, q: query.q, limit });
      return {
        itemId: item.id,
        textZh: item.textZh,
        textEn: item.textEn,
        total: themes.total,
        themes: themes.themes.map((t) => ({ key: t.key, label: t.label, count: t.count })),
        other: themes.other,
        theme,
        shown: selected.entries,
        matching: selected.matching,
        people: selected.people,
        limit,
      };
    }),
  );
}
