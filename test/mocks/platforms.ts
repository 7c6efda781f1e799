import { http, HttpResponse } from "msw";

/**
 * WeCom and DingTalk as their documentation describes them: an app access token from the
 * corp id and secret, errcode 0 on success and the documented error codes otherwise.
 * `fail` queues errcodes that the next calls of an endpoint answer with.
 */
export function weComPlatform(options: { corpId: string; secret: string; members: Record<string, string> }) {
  const issued = new Set<string>();
  const sent: { touser: string; agentid: number; msgtype: string; textcard?: { title: string; description: string; url: string } }[] = [];
  const failSend: { errcode: number; errmsg: string }[] = [];
  let tokenCalls = 0;
  let n = 0;
  const handlers = [
    http.get("https://qyapi.weixin.qq.com/cgi-bin/gettoken", ({ request }) => {
      tokenCalls++;
      const url = new URL(request.url);
      if (url.searchParams.get("corpid") !== options.corpId) return HttpResponse.json({ errcode: 40013, errmsg: "invalid corpid" });
      if (url.searchParams.get("corpsecret") !== options.secret) return HttpResponse.json({ errcode: 40001, errmsg: "invalid credential" });
      const token = `wecom-token-${++n}`;
      issued.add(token);
      return HttpResponse.json({ errcode: 0, errmsg: "ok", access_token: token, expires_in: 7200 });
    }),
    http.get("https://qyapi.weixin.qq.com/cgi-bin/auth/getuserinfo", ({ request }) => {
      const url = new URL(request.url);
      if (!issued.has(url.searchParams.get("access_token") ?? ""))
        return HttpResponse.json({ errcode: 40014, errmsg: "invalid access_token" });
      const code = url.searchParams.get("code") ?? "";
      if (code.startsWith("outsider-")) return HttpResponse.json({ errcode: 0, errmsg: "ok", openid: "OPENID", external_userid: "wmEXT" });
      const userid = options.members[code];
      if (!userid) return HttpResponse.json({ errcode: 40029, errmsg: "invalid code" });
      delete options.members[code]; // a code works once
      return HttpResponse.json({ errcode: 0, errmsg: "ok", userid, user_ticket: "TICKET", expires_in: 1800 });
    }),
    http.post("https://qyapi.weixin.qq.com/cgi-bin/message/send", async ({ request }) => {
      const url = new URL(request.url);
      if (!issued.has(url.searchParams.get("access_token") ?? ""))
        return HttpResponse.json({ errcode: 40014, errmsg: "invalid access_token" });
      const failure = failSend.shift();
      if (failure) return HttpResponse.json(failure);
      const body = (await request.json()) as (typeof sent)[number];
      sent.push(body);
      return HttpResponse.json({
        errcode: 0,
        errmsg: "ok",
        invaliduser: "",
        invalidparty: "",
        invalidtag: "",
        unlicenseduser: "",
        msgid: `msg${sent.length}`,
        response_code: "",
      });
    }),
  ];
  return {
    handlers,
    sent,
    tokenCalls: () => tokenCalls,
    /** Makes every issued token stale, as after 7200 s. */
    expireTokens: () => issued.clear(),
    failNextSend: (...errors: { errcode: number; errmsg: string }[]) => failSend.push(...errors),
  };
}

export function dingTalkPlatform(options: {
  appKey: string;
  secret: string;
  unionIds: Record<string, string>;
  members: Record<string, string>;
}) {
  const issued = new Set<string>();
  const userTokens = new Map<string, string>();
  const sent: { agent_id: number; userid_list: string; msg: { msgtype: string; markdown: { title: string; text: string } } }[] = [];
  const failSend: { errcode: number; errmsg: string }[] = [];
  let n = 0;
  const handlers = [
    http.get("https://oapi.dingtalk.com/gettoken", ({ request }) => {
      const url = new URL(request.url);
      if (url.searchParams.get("appkey") !== options.appKey || url.searchParams.get("appsecret") !== options.secret)
        return HttpResponse.json({ errcode: 40089, errmsg: "不合法的corpid或corpsecret" });
      const token = `ding-token-${++n}`;
      issued.add(token);
      return HttpResponse.json({ errcode: 0, errmsg: "ok", access_token: token, expires_in: 7200 });
    }),
    http.post("https://api.dingtalk.com/v1.0/oauth2/userAccessToken", async ({ request }) => {
      const body = (await request.json()) as { clientId: string; clientSecret: string; code: string; grantType: string };
      if (body.clientId !== options.appKey || body.clientSecret !== options.secret)
        return HttpResponse.json(
          { code: "invalidClientIdOrSecret", message: "无效的clientId或者clientSecret", requestid: "r1" },
          { status: 400 },
        );
      const unionId = options.unionIds[body.code];
      if (!unionId || body.grantType !== "authorization_code")
        return HttpResponse.json({ code: "invalidAuthCode", message: "不合法的临时授权码", requestid: "r2" }, { status: 400 });
      delete options.unionIds[body.code];
      const accessToken = `user-${++n}`;
      userTokens.set(accessToken, unionId);
      return HttpResponse.json({ accessToken, refreshToken: "R", expireIn: 7200, corpId: "dingcorp" });
    }),
    http.get("https://api.dingtalk.com/v1.0/contact/users/me", ({ request }) => {
      const unionId = userTokens.get(request.headers.get("x-acs-dingtalk-access-token") ?? "");
      if (!unionId)
        return HttpResponse.json({ code: "InvalidAuthentication", message: "不合法的access_token", requestid: "r3" }, { status: 401 });
      return HttpResponse.json({ nick: "张伟", unionId, openId: "OPEN", stateCode: "86" });
    }),
    http.post("https://oapi.dingtalk.com/topapi/user/getbyunionid", async ({ request }) => {
      const url = new URL(request.url);
      if (!issued.has(url.searchParams.get("access_token") ?? ""))
        return HttpResponse.json({ errcode: 88, errmsg: "不合法的access_token" });
      const { unionid } = (await request.json()) as { unionid: string };
      const userid = options.members[unionid];
      if (!userid) return HttpResponse.json({ errcode: 60121, errmsg: "找不到该用户", request_id: "x" });
      return HttpResponse.json({ errcode: 0, errmsg: "ok", result: { contact_type: 0, userid }, request_id: "y" });
    }),
    http.post("https://oapi.dingtalk.com/topapi/message/corpconversation/asyncsend_v2", async ({ request }) => {
      const url = new URL(request.url);
      if (!issued.has(url.searchParams.get("access_token") ?? ""))
        return HttpResponse.json({ errcode: 88, errmsg: "不合法的access_token" });
      const failure = failSend.shift();
      if (failure) return HttpResponse.json(failure);
      sent.push((await request.json()) as (typeof sent)[number]);
      return HttpResponse.json({ errcode: 0, errmsg: "ok", task_id: 256271667526, request_id: "z" });
    }),
  ];
  return {
    handlers,
    sent,
    expireTokens: () => issued.clear(),
    failNextSend: (...errors: { errcode: number; errmsg: string }[]) => failSend.push(...errors),
  };
}
