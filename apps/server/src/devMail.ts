import type { FastifyInstance } from "fastify";
import { listMailbox, readMailbox } from "@guichet/mail";
import { devMailHeaders } from "./securityHeaders";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const page = (title: string, body: string) => `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title><link rel="icon" type="image/svg+xml" href="/favicon.svg">
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:left}
a{color:#0b4f8a}iframe{width:100%;height:70vh;border:1px solid #ccc}pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem}</style>
</head><body><main>${body}</main></body></html>`;

/** The local mailbox, for developers and demos without an SMTP server: never served in production. */
export function devMailRoutes(app: FastifyInstance, dir: string) {
  app.get("/dev/mail", { helmet: devMailHeaders }, async (_req, reply) => {
    const mails = await listMailbox(dir);
    const rows = mails
      .map(
        (m) =>
          `<tr><td>${escape(new Date(m.date).toLocaleString("fr-FR"))}</td><td>${escape(m.to)}</td><td><a href="/dev/mail/${encodeURIComponent(m.id)}">${escape(m.subject)}</a></td></tr>`,
      )
      .join("");
    reply.type("text/html").send(
      page(
        "Courriels envoyés",
        `<h1>Courriels envoyés (boîte locale)</h1>
      ${mails.length ? `<table><thead><tr><th>Date</th><th>Destinataire</th><th>Objet</th></tr></thead><tbody>${rows}</tbody></table>` : "<p>Aucun courriel pour le moment.</p>"}`,
      ),
    );
  });
  app.get<{ Params: { id: string } }>("/dev/mail/:id", { helmet: devMailHeaders }, async (req, reply) => {
    const mail = await readMailbox(dir, req.params.id).catch(() => undefined);
    if (!mail)
      return reply.status(404).type("text/html").send(page("Introuvable", '<h1>Courriel introuvable</h1><p><a href="/dev/mail">Retour à la liste</a></p>'));
    reply.type("text/html").send(
      page(
        mail.subject,
        `<p><a href="/dev/mail">Retour à la liste</a></p><h1>${escape(mail.subject)}</h1>
      <p>À : ${escape(mail.to)}</p><h2>Version HTML</h2><iframe sandbox="" title="Version HTML du courriel" srcdoc="${escape(mail.html ?? "")}"></iframe>
      <h2>Version texte</h2><pre>${escape(mail.text ?? "")}</pre>`,
      ),
    );
  });
}
