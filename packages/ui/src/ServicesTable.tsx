import { fr, type ServiceKeyView } from "@guichet/schema";
import { FieldError } from "./fields/FieldShell";
import { describedBy, fieldId } from "./fields/fieldIds";
import { text, useForm } from "./fields/FormState";

export const serviceField = (id: string) => `keys.${id}`;

/** SERVICES: the table Service / Clé; a key the service filled in itself is shown as such. */
export function ServicesTable({ services }: { readonly services: ReadonlyArray<ServiceKeyView> }) {
  const form = useForm();
  const contacts = [...new Set(services.filter((s) => !s.auto && s.contact).map((s) => s.contact!))];
  return (
    <>
      {fr.services.intro.map((p) => (
        <p key={p}>{p}</p>
      ))}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{fr.services.service}</th>
            <th scope="col">{fr.services.key}</th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => {
            const name = serviceField(s.id);
            const error = form.errors[name] ?? s.error;
            return (
              <tr key={s.id} className={error ? "table__row--error" : undefined}>
                <th scope="row">{s.auto ? s.label : <label htmlFor={fieldId(name)}>{s.label}</label>}</th>
                <td>
                  {s.auto ? (
                    <>
                      <span className="key">{s.key}</span> <span className="tag">{fr.services.autoFilled}</span>
                    </>
                  ) : (
                    <>
                      <FieldError name={name} error={error} />
                      <input
                        id={fieldId(name)}
                        name={name}
                        className="input input--medium"
                        type="text"
                        autoComplete="off"
                        spellCheck={false}
                        autoCapitalize="characters"
                        aria-describedby={describedBy(name, false, !!error)}
                        aria-invalid={error ? true : undefined}
                        value={text(form.values[name])}
                        onChange={(e) => form.set(name, e.target.value)}
                      />
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {contacts.map((email) => (
        <p key={email} className="inset">
          {fr.services.contactLead} <a href={`mailto:${email}`}>{email}</a>.
        </p>
      ))}
    </>
  );
}
