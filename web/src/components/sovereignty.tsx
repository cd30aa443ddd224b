import type { Sovereignty } from "../api/types";
import { t } from "../i18n";

/** The hosting class of a model, as a badge whose words say it (never colour alone). */
export function SovereigntyBadge(props: { sovereignty: Sovereignty; country?: string | null }) {
  return (
    <span className={`badge badge-${props.sovereignty}`}>
      {t(`sovereignty.${props.sovereignty}`)}
      {props.country ? ` · ${props.country}` : ""}
    </span>
  );
}
