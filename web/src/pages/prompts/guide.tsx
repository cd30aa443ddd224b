import { tp } from "./i18n";

const TOPICS = ["context", "task", "format", "examples", "check", "data"] as const;

/** The short guide to good prompting, beside the library. */
export function PromptingGuide() {
  return (
    <section className="prompts-guide" aria-labelledby="prompts-guide-title">
      <h2 id="prompts-guide-title">{tp("prompts.guide.title")}</h2>
      <dl>
        {TOPICS.map((topic) => (
          <div key={topic}>
            <dt>{tp(`prompts.guide.${topic}.title`)}</dt>
            <dd>{tp(`prompts.guide.${topic}`)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
