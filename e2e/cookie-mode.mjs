// Cookie mode in a real browser (headless Chromium): a browser app served from one origin of Keycloak's site signs
// in, refreshes and signs out through /mobile with fetch(credentials: "include"). The refresh token must live only
// in the HttpOnly cookie (never in a reply, never readable by the page), every reply (errors included) must pass
// Chromium's CORS checks, refreshes must rotate within one family, and the sign-out must expire the cookie. A page
// of another site gets no cookie sent and can read nothing.
// Usage: node cookie-mode.mjs <keycloakBaseUrl> <port> <crossSitePort> <clientId> <username> <password>
import { chromium } from "playwright-core";
import http from "node:http";

const [baseUrl, port, crossPort, clientId, username, password] = process.argv.slice(2);
const mobile = `${baseUrl}/realms/demo/mobile`;
const appOrigin = `http://127.0.0.1:${port}`; // same site as Keycloak (127.0.0.1): the Strict cookie is sent
const crossOrigin = `http://localhost:${crossPort}`; // another site
const page = "<!doctype html><title>cookie-mode app</title><p>app</p>";
const servers = [port, crossPort].map((p) => http.createServer((req, res) =>
  res.writeHead(200, { "Content-Type": "text/html" }).end(page)));
await Promise.all(servers.map((s, i) => new Promise((ok) => s.listen(Number([port, crossPort][i]), "127.0.0.1", ok))));

function check(ok, what) {
  console.log(`${ok ? "PASS" : "FAIL"} ${what}`);
  if (!ok) process.exitCode = 1;
}

// Runs in the page: one call of the app's token client; a reply CORS refuses comes back as {cors: message}.
async function call(args) {
  const [url, body] = args;
  try {
    const r = await fetch(url, { method: "POST", credentials: "include",
      headers: { "Content-Type": "application/json", "X-Requested-With": "fetch" }, body: JSON.stringify(body) });
    const text = await r.text();
    return { status: r.status, json: text ? JSON.parse(text) : null };
  } catch (e) {
    return { cors: String(e.message ?? e) };
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  const context = await browser.newContext();
  const app = await context.newPage();
  await app.goto(`${appOrigin}/`);
  const token = `${mobile}/token`;

  const login = await app.evaluate(call, [token, { grant_type: "password", client_id: clientId, username, password }]);
  check(login.status === 200 && login.json.access_token && !("refresh_token" in login.json),
    `login: the access token in the reply, the refresh token not (${login.cors ?? login.status})`);
  const cookies = await context.cookies(`${mobile}/token`);
  const cookie = cookies.find((c) => c.name === "TF_REFRESH");
  check(Boolean(cookie) && cookie.httpOnly && cookie.secure && cookie.sameSite === "Strict" && cookie.path === "/realms/demo/mobile",
    `the browser stored the refresh cookie: HttpOnly, Secure, SameSite=Strict, Path=/realms/demo/mobile (${JSON.stringify(cookie && { httpOnly: cookie.httpOnly, secure: cookie.secure, sameSite: cookie.sameSite, path: cookie.path })})`);
  check(!(await app.evaluate(() => document.cookie)).includes("TF_REFRESH"), "the page's script cannot read it");

  const first = await app.evaluate(call, [token, { grant_type: "refresh_token", client_id: clientId }]);
  const second = await app.evaluate(call, [token, { grant_type: "refresh_token", client_id: clientId }]);
  check(first.status === 200 && second.status === 200 && !("refresh_token" in first.json)
    && first.json.family.id === login.json.family.id && first.json.family.generation === 2 && second.json.family.generation === 3,
    `refreshes with the cookie rotate within the family (${first.cors ?? first.status} ${first.json?.family?.generation}, ${second.cors ?? second.status} ${second.json?.family?.generation})`);

  const wrong = await app.evaluate(call, [token, { grant_type: "password", client_id: clientId, username, password: "wrong" }]);
  check(wrong.status === 401 && wrong.json.error === "invalid_credentials", `an error reply is readable by the app (${wrong.cors ?? wrong.status + " " + wrong.json?.error})`);
  check((await context.cookies(`${mobile}/token`)).some((c) => c.name === "TF_REFRESH"), "a refused login keeps the cookie");

  // Another site: the Strict cookie is not sent and CORS hides whatever comes back.
  const other = await context.newPage();
  await other.goto(`${crossOrigin}/`);
  const cross = await other.evaluate(call, [token, { grant_type: "refresh_token", client_id: clientId }]);
  check(Boolean(cross.cors) || cross.status >= 400, `a page of another site cannot refresh (${cross.cors ? "blocked by CORS" : cross.status})`);
  const still = await app.evaluate(call, [token, { grant_type: "refresh_token", client_id: clientId }]);
  check(still.status === 200 && still.json.family.generation === 4, `the app's family went on untouched (${still.cors ?? still.status})`);

  const out = await app.evaluate(call, [`${mobile}/logout`, {}]);
  check(out.status === 204, `sign-out (${out.cors ?? out.status})`);
  check(!(await context.cookies(`${mobile}/token`)).some((c) => c.name === "TF_REFRESH"), "the sign-out expired the cookie");
  const after = await app.evaluate(call, [token, { grant_type: "refresh_token", client_id: clientId }]);
  check(after.status === 400 && after.json.error === "invalid_request", `no cookie, no refresh (${after.cors ?? after.status + " " + after.json?.error})`);
  if (!process.exitCode) console.log("OK");
} finally {
  await browser.close();
  servers.forEach((s) => s.close());
}
