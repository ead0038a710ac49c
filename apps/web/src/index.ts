/** Where the built pages are, for the server that serves them. */
export const webDist = new URL("../dist", import.meta.url).pathname;
