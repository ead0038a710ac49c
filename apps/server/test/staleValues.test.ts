import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fr, type FlowView } from "@guichet/schema";
import { browser, citizen, linkIn, mailbox, mailsTo, signUp } from "./accountHelpers";
import { testEngines } from "./engines";
import { startTestServer, type Citizen, type TestServer } from "./testServer";

const KIND = "modifier-coordonnees";
const NEW_PHONE = "05 61 22 33 44";

/*
 * A démarche of Mon espace starts from the account's values. When the account changes while it waits
 * (here its e-mail address, through « Changer mon adresse électronique » and its link), the démarche must
 * not write the old values back: resumed, it shows today's (and says what changed); a page left open on
 * the old ones saves nothing before the citizen has seen today's.
 */
describe.each(testEngines)("a démarche resumed after the account changed, on %s", (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ PUBLIC_URL: "http://guichet.test" }, { engine });
  });
  afterAll(async () => {
    await server?.close();
  });

  type Device = ReturnType<typeof browser>["client"];
  const send = (device: Device, view: FlowView, move: Parameters<Device["flow"]["send"]["mutate"]>[0]["move"]) =>
    device.flow.send.mutate({ token: view.token, version: view.version, move });
  /** What the page sends: every field as it shows it. */
  const pageValues = (view: FlowView) => Object.fromEntries(view.fields.map((f) => [f.name, f.value]));
  const reviewText = (view: FlowView) => JSON.stringify(view.review);

  async function loggedIn(n: string): Promise<{ who: Citizen; device: Device }> {
    const who = citizen(n);
    await signUp(server, who);
    const [mail] = await mailsTo(server, who.contacts.courriel);
    expect((await server.client.account.activate.mutate({ jeton: linkIn(mail!.text, "activation").jeton })).status).toBe("activated");
    const device = browser(server).client;
    expect((await device.account.login.mutate({ username: who.credentials.username, password: who.credentials.password })).ok).toBe(true);
    return { who, device };
  }

  /** « Modifier mes coordonnées » walked to its review, every value left as the account had it. */
  async function atReview(device: Device) {
    let view = await device.myspace.start.mutate({ kind: KIND });
    for (const step of ["address", "contacts"]) {
      expect(view.step).toBe(step);
      view = await send(device, view, { type: "NEXT", values: pageValues(view) });
      expect(view.errors).toEqual({});
    }
    expect(view.step).toBe("review");
    return view;
  }

  /** The account's e-mail address changed elsewhere: « Changer mon adresse électronique », then its link. */
  async function changeEmail(device: Device, who: Citizen, address: string) {
    let view = await device.myspace.start.mutate({ kind: "changer-adresse-electronique" });
    view = await send(device, view, { type: "NEXT", values: { currentPassword: who.credentials.password, courriel: address, confirmation: address } });
    view = await send(device, view, { type: "NEXT" });
    expect(view.status).toBe("done");
    const [mail] = await mailsTo(server, address);
    expect((await server.client.account.confirmEmail.mutate({ jeton: linkIn(mail!.text, "confirmer-courriel").jeton })).status).toBe("confirmed");
    expect(JSON.stringify(await device.account.me.query())).toContain(address);
  }

  /** Nothing asks the old address to become the account's again, and the account keeps the new one. */
  async function noChangeBack(device: Device, oldAddress: string, newAddress: string) {
    await server.guichet.outbox.drain();
    const links = (await mailbox(server)).filter((m) => m.to.includes(oldAddress) && m.text.includes("confirmer-courriel"));
    expect(links.map((m) => m.subject)).toEqual([]);
    const me = (await device.account.me.query())!;
    expect(me.pendingEmail).toBeUndefined();
    expect(me.groups.flatMap((g) => g.items)).toContainEqual({ label: fr.contacts.courriel, value: newAddress });
  }

  it("resumed, it shows the account's current e-mail address, says it changed, and saves only the phone", async () => {
    const { who, device } = await loggedIn("perime");
    const oldAddress = who.contacts.courriel;
    const newAddress = `${oldAddress.split("@")[0]}.nouvelle@example.org`;
    const started = await atReview(device);
    expect(reviewText(started)).toContain(oldAddress);

    await changeEmail(device, who, newAddress);

    // Later, on another device: « Mes démarches en cours », Reprendre.
    const later = browser(server).client;
    expect((await later.account.login.mutate({ username: who.credentials.username, password: who.credentials.password })).ok).toBe(true);
    const [pending] = await later.myspace.pending.query();
    let view = await later.myspace.resume.mutate({ flowId: pending!.flowId });
    expect(view.step).toBe("review");
    expect(reviewText(view)).toContain(newAddress);
    expect(reviewText(view)).not.toContain(oldAddress);
    expect(view.errors._form).toContain(fr.contacts.courriel);

    // Only the phone changes.
    view = await send(later, view, { type: "EDIT", step: "contacts" });
    expect(pageValues(view).courriel).toBe(newAddress);
    view = await send(later, view, { type: "NEXT", values: { ...pageValues(view), telephone: NEW_PHONE } });
    expect(view).toMatchObject({ step: "review", errors: {} });
    view = await send(later, view, { type: "NEXT" });
    expect(view.status).toBe("done");
    expect(view.ending?.join(" ")).not.toContain("lien de confirmation");

    await noChangeBack(later, oldAddress, newAddress);
    expect((await later.account.me.query())!.groups.flatMap((g) => g.items).some((i) => i.value.includes(NEW_PHONE))).toBe(true);
  });

  it("left open on the old values, its VALIDER writes nothing until the citizen has seen the current ones", async () => {
    const { who, device } = await loggedIn("ouvert");
    const oldAddress = who.contacts.courriel;
    const newAddress = `${oldAddress.split("@")[0]}.nouvelle@example.org`;
    let view = await send(device, await atReview(device), { type: "EDIT", step: "contacts" });
    expect(pageValues(view).courriel).toBe(oldAddress);

    // Meanwhile, in another tab, the address changes.
    const other = browser(server).client;
    expect((await other.account.login.mutate({ username: who.credentials.username, password: who.credentials.password })).ok).toBe(true);
    await changeEmail(other, who, newAddress);

    // The page still shows the old address; the citizen changes the phone and sends it, then VALIDER.
    const stale = await send(device, view, { type: "NEXT", values: { ...pageValues(view), telephone: NEW_PHONE } });
    expect(stale.step).toBe("contacts");
    expect(stale.errors._form).toContain(fr.contacts.courriel);
    // What they typed is kept; the address they left untouched is the account's current one.
    expect(pageValues(stale)).toMatchObject({ telephone: NEW_PHONE, courriel: newAddress });
    view = await send(device, stale, { type: "NEXT", values: pageValues(stale) });
    expect(view).toMatchObject({ step: "review", errors: {} });
    view = await send(device, view, { type: "NEXT" });
    expect(view.status).toBe("done");

    await noChangeBack(device, oldAddress, newAddress);
  });
  it("keeps a new address that waits for its link when « Modifier mes coordonnées » then changes only the phone", async () => {
    const { who, device } = await loggedIn("attente");
    const newAddress = `${who.contacts.courriel.split("@")[0]}.attente@example.org`;
    let view = await device.myspace.start.mutate({ kind: "changer-adresse-electronique" });
    view = await send(device, view, { type: "NEXT", values: { currentPassword: who.credentials.password, courriel: newAddress, confirmation: newAddress } });
    view = await send(device, view, { type: "NEXT" });
    expect(view.status).toBe("done");
    expect((await device.account.me.query())!.pendingEmail).toBeDefined();

    view = await atReview(device);
    view = await send(device, view, { type: "EDIT", step: "contacts" });
    view = await send(device, view, { type: "NEXT", values: { ...pageValues(view), telephone: NEW_PHONE } });
    view = await send(device, view, { type: "NEXT" });
    expect(view.status).toBe("done");

    // The link sent to the new address still confirms it: saving the phone did not drop the waiting change.
    expect((await device.account.me.query())!.pendingEmail).toBeDefined();
    const [mail] = await mailsTo(server, newAddress);
    expect((await server.client.account.confirmEmail.mutate({ jeton: linkIn(mail!.text, "confirmer-courriel").jeton })).status).toBe("confirmed");
    expect((await device.account.me.query())!.groups.flatMap((g) => g.items)).toContainEqual({ label: fr.contacts.courriel, value: newAddress });
  });
});
