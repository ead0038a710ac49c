import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import { kioskText } from "../kioskText";
import { layers, type Key, type Layer } from "./keyboardLayout";
import { eraseInto, isTextField, typeInto } from "./typeInto";

const labels = kioskText.keys;

/**
 * The kiosk's keyboard (no physical one is assumed): it appears under any text field that has focus
 * and types into it; a touch on a key never takes the focus away from the field.
 */
export function OnScreenKeyboard() {
  const [target, setTarget] = useState<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const [layer, setLayer] = useState<Layer>("letters");
  const [shift, setShift] = useState(false);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onFocus = (e: { target: EventTarget | null }) => {
      const el = e.target as Element | null;
      if (!isTextField(el)) return;
      // The system's own keyboard stays down: this one takes its place. The field's own input mode is kept aside
      // (a numeric field opens on the digits).
      el.dataset.inputmode ??= el.getAttribute("inputmode") ?? "";
      el.setAttribute("inputmode", "none");
      setTarget(el);
      const digits =
        el.type === "tel" || el.getAttribute("autocomplete") === "postal-code" || el.classList.contains("input--date") || el.dataset.inputmode === "numeric";
      setLayer(digits ? "digits" : "letters");
      setShift(false);
    };
    const onBlur = () =>
      // The next focused element is known only after the blur.
      setTimeout(() => {
        if (!isTextField(document.activeElement)) setTarget(null);
      }, 0);
    document.addEventListener("focusin", onFocus);
    document.addEventListener("focusout", onBlur);
    // A field focused on arrival (autoFocus) was focused before this listened.
    onFocus({ target: document.activeElement });
    return () => {
      document.removeEventListener("focusin", onFocus);
      document.removeEventListener("focusout", onBlur);
    };
  }, []);

  // Room under the page for the keyboard, and the field brought into the part of the screen the keyboard leaves free.
  useEffect(() => {
    const place = () => {
      const height = target ? (panel.current?.offsetHeight ?? 0) : 0;
      document.documentElement.style.setProperty("--keyboard-height", `${height}px`);
      if (!target) return;
      const box = target.getBoundingClientRect();
      const free = window.innerHeight - height;
      if (box.top < free * 0.15 || box.bottom > free * 0.85) window.scrollTo({ top: window.scrollY + box.top - free / 3 });
    };
    place();
    window.addEventListener("resize", place);
    return () => {
      window.removeEventListener("resize", place);
      document.documentElement.style.setProperty("--keyboard-height", "0px");
    };
  }, [target, layer]);

  if (!target) return null;

  const press = (key: Key) => {
    if (!document.contains(target)) return setTarget(null);
    switch (key.type) {
      case "char":
        typeInto(target, shift ? key.char.toLocaleUpperCase("fr-FR") : key.char);
        setShift(false);
        return;
      case "space":
        return typeInto(target, " ");
      case "backspace":
        return eraseInto(target);
      case "shift":
        return setShift((s) => !s);
      case "layer":
        return setLayer(key.layer);
      case "hide":
        target.blur();
        return setTarget(null);
      case "enter": {
        const fields = [...document.querySelectorAll("input, textarea")].filter(
          (el): el is HTMLInputElement | HTMLTextAreaElement => isTextField(el) && (el as HTMLElement).offsetParent !== null,
        );
        const next = fields[fields.indexOf(target) + 1];
        if (next) next.focus();
        else {
          target.blur();
          setTarget(null);
        }
      }
    }
  };
  // Keeps the focus (and the caret) in the field being typed into.
  const keep = (e: ReactPointerEvent | React.MouseEvent) => e.preventDefault();

  return (
    <div ref={panel} className="osk" role="group" aria-label={kioskText.keyboard} onPointerDown={keep} onMouseDown={keep}>
      {layers[layer].map((row, r) => (
        <div className="osk__row" key={`${layer}-${r}`}>
          {row.map((key, k) => {
            const { text, label, wide } = face(key, shift);
            return (
              <button
                key={k}
                type="button"
                tabIndex={-1}
                className={`osk__key${wide ? ` osk__key--${wide}` : ""}${key.type === "shift" && shift ? " osk__key--on" : ""}`}
                aria-label={label}
                aria-pressed={key.type === "shift" ? shift : undefined}
                onClick={() => press(key)}
              >
                {text}
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}

/** What a key shows, what it is called for a screen reader, and how wide it is. */
function face(key: Key, shift: boolean): { text: string; label?: string; wide?: "wide" | "space" } {
  switch (key.type) {
    case "char": {
      const text = shift ? key.char.toLocaleUpperCase("fr-FR") : key.char;
      return { text };
    }
    case "shift":
      return { text: "⇧", label: labels.shift, wide: "wide" };
    case "backspace":
      return { text: "⌫", label: labels.backspace, wide: "wide" };
    case "space":
      return { text: labels.space, wide: "space" };
    case "enter":
      return { text: "↵", label: labels.enter, wide: "wide" };
    case "hide":
      return { text: "⌨✕", label: labels.hide };
    case "layer":
      return { text: key.label, label: `${key.label} — ${labels[key.layer]}`, wide: "wide" };
  }
}
