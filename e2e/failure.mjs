// Shared by the browser scripts: what a failed run prints for the IT's report, and its "-failed" screenshot.

/** Prints the page's URL and the first `chars` characters of its text, and saves `<screenshot>-failed.png`. */
export async function reportFailure(page, screenshot, chars = 800) {
  console.log("at", page.url());
  console.log((await page.locator("body").innerText().catch(() => "")).slice(0, chars));
  await page.screenshot({ path: screenshot.replace(/\.png$/, "-failed.png"), fullPage: true }).catch(() => {});
}
