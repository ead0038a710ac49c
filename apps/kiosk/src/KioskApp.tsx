import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useMachine } from "@xstate/react";
import { kioskMachine } from "@guichet/machines";
import { createGuichetClient, flowError, resumeLinkSecret, useProofOfWork, withProofOfWork, type GuichetClient, type ResumeOffer } from "@guichet/client";
import type { FlowView } from "@guichet/schema";
import { AttractScreen } from "./AttractScreen";
import { kioskText } from "./kioskText";
import { useCountdown } from "./useCountdown";

type Tenant = Awaited<ReturnType<GuichetClient["tenant"]["info"]["query"]>>;

// The session's screens carry the flow's pages and schemas: loaded apart, so the attract screen comes up at once.
const loadSession = () => import("./session");
const Session = lazy(() => loadSession().then((m) => ({ default: m.Session })));
const ResumeScreen = lazy(() => loadSession().then((m) => ({ default: m.ResumeScreen })));
const ActivationScreen = lazy(() => loadSession().then((m) => ({ default: m.ActivationScreen })));
const HandoffScreen = lazy(() => loadSession().then((m) => ({ default: m.HandoffScreen })));
const IdleWarning = lazy(() => loadSession().then((m) => ({ default: m.IdleWarning })));

export function KioskApp() {
  const client = useMemo(() => createGuichetClient(), []);
  const [tenant, setTenant] = useState<Tenant | null>(null);
  useEffect(() => {
    let retry: ReturnType<typeof setTimeout>;
    // A kiosk has nobody to press reload: it asks again until the server answers.
    const ask = () =>
      client.tenant.info.query().then(
        (info) => {
          if (/^#[0-9a-f]{3,8}$/i.test(info.primaryColor)) document.documentElement.style.setProperty("--primary", info.primaryColor);
          setTenant(info);
        },
        () => (retry = setTimeout(() => void ask(), 5_000)),
      );
    void ask();
    return () => clearTimeout(retry);
  }, [client]);
  if (!tenant)
    return (
      <main className="kiosk kiosk--loading">
        <p role="status">{kioskText.loading}</p>
      </main>
    );
  return <KioskSession client={client} tenant={tenant} />;
}

/** The session statechart (machines/src/kiosk.ts) drives the screens; the screens only report touches and answers. */
function KioskSession({ client, tenant }: { readonly client: GuichetClient; readonly tenant: Tenant }) {
  const [state, send, actor] = useMachine(kioskMachine, { input: tenant.kiosk });
  // Bumped at each wipe: every screen below is built anew, so no typed text or view survives in memory or in the DOM.
  const [generation, setGeneration] = useState(0);
  const held = useRef<{ view?: FlowView; offer?: ResumeOffer }>({});
  // Opened at /borne/reprendre: the resume screen, and the link's secret when the address carries one.
  const [linkSecret] = useState(() => (/\/reprendre\/?$/.test(window.location.pathname) ? resumeLinkSecret(window.location.hash) : null));
  const [resuming, setResuming] = useState(linkSecret !== null);
  const [activating, setActivating] = useState(false);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState("");
  const [linkError, setLinkError] = useState("");
  const [opening, setOpening] = useState(Boolean(linkSecret));
  // « Continuer sur mon téléphone » asked from the idle warning: the code is being made.
  const [asking, setAsking] = useState(false);
  const [askError, setAskError] = useState("");
  // "Créer mon espace" costs a proof of work: solved while the attract screen waits for someone.
  useProofOfWork(client, "start", state.matches("attract"));

  // The codes shown for the flow are cancelled on the server before the screen forgets the flow's token
  // (the machine says when: every wipe but the handoff screen's). Tried twice: the kiosk may be offline a moment.
  useEffect(() => {
    const sub = actor.on("cancelCodes", ({ token }) => {
      const cancel = () => client.resume.cancelShown.mutate({ token });
      cancel().catch(() => setTimeout(() => void cancel().catch(() => undefined), 5_000));
    });
    return () => sub.unsubscribe();
  }, [actor, client]);

  useEffect(() => {
    const sub = actor.on("wiped", () => {
      held.current = {};
      setResuming(false);
      setActivating(false);
      setStarting(false);
      setStartError("");
      setLinkError("");
      setOpening(false);
      setAsking(false);
      setAskError("");
      setGeneration((n) => n + 1);
      document.title = kioskText.attractTitle(tenant.shortName);
      window.scrollTo(0, 0);
    });
    return () => sub.unsubscribe();
  }, [actor, tenant.shortName]);

  // The attract screen's title names the tenant; the session's steps and screens set their own.
  const attract = state.matches("attract");
  useEffect(() => {
    if (attract && !resuming && !activating) document.title = kioskText.attractTitle(tenant.shortName);
  }, [attract, resuming, activating, tenant.shortName]);

  // Any touch or key counts as presence; the machine decides what it means in each state.
  useEffect(() => {
    const touch = () => actor.send({ type: "TOUCH" });
    document.addEventListener("pointerdown", touch, true);
    document.addEventListener("keydown", touch, true);
    return () => {
      document.removeEventListener("pointerdown", touch, true);
      document.removeEventListener("keydown", touch, true);
    };
  }, [actor]);

  // While nobody is there, fetch the session's code so the first touch opens it at once.
  useEffect(() => {
    const w = window as Window & { requestIdleCallback?: (cb: () => void) => number };
    const prefetch = () => void loadSession().catch(() => undefined);
    if (w.requestIdleCallback) w.requestIdleCallback(prefetch);
    else setTimeout(prefetch, 1_000);
  }, []);

  // Someone left the resume or activation screen mid-code: it is wiped after the same idle time as a session.
  const typingCode = resuming || activating;
  useEffect(() => {
    if (!typingCode) return;
    let timer = setTimeout(() => actor.send({ type: "RESET" }), tenant.kiosk.idleMs);
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => actor.send({ type: "RESET" }), tenant.kiosk.idleMs);
    };
    document.addEventListener("pointerdown", touch, true);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("pointerdown", touch, true);
    };
  }, [typingCode, actor, tenant.kiosk.idleMs]);

  const create = async () => {
    void document.documentElement.requestFullscreen?.().catch(() => undefined);
    setStarting(true);
    setStartError("");
    try {
      const view = await withProofOfWork(client, "start", (pow) => client.flow.start.mutate(pow ? { pow } : undefined));
      held.current.view = view;
      send({ type: "START", token: view.token });
    } catch {
      setStartError(kioskText.startFailed);
    } finally {
      setStarting(false);
    }
  };
  const resumed = (view: FlowView) => {
    held.current.view = view;
    setResuming(false);
    send({ type: "RESUME", token: view.token });
  };

  // A resume link opened here (/borne/reprendre#jeton=…): its secret leaves the address bar at once, then the flow opens at its step.
  const linkOpened = useRef(false);
  useEffect(() => {
    if (linkOpened.current || linkSecret === null) return;
    linkOpened.current = true;
    window.history.replaceState(null, "", "/borne/");
    if (!linkSecret) return;
    client.resume.redeemLink.mutate({ secret: linkSecret }).then(
      (view) => {
        setOpening(false);
        resumed(view);
      },
      (e: unknown) => {
        setOpening(false);
        setLinkError(flowError(e).message);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const warning = state.matches("idleWarning");
  const handoff = state.matches("handoff");
  const warningLeft = useCountdown(tenant.kiosk.warningMs, warning);
  const handoffLeft = useCountdown(tenant.kiosk.handoffMs, handoff);
  const onFinished = useCallback(() => send({ type: "FINISHED" }), [send]);
  const onExit = useCallback(() => send({ type: "RESET" }), [send]);
  const onTookOver = useCallback(() => send({ type: "PHONE_TOOK_OVER" }), [send]);
  const token = state.context.token;
  const view = held.current.view;
  const handedOff = useCallback(
    (offer: ResumeOffer) => {
      held.current.offer = offer;
      send({ type: "HANDOFF", code: offer.code, link: offer.link });
    },
    [send],
  );
  // The warning's way to the handoff screen: the code is made only now, when the citizen asks for it.
  const askCode = async () => {
    if (!token) return;
    setAsking(true);
    setAskError("");
    try {
      const offer = await client.resume.offer.mutate({ token });
      // The screen may have been wiped meanwhile: the machine then ignores the handoff, and nothing shows the code.
      if (actor.getSnapshot().context.token === token) handedOff(offer);
    } catch (e) {
      setAskError(flowError(e).message);
    } finally {
      setAsking(false);
    }
  };

  return (
    <div className="kiosk" key={generation} data-kiosk-state={String(state.value)}>
      <header className="kiosk__header">
        <p className="kiosk__tenant">{tenant.name}</p>
      </header>
      <main className="kiosk__main">
        <Suspense fallback={<p role="status">{kioskText.loading}</p>}>
          {state.matches("attract") &&
            (opening ? (
              <p role="status">{kioskText.starting}</p>
            ) : resuming ? (
              <ResumeScreen client={client} tenant={tenant} error={linkError} onResumed={resumed} onBack={() => setResuming(false)} />
            ) : activating ? (
              <ActivationScreen client={client} tenant={tenant} onBack={() => setActivating(false)} />
            ) : (
              <AttractScreen
                tenantName={tenant.shortName}
                busy={starting}
                error={startError}
                onCreate={() => void create()}
                onResume={() => {
                  void document.documentElement.requestFullscreen?.().catch(() => undefined);
                  setResuming(true);
                }}
                onActivate={() => {
                  void document.documentElement.requestFullscreen?.().catch(() => undefined);
                  setActivating(true);
                }}
              />
            ))}
          {token && view && (
            <Session
              client={client}
              tenant={tenant}
              initialView={view}
              hidden={handoff}
              onHandoff={handedOff}
              onTookOver={onTookOver}
              onFinished={onFinished}
              onExit={onExit}
            />
          )}
          {handoff && token && held.current.offer && (
            <HandoffScreen
              client={client}
              tenant={tenant}
              token={token}
              offer={held.current.offer}
              secondsLeft={handoffLeft}
              onEnd={onExit}
              onBack={() => send({ type: "BACK" })}
            />
          )}
        </Suspense>
      </main>
      {warning && (
        <Suspense fallback={null}>
          <IdleWarning
            secondsLeft={warningLeft}
            onStay={() => send({ type: "STAY" })}
            onPhone={token ? () => void askCode() : undefined}
            busy={asking}
            error={askError}
          />
        </Suspense>
      )}
    </div>
  );
}
