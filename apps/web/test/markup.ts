import { HtmlValidate } from "html-validate";
import type { Page } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";

/**
 * html-validate over the DOM as the browser holds it (page.content()): what React rendered, not a template.
 * Only rules that cannot apply to such a serialisation are off, each with its reason.
 */
const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    // The serialisation is Chromium's, not an author's: it writes boolean and empty attributes, void elements
    // and whitespace its own way, so these style rules would judge the serialiser.
    "attribute-boolean-style": "off",
    "attribute-empty-style": "off",
    "void-style": "off",
    "no-trailing-whitespace": "off",
    // React sets a `style` only through the CSSOM (a progress bar's width), which the Content-Security-Policy allows;
    // the serialisation shows it as an attribute all the same.
    "no-inline-style": "off",
    // Vite's built scripts and styles come from the same origin, under the server's CSP: no subresource integrity to check.
    "require-sri": "off",
    // React's useId() names elements "_r_1_": valid HTML (an id needs only to be unique and without spaces), which
    // the strict form of this rule, written for hand-made ids, refuses.
    "valid-id": ["error", { relaxed: true }],
    // The commune and street fields are ARIA 1.2 comboboxes: their suggestions are a role="listbox" popup, which a
    // native <select> cannot be (it takes no typing). Every other role still gets the rule.
    "prefer-native-element": ["error", { exclude: ["listbox"] }],
  },
});

/** Every html-validate finding on the page as it stands, as "rule: message (selector)". */
export async function markupFindings(page: Page): Promise<string[]> {
  const report = await validator.validateString(await page.content());
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (${m.selector ?? `${m.line}:${m.column}`})`));
}

/** Every axe violation on the page as it stands. */
export async function axeFindings(page: Page): Promise<string[]> {
  return (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The document's title: at most 70 characters (what a tab or a search result shows), and never empty. */
export async function titleFindings(page: Page): Promise<string[]> {
  const title = await page.title();
  if (!title.trim()) return ["title: empty"];
  return title.length > 70 ? [`title: ${title.length} characters: ${title}`] : [];
}

/**
 * Every console line of the page's where the browser refused something under the server's
 * Content-Security-Policy, or failed to load a resource (a missing favicon included): the journey must end with none.
 */
export function recordRefusals(page: Page): string[] {
  const refusals: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|favicon/i.test(text)) refusals.push(text);
  });
  // A console line "Failed to load resource" does not name the file: the responses do. The API's refusals (fetch) are answers, not missing files.
  page.on("response", (response) => {
    if (response.status() >= 400 && !["fetch", "xhr"].includes(response.request().resourceType())) refusals.push(`${response.status()} ${response.url()}`);
  });
  return refusals;
}
