import { useEffect } from "react";

/** How long a page may take to draw its heading after a move (a lazy chunk, the account's query) before we give up. */
const patience = 10_000;

/**
 * After a move to another page of the portal (a link, the login, « Créer mon espace »), the focus goes to the new
 * page's heading, as the flow's own moves do: a screen reader then reads where the citizen arrived, and the next Tab
 * starts from there, not from the top of a body the old page left. Only when nothing else took the focus meanwhile.
 */
export function useArrivalFocus(path: string, moves: number) {
  useEffect(() => {
    if (moves === 0) return;
    const main = document.getElementById("contenu");
    if (!main) return;
    const lost = () => {
      const active = document.activeElement;
      return !active || active === document.body || !(active as HTMLElement).checkVisibility?.() || !main.contains(active);
    };
    const tryFocus = () => {
      if (!lost()) return true;
      const heading = [...main.querySelectorAll<HTMLElement>("h1")].find((h) => h.checkVisibility?.() ?? true);
      if (!heading) return false;
      if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
      heading.focus();
      return true;
    };
    if (tryFocus()) return;
    const observer = new MutationObserver(() => tryFocus() && stop());
    const timer = setTimeout(() => stop(), patience);
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    observer.observe(main, { childList: true, subtree: true, attributes: true, attributeFilter: ["style", "hidden"] });
    return stop;
  }, [path, moves]);
}
