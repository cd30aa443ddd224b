/**
 * Whether the answers of a provider's models will get an impact estimate.
 * The rule is the server's (the impact domain's, through
 * `POST /api/providers/impact` and each provider's `impact`): the page only
 * says what it answered, and what to fill in.
 */
import { useEffect, useState } from "react";
import { call } from "../../api/client";
import type { Sovereignty } from "../../api/types";
import { t } from "../../i18n";
import type { ProviderDraft, ProviderImpact } from "./types";

/** How long typing pauses before the draft is checked. */
const PAUSE_MS = 300;

/**
 * The server's answer for a provider being typed, checked again after each
 * pause in typing; null while there is nothing to check. The previous answer
 * stays until the next arrives, so the warning does not flicker.
 */
export function useImpactCheck(draft: ProviderDraft | null): ProviderImpact | null {
  const key = draft === null ? null : JSON.stringify(draft);
  const [answer, setAnswer] = useState<ProviderImpact | null>(null);
  useEffect(() => {
    if (key === null) {
      // Nothing to check any more (the form was sent or emptied): no old answer for the next draft.
      setAnswer(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      call("POST /api/providers/impact", { body: JSON.parse(key) as ProviderDraft }).then(
        (impact) => {
          if (current) setAnswer(impact);
        },
        // A check that fails only leaves the warning out: the form still saves, the card will tell.
        () => {},
      );
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  return key === null ? null : answer;
}

/** The models whose answers would read "Impact non estimé", and what each one lacks. */
export function ImpactWarning(props: {
  impact: ProviderImpact;
  sovereignty: Sovereignty;
  country: string;
}) {
  const { unestimated } = props.impact;
  if (unestimated.length === 0) return null;
  const lacking = (input: "parameters" | "pue" | "zone") =>
    unestimated.filter((entry) => entry.missing.includes(input)).map((entry) => entry.model);
  const withoutParameters = lacking("parameters");
  return (
    <div className="notice notice-warning">
      <p>
        <strong>{t("admin.providers.impactTitle")}</strong>{" "}
        {t("admin.providers.impactModels", {
          count: unestimated.length,
          models: unestimated.map((entry) => entry.model).join(", "),
        })}
      </p>
      <ul>
        {withoutParameters.length > 0 && (
          <li>
            {t("admin.providers.impactParameters", {
              count: withoutParameters.length,
              models: withoutParameters.join(", "),
            })}
          </li>
        )}
        {lacking("pue").length > 0 && (
          <li>
            {t(
              props.sovereignty === "local"
                ? "admin.providers.impactPueLocal"
                : "admin.providers.impactPue",
            )}
          </li>
        )}
        {lacking("zone").length > 0 && (
          <li>{t("admin.providers.impactZone", { country: props.country || "—" })}</li>
        )}
      </ul>
    </div>
  );
}
