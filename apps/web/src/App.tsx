import { lazy, Suspense, useEffect, useMemo } from "react";
import { createGuichetClient } from "@guichet/client";
import { GuichetProvider, ui } from "@guichet/ui";
import { HomePage } from "./HomePage";
import { Layout } from "./Layout";
import { NewsPage } from "./NewsPage";
import { useArrivalFocus } from "./useArrivalFocus";
import { useRoute } from "./useRoute";
import { useTenant } from "./useTenant";

// The sign-up, resume and account pages carry the flow's step components and schemas (Effect): loaded apart,
// so the home page comes up at once, and fetched as soon as the browser is idle, so the first step does too.
const loadPages = () => import("./pages");
const SignupPage = lazy(() => loadPages().then((m) => ({ default: m.SignupPage })));
const ResumePage = lazy(() => loadPages().then((m) => ({ default: m.ResumePage })));
const AccountPage = lazy(() => loadPages().then((m) => ({ default: m.AccountPage })));

export function App() {
  const client = useMemo(() => createGuichetClient(), []);
  const tenant = useTenant(client);
  const { path, moves, navigate } = useRoute();
  const page = path.replace(/\/+$/, "") || "/";
  useArrivalFocus(page, moves);
  useEffect(() => {
    const w = window as Window & { requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number };
    const prefetch = () => void loadPages().catch(() => undefined);
    if (w.requestIdleCallback) w.requestIdleCallback(prefetch, { timeout: 2_000 });
    else setTimeout(prefetch, 200);
  }, []);
  // Titles end with the short name: the full one would take most of the 70 characters a tab shows.
  const titleSuffix = tenant ? { titleSuffix: tenant.shortName } : {};
  return (
    <GuichetProvider client={client} tenant={tenant} autofill>
      <Layout tenant={tenant} navigate={navigate}>
        <Suspense fallback={<p role="status">{ui.loading}</p>}>
          {page === "/" ? (
            <HomePage tenant={tenant} navigate={navigate} />
          ) : page === "/inscription" ? (
            <SignupPage client={client} tenant={tenant} navigate={navigate} />
          ) : page === "/reprendre" ? (
            <ResumePage client={client} navigate={navigate} {...titleSuffix} />
          ) : page === "/actualites" ? (
            <NewsPage tenant={tenant} />
          ) : (
            <AccountPage path={page} navigate={navigate} {...titleSuffix} />
          )}
        </Suspense>
      </Layout>
    </GuichetProvider>
  );
}
