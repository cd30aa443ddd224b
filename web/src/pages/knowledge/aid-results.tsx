import type { Ref } from "react";
import { EmptyState } from "../../components/feedback";
import { formatNumber, type MessageKey, t } from "../../i18n";
import type { AidFinding, AidVerdict, FoundAid } from "./types";

const VERDICT_BADGE: Record<AidVerdict, string> = {
  eligible: "badge-success",
  possible: "badge-warning",
  excluded: "badge-neutral",
};

/** The statuses the finder may read in a question, said in words; another is shown as its key. */
const STATUS_WORDS = new Set([
  "etudiant",
  "apprenti",
  "lyceen",
  "collegien",
  "demandeur_emploi",
  "beneficiaire_rsa",
  "handicap",
  "enceinte",
  "boursier",
  "service_civique",
  "parent_isole",
  "salarie",
]);
const PLACE_KINDS = new Set(["commune", "epci", "departement", "region"]);
const PERIODICITIES = new Set(["ponctuelle", "mensuelle", "annuelle"]);

const statusText = (status: string) =>
  STATUS_WORDS.has(status)
    ? t(`knowledge.aids.status.${status}` as MessageKey)
    : status.replaceAll("_", " ");

/** "Situation lue : âge 19 ans ; lieu Annecy (commune 74010) ; statut non précisé." */
function situationText(situation: AidFinding["situation"]): string {
  const unsaid = t("knowledge.aids.results.unsaid");
  const { place, statuses } = situation;
  return t("knowledge.aids.results.situation", {
    age:
      situation.age === undefined
        ? unsaid
        : t("knowledge.aids.results.age", { count: situation.age }),
    place: !place
      ? situation.unknownPlace
        ? t("knowledge.aids.results.unknownPlace", { place: situation.unknownPlace })
        : unsaid
      : PLACE_KINDS.has(place.kind)
        ? t("knowledge.aids.results.place", {
            name: place.name,
            kind: t(`knowledge.aids.place.${place.kind}` as MessageKey),
            code: place.code,
          })
        : place.name,
    statuses:
      statuses.length === 0
        ? t("knowledge.aids.results.statusNone")
        : t("knowledge.aids.results.statuses", {
            count: statuses.length,
            statuses: statuses.map(statusText).join(t("list.separator")),
          }),
  });
}

/** "109 € en une fois", as the aid's own document says it; undefined without an amount. */
function amountText(aid: FoundAid): string | undefined {
  if (aid.amount === null) return undefined;
  const periodicity = aid.periodicity ?? "";
  const when = PERIODICITIES.has(periodicity)
    ? t(`knowledge.aids.periodicity.${periodicity}` as MessageKey)
    : periodicity === "autre"
      ? ""
      : periodicity;
  return [formatNumber(aid.amount), aid.unit, when].filter(Boolean).join(" ");
}

function Reasons(props: { label: string; items: string[] }) {
  if (props.items.length === 0) return null;
  return (
    <div className="kb-aid-reasons">
      <p>{props.label}</p>
      <ul>
        {props.items.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the reasons of one aid, in order
          <li key={index}>{item}</li>
        ))}
      </ul>
    </div>
  );
}

function AidCard(props: { aid: FoundAid }) {
  const { aid } = props;
  const amount = amountText(aid);
  // The server accepts only web addresses; checked again where the link is made.
  const link = aid.link && /^https?:\/\//i.test(aid.link) ? aid.link : null;
  return (
    <li className="kb-aid">
      <h4>{aid.title}</h4>
      <p className="kb-aid-meta">
        <span className={`badge ${VERDICT_BADGE[aid.verdict]}`}>
          {t(`knowledge.aids.verdict.${aid.verdict}` as MessageKey)}
        </span>{" "}
        {aid.institution}
      </p>
      {amount && <p>{t("knowledge.aids.amount", { amount })}</p>}
      <Reasons label={t("knowledge.aids.why")} items={aid.why} />
      <Reasons label={t("knowledge.aids.toCheck")} items={aid.toCheck} />
      <Reasons label={t("knowledge.aids.unmet")} items={aid.unmet} />
      {link && (
        <p>
          <a href={link} target="_blank" rel="noopener noreferrer">
            {t("knowledge.aids.link")}
            <span className="visually-hidden">
              {t("knowledge.aids.linkOutside", { title: aid.title })}
            </span>{" "}
            <span aria-hidden="true">↗</span>
          </a>
        </p>
      )}
    </li>
  );
}

/** The finder's answer: the situation as read, the aids that may fit, then those set apart. */
export function AidResults(props: { finding: AidFinding; heading: Ref<HTMLHeadingElement> }) {
  const { finding } = props;
  return (
    <>
      <h3 ref={props.heading} tabIndex={-1}>
        {t("knowledge.aids.results.title")}
      </h3>
      <p className="kb-aid-situation">{situationText(finding.situation)}</p>
      {finding.aids.length === 0 ? (
        <EmptyState title={t("knowledge.aids.results.none")}>
          <p>{t("knowledge.aids.results.noneHint")}</p>
        </EmptyState>
      ) : (
        <ol className="kb-aids">
          {finding.aids.map((aid) => (
            <AidCard key={aid.id} aid={aid} />
          ))}
        </ol>
      )}
      {finding.excluded.length > 0 && (
        <>
          <h3>{t("knowledge.aids.excluded.title")}</h3>
          <p className="hint">{t("knowledge.aids.excluded.intro")}</p>
          <ul className="kb-aids">
            {finding.excluded.map((aid) => (
              <AidCard key={aid.id} aid={aid} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
