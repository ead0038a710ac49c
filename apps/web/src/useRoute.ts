import { useCallback, useEffect, useState } from "react";

/** The page's path, kept in step with the history API: enough routing for a handful of pages. */
export function useRoute() {
  const [path, setPath] = useState(() => window.location.pathname);
  // Moves made in the page (not the first load): the page arrived at then takes the focus (useArrivalFocus).
  const [moves, setMoves] = useState(0);
  useEffect(() => {
    const onPop = () => {
      setPath(window.location.pathname);
      setMoves((n) => n + 1);
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const navigate = useCallback((to: string) => {
    if (to !== window.location.pathname) window.history.pushState(null, "", to);
    // A link may name a place in the page (/actualites#actualite-…): the route is its path.
    setPath(new URL(to, window.location.origin).pathname);
    setMoves((n) => n + 1);
    window.scrollTo(0, 0);
  }, []);
  return { path, moves, navigate };
}
