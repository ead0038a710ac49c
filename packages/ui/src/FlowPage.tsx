import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { fr, type FieldErrors, type FieldView, type FlowMove, type FlowView } from "@guichet/schema";
import type { FlowState } from "@guichet/client";
import { CaptchaChallenge } from "./CaptchaChallenge";
import { ui } from "./catalogue";
import { ConfirmDialog } from "./ConfirmDialog";
import { ErrorSummary } from "./ErrorSummary";
import { Field } from "./fields/Field";
import { FormContext, type FormState, type Values } from "./fields/FormState";
import { inFrance } from "./fields/CountrySelect";
import { useGuichet } from "./GuichetContext";
import type { Commune } from "./places";
import { flowPageTitle, pageTitle } from "./pageTitle";
import { ReviewList } from "./ReviewList";
import { serviceField, ServicesTable } from "./ServicesTable";
import { checkStep, initialValues, secretFields, stepValues } from "./stepValues";
import { DataNotice } from "./DataNotice";
import { TermsText } from "./TermsText";
import { rememberTypedAddress, sentToShown } from "./typedAddress";
import { FranceConnectButton, OrSeparator } from "./FranceConnectButton";
import { fieldId, hintId } from "./fields/fieldIds";

export interface FlowPageProps {
  readonly flow: FlowState;
  /** Back to the portal: after ANNULER, or from the final page. */
  readonly onExit: () => void;
  /** Where what is typed but not yet sent survives a reload (sessionStorage on the web; null on a kiosk). */
  readonly draftStorage?: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null;
  /** Appended to the document's title, e.g. the tenant's short name. */
  readonly titleSuffix?: string;
  /** Drawn on the final page under what it says of the e-mail: the web's activation code and new e-mail. */
  readonly afterDone?: ReactNode;
  /**
   * The flow's name, above each page's title and in the tab's title: a démarche's (its menu label);
   * the sign-up's when absent. With it, a lost flow offers the way out rather than a new sign-up.
   */
  readonly flowTitle?: string;
  /** The final page's way out: "Retour à l’accueil" and "/" when absent. */
  readonly exitLabel?: string;
  readonly exitHref?: string;
  /** The question ANNULER asks: the sign-up's when absent. */
  readonly cancelMessage?: string;
  /** Its « no », which names what goes on: « Non, continuer mon inscription » when absent. */
  readonly cancelNo?: string;
  /**
   * The last numbered page's button when it does what cannot be undone (« Supprimer définitivement mon espace »):
   * drawn red, under its warning, in place of VALIDER.
   */
  readonly irreversible?: { readonly label: string; readonly warning: string };
}

/**
 * Draws any page of any flow from its view (the sign-up, a démarche of Mon espace): the fields of the
 * steps' registry entries, the review, the final page; and sends the citizen's moves.
 */
export function FlowPage(props: FlowPageProps) {
  const { flow } = props;
  if (flow.status === "loading")
    return (
      <p className="flow__loading" role="status">
        {ui.loading}
      </p>
    );
  if (!flow.view || flow.view.status === "cancelled")
    return (
      <div className="flow">
        <LostFlowTitle {...props} />
        <h1 className="flow__title">{props.flowTitle ?? fr.flowTitle}</h1>
        {flow.error && (
          <div className="notice notice--error" role="alert">
            {flow.error.message}
          </div>
        )}
        {props.flowTitle ? (
          <button type="button" className="button" onClick={props.onExit}>
            {props.exitLabel ?? ui.backHome}
          </button>
        ) : (
          <button type="button" className="button" disabled={flow.pending} onClick={() => void flow.start()}>
            {fr.buttons.start}
          </button>
        )}
      </div>
    );
  return <StepPage key={`${flow.view.token}:${flow.view.step}:${flow.view.version}`} {...props} view={flow.view} />;
}

const draftKey = "guichet.draft";
function defaultDraftStorage() {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null;
  }
}

function StepPage(props: FlowPageProps & { readonly view: FlowView }) {
  const { flow, view } = props;
  const { tenant, kiosk } = useGuichet();
  // FranceConnect: on the web only, when the server offers it, on BIENVENUE and on IDENTITÉ until it has certified it.
  const offerFranceConnect = !kiosk && tenant?.franceConnect === true && (view.step === "welcome" || (view.step === "identity" && !view.certified));
  const locked = new Set(view.step === "identity" ? (view.certified?.fields ?? []) : []);
  // The final page shows the address in full to whoever typed it; a kiosk, seen by the next person, keeps it masked.
  if (view.step === "review" && !kiosk) rememberTypedAddress(view);
  const drafts = props.draftStorage === undefined ? defaultDraftStorage() : props.draftStorage;
  const draftId = `${view.token}:${view.step}:${view.version}`;

  const [values, setValues] = useState<Values>(() => {
    const initial = initialValues(view);
    try {
      const saved = JSON.parse(drafts?.getItem(draftKey) ?? "null") as { id: string; values: Values } | null;
      if (saved?.id === draftId) return { ...initial, ...saved.values };
    } catch {
      /* an unreadable draft is no draft */
    }
    return initial;
  });
  const [cityChoices, setCityChoices] = useState<ReadonlyArray<Commune>>([]);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [refusals, setRefusals] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // What is typed survives a reload of this tab; passwords never leave the page.
  useEffect(() => {
    if (!drafts || view.status !== "active") return;
    const kept = { ...values };
    for (const name of secretFields(view)) delete kept[name];
    try {
      drafts.setItem(draftKey, JSON.stringify({ id: draftId, values: kept }));
    } catch {
      /* full or disabled storage: only the reload convenience is lost */
    }
  }, [values, drafts, draftId, view]);

  // A refused security check comes back with a new challenge: the old answer means nothing for it.
  const challenge = view.captcha && !view.captcha.disabled && view.captcha.kind !== "wait" ? view.captcha.challengeId : "";
  const seenChallenge = useRef(challenge);
  useEffect(() => {
    if (challenge === seenChallenge.current) return;
    seenChallenge.current = challenge;
    setValues((v) => ({ ...v, cellKey: "", text: "" }));
  }, [challenge]);

  // A field the citizen has changed since the refusal no longer shows its error, here or in the summary.
  const [corrected, setCorrected] = useState<ReadonlySet<string>>(() => new Set());
  // The server's answer replaces the browser's early verdict. Reset during the render that brings the answer (not in
  // an effect after it), so that render already shows, and focuses, the answer's errors: a refused security check
  // keeps its step and version, and its error, "corrected" by the typing before VALIDER, would otherwise be hidden
  // for one render, in which the focus went to the title.
  const [answered, setAnswered] = useState(flow.moves);
  if (flow.moves !== answered) {
    setAnswered(flow.moves);
    setClientErrors(null);
    setCorrected(new Set());
  }
  const correct = (changed: string[]) => {
    // The security check's answer is a picture or a text, its error is one: "answer".
    const names = changed.some((n) => n === "cellKey" || n === "text") ? [...changed, "answer"] : changed;
    setCorrected((c) => (names.every((n) => c.has(n)) ? c : new Set([...c, ...names])));
  };
  const errors = useMemo(() => {
    const all = clientErrors ?? view.errors;
    return Object.fromEntries(Object.entries(all).filter(([name]) => !corrected.has(name)));
  }, [clientErrors, view.errors, corrected]);
  const hasErrors = Object.values(errors).some(Boolean);

  // After a move: focus the error summary when the step was refused, else the new step's title. On arrival too,
  // when the control that led here is gone (the focus fell back to the body), so the step is read out first.
  useEffect(() => {
    const nowhere = !document.activeElement || document.activeElement === document.body;
    if (flow.moves === 0 && refusals === 0 && !nowhere) return;
    if (hasErrors) summary.current?.focus();
    else heading.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flow.moves, refusals]);

  const title = view.status === "done" && !view.ending ? fr.done.title : view.title;
  const numbered = view.status === "active" && view.progress.current >= 1;
  const stepOf = numbered ? ` (${view.progress.current}/${view.progress.total})` : "";
  useEffect(() => {
    document.title = flowPageTitle(`${hasErrors ? `${ui.errorPrefix} ` : ""}${title}`, stepOf, props.flowTitle ?? ui.signupTitle, props.titleSuffix);
  }, [title, stepOf, hasErrors, props.titleSuffix, props.flowTitle]);

  const form: FormState = useMemo(
    () => ({
      token: view.token,
      fields: view.fields,
      values,
      errors,
      ...(view.passwordPolicy ? { passwordPolicy: view.passwordPolicy } : {}),
      set: (name, value) => {
        correct([name]);
        setValues((v) => ({ ...v, [name]: value }));
      },
      patch: (patch) => {
        correct(Object.keys(patch));
        setValues((v) => ({ ...v, ...patch }));
      },
      cityChoices,
      setCityChoices,
    }),
    [view, values, errors, cityChoices],
  );

  const send = (move: FlowMove) => void flow.send(move);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (flow.pending) return;
    if (view.step === "welcome") return send({ type: "START" });
    if (view.step === "review") return send({ type: "NEXT" });
    const payload = stepValues(view, values);
    const problems = checkStep(view, payload);
    if (problems) {
      setClientErrors(problems);
      setCorrected(new Set());
      setRefusals((n) => n + 1);
      return;
    }
    send({ type: "NEXT", values: payload });
  };
  const back = () => send(view.step === "review" || view.step === "captcha" ? { type: "BACK" } : { type: "BACK", values: stepValues(view, values) });
  const cancel = async () => {
    setConfirming(false);
    if (await flow.cancel()) {
      drafts?.removeItem(draftKey);
      props.onExit();
    }
  };

  const country = view.fields.find((f) => f.kind === "country")?.name;
  const shown = view.fields.filter((f) => f.kind !== "departement" || inFrance(values, country));
  const order = [
    ...shown.map((f) => f.name),
    ...(view.services ?? []).filter((s) => !s.auto).map((s) => serviceField(s.id)),
    ...(view.step === "captcha" ? ["answer"] : []),
  ];
  // VALIDER on the last numbered page: the sign-up's security check, a démarche's review.
  const last = view.progress.total > 0 && view.progress.current === view.progress.total;
  const irreversible = last ? props.irreversible : undefined;

  return (
    <div className="flow">
      <p className="flow__title">{props.flowTitle ?? fr.flowTitle}</p>
      {numbered && (
        <div className="flow__progress">
          <p className="flow__step-count">{ui.step(view.progress.current, view.progress.total)}</p>
          <div className="progress" aria-hidden="true">
            <div className="progress__bar" style={{ width: `${(100 * view.progress.current) / view.progress.total}%` }} />
          </div>
        </div>
      )}
      <h1 className="flow__heading" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {flow.error && (
        <div className="notice notice--error" role="alert">
          {flow.error.message}
        </div>
      )}
      <ErrorSummary ref={summary} errors={errors} order={order} />
      {offerFranceConnect && view.step === "identity" && (
        <>
          <FranceConnectButton purpose="signup" token={view.token} lead={fr.franceConnect.signupLead} />
          <OrSeparator />
        </>
      )}

      {view.status === "done" ? (
        <>
          {view.ending ? (
            // A démarche's final page: what its definition says.
            view.ending.map((text, i) => (
              <p key={i} className={i === 0 ? "lead" : undefined}>
                {text}
              </p>
            ))
          ) : (
            <>
              <p className="lead">{view.done?.sentTo ? fr.done.sentTo(kiosk ? view.done.sentTo : sentToShown(view.token, view.done.sentTo)) : fr.done.sent}</p>
              <p>{fr.done.activate(view.done?.activationHours ?? 72)}</p>
              <p>{fr.done.spam}</p>
            </>
          )}
          {props.afterDone}
          <p>
            <a className="button" href={props.exitHref ?? "/"} onClick={(e) => (e.preventDefault(), props.onExit())}>
              {props.exitLabel ?? ui.backHome}
            </a>
          </p>
        </>
      ) : (
        <FormContext.Provider value={form}>
          <form className="flow__form" noValidate onSubmit={onSubmit} aria-busy={flow.pending || undefined}>
            {view.step === "welcome" && (
              <>
                <h2 className="heading-m">{fr.welcome.title}</h2>
                <p className="lead">{fr.welcome.text}</p>
              </>
            )}
            {view.step === "terms" && (
              <>
                <p>{fr.terms.intro}</p>
                {tenant && <TermsText text={tenant.cgu} />}
              </>
            )}
            {view.step === "identity" && view.certified && <CertifiedNotice certified={view.certified} />}
            {shown.some((f) => f.required) && <p className="hint">{fr.mandatoryNotice}</p>}
            {shown.map((f) =>
              locked.has(f.name) ? <LockedField key={f.name} field={f} label={view.certified?.labels[f.name]} /> : <Field key={f.name} field={f} />,
            )}
            {view.step === "terms" && tenant && (
              <section className="inset" aria-labelledby="data-notice">
                <h2 className="heading-s" id="data-notice">
                  {fr.terms.dataTitle}
                </h2>
                <DataNotice notice={tenant.dataNotice} policy={tenant.dataPolicy} />
              </section>
            )}
            {view.services && <ServicesTable services={view.services} />}
            {view.review && (
              <ReviewList
                groups={view.review}
                token={view.token}
                disabled={flow.pending}
                onEdit={(step) => send({ type: "EDIT", step })}
                {...(view.certified ? { certified: fr.identity.certified } : {})}
              />
            )}
            {view.captcha && <CaptchaChallenge captcha={view.captcha} />}
            {irreversible && (
              <div className="warning" id="irreversible-warning">
                <span className="warning__icon" aria-hidden="true">
                  !
                </span>
                <p className="warning__text">
                  <strong>{irreversible.warning}</strong>
                </p>
              </div>
            )}

            <div className="actions">
              {view.step === "welcome" ? (
                <button type="submit" className="button button--start" disabled={flow.pending}>
                  {fr.buttons.start}
                </button>
              ) : (
                <>
                  {view.can.cancel && (
                    <button type="button" className="button button--secondary actions__cancel" disabled={flow.pending} onClick={() => setConfirming(true)}>
                      {fr.buttons.cancel}
                    </button>
                  )}
                  {view.can.back && (
                    <button type="button" className="button button--secondary" disabled={flow.pending} onClick={back}>
                      {fr.buttons.back}
                    </button>
                  )}
                  {view.can.next && (
                    <button
                      type="submit"
                      className={`button actions__next${irreversible ? " button--warning" : ""}`}
                      disabled={flow.pending}
                      aria-describedby={irreversible ? "irreversible-warning" : undefined}
                    >
                      {irreversible ? irreversible.label : last ? fr.buttons.validate : fr.buttons.next}
                    </button>
                  )}
                </>
              )}
            </div>
            <p className="visually-hidden" role="status">
              {flow.pending ? ui.sending : ""}
            </p>
          </form>
        </FormContext.Provider>
      )}
      {offerFranceConnect && view.step === "welcome" && (
        <>
          <OrSeparator />
          <FranceConnectButton purpose="signup" token={view.token} lead={fr.franceConnect.signupLead} />
        </>
      )}
      <ConfirmDialog
        open={confirming}
        message={props.cancelMessage ?? fr.cancelConfirm}
        yes={ui.cancelYes}
        no={props.cancelNo ?? ui.cancelNo}
        onYes={() => void cancel()}
        onNo={() => setConfirming(false)}
      />
    </div>
  );
}

/** A flow that is lost (expired, cancelled elsewhere): the tab says so, with the démarche's name. */
function LostFlowTitle(props: FlowPageProps) {
  const { flowTitle, titleSuffix } = props;
  // The message itself is on the page; the tab keeps the démarche's name, which a long message would push out.
  const lost = props.flow.error ? ui.errorTitle : undefined;
  useEffect(() => {
    document.title = pageTitle(lost, flowTitle ?? ui.signupTitle, titleSuffix);
  }, [lost, flowTitle, titleSuffix]);
  return null;
}

/** IDENTITÉ certified by FranceConnect: said once above the fields, which are read-only. */
function CertifiedNotice({ certified }: { readonly certified: NonNullable<FlowView["certified"]> }) {
  return (
    <div className="certified" id="certified-note">
      <p className="certified__title">{fr.identity.certified}</p>
      <p>{fr.identity.certifiedNote}</p>
      {certified.birthplaceAsSent && <p>{fr.identity.birthplaceAsSent(certified.birthplaceAsSent)}</p>}
    </div>
  );
}

/** A field FranceConnect filled: its value as people read it, read-only; what the form sends stays the coded value. */
function LockedField({ field, label }: { readonly field: FieldView; readonly label: string | undefined }) {
  const shown = label ?? field.options?.find((o) => o.value === field.value)?.label ?? String(field.value);
  return (
    <div className="field field--locked">
      <label className="field__label" htmlFor={fieldId(field.name)}>
        {field.label}
      </label>
      <input id={fieldId(field.name)} className="input" type="text" readOnly value={shown} aria-describedby={`certified-note ${hintId(field.name)}`} />
      <p id={hintId(field.name)} className="visually-hidden">
        {fr.identity.certified}
      </p>
    </div>
  );
}
