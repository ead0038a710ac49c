import { useEffect, useState } from "react";
import { fr } from "@guichet/schema";
import { ui } from "./catalogue";

/** A photo of the flow, fetched with its token (a header, never the address), shown once it has come. */
export function FlowPhoto(props: { readonly photoId: string; readonly token: string }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let url: string | undefined;
    let live = true;
    fetch(`/api/photo/${encodeURIComponent(props.photoId)}`, { headers: { "x-guichet-flow": props.token } })
      .then((res) => (res.ok ? res.blob() : undefined))
      .then((blob) => {
        if (blob && live) setSrc((url = URL.createObjectURL(blob)));
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [props.photoId, props.token]);
  return (
    <figure className="photo__preview review-photo">
      {src && <img src={src} alt={ui.photoPreview} width={96} />}
      <figcaption>{fr.identity.photo}</figcaption>
    </figure>
  );
}
