import { useEffect, useId, useRef } from "react";
import { formatNumber } from "../../i18n";
import { formatMeasure, ta } from "./i18n";
import type { Reveal } from "./types";

type Side = Reveal["a"];

/** After the vote: who answered A and B (a model, or « Résultat sans IA ») and what each answer cost. */
export function RevealView(props: { reveal: Reveal; onNext: () => void }) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const { reveal } = props;
  return (
    <section className="arena-reveal" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {ta("arena.reveal.title")}
      </h2>
      <p>{ta("arena.reveal.choice", { choice: ta(`arena.choice.${reveal.choice}`) })}</p>
      <div className="arena-answers">
        <RevealedSide name="A" side={reveal.a} />
        <RevealedSide name="B" side={reveal.b} />
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={props.onNext}>
          {ta("arena.next")}
        </button>
      </div>
    </section>
  );
}

function RevealedSide(props: { name: "A" | "B"; side: Side }) {
  const { side } = props;
  const unknown = ta("arena.reveal.unknown");
  return (
    <div className="arena-side">
      <h3>{ta("arena.reveal.side", { side: props.name, label: side.label })}</h3>
      <dl className="arena-facts">
        <dt>{ta("arena.reveal.energy")}</dt>
        <dd>
          {side.energyKwh === null
            ? unknown
            : ta("arena.reveal.wh", { value: formatMeasure(side.energyKwh * 1000) })}
        </dd>
        <dt>{ta("arena.reveal.gwp")}</dt>
        <dd>
          {side.gwpKgCo2e === null
            ? unknown
            : ta("arena.reveal.grams", { value: formatMeasure(side.gwpKgCo2e * 1000) })}
        </dd>
        <dt>{ta("arena.reveal.latency")}</dt>
        <dd>{ta("arena.reveal.seconds", { value: formatMeasure(side.latencyMs / 1000) })}</dd>
        <dt>{ta("arena.reveal.tokens")}</dt>
        <dd>{formatNumber(side.tokens, 0)}</dd>
      </dl>
    </div>
  );
}
