/**
 * Goes through the local provider's login as a browser would, from the authorization URL to the
 * redirection back to the service, picking `sub` on the page (or cancelling). Returns the URL the
 * provider sends the browser back to (the service's callback with `code` and `state`), unvisited.
 */
export async function signInAs(authorizationUrl: string | URL, sub: string, options: { cancel?: boolean } = {}): Promise<URL> {
  const origin = new URL(authorizationUrl).origin;
  const cookies = new Map<string, string>();
  const send = async (url: URL, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1));
    }
    await response.arrayBuffer();
    return response;
  };

  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 10; hop++) {
    const response = await send(url);
    const location = response.headers.get("location");
    if (!location) throw new Error(`The provider answered ${response.status} at ${url.pathname} without a redirection.`);
    url = new URL(location, url);
    if (url.origin !== origin) return url;
    const interaction = /^\/interaction\/([\w-]+)$/.exec(url.pathname);
    if (!interaction) continue;
    const page = await send(url);
    if (page.status !== 200) throw new Error(`The login page answered ${page.status}.`);
    const action = options.cancel ? "abort" : "login";
    const submitted = await send(new URL(`/interaction/${interaction[1]}/${action}`, origin), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ citizen: sub }).toString(),
    });
    const next = submitted.headers.get("location");
    if (!next) throw new Error(`The login form answered ${submitted.status} without a redirection.`);
    url = new URL(next, origin);
    if (url.origin !== origin) return url;
  }
  throw new Error("Too many redirections at the local provider.");
}
