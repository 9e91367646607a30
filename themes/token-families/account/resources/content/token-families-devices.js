// "Devices and apps" page of the account console (theme token-families, parent keycloak.v3).
// Plain ES module, no build step: React comes from the console's own import map. Data comes from
// /realms/{realm}/mobile/account/devices, authenticated by the browser's Keycloak session cookie.
import React, { useCallback, useEffect, useState } from "react";

const h = React.createElement;

function realmBase() {
  const env = JSON.parse(document.getElementById("environment")?.textContent || "{}");
  const server = (env.serverBaseUrl || env.authUrl || window.location.origin).replace(/\/$/, "");
  return `${server}/realms/${encodeURIComponent(env.realm)}/mobile/account/devices`;
}

function when(epochSeconds) {
  return epochSeconds ? new Date(epochSeconds * 1000).toLocaleString() : "";
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
  const base = realmBase();

  const load = useCallback(() => {
    call(base, "GET").then(setDevices, (e) => setError(e.message));
  }, [base]);
  useEffect(load, [load]);

  const signOut = (id) => call(`${base}/${encodeURIComponent(id)}`, "DELETE").then(load, (e) => setError(e.message));
  const signOutOthers = () => call(`${base}?scope=others`, "DELETE").then(load, (e) => setError(e.message));

  const rows = (devices || []).map((d) =>
    h("tr", { key: d.id, className: "pf-v5-c-table__tr", "data-family": d.id },
      h("td", { className: "pf-v5-c-table__td", "data-label": "Device" },
        h("strong", null, d.device?.name || d.device?.model || "Unnamed device"),
        d.current ? h("span", { className: "pf-v5-c-label pf-m-green", style: { marginLeft: 8 } }, "This session") : null),
      h("td", { className: "pf-v5-c-table__td", "data-label": "Platform" }, d.device?.platform || ""),
      h("td", { className: "pf-v5-c-table__td", "data-label": "App version" }, d.device?.app_version || ""),
      h("td", { className: "pf-v5-c-table__td", "data-label": "App" }, d.client_id),
      h("td", { className: "pf-v5-c-table__td", "data-label": "Last active" }, when(d.last_refresh_at)),
      h("td", { className: "pf-v5-c-table__td" },
        h("button", { className: "pf-v5-c-button pf-m-link pf-m-danger", type: "button", onClick: () => signOut(d.id) },
          "Sign out this device"))));

  return h("section", { className: "pf-v5-c-page__main-section", id: "token-families-devices" },
    h("h1", { className: "pf-v5-c-title pf-m-2xl" }, "Devices and apps"),
    h("p", null, "Apps signed in to your account, one line per device. Signing a device out ends its sign-in there; your other devices stay signed in."),
    error ? h("div", { className: "pf-v5-c-alert pf-m-danger", role: "alert" }, error) : null,
    devices === null ? h("p", null, "Loading…")
      : devices.length === 0 ? h("p", { id: "tf-no-devices" }, "No app is signed in.")
      : h("table", { className: "pf-v5-c-table pf-m-grid-md", role: "grid" },
          h("thead", { className: "pf-v5-c-table__thead" },
            h("tr", { className: "pf-v5-c-table__tr" },
              ["Device", "Platform", "App version", "App", "Last active", ""].map((c) =>
                h("th", { key: c, className: "pf-v5-c-table__th", scope: "col" }, c)))),
          h("tbody", { className: "pf-v5-c-table__tbody" }, rows)),
    devices && devices.length > 1
      ? h("button", { className: "pf-v5-c-button pf-m-secondary", type: "button", id: "tf-sign-out-others", onClick: signOutOthers },
          "Sign out all other devices")
      : null);
}
