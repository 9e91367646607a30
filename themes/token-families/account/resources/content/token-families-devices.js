// "Devices and apps" page of the account console (theme token-families, parent keycloak.v3).
// Plain ES module, no build step: React comes from the console's own import map. Data comes from
// /realms/{realm}/mobile/account/devices, authenticated by the browser's Keycloak session cookie.
// Texts: the account theme's messages (tfDevices* keys), fetched from the endpoint the console itself loads its
// translations from (/resources/{realm}/account/{locale}, 26.4, 26.5 and 26.7 alike), in the locale Keycloak chose
// for the console (environment.locale); until they arrive, and for a key they lack, the English text below.
import React, { useCallback, useEffect, useState } from "react";

const h = React.createElement;

const ENGLISH = {
  tfDevicesTitle: "Devices and apps",
  tfDevicesIntro: "Apps signed in to your account, one line per device. Signing a device out ends its sign-in there; your other devices stay signed in.",
  tfDevicesLoading: "Loading…",
  tfDevicesNone: "No app is signed in.",
  tfDevicesFailed: "The devices could not be loaded or changed. Reload the page to try again.",
  tfDevicesUnnamed: "Unnamed device",
  tfDevicesThisSession: "This session",
  tfDevicesColDevice: "Device",
  tfDevicesColPlatform: "Platform",
  tfDevicesColAppVersion: "App version",
  tfDevicesColApp: "App",
  tfDevicesColLastActive: "Last active",
  tfDevicesSignOut: "Sign out this device",
  tfDevicesSignOutOthers: "Sign out all other devices",
};

function environment() {
  return JSON.parse(document.getElementById("environment")?.textContent || "{}");
}

function serverBase(env) {
  return (env.serverBaseUrl || env.authUrl || window.location.origin).replace(/\/$/, "");
}

function realmBase() {
  const env = environment();
  return `${serverBase(env)}/realms/${encodeURIComponent(env.realm)}/mobile/account/devices`;
}

function consoleLocale() {
  return environment().locale || document.documentElement.lang || "en";
}

/** The console's translations for its locale, as a key → text map; {} when they cannot be loaded. */
async function messages(locale) {
  const env = environment();
  const url = `${serverBase(env)}/resources/${encodeURIComponent(env.realm)}/account/${encodeURIComponent(locale)}`;
  try {
    const response = await fetch(url, { credentials: "include", headers: { Accept: "application/json" } });
    const list = response.ok ? await response.json() : [];
    return Object.fromEntries((Array.isArray(list) ? list : []).map(({ key, value }) => [key, value]));
  } catch (e) {
    return {};
  }
}

function when(epochSeconds, locale) {
  if (!epochSeconds) {
    return "";
  }
  const date = new Date(epochSeconds * 1000);
  try {
    return date.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
  } catch (e) {
    return date.toLocaleString(); // a locale id Intl does not know
  }
}

async function call(url, method) {
  const response = await fetch(url, {
    method,
    credentials: "include",
    headers: { Accept: "application/json", "X-Requested-With": "account-console" },
  });
  if (!response.ok && response.status !== 204) {
    throw new Error(`${method} failed: ${response.status}`);
  }
  return response.status === 204 ? null : response.json();
}

export default function TokenFamiliesDevices() {
  const [devices, setDevices] = useState(null);
  const [error, setError] = useState(null);
  const [texts, setTexts] = useState(null); // null until the translations answered (no flash of English)
  const base = realmBase();
  const locale = consoleLocale();
  const t = (key) => (texts && texts[key]) || ENGLISH[key];

  useEffect(() => {
    let live = true;
    messages(locale).then((m) => live && setTexts(m));
    return () => { live = false; };
  }, [locale]);

  const load = useCallback(() => {
    call(base, "GET").then(setDevices, () => setError("tfDevicesFailed"));
  }, [base]);
  useEffect(load, [load]);

  const signOut = (id) => call(`${base}/${encodeURIComponent(id)}`, "DELETE").then(load, () => setError("tfDevicesFailed"));
  const signOutOthers = () => call(`${base}?scope=others`, "DELETE").then(load, () => setError("tfDevicesFailed"));

  const rows = (devices || []).map((d) =>
    h("tr", { key: d.id, className: "pf-v5-c-table__tr", "data-family": d.id },
      h("td", { className: "pf-v5-c-table__td", "data-label": t("tfDevicesColDevice") },
        h("strong", null, d.device?.name || d.device?.model || t("tfDevicesUnnamed")),
        d.current ? h("span", { className: "pf-v5-c-label pf-m-green", style: { marginLeft: 8 } }, t("tfDevicesThisSession")) : null),
      h("td", { className: "pf-v5-c-table__td", "data-label": t("tfDevicesColPlatform") }, d.device?.platform || ""),
      h("td", { className: "pf-v5-c-table__td", "data-label": t("tfDevicesColAppVersion") }, d.device?.app_version || ""),
      h("td", { className: "pf-v5-c-table__td", "data-label": t("tfDevicesColApp") }, d.client_id),
      h("td", { className: "pf-v5-c-table__td", "data-label": t("tfDevicesColLastActive"), "data-epoch": d.last_refresh_at || "" },
        when(d.last_refresh_at, locale)),
      h("td", { className: "pf-v5-c-table__td" },
        h("button", { className: "pf-v5-c-button pf-m-link pf-m-danger", type: "button", onClick: () => signOut(d.id) },
          t("tfDevicesSignOut")))));

  if (texts === null) {
    return h("section", { className: "pf-v5-c-page__main-section", "aria-busy": "true" });
  }
  const columns = ["tfDevicesColDevice", "tfDevicesColPlatform", "tfDevicesColAppVersion", "tfDevicesColApp", "tfDevicesColLastActive"];
  return h("section", { className: "pf-v5-c-page__main-section", id: "token-families-devices", lang: locale },
    h("h1", { className: "pf-v5-c-title pf-m-2xl" }, t("tfDevicesTitle")),
    h("p", null, t("tfDevicesIntro")),
    error ? h("div", { className: "pf-v5-c-alert pf-m-danger", role: "alert" }, t(error)) : null,
    devices === null ? h("p", null, t("tfDevicesLoading"))
      : devices.length === 0 ? h("p", { id: "tf-no-devices" }, t("tfDevicesNone"))
      : h("table", { className: "pf-v5-c-table pf-m-grid-md", role: "grid" },
          h("thead", { className: "pf-v5-c-table__thead" },
            h("tr", { className: "pf-v5-c-table__tr" },
              [...columns.map(t), ""].map((c, i) =>
                h("th", { key: i, className: "pf-v5-c-table__th", scope: "col" }, c)))),
          h("tbody", { className: "pf-v5-c-table__tbody" }, rows)),
    devices && devices.length > 1
      ? h("button", { className: "pf-v5-c-button pf-m-secondary", type: "button", id: "tf-sign-out-others", onClick: signOutOthers },
          t("tfDevicesSignOutOthers"))
      : null);
}
