import { startFranceConnectDev } from "./provider";

// `npm run dev:franceconnect`: the local FranceConnect stand-in, with one client for the Guichet
// server in development. Every value can be overridden from the environment.
const env = process.env;
const port = Number(env.FRANCECONNECT_DEV_PORT ?? 4010);
const redirectUris = (env.FRANCECONNECT_DEV_REDIRECT_URIS ?? "http://127.0.0.1:3000/franceconnect/callback,http://localhost:3000/franceconnect/callback").split(
  ",",
);
const postLogoutRedirectUris = (env.FRANCECONNECT_DEV_POST_LOGOUT_REDIRECT_URIS ?? "http://127.0.0.1:3000/,http://localhost:3000/").split(",");

try {
  const provider = await startFranceConnectDev({
    port,
    clients: [
      {
        clientId: env.FRANCECONNECT_CLIENT_ID ?? "guichet-local",
        clientSecret: env.FRANCECONNECT_CLIENT_SECRET ?? "guichet-local-secret",
        redirectUris,
        postLogoutRedirectUris,
      },
    ],
  });
  console.log(`FranceConnect (simulateur local) : ${provider.issuer}`);
  console.log(`  FRANCECONNECT_ISSUER=${provider.issuer}`);
  console.log(`  FRANCECONNECT_CLIENT_ID=${env.FRANCECONNECT_CLIENT_ID ?? "guichet-local"}`);
  console.log(`  redirect URIs accepted: ${redirectUris.join(", ")}`);
  const stop = () => void provider.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
