import { TenantError } from "@guichet/api";
import { createGuichet } from "./guichet";
import { createHttpServer } from "./httpServer";
import { readSettings, SettingsError } from "./settings";

try {
  const settings = readSettings(process.env);
  const guichet = await createGuichet(settings);
  const app = await createHttpServer(guichet, { logger: settings.log });
  await app.listen({ port: settings.port, host: settings.host });
  const bound = app.server.address();
  const where = bound && typeof bound === "object" ? `${bound.family === "IPv6" ? `[${bound.address}]` : bound.address}:${bound.port}` : String(bound);
  const everywhere = settings.host === "0.0.0.0" || settings.host === "::";
  console.log(
    `Guichet écoute sur http://${where}${everywhere ? " (toutes les interfaces réseau)" : ""} ; adresse publique ${settings.publicUrl}, kiosque ${settings.publicUrl}/borne/`,
  );
  if (!settings.production) {
    console.log(
      settings.devPagesOpen
        ? "Pages de développement (/dev/mail, /dev/flows) ouvertes à toutes les adresses (GUICHET_DEV_PAGES=open)."
        : "Pages de développement (/dev/mail, /dev/flows) réservées à cette machine (GUICHET_DEV_PAGES=open pour les ouvrir).",
    );
  }
  if (guichet.metrics && settings.metricsPort !== undefined) {
    console.log(`Métriques Prometheus sur ${await guichet.metrics.listen(settings.metricsPort, settings.metricsHost)}/metrics`);
  }
  if (settings.captchaDisabled) console.log("Contrôle de sécurité désactivé (GUICHET_CAPTCHA=off).");
  const stop = async () => {
    await app.close();
    await guichet.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
} catch (error) {
  if (error instanceof SettingsError || error instanceof TenantError) {
    console.error(`Configuration refusée : ${error.message}`);
    process.exit(2);
  }
  throw error;
}
