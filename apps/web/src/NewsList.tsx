import type { TenantInfo } from "@guichet/ui";
import { formatNewsDate } from "./formatNewsDate";

export function NewsList({ news, headingLevel }: { readonly news: TenantInfo["news"]; readonly headingLevel: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="news">
      {news.map((n) => (
        <li key={`${n.date}-${n.title}`} className="news__item">
          <time className="news__date" dateTime={n.date}>
            {formatNewsDate(n.date)}
          </time>
          <H className="news__title">{n.title}</H>
          <p className="news__text">{n.text}</p>
        </li>
      ))}
    </ul>
  );
}
