import { createGuichet } from "./guichet";
import { createHttpServer } from "./httpServer";
import { readSettings, SettingsError } from "./settings";

try {
  const settings = readSettings(process.env);
  const guichet = await createGuichet(settings);
  const app = await createHttpServer(guichet, { logger: settings.log });
  const address = await app.listen({ port: settings.port, host: settings.host });
  const port = new URL(address).port;
  console.log(`Guichet écoute sur http://localhost:${port} (kiosque : /borne/)`);
  if (settings.captchaDisabled) console.log("Contrôle de sécurité désactivé (GUICHET_CAPTCHA=off).");
  const stop = async () => {
    await app.close();
    await guichet.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  if (error instanceof SettingsError) {
    console.error(`Configuration refusée : ${error.message}`);
    process.exit(2);
  }
  throw error;
}
