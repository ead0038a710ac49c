import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { ui } from "./catalogue";

export interface ComboboxOption {
  readonly id: string;
  readonly label: string;
}

export interface ComboboxProps<O extends ComboboxOption> {
  readonly id: string;
  readonly name: string;
  readonly text: string;
  readonly onText: (text: string) => void;
  readonly options: ReadonlyArray<O>;
  readonly onChoose: (option: O) => void;
  /** Shown after the options, e.g. "Ma voie n'est pas dans la liste": closes the list and keeps what is typed. */
  readonly keepTypedLabel?: string;
  readonly emptyLabel: string;
  /** Why the last lookup brought no list (refused, unreachable), said in place of the options; what is typed stays. */
  readonly failure?: string | undefined;
  /** The list is only offered once something was typed; `searching` is true while the lookup runs. */
  readonly searching: boolean;
  /** Typed since the last lookup, which is not yet sent (the typist has not paused): the list shown is about to change. */
  readonly stale?: boolean;
  readonly describedBy?: string;
  readonly invalid: boolean;
  readonly required: boolean;
  readonly autoComplete: string;
}

/** An editable combobox with a list popup (WAI-ARIA 1.2 pattern): type, then pick with arrows and Enter, or click. */
export function Combobox<O extends ComboboxOption>(props: ComboboxProps<O>) {
  const listId = useId();
  const statusId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const count = props.options.length + (props.keepTypedLabel ? 1 : 0);
  const keepIndex = props.keepTypedLabel ? props.options.length : -1;

  // Results arrive after typing: open the list if the field still has focus.
  useEffect(() => {
    if (!typed.current) return;
    setActive(-1);
    setOpen(document.activeElement === input.current && props.text.trim().length > 0 && !props.searching);
  }, [props.options, props.searching, props.text]);

  const choose = (index: number) => {
    setOpen(false);
    setActive(-1);
    typed.current = false;
    if (index === keepIndex) return;
    const option = props.options[index];
    if (option) props.onChoose(option);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (!open) setOpen(count > 0);
      setActive((a) => (count === 0 ? -1 : (a + 1) % count));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) setOpen(count > 0);
      setActive((a) => (count === 0 ? -1 : a <= 0 ? count - 1 : a - 1));
    } else if (e.key === "Enter" && ((open && props.text.trim().length > 0) || props.searching || props.stale)) {
      // Enter in an open list, or one about to be refreshed, picks the option reached or closes the list: it never
      // sends the step under the citizen's fingers (the option they aimed at may just have changed).
      e.preventDefault();
      if (open && active >= 0) choose(active);
      else {
        setOpen(false);
        setActive(-1);
      }
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  const optionId = (i: number) => `${listId}-${i}`;
  const showList = open && props.text.trim().length > 0;
  return (
    <div className="combobox">
      <input
        ref={input}
        id={props.id}
        name={props.name}
        type="text"
        role="combobox"
        className="input"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid || undefined}
        aria-required={props.required || undefined}
        autoComplete={props.autoComplete}
        spellCheck={false}
        value={props.text}
        onChange={(e) => {
          typed.current = true;
          props.onText(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
        }}
      />
      <ul id={listId} role="listbox" className="combobox__list" hidden={!showList}>
        {props.options.map((o, i) => (
          <li
            key={o.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className="combobox__option"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(i)}
          >
            {o.label}
          </li>
        ))}
        {props.failure && (
          <li role="option" aria-disabled="true" aria-selected={false} className="combobox__empty" id={`${listId}-failure`}>
            {props.failure}
          </li>
        )}
        {!props.failure && props.options.length === 0 && !props.keepTypedLabel && (
          <li role="option" aria-disabled="true" aria-selected={false} className="combobox__empty" id={`${listId}-none`}>
            {props.emptyLabel}
          </li>
        )}
        {props.keepTypedLabel && (
          <li
            id={optionId(keepIndex)}
            role="option"
            aria-selected={active === keepIndex}
            className="combobox__option combobox__option--keep"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(keepIndex)}
          >
            {props.keepTypedLabel}
          </li>
        )}
      </ul>
      <span id={statusId} className="visually-hidden" aria-live="polite">
        {showList ? (props.failure ?? ui.suggestions(props.options.length)) : ""}
      </span>
    </div>
  );
}
