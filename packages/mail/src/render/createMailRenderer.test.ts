import mjml2html from "mjml";
import { beforeAll, expect, test, vi } from "vitest";
import { exampleTenant } from "../testing/exampleTenant.js";
import { templates, type TemplateData } from "../templates/templates.js";
import { createMailRenderer, type MailRenderer } from "./createMailRenderer.js";

vi.mock("mjml", async (importOriginal) => {
  const original = await importOriginal<typeof import("mjml")>();
  return { default: vi.fn(original.default) };
});

const examples: TemplateData = {
  activation: {
    civility: "Monsieur",
    lastName: "Martin",
    username: "marc.martin75",
    activationUrl: "https://guichet.ccplm.example/activation/a1",
    activationCode: "502917",
  },
  resume: { resumeUrl: "https://guichet.ccplm.example/reprendre/r1" },
  resumeRecovery: { resumeUrl: "https://guichet.ccplm.example/reprendre/r2" },
  passwordReset: { civility: "Madame", lastName: "Durand", resetUrl: "https://guichet.ccplm.example/mot-de-passe/p1" },
  alreadyRegistered: {
    civility: "Madame",
    lastName: "Petit",
    loginUrl: "https://guichet.ccplm.example/connexion",
    passwordResetUrl: "https://guichet.ccplm.example/mot-de-passe-oublie",
  },
  demarcheDone: {
    civility: "Madame",
    lastName: "Petit",
    demarche: "Modifier mes coordonnées",
    summary: "Voie\u00a0: rue des Lilas\nVille\u00a0: Laval",
    accountUrl: "https://guichet.ccplm.example/mon-espace",
  },
  emailChangeConfirm: { civility: "Madame", lastName: "Petit", confirmUrl: "https://guichet.ccplm.example/confirmer-courriel/c1" },
  emailChangeNotice: { civility: "Madame", lastName: "Petit", accountUrl: "https://guichet.ccplm.example/mon-espace" },
  accountDeleted: { civility: "Madame", lastName: "Petit", homeUrl: "https://guichet.ccplm.example/" },
};

let renderer: MailRenderer;

beforeAll(async () => {
  renderer = await createMailRenderer();
});

test("render never calls mjml2html once the renderer has started", async () => {
  const callsAtStart = vi.mocked(mjml2html).mock.calls.length;
  expect(callsAtStart).toBe(Object.keys(templates).length);

  for (let n = 0; n < 50; n += 1) renderer.render("activation", { ...examples.activation, lastName: `Martin${n}` }, exampleTenant);
  await new Promise((resolve) => setTimeout(resolve, 50)); // a call started in the background counts too

  expect(vi.mocked(mjml2html).mock.calls.length).toBe(callsAtStart);
});

test.each(Object.keys(examples) as (keyof TemplateData)[])("the %s e-mail carries the tenant name, colour and contacts in both parts", (name) => {
  const mail = renderer.render(name, examples[name] as never, exampleTenant);

  expect(mail.subject).toBe(templates[name].subject);
  expect(mail.html).toContain('<html lang="fr"');
  expect(mail.html).toContain(`<title>${templates[name].subject}</title>`);
  expect(mail.html).toContain("background-color:#1d4f91");
  expect(mail.html).not.toMatch(/\{\{|#a1b2c/);
  for (const part of [mail.html, mail.text]) {
    expect(part).toContain("Communauté de communes Piège Lauragais Malepère");
    expect(part).toContain("04 68 76 69 40");
    expect(part).toContain("jeunesse@ccplm.fr");
    for (const value of Object.values(examples[name])) for (const line of value.split("\n")) expect(part).toContain(line);
  }
});

test("a name cannot add lines to the text part", () => {
  const mail = renderer.render("activation", { ...examples.activation, lastName: "Martin\r\n\r\nVotre code a changé : 000000" }, exampleTenant);

  expect(mail.text).toContain("Bonjour Monsieur Martin Votre code a changé : 000000,");
  expect(mail.text).not.toMatch(/^Votre code a changé/m);
});

test("data that does not fit the template is refused before anything is rendered", () => {
  const { activationCode: _, ...withoutCode } = examples.activation;
  expect(() => renderer.render("activation", withoutCode as never, exampleTenant)).toThrow("field activationCode is not a valid code");
  expect(() => renderer.render("activation", { ...examples.activation, activationCode: "12345" }, exampleTenant)).toThrow(/activationCode/);
  expect(() => renderer.render("resume", { resumeUrl: "javascript:alert(1)" }, exampleTenant)).toThrow(/resumeUrl/);
  expect(() => renderer.render("toString" as never, {} as never, exampleTenant)).toThrow("Unknown e-mail template");
});

test("templates precompiled by the build render exactly as those compiled at start, by Handlebars' runtime alone", async () => {
  const { compileTemplateSources } = await import("./createMailRenderer.js");
  const { precompileSource } = await import("./compileTemplate.js");
  const sources = await compileTemplateSources();
  // What the build writes to dist/precompiled.js, evaluated as the server's bundle would.
  const precompiled = Object.fromEntries(Object.entries(sources).map(([name, source]) => [name, new Function(`return ${precompileSource(source)};`)()]));
  const fromBuild = await createMailRenderer({ precompiled });
  for (const name of Object.keys(templates) as Array<keyof TemplateData>) {
    expect(fromBuild.render(name, examples[name] as never, exampleTenant)).toEqual(renderer.render(name, examples[name] as never, exampleTenant));
  }
  const html = fromBuild.render("activation", { ...examples.activation, lastName: "<b>Martin</b>" }, exampleTenant).html;
  expect(html).toContain("&lt;b&gt;Martin&lt;/b&gt;");
  await expect(createMailRenderer({ precompiled: { activation: precompiled.activation } })).rejects.toThrow(/missing from the compiled templates/);
});

/** What a reader sees of the HTML part: its text, without styles and tags, entities decoded. */
const visibleText = (html: string) =>
  html
    .replace(/<(style|head)[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&nbsp;", "\u00a0")
    .replaceAll("&#x27;", "'");

test.each(Object.keys(examples) as (keyof TemplateData)[])(
  "the %s e-mail puts a no-break space before « : ; ? ! » and inside « », in both parts and its preview",
  (name) => {
    const mail = renderer.render(name, examples[name] as never, exampleTenant);
    const preview = templates[name].preview;
    for (const part of [mail.text, visibleText(mail.html), preview]) {
      expect(part).not.toMatch(/ [:;?!»]/);
      expect(part).not.toMatch(/« /);
    }
    expect(`${mail.text}${preview}`).toMatch(/\u00a0[:?]/);
  },
);

test("the démarche e-mail shows what was recorded one field a line, in both parts", () => {
  const lines = Array.from({ length: 13 }, (_, n) => `Champ ${n + 1}\u00a0: valeur ${n + 1}`);
  const mail = renderer.render("demarcheDone", { ...examples.demarcheDone, summary: lines.join("\n") }, exampleTenant);

  for (const line of lines) expect(mail.text).toMatch(new RegExp(`^${line}$`, "m"));
  expect(mail.html).toContain(lines.join("<br>"));
  // A line cannot carry markup into the HTML part.
  const hostile = renderer.render("demarcheDone", { ...examples.demarcheDone, summary: "Voie\u00a0: <b>rue</b>\nVille\u00a0: Laval" }, exampleTenant);
  expect(hostile.html).toContain("Voie\u00a0: &lt;b&gt;rue&lt;/b&gt;<br>Ville\u00a0: Laval");
});

test("the activation e-mail repeats the username chosen at sign-up, in both parts", () => {
  const mail = renderer.render("activation", examples.activation, exampleTenant);

  expect(mail.text).toMatch(/^Votre espace citoyen a bien été créé\. Votre nom d’utilisateur\u00a0: marc\.martin75$/m);
  expect(visibleText(mail.html)).toMatch(/Votre nom d’utilisateur\u00a0:\s+marc\.martin75/);
});
