// Drives Debian's Chromium (headless) through a `kg view` page for tests/view/test_view.py:
// counts what Cytoscape drew, clicks a node with the mouse and reads its facts, searches a
// name without diacritics, moves the date slider, records every request the page makes
// (any that is not the page itself is blocked and reported), and saves a screenshot.
//
//   node drive.mjs <page.html> <screenshot.png> <node id to click> <search text>
//
// playwright-core comes from build/view/node_modules (tools/view/build.sh); it downloads no
// browser. Prints one JSON object.
import { createRequire } from "node:module";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [page_file, screenshot, clickId, searchText] = process.argv.slice(2);
const modules = process.env.KG_VIEW_NODE_MODULES || path.resolve(import.meta.dirname, "../../build/view/node_modules");
const require = createRequire(path.join(modules, "noop.js"));
const { chromium } = require("playwright-core");
const executablePath = process.env.KG_CHROMIUM ||
  ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((p) => existsSync(p));

const profile = mkdtempSync(path.join(tmpdir(), "kg-view-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath, headless: true, viewport: { width: 1400, height: 860 }, deviceScaleFactor: 1,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const url = pathToFileURL(path.resolve(page_file)).href;
const result = { requests: [], blocked: [], console: [], errors: [], dialogs: [] };
await context.route("**/*", (route) => {
  const u = route.request().url();
  if (u === url) return route.continue();
  result.blocked.push(u);
  return route.abort();
});
try {
  const page = context.pages()[0] || await context.newPage();
  page.on("request", (r) => result.requests.push(r.url()));
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") result.console.push(m.text()); });
  page.on("pageerror", (e) => result.errors.push(String(e)));
  page.on("dialog", (d) => { result.dialogs.push(d.message()); d.dismiss(); });
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready === "true", null, { timeout: 180000 });
  Object.assign(result, await page.evaluate(() => ({
    nodes: kgView.cy.nodes().length, edges: kgView.cy.edges().length,
    drawn: kgView.cy.nodes().filter((n) => n.renderedBoundingBox().w > 0).length,
    scripts: document.scripts.length, counts: document.getElementById("counts").textContent,
  })));

  // Click the node where it is drawn, as a person would.
  const target = await page.evaluate((id) => {
    const node = kgView.cy.getElementById(id);
    kgView.cy.zoom(1.4);
    kgView.cy.center(node);
    const p = node.renderedPosition(), box = kgView.cy.container().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y, label: node.data("label") };
  }, clickId);
  await page.mouse.click(target.x, target.y);
  await page.waitForFunction((label) => document.querySelector("#facts h2")?.textContent === label,
    target.label, { timeout: 10000 });
  result.clicked = target.label;
  result.facts = await page.$eval("#facts", (el) => el.textContent);
  result.factItems = await page.$$eval("#facts li.fact", (items) => items.length);
  result.selected = await page.evaluate(() => kgView.cy.nodes(":selected").map((n) => n.id()));

  await page.fill("#search", searchText);
  result.matches = await page.$$eval("#matches li", (items) => items.map((li) => li.textContent));

  // The date slider, dated facts only: the earliest date, the latest, then everything again.
  result.asOf = await page.evaluate(() => {
    const slider = document.getElementById("date"), undated = document.getElementById("undated");
    if (slider.disabled) return null;
    const visible = () => kgView.cy.nodes().length;
    undated.checked = false;
    undated.dispatchEvent(new Event("change"));
    slider.value = "0";
    slider.dispatchEvent(new Event("input"));
    const out = { first: document.getElementById("date-label").textContent, firstNodes: visible() };
    slider.value = String(Number(slider.max) - 1);
    slider.dispatchEvent(new Event("input"));
    Object.assign(out, { last: document.getElementById("date-label").textContent, lastNodes: visible() });
    undated.checked = true;
    undated.dispatchEvent(new Event("change"));
    slider.value = slider.max;
    slider.dispatchEvent(new Event("input"));
    out.allAgain = visible();
    return out;
  });
  // The picture: the clicked node and what is two steps from it, with its facts alongside.
  await page.evaluate((id) => {
    const node = kgView.cy.getElementById(id);
    kgView.cy.fit(node.closedNeighborhood().closedNeighborhood(), 40);
  }, clickId);
  await page.screenshot({ path: screenshot });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
