import { useEffect } from "react";
import { PageHeading } from "../../components/feedback";
import { Link } from "../../router";
import { useSession } from "../../session";
import { canObserve } from "./access";
import { to } from "./i18n";
import type { ObservatoryKey } from "./messages";

/** One figure's definition: its anchor, its messages (`def.<name>.*`) and what the threshold hides. */
interface Entry {
  anchor: string;
  name: string;
  threshold: ObservatoryKey;
}

/** The definitions, by section, in the order the pages show the figures. */
const GROUPS: { title: ObservatoryKey; entries: Entry[] }[] = [
  {
    title: "obs.title",
    entries: [{ anchor: "seuil", name: "threshold", threshold: "method.thresholdScope" }],
  },
  {
    title: "obs.tab.adoption",
    entries: [
      { anchor: "agents-actifs", name: "active", threshold: "method.thresholdMonth" },
      { anchor: "premiers-usages", name: "new", threshold: "method.thresholdMonth" },
      { anchor: "agents-revenus", name: "returning", threshold: "method.thresholdMonth" },
      { anchor: "comptes", name: "accounts", threshold: "method.thresholdDirection" },
    ],
  },
  {
    title: "obs.tab.usages",
    entries: [
      { anchor: "demandes", name: "turns", threshold: "method.thresholdScope" },
      { anchor: "validees", name: "validated", threshold: "method.thresholdScope" },
      { anchor: "avis", name: "feedback", threshold: "method.thresholdScope" },
      { anchor: "minutes", name: "minutes", threshold: "method.thresholdScope" },
      { anchor: "par-sujet", name: "subjects", threshold: "method.thresholdGroup" },
      { anchor: "par-modele", name: "models", threshold: "method.thresholdGroup" },
      { anchor: "par-classe", name: "classes", threshold: "method.thresholdGroup" },
      { anchor: "refus", name: "refusals", threshold: "method.thresholdScope" },
    ],
  },
  {
    title: "obs.tab.protection",
    entries: [
      { anchor: "donnees-personnelles", name: "findings", threshold: "method.thresholdScope" },
      { anchor: "traitements", name: "actions", threshold: "method.thresholdScope" },
      { anchor: "quarantaine", name: "quarantine", threshold: "method.thresholdNone" },
    ],
  },
  {
    title: "obs.tab.impact",
    entries: [
      { anchor: "energie", name: "energy", threshold: "method.thresholdScope" },
      { anchor: "co2e", name: "gwp", threshold: "method.thresholdScope" },
      { anchor: "eau", name: "water", threshold: "method.thresholdScope" },
      { anchor: "impact-par-mois", name: "impactMonths", threshold: "method.thresholdMonth" },
      { anchor: "sobriete", name: "sobriety", threshold: "method.thresholdScope" },
    ],
  },
  {
    title: "obs.tab.comparaisons",
    entries: [{ anchor: "verdicts", name: "battles", threshold: "method.thresholdNone" }],
  },
  {
    title: "me.title",
    entries: [
      { anchor: "mon-usage", name: "mine", threshold: "method.thresholdMine" },
      { anchor: "quotas", name: "quotas", threshold: "method.thresholdMine" },
      { anchor: "mediane", name: "median", threshold: "method.thresholdMine" },
    ],
  },
];

const message = (name: string, part: "title" | "counted" | "fields") =>
  to(`def.${name}.${part}` as ObservatoryKey);

/** Brings the definition the address names into view, and the focus to it. */
function useAnchor() {
  useEffect(() => {
    const go = () => {
      const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
      if (!target) return;
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "start" });
    };
    go();
    window.addEventListener("hashchange", go);
    return () => window.removeEventListener("hashchange", go);
  }, []);
}

/**
 * `/observatoire/methode`: how every figure is computed, one anchored
 * definition per figure (what is counted, from which journal fields, what
 * the threshold hides, that no text is kept); every figure links here.
 */
export function MethodPage() {
  const { session, can } = useSession();
  useAnchor();
  const observer = session ? canObserve(session, can) : false;
  return (
    <div className="page narrow obs-method">
      <p>
        {observer ? (
          <Link href="/observatoire">{to("method.back")}</Link>
        ) : (
          <Link href="/mon-usage">{to("me.title")}</Link>
        )}
      </p>
      <PageHeading title={to("method.title")} />
      <p className="lead">{to("method.intro")}</p>
      {GROUPS.map((group) => (
        <section key={group.title} aria-labelledby={`methode-${group.title}`}>
          <h2 id={`methode-${group.title}`}>{to(group.title)}</h2>
          {group.entries.map((entry) => (
            <section
              key={entry.anchor}
              id={entry.anchor}
              tabIndex={-1}
              className="obs-definition"
              aria-labelledby={`${entry.anchor}-titre`}
            >
              <h3 id={`${entry.anchor}-titre`}>{message(entry.name, "title")}</h3>
              <dl>
                <dt>{to("method.counted")}</dt>
                <dd>{message(entry.name, "counted")}</dd>
                <dt>{to("method.fields")}</dt>
                <dd>
                  <code>{message(entry.name, "fields")}</code>
                </dd>
                <dt>{to("method.threshold")}</dt>
                <dd>{to(entry.threshold)}</dd>
                <dt>{to("method.noText")}</dt>
                <dd>{to("method.noTextBody")}</dd>
              </dl>
            </section>
          ))}
        </section>
      ))}
    </div>
  );
}
