// AppAuth-JS (@openid/appauth, the JavaScript member of the AppAuth family that native apps use) against an
// opted-in public client, in Node: discovery, an authorization request with PKCE built by AppAuth, the code
// exchange, refreshes and token revocation through AppAuth's own token request handler and Node requestor. The
// login page between authorization request and code is filled in over plain HTTP, as a browser would.
// Checks: every refresh rotates within one family; a retry of a refresh whose response was lost gets the same
// tokens (grace); a thief's reuse of a consumed token revokes the family, so the app's next refresh through AppAuth
// fails; AppAuth's revocation of a refresh token ends that login.
// Usage: node appauth.mjs <keycloakBaseUrl> <clientId> <redirectUri> <user1> <password1> <user2> <password2>
import { register } from "node:module";

register("./appauth-resolve.mjs", import.meta.url);
const aa = await import("@openid/appauth");
const { NodeBasedHandler, NodeCrypto, NodeRequestor } = await import("@openid/appauth/built/src/node_support/index.js");

const [baseUrl, clientId, redirectUri, user1, password1, user2, password2] = process.argv.slice(2);
const realmUrl = `${baseUrl}/realms/demo`;
const requestor = new NodeRequestor();
const tokens = new aa.BaseTokenRequestHandler(requestor);

const claims = (jwt) => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString());
const position = (rt) => `${claims(rt).tf_fid}:${claims(rt).tf_gen}`;
function check(ok, what) {
  console.log(`${ok ? "PASS" : "FAIL"} ${what}`);
  if (!ok) process.exitCode = 1;
}

/** Signs in on Keycloak's login page for AppAuth's authorization request; returns the code of the redirect. */
async function signIn(authUrl, username, password) {
  const jar = new Map();
  const keep = (res) => res.headers.getSetCookie().forEach((c) => {
    const pair = c.split(";")[0];
    jar.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
  });
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  let res = await fetch(authUrl, { redirect: "manual" });
  keep(res);
  const form = (await res.text()).match(/<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"/);
  if (!form) throw new Error(`no login form (${res.status})`);
  // Keycloak refuses a right password while it still records the same user's previous login: try again a little later
  for (let attempt = 1; ; attempt++) {
    res = await fetch(form[1].replace(/&amp;/g, "&"), { method: "POST", redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie() },
      body: new URLSearchParams({ username, password, credentialId: "" }) });
    keep(res);
    if (res.status === 302 || attempt >= 20) break;
    await new Promise((ok) => setTimeout(ok, 50 * attempt));
  }
  if (res.status !== 302) throw new Error(`login refused (${res.status})`);
  const code = new URL(res.headers.get("location")).searchParams.get("code");
  if (!code) throw new Error("no code in the redirect");
  return code;
}

/** AppAuth's authorization request (PKCE S256) and code exchange: the app's login. */
async function appLogin(config, username, password) {
  const request = new aa.AuthorizationRequest({ client_id: clientId, redirect_uri: redirectUri, scope: "openid",
    response_type: aa.AuthorizationRequest.RESPONSE_TYPE_CODE, extras: {} }, new NodeCrypto(), true);
  await request.setupCodeVerifier();
  const authUrl = new NodeBasedHandler(0).buildRequestUrl(config, request);
  const code = await signIn(authUrl, username, password);
  return tokens.performTokenRequest(config, new aa.TokenRequest({ client_id: clientId, redirect_uri: redirectUri,
    grant_type: aa.GRANT_TYPE_AUTHORIZATION_CODE, code, extras: { code_verifier: request.internal.code_verifier } }));
}

/** AppAuth's refresh: the library's own request; "refused: …" when AppAuth rejects the response. */
async function appRefresh(config, refreshToken) {
  try {
    return await tokens.performTokenRequest(config, new aa.TokenRequest({ client_id: clientId, redirect_uri: redirectUri,
      grant_type: aa.GRANT_TYPE_REFRESH_TOKEN, refresh_token: refreshToken }));
  } catch (e) {
    return { refused: String(e.message ?? e) };
  }
}

/** The standard token endpoint with our own fetch: the thief, and the error code AppAuth does not show. */
async function rawRefresh(refreshToken) {
  const r = await fetch(`${realmUrl}/protocol/openid-connect/token`, { method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "refresh_token", client_id: clientId, refresh_token: refreshToken }) });
  const body = await r.json();
  return { status: r.status, error: body.error, description: body.error_description };
}

const config = await aa.AuthorizationServiceConfiguration.fetchFromIssuer(realmUrl, requestor);
check(config.tokenEndpoint === `${realmUrl}/protocol/openid-connect/token`, "AppAuth discovered the token endpoint");

// Rotation and grace through AppAuth.
const first = await appLogin(config, user1, password1);
check(Boolean(first.refreshToken && claims(first.refreshToken).tf_fid), `the login starts a family: ${position(first.refreshToken)}`);
const second = await appRefresh(config, first.refreshToken);
check(!second.refused && second.refreshToken !== first.refreshToken
  && claims(second.refreshToken).tf_fid === claims(first.refreshToken).tf_fid
  && claims(second.refreshToken).tf_gen === claims(first.refreshToken).tf_gen + 1, `a refresh rotates: ${second.refused ?? position(second.refreshToken)}`);
const retry = await appRefresh(config, first.refreshToken);
check(!retry.refused && retry.refreshToken === second.refreshToken && retry.accessToken === second.accessToken,
  "a retry of a refresh whose response was lost gets the same tokens (grace)");
const third = await appRefresh(config, second.refreshToken);
check(!third.refused && claims(third.refreshToken).tf_gen === claims(second.refreshToken).tf_gen + 1, "the family goes on");

// A thief replays the first token after its successor was used: reuse, the family is revoked.
const theft = await rawRefresh(first.refreshToken);
check(theft.status === 400 && theft.error === "invalid_grant", `the thief's reuse is refused: ${theft.status} ${theft.error}`);
const after = await appRefresh(config, third.refreshToken);
check(Boolean(after.refused), `AppAuth's next refresh fails: ${after.refused ?? "succeeded"}`);
const why = await rawRefresh(third.refreshToken);
check(/family_revoked/.test(why.description ?? ""), `because the family is revoked: ${why.description}`);

// AppAuth's token revocation ends that login's family.
const other = await appLogin(config, user2, password2);
await tokens.performRevokeTokenRequest(config, new aa.RevokeTokenRequest({ token: other.refreshToken,
  token_type_hint: "refresh_token", client_id: clientId }));
const revoked = await appRefresh(config, other.refreshToken);
check(Boolean(revoked.refused), `a revoked refresh token no longer refreshes: ${revoked.refused ?? "succeeded"}`);

if (process.exitCode !== 1) console.log("OK");
