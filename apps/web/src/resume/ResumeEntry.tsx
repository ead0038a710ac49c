import { resumeText } from "@guichet/ui";

/** On the home page: the way to a sign-up begun on another device, "Reprendre une inscription" (a resume code or link). */
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
