// Logs in to the account console in headless Chromium as a user whose language is not English, opens the
// "Devices and apps" page from the console's own menu (found by its translated label), waits until the page shows
// <heading> and a sign-out button <button> for device <device>, prints the "last active" cell and takes a screenshot.
// Usage: node account-language.mjs <baseUrl> <username> <password> <menuLabel> <heading> <button> <device> <screenshot.png>
import { chromium } from "playwright-core";
import { reportFailure } from "./failure.mjs";

const [baseUrl, username, password, menuLabel, heading, button, device, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--lang=en-US"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 820 }, locale: "en-US" }); // the browser says English
page.on("pageerror", (e) => console.log("page error:", e.message));
page.on("response", (r) => r.status() >= 400 && console.log("HTTP", r.status(), r.url()));
try {
  await page.goto(`${baseUrl}/realms/demo/account/`);
  await page.fill("#username", username);
  await page.fill("#password", password);
  await page.click("#kc-login");
  await page.waitForURL(/\/realms\/demo\/account/, { timeout: 60000 });
  const link = page.getByText(menuLabel, { exact: true }).first();
  await link.waitFor({ state: "attached", timeout: 60000 }); // inside the collapsed "account security" group
  await page.goto(new URL(await link.getAttribute("href"), baseUrl).toString());
  const section = page.locator("#token-families-devices");
  await section.getByRole("heading", { name: heading, exact: true }).waitFor({ timeout: 30000 });
  const row = section.locator("tr", { hasText: device });
  await row.getByRole("button", { name: button, exact: true }).waitFor({ timeout: 30000 });
  console.log("LAST_ACTIVE:", await row.locator("td[data-epoch]").innerText());
  console.log("HEADERS:", (await section.locator("thead th").allInnerTexts()).join("|"));
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log("OK");
} catch (e) {
  await reportFailure(page, screenshot);
  throw e;
} finally {
  await browser.close();
}
