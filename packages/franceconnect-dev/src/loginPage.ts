import type { Citizen } from "./citizens";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The stand-in's page: pick a fictional citizen, or cancel. */
export function loginPage(uid: string, citizens: readonly Citizen[], error?: string): string {
  const options = citizens
    .map(
      (c, i) => `<li><input type="radio" name="citizen" id="c${i}" value="${escape(c.sub)}"${i === 0 ? " checked" : ""}>
<label for="c${i}"><strong>${escape(c.given_name)} ${escape(c.preferred_username || c.family_name)}</strong> — ${escape(c.description)}</label></li>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>FranceConnect (simulateur local) — Choisir une identité</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}li{list-style:none;margin:.5rem 0}.warn{background:#fff4e5;padding:.5rem 1rem;border-left:4px solid #b34000}</style>
</head>
<body>
<main>
<h1>FranceConnect — simulateur local</h1>
<p class="warn">Environnement de développement : les personnes ci-dessous sont fictives.</p>
${error ? `<p role="alert">${escape(error)}</p>` : ""}
<form method="post" action="/interaction/${escape(uid)}/login">
<fieldset><legend>Se connecter en tant que :</legend>
<ul>
${options}
</ul>
</fieldset>
<button type="submit">Se connecter</button>
</form>
<form method="post" action="/interaction/${escape(uid)}/abort"><button type="submit">Annuler et revenir au service</button></form>
</main>
</body>
</html>`;
}
