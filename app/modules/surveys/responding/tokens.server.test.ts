import { beforeAll, describe, expect, it } from "vitest";
import { blindToken, finishToken } from "~/modules/anonymity/blind-client";
import { db } from "~/utils/db.server";
import { client, demoOrg, ORIGIN, signedIn, testApp, userFor } from "../../../../test/utils";
import { fastBlind, fastFinish } from "../../../../test/blind-client";
import { takeToken } from "../../../../test/survey-answering";
import { createSurvey, launchSurvey } from "../campaigns/campaigns.server";
import { prepareTokenKeys, signToken, spendToken, tokenKeyFor } from "./tokens.server";

const DAY = 86_400_000;
let org: Awaited<ReturnType<typeof demoOrg>>;
let hr: string;
const answers = { "pay-01": 2, "col-01": 4, "mgt-04": 3, "trn-02": 3, "car-01": 2, "ovr-01": 3, "ovr-05": 7 };

async function openPulse(unitCode: string, cuts: ("unit" | "track" | "tenure")[] = ["unit", "track"]) {
  const survey = await createSurvey(db, hr, {
    templateId: "pulse",
    opensAt: new Date(Date.now() - DAY),
    closesAt: new Date(Date.now() + 7 * DAY),
    population: { unitIds: [org.unitId.get(unitCode)!], tracks: [] },
    cuts,
  });
  await launchSurvey(db, hr, survey.id);
  return survey.id;
}

beforeAll(async () => {
  org = await demoOrg();
  hr = org.userId.get("E000003")!;
});

describe("response tokens", () => {
  it("are made by the browser module (the library's blinding) and accepted by the server", async () => {
    const surveyId = await openPulse("JC-GE-FIN");
    const employeeId = org.employeeId.get("E000004")!;
    const key = await tokenKeyFor(db, surveyId, employeeId);
    if (!key.ok) throw new Error(key.reason);
    const pending = await blindToken(key.keyId, key.publicKey);
    const signed = await signToken(db, { surveyId, employeeId, keyId: key.keyId, blinded: pending.blinded });
    if (!signed.ok) throw new Error(signed.reason);
    const token = await finishToken(pending, signed.blindSignature);
    expect(await spendToken(db, { surveyId, ...token, answers })).toMatchObject({ ok: true });
  });

  it("get their cells' signing keys from the background job, before anyone asks", async () => {
    const surveyId = await openPulse("JC-GE-ENT");
    const cells = await db.surveyParticipation.findMany({ where: { surveyId }, distinct: ["cell"], select: { cell: true } });
    expect(await db.surveyTokenKey.count({ where: { surveyId } })).toBe(0);
    expect(await prepareTokenKeys(db)).toBeGreaterThanOrEqual(cells.length);
    expect(await db.surveyTokenKey.count({ where: { surveyId } })).toBe(cells.length);
    expect(await prepareTokenKeys(db)).toBe(0);
    // The first respondent gets the key made in advance.
    const employee = await db.surveyParticipation.findFirstOrThrow({ where: { surveyId }, select: { employeeId: true, cell: true } });
    const key = await tokenKeyFor(db, surveyId, employee.employeeId);
    if (!key.ok) throw new Error(key.reason);
    expect(await db.surveyTokenKey.findUniqueOrThrow({ where: { id: key.keyId }, select: { cell: true } })).toEqual({
      cell: employee.cell,
    });
  });

  it("cannot be spent twice, for another survey, or under another cell's key", async () => {
    const surveyId = await openPulse("JC-GE");
    const other = await openPulse("JC-GE");
    const [a, b] = await db.employee.findMany({ where: { unitId: org.unitId.get("JC-GE-FIN") }, orderBy: { employeeNo: "asc" }, take: 2 });
    const token = await takeToken(db, surveyId, a.id);
    if ("ok" in token) throw new Error(token.reason);

    expect(await spendToken(db, { surveyId: other, ...token, answers })).toEqual({ ok: false, reason: "badToken" });
    // A cell of another track or unit has its own key: the signature does not verify under it.
    const outsider = await db.employee.findFirstOrThrow({ where: { unitId: org.unitId.get("JC-GE-GOV") } });
    const foreignKey = await tokenKeyFor(db, surveyId, outsider.id);
    if (!foreignKey.ok) throw new Error(foreignKey.reason);
    expect(foreignKey.keyId).not.toBe(token.keyId);
    expect(await spendToken(db, { surveyId, ...token, keyId: foreignKey.keyId, answers })).toEqual({ ok: false, reason: "badToken" });
    // A forged or altered token.
    const flipped = token.token.slice(0, -2) + (token.token.endsWith("A") ? "BA" : "AA");
    expect(await spendToken(db, { surveyId, ...token, token: flipped, answers })).toEqual({ ok: false, reason: "badToken" });

    expect(await spendToken(db, { surveyId, ...token, answers })).toMatchObject({ ok: true });
    expect(await spendToken(db, { surveyId, ...token, answers })).toEqual({ ok: false, reason: "alreadyAnswered" });
    expect(await db.surveyResponse.count({ where: { surveyId } })).toBe(1);

    // One token per person: a second blinded value is refused, the same one is signed again.
    const key = await tokenKeyFor(db, surveyId, b.id);
    if (!key.ok) throw new Error(key.reason);
    const first = await fastBlind(key.keyId, key.publicKey);
    const signed = await signToken(db, { surveyId, employeeId: b.id, keyId: key.keyId, blinded: first.blinded });
    const again = await signToken(db, { surveyId, employeeId: b.id, keyId: key.keyId, blinded: first.blinded });
    expect(again).toEqual(signed);
    const second = await fastBlind(key.keyId, key.publicKey);
    expect(await signToken(db, { surveyId, employeeId: b.id, keyId: key.keyId, blinded: second.blinded })).toEqual({
      ok: false,
      reason: "alreadyTaken",
    });
    expect(await tokenKeyFor(db, surveyId, b.id)).toEqual({ ok: false, reason: "alreadyTaken" });
    // Nor can one person ask with another cell's key.
    const c = await db.employee.findFirstOrThrow({ where: { unitId: org.unitId.get("JC-GE-FIN"), id: { notIn: [a.id, b.id] } } });
    const third = await fastBlind(foreignKey.keyId, foreignKey.publicKey);
    expect(await signToken(db, { surveyId, employeeId: c.id, keyId: foreignKey.keyId, blinded: third.blinded })).toEqual({
      ok: false,
      reason: "badRequest",
    });
  });

  it("files the answers under the cell the key attests, and nothing else", async () => {
    const surveyId = await openPulse("JC-GE-FIN", ["unit", "track"]);
    const employee = await db.employee.findUniqueOrThrow({ where: { id: org.employeeId.get("E000004")! } });
    const token = await takeToken(db, surveyId, employee.id);
    if ("ok" in token) throw new Error(token.reason);
    await spendToken(db, { surveyId, ...token, answers });
    const row = await db.surveyResponse.findFirstOrThrow({ where: { surveyId } });
    expect(row).toMatchObject({ unitId: employee.unitId, track: employee.track, tenureBand: null });
    const key = await db.surveyTokenKey.findUniqueOrThrow({ where: { id: token.keyId } });
    expect(key.privateKey).not.toContain("PRIVATE");
    expect(key.privateKey.startsWith("v1.")).toBe(true); // sealed under the server secret
  });
});

describe("the two requests, over HTTP", () => {
  it("share no cookie, header or value but the cell's key id; the answer request's cookie is ignored", async () => {
    const app = await testApp();
    const surveyId = await openPulse("JC-GE-FIN");
    const employee = await signedIn(app, await userFor("E000004"));
    const tokenRequests: { headers: Headers; body: string }[] = [];
    const post = async (body: unknown) => {
      const init = {
        method: "POST",
        headers: new Headers({ Cookie: employee.cookie!, Origin: ORIGIN, "Content-Type": "application/json" }),
        body: JSON.stringify(body),
      };
      tokenRequests.push({ headers: init.headers, body: init.body });
      return (await (await app.request(`/surveys/${surveyId}/token`, init)).json()) as Record<string, string>;
    };
    const key = await post({ intent: "key" });
    const pending = await fastBlind(key.keyId, key.publicKey);
    const signed = await post({ intent: "sign", keyId: key.keyId, blinded: pending.blinded });
    const token = await fastFinish(pending, signed.blindSignature);

    const body = new URLSearchParams(Object.entries(answers).map(([k, v]) => [k, String(v)]));
    const answerHeaders = new Headers({
      Origin: ORIGIN,
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Anonymous-Token": `${token.keyId}.${token.token}.${token.signature}`,
    });
    const answerRequest = { headers: answerHeaders, body: body.toString() };

    // Nothing of one request appears in the other, but the key id every member of the cell shares.
    const valuesOf = (r: { headers: Headers; body: string }) => [...r.headers.values(), r.body].join("\n");
    const tokenSide = tokenRequests.map(valuesOf).join("\n");
    for (const value of [token.token, token.signature]) expect(tokenSide).not.toContain(value);
    for (const value of [pending.blinded, signed.blindSignature, employee.cookie!.split("=")[1]])
      expect(valuesOf(answerRequest)).not.toContain(value);
    expect(answerHeaders.has("cookie")).toBe(false);

    // Even if a browser sent the session along, the anonymous path neither reads nor renews it.
    const sessions = async () => JSON.stringify(await db.session.findMany({ orderBy: { id: "asc" } }));
    // Due for renewal: any request that read this session would extend it.
    await db.session.updateMany({
      where: { id: employee.cookie!.split("=")[1].split(".")[0] },
      data: { expiresAt: new Date(Date.now() + 3600_000) },
    });
    const before = await sessions();
    const withCookie = new Headers(answerHeaders);
    withCookie.set("Cookie", employee.cookie!);
    const response = await app.request(`/anon/surveys/${surveyId}/responses`, {
      method: "POST",
      headers: withCookie,
      body: answerRequest.body,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Set-Cookie")).toBeNull();
    expect(await sessions()).toBe(before);
    // (A page request with the same cookie does renew it: the check above can see a renewal.)
    expect((await employee.get("/surveys")).headers.get("Set-Cookie")).toMatch(/^session=/);
    expect(await sessions()).not.toBe(before);
    // A second spend, from anyone, is refused.
    const again = await client(app).post(`/anon/surveys/${surveyId}/responses`, body, {
      headers: { "X-Anonymous-Token": answerHeaders.get("X-Anonymous-Token")! },
    });
    expect(again.status).toBe(409);
  });
});
