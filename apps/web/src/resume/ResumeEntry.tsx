import { resumeText } from "@guichet/ui";

/** On the home page: the way to a sign-up begun on another device (SPEC §2, "Reprendre une inscription"). */
export function ResumeEntry(props: { readonly navigate: (to: string) => void }) {
  return (
    <p className="panel__resume">
      <a
        href="/reprendre"
        onClick={(e) => {
          e.preventDefault();
          props.navigate("/reprendre");
        }}
      >
        {resumeText.resumeTitle}
      </a>
    </p>
  );
}
