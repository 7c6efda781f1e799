import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState, FormErrors, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { isInScope, may } from "~/modules/auth/scope";
import { listUnits } from "~/modules/org/units.server";
import { applicationsInScope, decideApplication, submitApplication } from "~/modules/rotations/applications.server";
import { createOpening, getProgramme } from "~/modules/rotations/programmes.server";
import { ROTATION_TYPES } from "~/modules/rotations/rules";
import { ApplicationDecisionSchema, NominateSchema, OpeningSchema } from "~/modules/rotations/schemas";
import { db } from "~/utils/db.server";
import { domainError } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "rotation.host");
  const { id } = parseParams(args.params, idParam);
  const programme = await getProgramme(db, id);
  invariantResponse(programme, 404);
  const [applications, units] = await Promise.all([applicationsInScope(db, user, id), may(user, "rotation.manage") ? listUnits(db, user) : []]);
  return {
    programme: { ...programme, openings: programme.openings.map(({ hostUnit: { path: _p, ...unit }, ...o }) => ({ ...o, hostUnit: unit })) },
    applications: applications.map((a) => ({
      ...a,
      mayHome: user.role === "hr_admin" || isInScope(user, a.employee.unit.path),
      mayHost: user.role === "hr_admin" || isInScope(user, a.opening.hostUnit.path),
    })),
    units: units.map((u) => ({ id: u.id, nameZh: u.nameZh, nameEn: u.nameEn, depth: u.depth })),
    canManage: may(user, "rotation.manage"),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "rotation.host");
  const { id } = parseParams(args.params, idParam);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  const fail = (errors: string[], target: string) => data({ errors, target }, { status: 400 });
  try {
    if (intent === "opening") {
      const manager = requirePermission(args, "rotation.manage");
      const s = parseWithZod(formData, { schema: OpeningSchema });
      if (s.status !== "success") return fail(Object.values(s.reply().error ?? {}).flatMap((e) => e ?? []), "opening");
      invariantResponse(await getProgramme(db, id), 404);
      const { intent: _i, ...input } = s.value;
      await createOpening(db, manager.userId, id, input);
      return redirectWithFlash(`/rotations/programmes/${id}`, { kind: "success", message: "rotations.openingCreated" });
    }
    if (intent === "nominate") {
      const s = parseWithZod(formData, { schema: NominateSchema });
      if (s.status !== "success") return fail(Object.values(s.reply().error ?? {}).flatMap((e) => e ?? []), "nominate");
      const employee = await db.employee.findUnique({ where: { employeeNo: s.value.employeeNo }, select: { id: true } });
      if (!employee) return fail(["rotations.errors.unknownEmployee"], "nominate");
      const saved = await submitApplication(db, user, { openingId: s.value.openingId, employeeId: employee.id, proposedStart: s.value.proposedStart, motivation: s.value.motivation, source: "nomination" });
      if (!saved) return fail(["rotations.errors.notYourStaff"], "nominate");
      return redirectWithFlash(`/rotations/programmes/${id}`, { kind: "success", message: "rotations.nominated" });
    }
    const s = parseWithZod(formData, { schema: ApplicationDecisionSchema });
    if (s.status !== "success") return fail(Object.values(s.reply().error ?? {}).flatMap((e) => e ?? []), String(formData.get("applicationId") ?? ""));
    const result = await decideApplication(db, user, s.value);
    invariantResponse(result, 404);
    return redirectWithFlash(`/rotations/programmes/${id}`, { kind: "success", message: result.outcome === "approved" ? "rotations.applicationApproved" : "rotations.decisionSaved" });
  } catch (error) {
    return fail([domainError(error).message], String(formData.get("applicationId") ?? intent ?? ""));
  }
}

export default function Programme() {
  const t = useT();
  const locale = useLocale();
  const name = (n: { nameZh: string; nameEn: string }) => (locale === "en" ? n.nameEn : n.nameZh);
  const { programme, applications, units, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errorsFor = (target: string) => (result && result.target === target ? result.errors : undefined);
  return (
    <section>
      <PageHeader title={programme.name} actions={<Link to="/rotations">{t("rotations.title")}</Link>}>
        <p>{programme.description}</p>
        <p>
          {t("rotations.rules", { months: programme.minMonthsInPost })} · {programme.tracks.length ? programme.tracks.map((tr) => t(`track.${tr}`)).join("、") : t("rotations.allTracks")}
        </p>
      </PageHeader>
      <div className="panel">
        <h2>{t("rotations.openings")}</h2>
        {programme.openings.length === 0 ? (
          <EmptyState>{t("rotations.noOpenings")}</EmptyState>
        ) : (
          <table className="data-table" data-testid="openings">
            <thead>
              <tr>
                <th scope="col">{t("rotations.opening")}</th>
                <th scope="col">{t("rotations.hostUnit")}</th>
                <th scope="col">{t("rotations.typeLabel")}</th>
                <th scope="col" className="num">{t("rotations.months")}</th>
                <th scope="col" className="num">{t("rotations.placesTaken")}</th>
              </tr>
            </thead>
            <tbody>
              {programme.openings.map((o) => (
                <tr key={o.id}>
                  <td>
                    {o.title}
                    <br />
                    <small>{o.description}</small>
                  </td>
                  <td>{name(o.hostUnit)}</td>
                  <td>{t(`rotations.type.${o.type}`)}</td>
                  <td className="num">{o.months}</td>
                  <td className="num">{`${o._count.assignments} / ${o.capacity}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="panel">
        <h2>{t("rotations.applications")}</h2>
        {applications.length === 0 ? (
          <EmptyState>{t("rotations.noApplications")}</EmptyState>
        ) : (
          <table className="data-table" data-testid="applications">
            <thead>
              <tr>
                <th scope="col">{t("rotations.employee")}</th>
                <th scope="col">{t("rotations.opening")}</th>
                <th scope="col">{t("rotations.homeSide")}</th>
                <th scope="col">{t("rotations.hostSide")}</th>
                <th scope="col">{t("rotations.statusLabel")}</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <td>
                    {a.employee.name} · {a.employee.employeeNo}
                    <br />
                    <small>
                      {name(a.employee.unit)} · {t(`rotations.source.${a.source}`)}
                    </small>
                    <br />
                    <small>{a.motivation}</small>
                  </td>
                  <td>
                    {a.opening.title}
                    <br />
                    <small>{name(a.opening.hostUnit)}</small>
                  </td>
                  {(["home", "host"] as const).map((side) => {
                    const decision = side === "home" ? a.homeDecision : a.hostDecision;
                    const may = side === "home" ? a.mayHome : a.mayHost;
                    return (
                      <td key={side}>
                        {t(`rotations.decision.${decision}`)}
                        {a.status === "pending" && decision === "pending" && may ? (
                          <Form method="post" className="stack">
                            <input type="hidden" name="intent" value="decide" />
                            <input type="hidden" name="applicationId" value={a.id} />
                            <input type="hidden" name="side" value={side} />
                            <textarea name="comment" rows={1} aria-label={t("rotations.comment")} placeholder={t("rotations.commentHint")} />
                            <span>
                              <button type="submit" name="decision" value="approved">
                                {t("rotations.approve")}
                              </button>{" "}
                              <button type="submit" name="decision" value="rejected" className="danger">
                                {t("rotations.reject")}
                              </button>
                            </span>
                          </Form>
                        ) : null}
                      </td>
                    );
                  })}
                  <td>
                    {t(`rotations.applicationStatus.${a.status}`)}
                    {a.assignmentId ? (
                      <>
                        <br />
                        <Link to={`/rotations/assignments/${a.assignmentId}`}>{t("rotations.viewAssignment")}</Link>
                      </>
                    ) : null}
                    {a.decisionComment ? (
                      <>
                        <br />
                        <small>{a.decisionComment}</small>
                      </>
                    ) : null}
                    <FormErrors errors={errorsFor(a.id)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {programme.status === "open" && programme.openings.length ? (
        <div className="panel">
          <h2>{t("rotations.nominateTitle")}</h2>
          <Form method="post" className="grid-form">
            <input type="hidden" name="intent" value="nominate" />
            <div className="field">
              <label htmlFor="n-opening">{t("rotations.opening")}</label>
              <select id="n-opening" name="openingId" required>
                {programme.openings.map((o) => (
                  <option key={o.id} value={o.id}>{`${o.title} · ${name(o.hostUnit)}`}</option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="n-no">{t("rotations.employeeNo")}</label>
              <input id="n-no" name="employeeNo" required maxLength={20} />
            </div>
            <div className="field">
              <label htmlFor="n-start">{t("rotations.proposedStart")}</label>
              <input id="n-start" name="proposedStart" type="date" required />
            </div>
            <div className="field">
              <label htmlFor="n-why">{t("rotations.motivation")}</label>
              <textarea id="n-why" name="motivation" rows={2} required maxLength={2000} />
            </div>
            <FormErrors errors={errorsFor("nominate")} />
            <button type="submit">{t("rotations.nominate")}</button>
          </Form>
        </div>
      ) : null}
      {canManage ? (
        <div className="panel">
          <h2>{t("rotations.newOpening")}</h2>
          <Form method="post" className="grid-form">
            <input type="hidden" name="intent" value="opening" />
            <div className="field">
              <label htmlFor="o-unit">{t("rotations.hostUnit")}</label>
              <select id="o-unit" name="hostUnitId" required>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>{`${"— ".repeat(u.depth)}${name(u)}`}</option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="o-title">{t("rotations.opening")}</label>
              <input id="o-title" name="title" required maxLength={100} />
            </div>
            <div className="field">
              <label htmlFor="o-desc">{t("rotations.description")}</label>
              <textarea id="o-desc" name="description" rows={2} maxLength={2000} />
            </div>
            <div className="field">
              <label htmlFor="o-type">{t("rotations.typeLabel")}</label>
              <select id="o-type" name="type" required>
                {ROTATION_TYPES.map((ty) => (
                  <option key={ty} value={ty}>
                    {t(`rotations.type.${ty}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="o-cap">{t("rotations.capacity")}</label>
              <input id="o-cap" name="capacity" type="number" min={1} max={50} defaultValue={1} required />
            </div>
            <div className="field">
              <label htmlFor="o-months">{t("rotations.months")}</label>
              <input id="o-months" name="months" type="number" min={1} max={36} defaultValue={6} required />
            </div>
            <FormErrors errors={errorsFor("opening")} />
            <button type="submit" className="primary">
              {t("common.create")}
            </button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
