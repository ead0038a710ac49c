import type { DataLine, PersonalDataExport } from "./personalData";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });
/** "30 novembre 2026 à 02:10", Paris time; a dash when there is no date. */
const date = (iso: string | null) => (iso ? when.format(new Date(iso)) : "—");

const NBSP = "\u00a0";

function list(lines: ReadonlyArray<DataLine>): string {
  if (!lines.length) return `<p>Aucune donnée.</p>`;
  return `<dl>${lines.map((l) => `<div><dt>${escape(l.libelle)}</dt><dd>${escape(l.valeur || "—")}</dd></div>`).join("")}</dl>`;
}

function table(caption: string, head: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>, empty: string): string {
  if (!rows.length) return `<p>${escape(empty)}</p>`;
  return (
    `<table><caption>${escape(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${escape(h)}</th>`).join("")}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join("")}</tr>`).join("")}</tbody></table>`
  );
}

/** A démarche's answers, as stored, read as lines "rubrique › champ : valeur". */
function answerLines(value: unknown, prefix = ""): DataLine[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== "object") return [{ libelle: prefix || "Valeur", valeur: String(value) }];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => answerLines(v, prefix ? `${prefix} › ${k}` : k));
}

/**
 * "Mes données" as a page a citizen reads and prints: the same document as the JSON file, in French,
 * self-contained (no script, no external resource; the photo inline), headings in order, tables with
 * captions and column headers. It fits a 320 px phone without scrolling sideways (WCAG 1.4.10): lines wrap,
 * tables share the width among their columns and break long words.
 */
export function personalDataHtml(d: PersonalDataExport): string {
  const sections = [
    `<section aria-labelledby="compte"><h2 id="compte">Votre compte</h2>${list([
      { libelle: "Nom d’utilisateur", valeur: d.compte.nomUtilisateur },
      { libelle: "Adresse électronique", valeur: d.compte.courriel },
      ...(d.compte.nouveauCourrielEnAttente ? [{ libelle: "Nouvelle adresse en attente de confirmation", valeur: d.compte.nouveauCourrielEnAttente }] : []),
      { libelle: "État", valeur: d.compte.statut },
      { libelle: "Créé le", valeur: date(d.compte.creeLe) },
      { libelle: "Activé le", valeur: date(d.compte.activeLe) },
    ])}</section>`,
    ...d.profil.map((p, i) => `<section aria-labelledby="profil-${i}"><h2 id="profil-${i}">${escape(p.rubrique)}</h2>${list(p.lignes)}</section>`),
    `<section aria-labelledby="photo"><h2 id="photo">Votre photo</h2>${
      d.photo ? `<img src="${escape(d.photo.dataUrl)}" alt="La photo d’identité de votre espace" width="180">` : "<p>Aucune photo.</p>"
    }</section>`,
    `<section aria-labelledby="cles"><h2 id="cles">Vos clés de service</h2>${table(
      "Les clés de service de votre espace",
      ["Service", "Clé", "Remplie automatiquement"],
      d.clesDeService.map((k) => [k.service, k.cle, k.remplieAutomatiquement ? "oui" : "non"]),
      "Aucune clé de service.",
    )}</section>`,
    `<section aria-labelledby="consentements"><h2 id="consentements">Vos consentements</h2>${table(
      "Ce que vous avez accepté",
      ["Objet", "Accepté le", "Version"],
      d.consentements.map((c) => [c.objet, date(c.accepteLe), c.version]),
      "Aucun consentement.",
    )}</section>`,
    `<section aria-labelledby="connexions"><h2 id="connexions">Vos connexions en cours</h2>${table(
      "Les sessions ouvertes sur votre espace",
      ["Ouverte le", "Dernière activité", "Expire le"],
      d.connexions.map((c) => [date(c.ouverteLe), date(c.derniereActiviteLe), date(c.expireLe)]),
      "Aucune connexion en cours.",
    )}</section>`,
    `<section aria-labelledby="demarches"><h2 id="demarches">Vos démarches</h2>${
      d.demarchesDeMonEspace.length
        ? d.demarchesDeMonEspace
            .map(
              (m) =>
                `<h3>${escape(m.demarche)} (${escape(m.statut)})</h3>${list([
                  { libelle: "Étape", valeur: m.etape },
                  { libelle: "Commencée le", valeur: date(m.commenceeLe) },
                  { libelle: "Modifiée le", valeur: date(m.modifieeLe) },
                  { libelle: "Effacée le", valeur: date(m.expireLe) },
                  ...answerLines(m.reponses),
                ])}`,
            )
            .join("")
        : "<p>Aucune démarche.</p>"
    }</section>`,
    `<section aria-labelledby="inscriptions"><h2 id="inscriptions">Inscriptions inachevées à votre adresse</h2>${table(
      "Inscriptions commencées avec votre adresse électronique et non terminées",
      ["Étape", "Commencée le", "Modifiée le", "Effacée le"],
      d.inscriptionsInachevees.map((i) => [i.etape, date(i.commenceeLe), date(i.modifieeLe), date(i.effaceeLe)]),
      "Aucune inscription inachevée.",
    )}</section>`,
    `<section aria-labelledby="courriels"><h2 id="courriels">Courriels qui vous ont été adressés</h2>${table(
      "Les courriels préparés ou envoyés pour votre espace, à votre adresse actuelle ou à une adresse précédente",
      ["Objet", "Préparé le", "Envoyé le", "Abandonné le"],
      d.courriels.map((c) => [c.objet, date(c.creeLe), date(c.envoyeLe), date(c.abandonneLe)]),
      "Aucun courriel.",
    )}</section>`,
    `<section aria-labelledby="liens"><h2 id="liens">Liens et codes à usage unique</h2>${table(
      "Les liens et codes envoyés pour votre espace (leur valeur n’est jamais conservée)",
      ["Objet", "Créé le", "Expire le", "Utilisé le"],
      d.liensEtCodes.map((l) => [l.objet, date(l.creeLe), date(l.expireLe), date(l.utiliseLe)]),
      "Aucun lien ni code.",
    )}</section>`,
  ];
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mes données${NBSP}– ${escape(d.responsableDuTraitement.nom)}</title>
<style>
body{font-family:system-ui,sans-serif;line-height:1.5;color:#1e1e1e;background:#fff;max-width:50rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:1px solid #666;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem}
dl div{display:flex;flex-wrap:wrap;gap:0 1rem;border-bottom:1px solid #ddd;padding:.2rem 0}dt{font-weight:600;flex:0 0 min(14rem,100%)}dd{margin:0;min-width:0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;table-layout:fixed}caption{text-align:left;font-style:italic;padding:.2rem 0}th,td{border:1px solid #999;padding:.3rem;text-align:left;vertical-align:top;overflow-wrap:anywhere;hyphens:auto}
@media (max-width:40rem){body{padding:.75rem}table{font-size:.875rem}th,td{padding:.2rem}}
@media print{body{max-width:none;padding:0}section{break-inside:avoid}}
</style>
</head>
<body>
<main>
<h1>Mes données</h1>
<p>Voici toutes les données que ${escape(d.responsableDuTraitement.nom)} conserve sur vous dans le guichet en ligne, au ${escape(date(d.genereLe))}. Votre mot de passe n’est jamais conservé en clair et ne figure pas ici. Pour toute question sur vos données${NBSP}: ${escape(d.responsableDuTraitement.contact)}.</p>
${sections.join("\n")}
</main>
</body>
</html>
`;
}
