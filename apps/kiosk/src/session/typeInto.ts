/** Fields the on-screen keyboard writes into: every one-line text field and text area. */
export function isTextField(el: Element | null): el is HTMLInputElement | HTMLTextAreaElement {
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  if (!(el instanceof HTMLInputElement) || el.readOnly || el.disabled) return false;
  return ["text", "email", "tel", "password", "search", "url", "number"].includes(el.type);
}

// React keeps its own copy of a controlled field's value: set it through the native setter, then say so with an input event.
function setValue(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, "value")!.set!.call(el, value);
  el.dispatchEvent(new Event("input", { bubbles: true }));
}

/** E-mail fields have no caret position in the DOM: text then goes at the end. */
function selection(el: HTMLInputElement | HTMLTextAreaElement): [number, number] {
  try {
    const start = el.selectionStart;
    const end = el.selectionEnd;
    if (start !== null && end !== null) return [start, end];
  } catch {
    /* not a field with a selection */
  }
  return [el.value.length, el.value.length];
}

function place(el: HTMLInputElement | HTMLTextAreaElement, at: number) {
  try {
    el.setSelectionRange(at, at);
  } catch {
    /* e-mail fields keep the caret at the end */
  }
}

/** Types `text` at the caret, as a physical keyboard would, within the field's maximum length. */
export function typeInto(el: HTMLInputElement | HTMLTextAreaElement, text: string) {
  const [start, end] = selection(el);
  const room = el.maxLength > 0 ? el.maxLength - (el.value.length - (end - start)) : text.length;
  if (room <= 0) return;
  const typed = text.slice(0, room);
  setValue(el, el.value.slice(0, start) + typed + el.value.slice(end));
  place(el, start + typed.length);
}

export function eraseInto(el: HTMLInputElement | HTMLTextAreaElement) {
  const [start, end] = selection(el);
  if (start === end && start === 0) return;
  const from = start === end ? start - 1 : start;
  setValue(el, el.value.slice(0, from) + el.value.slice(end));
  place(el, from);
}
