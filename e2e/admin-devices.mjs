// Logs in to the admin console of realm "demo" in headless Chromium as a realm admin and opens a user's page.
// mode "manage": goes Details → Sessions (the console's own tab), sees the "Devices" section with both device
// names, takes a screenshot, signs <dropDevice> out through the confirmation and sees the result; leaving the tab
// removes the section and coming back shows it again.
// mode "show": opens the user's Sessions tab, waits for <keepDevice> in the section, prints its title, column
// headers and buttons (to check the admin's language), takes a screenshot.
// mode "forbidden": opens the user's Sessions tab directly and checks that no devices section and no device name
// appear once the page has settled (our admin API call, if any, answered 403).
// <consoleRealm> (default demo) is the realm whose console the admin logs in to; the user is always in "demo".
// Usage: node admin-devices.mjs <baseUrl> <username> <password> <userId> <keepDevice> <dropDevice> <screenshot.png> <mode> [consoleRealm]
import { chromium } from "playwright-core";
import { reportFailure } from "./failure.mjs";

const [baseUrl, username, password, userId, keep, drop, screenshot, mode, consoleRealm = "demo"] = process.argv.slice(2);
const PANEL = "#token-families-admin-devices";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
const apiCalls = [];
page.on("pageerror", (e) => console.log("page error:", e.message));
page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && console.log("console", m.type() + ":", m.text()));
page.on("response", (r) => {
  if (r.url().includes("/token-families/users/")) {
    apiCalls.push(`${r.request().method()} ${r.status()}`);
  }
  if (r.status() >= 400) {
    console.log("HTTP", r.status(), r.url().replace(/[?#].*/, ""));
  }
});
const consoleUrl = `${baseUrl}/admin/${consoleRealm}/console/`;
const user = (tab) => `${consoleUrl}#/demo/users/${userId}/${tab}`;
try {
  await page.goto(consoleUrl);
  await page.fill("#username", username);
  await page.fill("#password", password);
  await page.click("#kc-login");
  await page.waitForURL((u) => u.href.startsWith(consoleUrl), { timeout: 60000 });
  if (mode === "manage") {
    await page.goto(user("settings"));
    await page.getByTestId("user-sessions-tab").click(); // SPA navigation, as an admin does it
    await page.locator(PANEL).getByText(keep, { exact: true }).waitFor({ timeout: 60000 });
    await page.locator(PANEL).getByText(drop, { exact: true }).waitFor({ timeout: 30000 });
    await page.screenshot({ path: screenshot, fullPage: true });

    await page.locator(`${PANEL} tr`, { hasText: drop }).getByRole("button", { name: "Sign out" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText(drop, { exact: false }).waitFor({ timeout: 10000 });
    await page.screenshot({ path: screenshot.replace(/\.png$/, "-confirm.png"), fullPage: true });
    await dialog.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.locator(PANEL).getByRole("status").getByText(`Signed out "${drop}".`).waitFor({ timeout: 30000 });
    await page.locator(PANEL).getByText(drop, { exact: true }).waitFor({ state: "detached", timeout: 30000 });
    await page.locator(PANEL).getByText(keep, { exact: true }).waitFor({ timeout: 10000 });
    await page.screenshot({ path: screenshot.replace(/\.png$/, "-signed-out.png"), fullPage: true });

    await page.getByTestId("user-details-tab").click();
    await page.locator(PANEL).waitFor({ state: "detached", timeout: 30000 });
    await page.getByTestId("user-sessions-tab").click();
    await page.locator(PANEL).getByText(keep, { exact: true }).waitFor({ timeout: 30000 });
  } else if (mode === "show") {
    await page.goto(user("settings"));
    await page.getByTestId("user-sessions-tab").click();
    await page.locator(PANEL).getByText(keep, { exact: true }).waitFor({ timeout: 60000 });
    console.log("TITLE:", await page.locator(`${PANEL} h2`).innerText());
    console.log("HEADERS:", (await page.locator(`${PANEL} thead th`).allInnerTexts()).join("|"));
    console.log("BUTTONS:", (await page.locator(`${PANEL} button`).allInnerTexts()).join("|"));
    await page.screenshot({ path: screenshot, fullPage: true });
  } else {
    const settled = page.waitForResponse((r) => r.url().includes(`/admin/realms/demo/users/${userId}`), { timeout: 60000 });
    await page.goto(user("sessions"));
    await settled; // the console asked for this user; then wait until nothing more is in flight
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    if (await page.locator(PANEL).count() > 0) {
      throw new Error("devices section shown to an admin without view-users");
    }
    const text = await page.locator("body").innerText();
    if (text.includes(keep) || text.includes(drop)) {
      throw new Error("device names shown to an admin without view-users");
    }
    if (apiCalls.some((c) => !c.endsWith(" 403"))) {
      throw new Error("admin API answered something else than 403: " + apiCalls);
    }
    await page.screenshot({ path: screenshot, fullPage: true });
  }
  console.log("admin API calls:", apiCalls.join(", ") || "none");
  console.log("OK");
} catch (e) {
  await reportFailure(page, screenshot);
  throw e;
} finally {
  await browser.close();
}
