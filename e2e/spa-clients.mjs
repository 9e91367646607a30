// Two real browser OIDC libraries against an opted-in client, in headless Chromium: keycloak-js (Keycloak's own
// adapter) and oidc-client-ts. Each logs in with the code flow and PKCE, then refreshes through its own API on the
// standard token endpoint: every refresh must rotate within one family. keycloak-js: a reuse of its first refresh
// token (sent from outside the browser, as a thief would) revokes the family, and the library's next refresh fails.
// oidc-client-ts: two tabs sharing one stored refresh token renew at the same moment (grace, R3): both succeed with
// the same tokens, and the family goes on from there.
// Usage: node spa-clients.mjs <keycloakBaseUrl> <port> <clientId> <username> <password>
import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [baseUrl, port, clientId, username, password] = process.argv.slice(2);
const realmUrl = `${baseUrl}/realms/demo`;
const origin = `http://127.0.0.1:${port}`;
const here = path.dirname(fileURLToPath(import.meta.url));
const js = JSON.stringify;

const pages = {
  "/kc.html": `<!doctype html><title>keycloak-js</title><script type="module">
    import Keycloak from "/node_modules/keycloak-js/lib/keycloak.js";
    const kc = new Keycloak({ url: ${js(baseUrl)}, realm: "demo", clientId: ${js(clientId)} });
    window.kcReady = kc.init({ onLoad: "login-required", pkceMethod: "S256", checkLoginIframe: false })
      .then((authenticated) => { window.kc = kc; return authenticated; });
  </script>`,
  "/oidc.html": `<!doctype html><title>oidc-client-ts</title>
    <script src="/node_modules/oidc-client-ts/dist/browser/oidc-client-ts.js"></script><script>
    window.mgr = new oidc.UserManager({ authority: ${js(realmUrl)}, client_id: ${js(clientId)},
      redirect_uri: ${js(origin + "/oidc.html")}, response_type: "code", scope: "openid",
      automaticSilentRenew: false, userStore: new oidc.WebStorageStateStore({ store: window.localStorage }) });
    window.oidcReady = location.search.includes("code=") ? mgr.signinRedirectCallback() : mgr.getUser();
  </script>`,
  "/oidc-dpop.html": `<!doctype html><title>oidc-client-ts with DPoP</title>
    <script src="/node_modules/oidc-client-ts/dist/browser/oidc-client-ts.js"></script><script>
    window.mgr = new oidc.UserManager({ authority: ${js(realmUrl)}, client_id: ${js(clientId)},
      redirect_uri: ${js(origin + "/oidc-dpop.html")}, response_type: "code", scope: "openid",
      automaticSilentRenew: false, userStore: new oidc.WebStorageStateStore({ store: window.localStorage }),
      dpop: { bind_authorization_code: false, store: new oidc.IndexedDbDPoPStore() } });
    window.oidcReady = location.search.includes("code=") ? mgr.signinRedirectCallback() : mgr.getUser();
  </script>`,
};
const allowed = ["/node_modules/keycloak-js/lib/", "/node_modules/oidc-client-ts/dist/browser/"];
const server = http.createServer((req, res) => {
  const url = new URL(req.url, origin);
  if (pages[url.pathname]) {
    res.writeHead(200, { "Content-Type": "text/html" }).end(pages[url.pathname]);
  } else if (allowed.some((p) => url.pathname.startsWith(p)) && !url.pathname.includes("..")) {
    res.writeHead(200, { "Content-Type": "text/javascript" }).end(fs.readFileSync(path.join(here, url.pathname)));
  } else {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(Number(port), "127.0.0.1", ok));

const claims = (jwt) => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString());
const position = (rt) => `${claims(rt).tf_fid}:${claims(rt).tf_gen}`;
function check(ok, what) {
  console.log(`${ok ? "PASS" : "FAIL"} ${what}`);
  if (!ok) process.exitCode = 1;
}
async function refreshOutside(rt) { // the thief: the token endpoint, not the library
  const r = await fetch(`${realmUrl}/protocol/openid-connect/token`, { method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "refresh_token", client_id: clientId, refresh_token: rt }) });
  return { status: r.status, body: await r.json() };
}
async function login(page, url) {
  await page.goto(url);
  await page.fill("#username", username);
  await page.fill("#password", password);
  await page.click("#kc-login");
  await page.waitForURL((u) => u.toString().startsWith(origin), { timeout: 60000 });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  // keycloak-js
  const kcContext = await browser.newContext();
  const page = await kcContext.newPage();
  page.on("pageerror", (e) => console.log("page error:", e.message));
  await login(page, `${origin}/kc.html`);
  const kc = await page.evaluate(async () => {
    const authenticated = await window.kcReady;
    const tokens = [window.kc.refreshToken];
    for (let i = 0; i < 2; i++) {
      await window.kc.updateToken(-1);
      tokens.push(window.kc.refreshToken);
    }
    return { authenticated, tokens };
  });
  check(kc.authenticated, "keycloak-js: logged in");
  const [f1, g1] = position(kc.tokens[0]).split(":");
  check(g1 === "1" && f1 !== "undefined", `keycloak-js: the login starts a family (${position(kc.tokens[0])})`);
  check(position(kc.tokens[1]) === `${f1}:2` && position(kc.tokens[2]) === `${f1}:3`,
    "keycloak-js: updateToken rotates within the family (generations 2, 3)");
  const reuse = await refreshOutside(kc.tokens[0]);
  check(reuse.status === 400 && String(reuse.body.error_description).startsWith("refresh_token_reused"),
    `keycloak-js: a thief's reuse of the first token is detected (${reuse.status} ${reuse.body.error_description})`);
  const after = await page.evaluate(() => window.kc.updateToken(-1).then(() => "refreshed", () => "refused"));
  check(after === "refused", `keycloak-js: after the reuse the library's own refresh is refused (${after})`);

  // oidc-client-ts, two tabs sharing one stored refresh token
  const oidcContext = await browser.newContext();
  const tab1 = await oidcContext.newPage();
  tab1.on("pageerror", (e) => console.log("page error:", e.message));
  await tab1.goto(`${origin}/oidc.html`);
  await tab1.evaluate(() => { window.mgr.signinRedirect(); return true; }); // navigates: do not await it in the page
  await tab1.waitForSelector("#username", { timeout: 60000 });
  await tab1.fill("#username", username);
  await tab1.fill("#password", password);
  await tab1.click("#kc-login");
  await tab1.waitForURL((u) => u.toString().startsWith(`${origin}/oidc.html?`), { timeout: 60000 });
  const first = await tab1.evaluate(async () => (await window.oidcReady).refresh_token);
  check(position(first).endsWith(":1"), `oidc-client-ts: the login starts a family (${position(first)})`);
  const tab2 = await oidcContext.newPage();
  await tab2.goto(`${origin}/oidc.html`);
  await tab2.evaluate(async () => window.oidcReady);
  const renew = () => window.mgr.signinSilent().then((u) => u.refresh_token, (e) => "error: " + e.message);
  const [a, b] = await Promise.all([tab1.evaluate(renew), tab2.evaluate(renew)]);
  check(!a.startsWith("error") && a === b, `oidc-client-ts: two tabs renewing at once get the same tokens (${a.startsWith("error") ? a : position(a)} / ${b.startsWith("error") ? b : position(b)})`);
  check(position(a) === position(first).replace(/:1$/, ":2"), `oidc-client-ts: one rotation, no second branch (${position(a)})`);
  const next = await tab1.evaluate(renew);
  check(position(next) === position(first).replace(/:1$/, ":3"), `oidc-client-ts: the family goes on (${position(next)})`);

  // oidc-client-ts with DPoP: the library's key binds the family; a consumed token without that key is a reuse
  const dpopContext = await browser.newContext();
  const dpop = await dpopContext.newPage();
  dpop.on("pageerror", (e) => console.log("page error:", e.message));
  await dpop.goto(`${origin}/oidc-dpop.html`);
  await dpop.evaluate(() => { window.mgr.signinRedirect(); return true; });
  await dpop.waitForSelector("#username", { timeout: 60000 });
  await dpop.fill("#username", username);
  await dpop.fill("#password", password);
  await dpop.click("#kc-login");
  await dpop.waitForURL((u) => u.toString().startsWith(`${origin}/oidc-dpop.html?`), { timeout: 60000 });
  const bound = await dpop.evaluate(async () => { const u = await window.oidcReady; return { rt: u.refresh_token, type: u.token_type }; });
  check(bound.type === "DPoP" && Boolean(claims(bound.rt).cnf?.jkt) && position(bound.rt).endsWith(":1"),
    `oidc-client-ts with DPoP: the login starts a family bound to the library's key (${bound.type}, ${position(bound.rt)})`);
  const dpopNext = await dpop.evaluate(renew);
  check(!dpopNext.startsWith("error") && position(dpopNext) === position(bound.rt).replace(/:1$/, ":2")
    && claims(dpopNext).cnf?.jkt === claims(bound.rt).cnf.jkt,
    `oidc-client-ts with DPoP: the library's refresh, with its own proof, rotates (${dpopNext.startsWith("error") ? dpopNext : position(dpopNext)})`);
  const early = await refreshOutside(bound.rt);
  check(early.status === 400 && String(early.body.error_description).startsWith("invalid_dpop_proof"),
    `oidc-client-ts with DPoP: a replay without the key inside the grace window is refused, not served (${early.status} ${early.body.error_description})`);
  const dpopThird = await dpop.evaluate(renew);
  check(position(dpopThird) === position(bound.rt).replace(/:1$/, ":3"), `oidc-client-ts with DPoP: the family goes on (${dpopThird.startsWith("error") ? dpopThird : position(dpopThird)})`);
  const keyless = await refreshOutside(bound.rt);
  check(keyless.status === 400 && String(keyless.body.error_description).startsWith("refresh_token_reused"),
    `oidc-client-ts with DPoP: once its successor was used, a replay without the key is a reuse (${keyless.status} ${keyless.body.error_description})`);
  const dpopAfter = await dpop.evaluate(renew);
  check(dpopAfter.startsWith("error"), `oidc-client-ts with DPoP: after the replay the library's refresh is refused (${dpopAfter.startsWith("error") ? dpopAfter : position(dpopAfter)})`);
  if (!process.exitCode) console.log("OK");
} finally {
  await browser.close();
  server.close();
}
