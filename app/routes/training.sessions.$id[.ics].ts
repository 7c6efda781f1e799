import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { getSession } from "~/modules/training/catalogue/catalogue.server";
import { sessionCalendar } from "~/modules/training/sessions/calendar";
import { db } from "~/utils/db.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";

/** A session as a calendar file, for anyone who may open the session's page. */
export async function loader(args: LoaderFunctionArgs) {
  requireUser(args);
  const { id } = parseParams(args.params, idParam);
  const session = await getSession(db, id);
  invariantResponse(session, 404);
  const en = args.context.locale === "en";
  const ics = sessionCalendar(
    {
      id: session.id,
      title: en ? session.course.titleEn : session.course.titleZh,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      place: session.place,
      trainer: session.trainer,
      description: `${new URL(args.request.url).origin}/training/sessions/${session.id}`,
    },
    new URL(args.request.url).hostname,
  );
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="training-${session.id}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
