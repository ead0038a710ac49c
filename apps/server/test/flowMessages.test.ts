import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountChangesText, fr } from "@guichet/schema";
import { browser, citizen, linkIn, mailsTo, refusal, signUp } from "./accountHelpers";
import { testEngines } from "./engines";
import { startTestServer, walkTo, type TestServer } from "./testServer";

/*
 * What a citizen reads when a step is sent empty (every field's error, so that the error summary lists
 * them all) and when a flow is not found (a sentence that fits the sign-up and a démarche alike).
 */
describe.each(testEngines)("the sentences of a flow, on %s", (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ PUBLIC_URL: "http://guichet.test" }, { engine });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function loggedIn(n: string) {
    const who = citizen(n);
    await signUp(server, who);
    const [mail] = await mailsTo(server, who.contacts.courriel);
    expect((await server.client.account.activate.mutate({ jeton: linkIn(mail!.text, "activation").jeton })).status).toBe("activated");
    const device = browser(server).client;
    expect((await device.account.login.mutate({ username: who.credentials.username, password: who.credentials.password })).ok).toBe(true);
    return device;
  }

  it("lists every field's error of AUTHENTIFICATION and of « Changer mon mot de passe » sent empty", async () => {
    const view = await walkTo(server.client, "credentials");
    const empty = await server.client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: {} } });
    expect(empty).toMatchObject({ step: "credentials", version: view.version });
    expect(empty.errors).toEqual({
      username: fr.credentials.usernameRequired,
      password: fr.credentials.passwordRequired,
      confirmation: fr.credentials.confirmationRequired,
    });
    // Every field the page draws has its error beside it.
    expect(empty.fields.filter((f) => f.error).map((f) => f.name)).toEqual(["username", "password", "confirmation"]);

    const device = await loggedIn("vide");
    const change = await device.myspace.start.mutate({ kind: "changer-mot-de-passe" });
    const blank = { currentPassword: "", password: "", confirmation: "" };
    const sent = await device.flow.send.mutate({ token: change.token, version: change.version, move: { type: "NEXT", values: blank } });
    expect(sent.errors).toEqual({
      currentPassword: accountChangesText.currentPasswordRequired,
      password: fr.credentials.passwordRequired,
      confirmation: fr.credentials.confirmationRequired,
    });
  });

  it("says a flow is not found in words that fit a démarche as well as the sign-up", async () => {
    expect(fr.errors.notFound).not.toMatch(/inscription/i);
    const device = await loggedIn("introuvable");
    const view = await device.myspace.start.mutate({ kind: "modifier-coordonnees" });
    await device.account.logout.mutate();
    expect(await refusal(device.flow.get.mutate({ token: view.token }))).toEqual({ code: "NOT_FOUND", message: fr.errors.notFound });
    // An unknown token names no flow: the same sentence.
    expect(await refusal(server.client.flow.get.mutate({ token: "A".repeat(43) }))).toEqual({ code: "NOT_FOUND", message: fr.errors.notFound });
  });
});
