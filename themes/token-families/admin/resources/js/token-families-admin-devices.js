// Token Families: a "Devices" section on a user's Sessions tab in the stock admin console (keycloak.v2).
//
// Loaded by keycloak.v2's index.ftl through the admin theme's "scripts" property. It never touches the console's
// own code or state: it reads the route from location.hash, asks Keycloak for an admin access token of its own
// (a silent authorization-code + PKCE login of the console's client, security-admin-console, in a hidden iframe,
// which reuses the admin's SSO session), and calls the extension's admin REST API with it, so Keycloak's admin
// permissions on that user decide what is shown (view-users) and whether sign-out buttons appear (manage-users).
// Anything unexpected (no tab panel to attach to, no token, 401/403) means: show nothing, never throw.
const PANEL_ID = "token-families-admin-devices";
const ROUTE = /^#\/([^/?#]+)\/users\/([^/?#]+)\/sessions\/?(?:[?#]|$)/;
const LOG = "[token-families]";

// English texts; the admin's language comes from the extension's theme-resources messages (tfAdminDevices* keys),
// which Keycloak serves with the console's own translations at /resources/{realm}/admin/{locale}.
const ENGLISH = {
  tfAdminDevicesTitle: "Devices (token families)",
  tfAdminDevicesIntro: "Apps signed in to this account, one row per device login. Signing a device out revokes its refresh tokens at once.",
  tfAdminDevicesEmpty: "No signed-in devices.",
  tfAdminDevicesSignOut: "Sign out",
  tfAdminDevicesSignOutAll: "Sign out all devices",
  tfAdminDevicesConfirmOne: 'Sign out "{{name}}"? The app on that device must log in again.',
  tfAdminDevicesConfirmAll: "Sign out all {{count}} devices of this user? Every app must log in again.",
  tfAdminDevicesCancel: "Cancel",
  tfAdminDevicesDoneOne: 'Signed out "{{name}}".',
  tfAdminDevicesDoneAll: "Signed out all devices.",
  tfAdminDevicesRefreshHint: "The sessions list below shows it after Refresh.",
  tfAdminDevicesFailed: "The devices could not be loaded or changed. Reload the page to try again.",
  tfAdminDevicesUnnamed: "Unnamed device",
  tfAdminDevicesYes: "Yes",
  tfAdminDevicesNo: "No",
  tfAdminDevicesColDevice: "Device",
  tfAdminDevicesColPlatform: "Platform",
  tfAdminDevicesColModel: "Model",
  tfAdminDevicesColAppVersion: "App version",
  tfAdminDevicesColClient: "Client",
  tfAdminDevicesColCreated: "Created",
  tfAdminDevicesColLastActive: "Last active",
  tfAdminDevicesColLastIp: "Last IP",
  tfAdminDevicesColDpop: "DPoP-bound",
  tfAdminDevicesColOffline: "Offline",
  tfAdminDevicesColGeneration: "Generation",
};
const COLUMNS = ["Device", "Platform", "Model", "AppVersion", "Client", "Created", "LastActive", "LastIp", "Dpop", "Offline", "Generation"]
  .map((c) => "tfAdminDevicesCol" + c);

let texts = null; // { locale, messages }: the admin's language and the console's texts in it, once loaded
let textsPromise = null;

function t(key, params) {
  let s = (texts && texts.messages[key]) || ENGLISH[key];
  for (const [k, v] of Object.entries(params || {})) {
    s = s.split(`{{${k}}}`).join(String(v));
  }
  return s;
}

let state = { key: null, status: "idle", devices: [], canManage: false, message: null, panel: null };
let scheduled = false;

let env = null;

function environment() {
  if (!env) {
    const node = document.getElementById("environment");
    env = node ? JSON.parse(node.textContent) : null;
  }
  return env;
}

function route() {
  const m = ROUTE.exec(window.location.hash || "");
  return m ? { realm: decodeURIComponent(m[1]), userId: decodeURIComponent(m[2]) } : null;
}

// ---- admin access token: silent code flow with PKCE, kept in this module's memory only ----

let token = null;
let tokenPromise = null;

function b64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomString() {
  return b64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function silentLogin(env) {
  const verifier = randomString();
  const stateParam = randomString();
  const challenge = b64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  // Any URL under the console's own path is a registered redirect URI of security-admin-console; messages.json is
  // a plain JSON document of the console, same origin as this page, so the iframe's address can be read.
  const redirectUri = new URL("messages.json", new URL(env.consoleBaseUrl, window.location.href)).href;
  const realmUrl = `${env.authServerUrl.replace(/\/$/, "")}/realms/${encodeURIComponent(env.realm)}/protocol/openid-connect`;
  const auth = new URL(`${realmUrl}/auth`);
  for (const [k, v] of Object.entries({ client_id: env.clientId, redirect_uri: redirectUri, response_type: "code",
    response_mode: "fragment", prompt: "none", state: stateParam, code_challenge: challenge, code_challenge_method: "S256" })) {
    auth.searchParams.set(k, v);
  }
  const params = await new Promise((resolve, reject) => {
    const frame = document.createElement("iframe");
    frame.hidden = true;
    frame.title = "token-families silent sign-in";
    const done = (fn, value) => { clearTimeout(timer); frame.remove(); fn(value); };
    const timer = setTimeout(() => done(reject, new Error("silent sign-in timed out")), 15000);
    frame.addEventListener("load", () => {
      let href;
      try {
        href = frame.contentWindow.location.href;
      } catch (e) {
        return; // still on another origin
      }
      if (href.startsWith(redirectUri)) {
        done(resolve, new URLSearchParams(new URL(href).hash.slice(1)));
      }
    });
    frame.src = auth.href;
    document.body.appendChild(frame);
  });
  if (params.get("state") !== stateParam || !params.get("code")) {
    throw new Error("silent sign-in refused: " + (params.get("error") || "bad state"));
  }
  const reply = await fetch(`${realmUrl}/token`, {
    method: "POST", credentials: "omit",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", client_id: env.clientId, code: params.get("code"),
      redirect_uri: redirectUri, code_verifier: verifier }),
  });
  if (!reply.ok) {
    throw new Error("code exchange failed: HTTP " + reply.status);
  }
  const body = await reply.json();
  return { value: body.access_token, expiresAt: Date.now() + (body.expires_in - 15) * 1000 };
}

async function accessToken(env) {
  if (token && token.expiresAt > Date.now()) {
    return token.value;
  }
  tokenPromise = tokenPromise || silentLogin(env).finally(() => { tokenPromise = null; });
  token = await tokenPromise;
  return token.value;
}

async function adminApi(env, method, path) {
  const url = `${env.adminBaseUrl.replace(/\/$/, "")}/admin/realms/${path}`;
  for (let attempt = 0; ; attempt++) {
    const reply = await fetch(url, { method, credentials: "omit",
      headers: { Authorization: "Bearer " + await accessToken(env), Accept: "application/json" } });
    if (reply.status === 401 && attempt === 0) {
      token = null; // expired or revoked: sign in silently once more
      continue;
    }
    return reply;
  }
}

// ---- texts: the admin's locale as the console gets it (whoami), then the console's translations endpoint ----

async function loadTexts(env, r) {
  const base = env.adminBaseUrl.replace(/\/$/, "");
  try {
    const who = await fetch(`${base}/admin/${encodeURIComponent(env.realm)}/console/whoami?currentRealm=${encodeURIComponent(r.realm)}`,
      { credentials: "omit", headers: { Authorization: "Bearer " + await accessToken(env), Accept: "application/json" } });
    const locale = (who.ok && (await who.json()).locale) || "en";
    const reply = await fetch(`${base}/resources/${encodeURIComponent(env.realm)}/admin/${encodeURIComponent(locale)}`,
      { credentials: "omit", headers: { Accept: "application/json" } });
    const list = reply.ok ? await reply.json() : [];
    return { locale, messages: Object.fromEntries((Array.isArray(list) ? list : []).map(({ key, value }) => [key, value])) };
  } catch (e) {
    return { locale: undefined, messages: {} }; // English, the browser's date format
  }
}

// ---- data ----

function userPath(r) {
  return `${encodeURIComponent(r.realm)}/users/${encodeURIComponent(r.userId)}`;
}

function devicesPath(r) {
  return `${encodeURIComponent(r.realm)}/token-families/users/${encodeURIComponent(r.userId)}/devices`;
}

async function load(env, r, key, message) {
  state.status = "loading";
  try {
    const devices = await adminApi(env, "GET", devicesPath(r));
    if (state.key !== key) {
      return;
    }
    if (devices.status === 401 || devices.status === 403 || devices.status === 404) {
      state.status = "hidden"; // not allowed to view this user (or no such user): show nothing at all
      removePanel();
      return;
    }
    if (!devices.ok) {
      throw new Error("HTTP " + devices.status);
    }
    const list = await devices.json();
    texts = texts || await (textsPromise = textsPromise || loadTexts(env, r));
    const user = await adminApi(env, "GET", userPath(r));
    const access = user.ok ? ((await user.json()).access || {}) : {};
    if (state.key !== key) {
      return;
    }
    Object.assign(state, { status: "ready", devices: list, canManage: access.manage === true, message });
  } catch (e) {
    if (state.key !== key) {
      return;
    }
    console.warn(LOG, "devices not available:", e && e.message);
    Object.assign(state, { status: "failed", devices: [], canManage: false, message: { kind: "danger", text: t("tfAdminDevicesFailed") } });
  }
  render(env, r, key);
}

async function signOut(env, r, key, device) {
  const name = device ? deviceName(device) : null;
  const ok = await confirmDialog(device ? t("tfAdminDevicesConfirmOne", { name }) : t("tfAdminDevicesConfirmAll", { count: state.devices.length }),
    device ? t("tfAdminDevicesSignOut") : t("tfAdminDevicesSignOutAll"));
  if (!ok || state.key !== key) {
    return;
  }
  const base = devicesPath(r);
  try {
    const reply = await adminApi(env, "DELETE", device ? `${base}/${encodeURIComponent(device.id)}` : base);
    if (!reply.ok && reply.status !== 404) {
      throw new Error("HTTP " + reply.status);
    }
    await load(env, r, key, { kind: "success", text: device ? t("tfAdminDevicesDoneOne", { name }) : t("tfAdminDevicesDoneAll") });
  } catch (e) {
    console.warn(LOG, "sign-out failed:", e && e.message);
    state.message = { kind: "danger", text: t("tfAdminDevicesFailed") };
    render(env, r, key);
  }
}

// ---- DOM (PatternFly 5 classes the console already loads; text only through textContent) ----

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "onclick") {
      node.addEventListener("click", v);
    } else {
      node.setAttribute(k, v);
    }
  }
  for (const c of children) {
    node.append(c instanceof Node ? c : document.createTextNode(c == null ? "" : String(c)));
  }
  return node;
}

function deviceName(d) {
  return (d.device && d.device.name) || t("tfAdminDevicesUnnamed");
}

function when(epochSeconds) {
  if (!epochSeconds) {
    return "";
  }
  const date = new Date(epochSeconds * 1000);
  try {
    return date.toLocaleString(texts ? texts.locale : undefined, { dateStyle: "short", timeStyle: "short" });
  } catch (e) {
    return date.toLocaleString(); // a locale id Intl does not know
  }
}

function button(label, kind, onclick) {
  return el("button", { type: "button", class: `pf-v5-c-button pf-m-${kind}`, onclick }, label);
}

function table(env, r, key) {
  const head = el("tr", { class: "pf-v5-c-table__tr", role: "row" },
    ...[...COLUMNS.map((c) => t(c)), ""].map((c) => el("th", { class: "pf-v5-c-table__th pf-m-wrap", role: "columnheader", scope: "col" }, c)));
  const rows = state.devices.map((d) => {
    const dev = d.device || {};
    const cells = [deviceName(d), dev.platform, dev.model, dev.app_version, d.client_id, when(d.created_at),
      when(d.last_refresh_at), d.last_ip, dev.dpop_bound ? t("tfAdminDevicesYes") : t("tfAdminDevicesNo"), d.offline ? t("tfAdminDevicesYes") : t("tfAdminDevicesNo"), d.generation];
    const action = state.canManage ? button(t("tfAdminDevicesSignOut"), "link", () => signOut(env, r, key, d)) : "";
    return el("tr", { class: "pf-v5-c-table__tr", role: "row", "data-family-id": d.id },
      ...cells.map((c, i) => el("td", { class: "pf-v5-c-table__td", role: "gridcell", "data-label": t(COLUMNS[i]) }, c)),
      el("td", { class: "pf-v5-c-table__td pf-v5-c-table__action", role: "gridcell" }, action));
  });
  return el("div", { style: "overflow-x: auto" },
    el("table", { class: "pf-v5-c-table pf-m-compact pf-m-grid-md", role: "grid", "aria-label": t("tfAdminDevicesTitle") },
      el("thead", { class: "pf-v5-c-table__thead" }, head), el("tbody", { class: "pf-v5-c-table__tbody" }, ...rows)));
}

function render(env, r, key) {
  if (state.key !== key || state.status === "hidden") {
    return;
  }
  const panel = state.panel || (state.panel = el("section", { id: PANEL_ID, class: "pf-v5-c-card pf-m-plain", "aria-label": t("tfAdminDevicesTitle"), style: "margin-bottom: 1rem" }));
  const actions = state.canManage && state.devices.length > 0
    ? el("div", { class: "pf-v5-c-card__actions" }, button(t("tfAdminDevicesSignOutAll"), "secondary pf-m-danger", () => signOut(env, r, key, null)))
    : "";
  const message = state.message
    ? el("div", { class: `pf-v5-c-alert pf-m-inline pf-m-${state.message.kind}`, role: "status", style: "margin: 1rem 0" },
      el("p", { class: "pf-v5-c-alert__title" }, state.message.text),
      state.message.kind === "success" ? el("div", { class: "pf-v5-c-alert__description" }, t("tfAdminDevicesRefreshHint")) : "")
    : el("div", { role: "status" });
  const body = state.status === "loading" ? "" : state.devices.length === 0 && state.status === "ready" ? el("p", {}, t("tfAdminDevicesEmpty")) : table(env, r, key);
  panel.replaceChildren(
    el("div", { class: "pf-v5-c-card__header" }, actions,
      el("div", { class: "pf-v5-c-card__title" }, el("h2", { class: "pf-v5-c-title pf-m-lg" }, t("tfAdminDevicesTitle")))),
    el("div", { class: "pf-v5-c-card__body" }, el("p", {}, t("tfAdminDevicesIntro")), message, body));
  attach();
}

function confirmDialog(text, confirmLabel) {
  return new Promise((resolve) => {
    const finish = (value) => { backdrop.remove(); document.removeEventListener("keydown", onKey, true); resolve(value); };
    const onKey = (e) => { if (e.key === "Escape") { e.stopPropagation(); finish(false); } };
    const yes = button(confirmLabel, "danger", () => finish(true));
    const backdrop = el("div", { class: "pf-v5-c-backdrop", id: PANEL_ID + "-confirm" },
      el("div", { class: "pf-v5-l-bullseye" },
        el("div", { class: "pf-v5-c-modal-box pf-m-sm", role: "dialog", "aria-modal": "true", "aria-labelledby": PANEL_ID + "-confirm-title" },
          el("header", { class: "pf-v5-c-modal-box__header" },
            el("h1", { class: "pf-v5-c-modal-box__title", id: PANEL_ID + "-confirm-title" }, confirmLabel + "?")),
          el("div", { class: "pf-v5-c-modal-box__body" }, text),
          el("footer", { class: "pf-v5-c-modal-box__footer" }, yes, button(t("tfAdminDevicesCancel"), "link", () => finish(false))))));
    document.addEventListener("keydown", onKey, true);
    document.body.appendChild(backdrop);
    yes.focus();
  });
}

// The Sessions tab's panel: the tab button the console marks with data-testid="user-sessions-tab" names it.
function anchor() {
  const tab = document.querySelector('[data-testid="user-sessions-tab"]');
  const tabButton = tab && (tab.matches("button, a") ? tab : tab.querySelector("button, a"));
  const id = tabButton && tabButton.getAttribute("aria-controls");
  const section = id ? document.getElementById(id) : null;
  return section && !section.hidden ? section : null;
}

function attach() {
  const where = anchor();
  if (where && state.panel && state.panel.parentNode !== where) {
    where.insertBefore(state.panel, where.firstChild);
  }
}

function removePanel() {
  if (state.panel) {
    state.panel.remove();
  }
  state.panel = null;
}

function tick() {
  scheduled = false;
  const r = route();
  const key = r ? `${r.realm}/${r.userId}` : null;
  if (key !== state.key) {
    removePanel();
    state = { key, status: "idle", devices: [], canManage: false, message: null, panel: null };
  }
  const env = r ? environment() : null;
  if (!r || !env || !anchor()) {
    return; // not on a user's Sessions tab, or the console looks different from what this script knows
  }
  if (state.status === "idle") {
    load(env, r, key, null);
  } else if (state.status !== "hidden") {
    attach();
  }
}

function schedule() {
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(() => {
      try {
        tick();
      } catch (e) {
        console.warn(LOG, "devices section disabled on this page:", e && e.message);
      }
    });
  }
}

try {
  if (window.top === window && window.MutationObserver && window.crypto && crypto.subtle) {
    window.addEventListener("hashchange", schedule);
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
    schedule();
  }
} catch (e) {
  console.warn(LOG, "devices section disabled:", e && e.message);
}
