// Logs in to the account console in headless Chromium, opens "Devices and apps", checks that both devices are
// listed by name, takes a screenshot, signs one device out and waits until it is gone from the list.
// Usage: node account-devices.mjs <baseUrl> <username> <password> <keepDevice> <dropDevice> <screenshot.png>
import { chromium } from "playwright-core";

const [baseUrl, username, password, keep, drop, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
  page.on("pageerror", (e) => console.log("page error:", e.message));
  page.on("console", (m) => m.type() === "error" && console.log("console error:", m.text()));
  page.on("response", (r) => r.status() >= 400 && console.log("HTTP", r.status(), r.url()));
  await page.goto(`${baseUrl}/realms/demo/account/`);
  await page.fill("#username", username);
  await page.fill("#password", password);
  await page.click("#kc-login");
  await page.waitForURL(/\/realms\/demo\/account/, { timeout: 60000 });
  const link = await page.getByText("Devices and apps", { exact: true }).first().getAttribute("href"); // the console's own menu entry
  await page.goto(new URL(link, baseUrl).toString());
  await page.waitForSelector("#token-families-devices", { timeout: 30000 }).catch(async (e) => {
    console.log("at", page.url());
    console.log((await page.locator("body").innerText()).slice(0, 500));
    throw e;
  });
  await page.getByText(keep, { exact: true }).waitFor({ timeout: 30000 });
  await page.getByText(drop, { exact: true }).waitFor({ timeout: 30000 });
  await page.screenshot({ path: screenshot, fullPage: true });
  await page.locator("tr", { hasText: drop }).getByRole("button", { name: "Sign out this device" }).click();
  await page.getByText(drop, { exact: true }).waitFor({ state: "detached", timeout: 30000 });
  await page.getByText(keep, { exact: true }).waitFor({ timeout: 30000 });
  console.log("OK");
} finally {
  await browser.close();
}
