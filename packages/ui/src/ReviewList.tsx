import { fr, type ReviewGroup } from "@guichet/schema";
import { ui } from "./catalogue";
import { FlowPhoto } from "./FlowPhoto";

/** RÉCAPITULATIF: every answer by step, each group with its "Modifier" button (GOV.UK check your answers). */
export function ReviewList(props: {
  readonly groups: ReadonlyArray<ReviewGroup>;
  readonly onEdit: (step: string) => void;
  readonly disabled: boolean;
  /** The flow's token, to fetch the photo. */
  readonly token?: string;
  /** Said under IDENTITÉ when FranceConnect certified it. */
  readonly certified?: string;
}) {
  return (
    <>
      <p>{fr.review.intro}</p>
      {props.groups.map((g) => (
        <section key={g.step} className="review-group" aria-labelledby={`review-${g.step}`}>
          <div className="review-group__header">
            <h2 id={`review-${g.step}`} className="review-group__title">
              {g.title}
            </h2>
            <button type="button" className="button button--secondary button--small" disabled={props.disabled} onClick={() => props.onEdit(g.step)}>
              {fr.buttons.modify}
              <span className="visually-hidden">{ui.reviewChange(g.title)}</span>
            </button>
          </div>
          {g.step === "identity" && props.certified && <p className="certified certified__title">{props.certified}</p>}
          <dl className="summary-list">
            {g.items.map((item) => (
              <div className="summary-list__row" key={item.label}>
                <dt>{item.label}</dt>
                <dd>{item.value}</dd>
              </div>
            ))}
          </dl>
          {g.photoId && props.token && <FlowPhoto photoId={g.photoId} token={props.token} />}
        </section>
      ))}
    </>
  );
}
