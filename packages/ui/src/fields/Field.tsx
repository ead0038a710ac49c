import type { FieldView } from "@guichet/schema";
import { Checkbox } from "./Checkbox";
import { CityInput } from "./CityInput";
import { CommuneInput } from "./CommuneInput";
import { CountrySelect } from "./CountrySelect";
import { DateInput } from "./DateInput";
import { DepartementSelect } from "./DepartementSelect";
import { EmailInput } from "./EmailInput";
import { PasswordInput } from "./PasswordInput";
import { PhotoInput } from "./PhotoInput";
import { PhotoAtKiosk } from "./PhotoAtKiosk";
import { useGuichet } from "../GuichetContext";
import { PostalCodeInput } from "./PostalCodeInput";
import { RadioGroup } from "./RadioGroup";
import { SelectInput } from "./SelectInput";
import { StreetInput } from "./StreetInput";
import { TextInput } from "./TextInput";
import { UsernameInput } from "./UsernameInput";

/** Draws a field of the view by its kind. */
export function Field({ field }: { readonly field: FieldView }) {
  const { kiosk } = useGuichet();
  switch (field.kind) {
    case "checkbox":
      return <Checkbox field={field} />;
    case "radio":
      return <RadioGroup field={field} />;
    case "select":
      return <SelectInput field={field} />;
    case "date":
      return <DateInput field={field} />;
    case "country":
      return <CountrySelect field={field} />;
    case "departement":
      return <DepartementSelect field={field} />;
    case "commune":
      return <CommuneInput field={field} />;
    case "street":
      return <StreetInput field={field} />;
    case "postalCode":
      return <PostalCodeInput field={field} />;
    case "city":
      return <CityInput field={field} />;
    case "photo":
      return kiosk ? <PhotoAtKiosk field={field} /> : <PhotoInput field={field} />;
    case "password":
      return <PasswordInput field={field} />;
    case "email":
      return <EmailInput field={field} />;
    default:
      return field.autocomplete === "username" ? <UsernameInput field={field} /> : <TextInput field={field} />;
  }
}
