import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { expect } from "vitest";
import type { AppRouter } from "@guichet/api";
import { listMailbox, readMailbox } from "@guichet/mail";
import { marcBoyet, signUpAnswers, type Citizen, type TestServer } from "./testServer";

/** A clock the test moves by hand: links and throttles expire without waiting. */
export function movableClock(start = Date.now()) {
  let t = start;
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

/** The cookies a browser keeps: what the server sets, dropped when it expires them, sent back as one header. */
export class CookieJar extends Map<string, string> {
  /** Every Set-Cookie line seen, in order. */
  readonly setCookies: string[] = [];

  keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      this.setCookies.push(line);
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const [name, value] = [pair!.slice(0, eq), pair!.slice(eq + 1)];
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.delete(name);
      else this.set(name, value);
    }
  }

  /** Adds the Cookie header, when there is anything to send. */
  sendWith(headers: Headers): Headers {
    if (this.size) headers.set("cookie", [...this].map(([k, v]) => `${k}=${v}`).join("; "));
    return headers;
  }

  /** Whether a session was opened: a refused login still sets the device cookie, never a session one. */
  hasSession(): boolean {
    return [...this.keys()].some((name) => name.includes("session"));
  }
}

/**
 * A browser as far as cookies go: keeps what the server sets, sends it back, shows the last Set-Cookie.
 * `ip` poses as another address, through the proxy header the server trusts.
 */
export function browser(server: TestServer, options: { ip?: string } = {}) {
  const jar = new CookieJar();
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${server.url}/trpc`,
        fetch: async (url, init) => {
          const headers = jar.sendWith(new Headers(init?.headers as HeadersInit | undefined));
          if (options.ip) headers.set("x-forwarded-for", options.ip);
          const res = await fetch(url, { ...(init as RequestInit), headers });
          jar.keep(res);
          return res;
        },
      }),
    ],
  });
  return { client, jar, setCookies: jar.setCookies };
}

/** A citizen: the seed's Marc Boyet with another name, e-mail and username. */
export function citizen(n: string, overrides: { nomUsuel?: string; courriel?: string } = {}) {
  return {
    ...marcBoyet,
    identity: { ...marcBoyet.identity, nomUsuel: overrides.nomUsuel ?? marcBoyet.identity.nomUsuel },
    contacts: { ...marcBoyet.contacts, courriel: overrides.courriel ?? `citoyen.${n}@example.fr` },
    credentials: { username: `citoyen.${n}`, password: "Pontoise1975", confirmation: "Pontoise1975" },
  };
}

/** Walks every step of the sign-up, as the web app would, and returns the final view. */
export async function signUp(server: TestServer, who: Citizen, client: TestServer["client"] = server.client) {
  const c = client.flow;
  let view = await c.start.mutate();
  view = await c.send.mutate({ token: view.token, version: view.version, move: { type: "START" } });
  for (const [step, values] of signUpAnswers(who)) {
    expect(view.step).toBe(step);
    view = await c.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: values as Record<string, unknown> } });
    expect(view.errors, `errors at ${step}`).toEqual({});
  }
  expect(view.step).toBe("done");
  return view;
}

/** The e-mails of the local mailbox (no SMTP_URL), newest last, parsed. */
export async function mailbox(server: TestServer) {
  const dir = server.guichet.settings.mailDir;
  // Listed newest first; ids sort by time of writing.
  const list = (await listMailbox(dir)).reverse();
  return Promise.all(list.map(async (m) => ({ ...m, ...(await readMailbox(dir, m.id))! })));
}

/** Sends what the outbox holds, then returns the mailbox's messages to one address. */
export async function mailsTo(server: TestServer, address: string) {
  await server.guichet.outbox.drain();
  return (await mailbox(server)).filter((m) => m.to.includes(address));
}

export const linkIn = (text: string, path: string) => {
  const found = text.match(new RegExp(`https?://[^\\s]+/${path}#jeton=([A-Za-z0-9_-]+)`));
  if (!found) throw new Error(`no ${path} link in:\n${text}`);
  return { url: found[0], jeton: found[1]! };
};
export const codeIn = (text: string) => text.match(/^\s+(\d{6})\s*$/m)?.[1] ?? "";

/** The French sentence and code of a refused call. */
export async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) return { code: error.data?.code as string, message: error.message };
    throw error;
  }
  throw new Error("the call was not refused");
}
