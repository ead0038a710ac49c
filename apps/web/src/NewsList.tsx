import { frenchTypography, ui, type TenantInfo } from "@guichet/ui";
import { formatNewsDate } from "./formatNewsDate";

export const newsAnchor = (n: { readonly date: string }) => `actualite-${n.date}`;

/**
 * The tenant's news; on the home page (`readMore` given) each ends with « Lire la suite », to the item
 * on the news page. A news item marked new carries the seed's « NOUVEAU » badge.
 */
export function NewsList({
  news,
  headingLevel,
  readMore,
}: {
  readonly news: TenantInfo["news"];
  readonly headingLevel: 2 | 3;
  readonly readMore?: (to: string) => void;
}) {
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="news">
      {news.map((n) => {
        const to = `/actualites#${newsAnchor(n)}`;
        return (
          <li key={`${n.date}-${n.title}`} className="news__item" id={readMore ? undefined : newsAnchor(n)}>
            {n.isNew && <strong className="news__new">{ui.portal.newBadge}</strong>}
            <time className="news__date" dateTime={n.date}>
              {formatNewsDate(n.date)}
            </time>
            <H className="news__title">{frenchTypography(n.title)}</H>
            <p className="news__text">{frenchTypography(n.text)}</p>
            {readMore && (
              <p className="news__more">
                <a href={to} onClick={(e) => (e.preventDefault(), readMore(to))}>
                  {ui.portal.readMore}
                  <span className="visually-hidden">{`\u00a0: ${frenchTypography(n.title)}`}</span>
                </a>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
