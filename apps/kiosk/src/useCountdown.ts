import { useEffect, useState } from "react";

/**
 * Whole seconds left of `ms`, counted from when the screen showing it appeared. Only shown: the kiosk
 * machine's own timer decides when the time is up.
 */
export function useCountdown(ms: number, running: boolean): number {
  const [left, setLeft] = useState(Math.ceil(ms / 1000));
  useEffect(() => {
    if (!running) return;
    const end = Date.now() + ms;
    setLeft(Math.ceil(ms / 1000));
    const timer = setInterval(() => setLeft(Math.max(0, Math.ceil((end - Date.now()) / 1000))), 250);
    return () => clearInterval(timer);
  }, [ms, running]);
  return left;
}
