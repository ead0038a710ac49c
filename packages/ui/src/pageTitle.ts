/** What a tab, a history entry or a search result shows of a title: past that, it is cut. */
export const titleLimit = 70;

/**
 * The document's title from its parts, most specific first (the page or step, the démarche, the tenant's short
 * name), joined by dashes. Past 70 characters the middle parts go first, then the first part is shortened, so the
 * page and whose site it is always show.
 */
export function pageTitle(...parts: ReadonlyArray<string | undefined | null | false>): string {
  const kept = parts.filter((p): p is string => !!p && !!p.trim());
  const join = (list: string[]) => list.join(" – ");
  while (kept.length > 2 && markupLength(join(kept)) > titleLimit) kept.splice(kept.length - 2, 1);
  const title = join(kept);
  if (markupLength(title) <= titleLimit) return title;
  const tail = kept.length > 1 ? ` – ${kept[kept.length - 1]}` : "";
  const room = titleLimit - markupLength(tail) - 1;
  let head = kept[0]!.slice(0, Math.max(1, room)).trimEnd();
  while (head.length > 1 && markupLength(head) > room) head = head.slice(0, -1).trimEnd();
  return `${head}…${tail}`.slice(0, titleLimit);
}

/** A title's length as the page's markup holds it: a no-break space (French typography) is written `&nbsp;`. */
const markupLength = (text: string) => text.length + 5 * (text.match(/\u00a0/g)?.length ?? 0);

/**
 * A flow's page title: the step, its number, the flow's name (the démarche), the tenant's. The démarche's name says
 * which of the citizen's démarches the tab is: when all four do not fit, the step's number goes before it does.
 */
export function flowPageTitle(step: string, stepOf: string, flow: string, suffix?: string): string {
  for (const first of stepOf ? [`${step}${stepOf}`, step] : [step]) {
    const title = pageTitle(first, flow, suffix);
    if (title.includes(flow)) return title;
  }
  return pageTitle(`${step}${stepOf}`, flow, suffix);
}
