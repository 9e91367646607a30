// Opens the token-families executor of a client profile in the stock admin console of realm "demo" (Realm settings →
// Client policies → Profiles → <profile> → token-families) in headless Chromium.
// mode "show": waits until every <expected> text is on the form (labels in the admin's language), takes a screenshot.
// mode "invalid": waits until the grace field shows the <stored> value (the console loads the executor's configuration
// after the field is rendered and resets the form with it, which would overwrite an earlier fill), types <grace>,
// checks the field holds it, saves, and waits for the console's error alert; prints it.
// Usage: node admin-executor-form.mjs <baseUrl> <username> <password> <profile> <screenshot.png> <mode>
//        [<expected>... | <grace> <stored>]
import { chromium } from "playwright-core";
import { reportFailure } from "./failure.mjs";

const [baseUrl, username, password, profile, screenshot, mode, ...rest] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 1300 } });
page.on("pageerror", (e) => console.log("page error:", e.message));
page.on("response", (r) => r.status() >= 400 && console.log("HTTP", r.status(), r.url().replace(/[?#].*/, "")));
const consoleUrl = `${baseUrl}/admin/demo/console/`;
const GRACE_ID = "grace-seconds"; // the test id of the form's grace field
try {
  await page.goto(consoleUrl);
  await page.fill("#username", username);
  await page.fill("#password", password);
  await page.click("#kc-login");
  await page.waitForURL((u) => u.href.startsWith(consoleUrl), { timeout: 60000 });
  await page.goto(`${consoleUrl}#/demo/realm-settings/client-policies/${encodeURIComponent(profile)}/edit-profile/token-families`);
  const grace = page.getByTestId(GRACE_ID);
  await grace.waitFor({ timeout: 60000 });
  if (mode === "show") {
    for (const text of rest) {
      await page.getByText(text, { exact: true }).first().waitFor({ timeout: 30000 });
    }
    await grace.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshot, fullPage: true });
  } else {
    const [bad, stored] = rest;
    await waitForValue(grace, stored);
    await grace.fill(bad);
    await waitForValue(grace, bad);
    await page.getByTestId("addExecutor-saveBtn").click();
    const alert = page.locator(".pf-v5-c-alert.pf-m-danger, [class*='c-alert'][class*='danger']").first();
    await alert.waitFor({ timeout: 30000 });
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log("ALERT:", (await alert.innerText()).replace(/\s+/g, " "));
  }
  console.log("OK");
} catch (e) {
  await reportFailure(page, screenshot, 1500);
  throw e;
} finally {
  await browser.close();
}

async function waitForValue(input, value) {
  // The grace field is matched by its test id again on each check: the console may re-render it.
  await page.waitForFunction(([id, v]) => document.querySelector(`[data-testid='${id}']`)?.value === v, [GRACE_ID, value],
    { timeout: 30000 }).catch(async (e) => {
    throw new Error(`grace field shows "${await input.inputValue()}", expected "${value}": ${e.message}`);
  });
}
