import { useEffect, useRef, useState, type ReactNode } from "react";
import type { FlowView } from "@guichet/schema";
import { useFlowWatch } from "@guichet/client";
import { FlowPage, type FlowPageProps } from "./FlowPage";
import { useGuichet } from "./GuichetContext";
import { resumeText } from "./resumeText";
import "./resume.css";

export interface LiveFlowPageProps extends FlowPageProps {
  /** Another device took the flow over with a resume code or link (the kiosk then resets). */
  readonly onResumed?: () => void;
  /** Shown under the step while the flow is active, e.g. "Continuer sur un autre appareil". */
  readonly footer?: (view: FlowView) => ReactNode;
}

type Notice = { kind: "moved"; view: FlowView } | { kind: "info"; text: string } | null;

/**
 * The flow page, kept in step with the flow's other open views: a move made elsewhere shows here
 * at once; if something was being typed here, the page says so and waits to be asked to follow.
 */
export function LiveFlowPage(props: LiveFlowPageProps) {
  const { flow, onResumed, footer, ...page } = props;
  const { client } = useGuichet();
  const [notice, setNotice] = useState<Notice>(null);
  const root = useRef<HTMLDivElement>(null);
  const shown = flow.view ? `${flow.view.token}:${flow.view.version}` : "";
  // The view on which something was typed; typing on an older view does not count.
  const typedOn = useRef("");
  const pending = useRef(flow.pending);
  pending.current = flow.pending;

  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const typed = (e: Event) => {
      if ((e.target as Element | null)?.closest?.(".flow__form")) typedOn.current = shown;
    };
    el.addEventListener("input", typed);
    el.addEventListener("change", typed);
    return () => {
      el.removeEventListener("input", typed);
      el.removeEventListener("change", typed);
    };
  }, [shown]);

  // A notice about an older view has nothing more to say once the page shows a newer one.
  useEffect(() => {
    setNotice((n) => (n?.kind === "moved" && flow.view && n.view.version <= flow.view.version ? null : n));
  }, [flow.view]);

  useFlowWatch(client, flow.view, {
    onView(view) {
      // A move of this page's own is on its way: its answer, or its conflict, will show the flow.
      if (pending.current) return;
      if (typedOn.current === shown) return setNotice({ kind: "moved", view });
      flow.adopt(view);
      setNotice({ kind: "info", text: resumeText.followed(view.title) });
    },
    onResumed() {
      if (onResumed) onResumed();
      else setNotice({ kind: "info", text: resumeText.resumedElsewhere });
    },
    onEnded() {
      // A move of this page's own ended it (the deletion of the espace erases its flow): its answer shows
      // the final page, which this must not replace. Only an active flow shown here can end elsewhere.
      if (pending.current || flow.view?.status !== "active") return;
      flow.forget();
      setNotice({ kind: "info", text: resumeText.endedElsewhere });
    },
    // Too many screens follow this flow: this one says so, and stops following (its own moves still work).
    onCut(message) {
      setNotice({ kind: "info", text: message });
    },
  });

  return (
    <div ref={root} className="live-flow">
      {notice?.kind === "moved" && (
        <div className="notice notice--moved" role="alert">
          <p className="notice__title">{resumeText.movedTitle}</p>
          <p>{resumeText.movedText(notice.view.title)}</p>
          <button
            type="button"
            className="button"
            onClick={() => {
              flow.adopt(notice.view);
              setNotice(null);
            }}
          >
            {resumeText.follow}
          </button>
        </div>
      )}
      <p className={notice?.kind === "info" ? "notice notice--info" : "visually-hidden"} role="status">
        {notice?.kind === "info" ? notice.text : ""}
      </p>
      <FlowPage flow={flow} {...page} />
      {footer && flow.view?.status === "active" && footer(flow.view)}
    </div>
  );
}
