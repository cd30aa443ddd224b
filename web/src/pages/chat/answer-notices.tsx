import { Fragment, type ReactNode } from "react";
import { personalDataCounts } from "../../components/personal-data";
import { SovereigntyBadge } from "../../components/sovereignty";
import { locale, t } from "../../i18n";
import type { Message, Range } from "./types";

/** Two significant digits: small figures stay readable (0,00042 Wh, not 0). */
const figures = new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 });

const range = (value: Range, scale: number) => {
  const min = figures.format(value.min * scale);
  const max = figures.format(value.max * scale);
  return min === max ? min : t("chat.answer.range", { min, max });
};

/** A duration in minutes as people say it ("12 minutes", "40 secondes"). */
function duration(minutes: Range): string {
  const mid = (minutes.min + minutes.max) / 2;
  if (mid < 1) {
    const count = Math.max(1, Math.round(mid * 60));
    return t("chat.answer.seconds", { count });
  }
  const count = Math.round(mid);
  return t("chat.answer.minutes", { count });
}

/**
 * What Beffroi says about an answer, folded into one line: the model and its
 * hosting, what the data guard did, the impact (and a warning when the answer
 * holds personal data the question did not). Opened, the same in full
 * sentences and every decision of the turn. The draft label and the
 * validation and feedback controls stay outside, always in view.
 */
export function AnswerNotices(props: { message: Message }) {
  const { metadata } = props.message;
  const decisions = metadata.decisions ?? [];
  const fresh = decisions.some((decision) => decision.rule === "restore.new-personal-data");
  const parts: ReactNode[] = [
    metadata.mode === "model" && metadata.model ? (
      <>
        {metadata.model.modelId}{" "}
        <SovereigntyBadge
          sovereignty={metadata.model.sovereignty}
          country={metadata.model.country}
        />
      </>
    ) : (
      t("chat.notices.extractive")
    ),
    guardSummary(props.message),
    impactSummary(props.message),
    fresh && <strong className="chat-warning">{t("chat.notices.fresh")}</strong>,
  ].filter(Boolean);
  return (
    <details className="chat-notices">
      <summary>
        <span className="visually-hidden">{t("chat.notices.label")} </span>
        {parts.map((part, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts are fixed, in order.
          <Fragment key={index}>
            {index > 0 && " · "}
            {part}
          </Fragment>
        ))}
      </summary>
      <ul className="chat-facts">
        <li>
          {metadata.mode === "model" && metadata.model ? (
            <>
              {t("chat.answer.model", {
                model: metadata.model.modelId,
                provider: metadata.model.providerLabel,
              })}{" "}
              <SovereigntyBadge
                sovereignty={metadata.model.sovereignty}
                country={metadata.model.country}
              />
            </>
          ) : (
            t("chat.answer.extractive")
          )}
        </li>
        {metadata.guard && (
          <li>
            <GuardLine message={props.message} />
          </li>
        )}
        <li>
          <ImpactLine message={props.message} />
        </li>
      </ul>
      {decisions.length > 0 && (
        <>
          <h3 className="chat-small-heading">{t("chat.answer.details")}</h3>
          <ul className="chat-decisions">
            {decisions.map((decision, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: decisions are a fixed record, in order.
              <li key={index}>{decision.reason}</li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

/** The data guard's outcome in a few words (the sentence is in GuardLine). */
function guardSummary(message: Message): string | null {
  const { guard, model, mode } = message.metadata;
  if (!guard) return null;
  if (guard.pseudonymised > 0)
    return t("chat.notices.pseudonymised", { count: guard.pseudonymised });
  if (guard.detected.length === 0) return t("chat.notices.clean");
  const stayed = model?.sovereignty === "local" || mode !== "model";
  return stayed ? t("chat.notices.kept") : t("chat.notices.detected");
}

function impactSummary(message: Message): string {
  const { impact, mode } = message.metadata;
  if (mode !== "model") return t("chat.notices.impactExtractive");
  if (!impact) return t("chat.notices.impactUnknown");
  return t("chat.notices.impact", { energy: range(impact.energyKwh, 1000) });
}

/** What the data guard did, from the turn's summary: counts and types, never values. */
function GuardLine(props: { message: Message }) {
  const { guard, decisions, model, mode } = props.message.metadata;
  const fresh = (decisions ?? []).find((decision) => decision.rule === "restore.new-personal-data");
  if (!guard) return null;
  const found = personalDataCounts(guard.detected);
  const stayed = model?.sovereignty === "local" || mode !== "model";
  return (
    <>
      {guard.pseudonymised > 0
        ? t("chat.answer.guardPseudonymised", { count: guard.pseudonymised })
        : guard.detected.length === 0
          ? t("chat.answer.guardClean")
          : stayed
            ? t("chat.answer.guardKept", { found })
            : t("chat.answer.guardDetected", { found })}
      {(guard.inPassages ?? []).length > 0 && (
        <>
          {" "}
          {t("chat.answer.guardPassages", { found: personalDataCounts(guard.inPassages ?? []) })}
        </>
      )}
      {fresh && <span className="chat-warning"> {fresh.reason}</span>}
    </>
  );
}

function ImpactLine(props: { message: Message }) {
  const { impact, mode } = props.message.metadata;
  if (mode !== "model") return <>{t("chat.answer.impactExtractive")}</>;
  if (impact) {
    return (
      <>
        {t("chat.answer.impact", {
          energy: range(impact.energyKwh, 1000),
          gwp: range(impact.gwpKgCo2e, 1000),
          led: duration(impact.ledBulbMinutes),
        })}
      </>
    );
  }
  return <>{t("chat.answer.impactUnknown")}</>;
}
