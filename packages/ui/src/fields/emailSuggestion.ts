// Common French mail domains: a near miss ("gmial.com") is most likely a typo of one of them.
const domains = [
  "gmail.com",
  "hotmail.fr",
  "hotmail.com",
  "yahoo.fr",
  "yahoo.com",
  "orange.fr",
  "wanadoo.fr",
  "free.fr",
  "laposte.net",
  "outlook.fr",
  "outlook.com",
  "live.fr",
  "sfr.fr",
  "neuf.fr",
  "icloud.com",
  "bbox.fr",
  "aol.com",
];

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length]!;
}

/** "marc@gmial.com" → "marc@gmail.com"; undefined when the domain looks right or unknown. */
export function emailSuggestion(email: string): string | undefined {
  const at = email.trim().lastIndexOf("@");
  if (at < 1) return undefined;
  const local = email.trim().slice(0, at);
  const domain = email
    .trim()
    .slice(at + 1)
    .toLowerCase();
  if (domain.length < 4 || domains.includes(domain)) return undefined;
  const best = domains
    .map((d) => ({ d, n: distance(domain, d) }))
    .filter((x) => x.n > 0 && x.n <= 2)
    .sort((x, y) => x.n - y.n)[0];
  return best ? `${local}@${best.d}` : undefined;
}
