import { useEffect, useState } from "react";

/** A list fetched once for the page (countries, départements); empty while it loads or if it fails. */
export function useList<T>(load: () => Promise<ReadonlyArray<T>>, enabled = true): ReadonlyArray<T> {
  const [items, setItems] = useState<ReadonlyArray<T>>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    load().then(
      (list) => live && setItems(list),
      () => undefined, // the select keeps its current value; the server still checks it
    );
    return () => {
      live = false;
    };
  }, [load, enabled]);
  return items;
}
