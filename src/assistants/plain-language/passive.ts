/**
 * Whether a sentence is in the passive voice, by a simple, documented rule
 * (no parser, no model), on the sentence's words split at apostrophes and
 * hyphens, accents folded:
 * 1. a form of « être » (est, sont, sera, était, été, être, soit…), including
 *    « été » after « avoir » (« a été transmis »);
 * 2. not right after a reflexive pronoun (« se », « s' », « nous », « vous »…:
 *    « il s'est inscrit » is not passive);
 * 3. then at most three adverbs or negations (« n'est pas encore », « sera
 *    obligatoirement »), then a word with a past-participle ending: -é(e)(s),
 *    -i(e)(s) or -u(e)(s) after a consonant, -it, -is, -ert, -int and their
 *    feminine and plural forms;
 * 4. that word is not one of the participles of the verbs that take « être »
 *    in their compound tenses (« il est arrivé », « elle est née »), nor a
 *    common word with such an ending (« plus », « aussi », « gratuit »…).
 * « par » within the next six words marks the agent (`agent`), which the
 * plain rewrite can put first. Known misses: an adjective with a participle
 * ending (« est précis », « est complet » is read right, « est fini » is taken
 * as passive), and passives without « être » (« se voit refuser »).
 */
export interface PassiveMatch {
  /** Offsets of the form of « être » and of the participle, in the sentence given. */
  auxiliary: { start: number; end: number };
  participle: { start: number; end: number };
  agent: boolean;
}

export function findPassive(sentence: string): PassiveMatch | undefined {
  // Most sentences hold no form of « être »: a quick look spares them the word-by-word pass.
  if (!MAYBE_ETRE.test(sentence)) return undefined;
  const tokens = [...sentence.matchAll(/[\p{L}\p{M}]+/gu)].map((m) => ({
    text: m[0].toLowerCase().normalize("NFC").replace(/œ/g, "oe"),
    start: m.index,
    end: m.index + m[0].length,
  }));
  for (let i = 0; i < tokens.length; i++) {
    const auxiliary = tokens[i];
    if (auxiliary === undefined || !ETRE.has(auxiliary.text)) continue;
    if (REFLEXIVE.has(tokens[i - 1]?.text ?? "")) continue;
    let j = i + 1;
    while (j < tokens.length && j <= i + 3 && ADVERBS.has(tokens[j]?.text ?? "")) j++;
    const participle = tokens[j];
    if (participle === undefined || !isParticiple(participle.text)) continue;
    const agent = tokens.slice(j + 1, j + 7).some((token) => token.text === "par");
    return {
      auxiliary: { start: auxiliary.start, end: auxiliary.end },
      participle: { start: participle.start, end: participle.end },
      agent,
    };
  }
  return undefined;
}

const MAYBE_ETRE = /(?:^|[^\p{L}])(?:[eéêÉÊE]t|[eE]s|[sS][eo]|[sS]ui|[fF][uû])/u;

/** Forms of « être », « été » included. */
const ETRE: ReadonlySet<string> = new Set(
  `être été étant suis es est sommes êtes sont étais était étions étiez étaient serai seras sera
  serons serez seront serais serait serions seriez seraient sois soit soyons soyez soient fus fut
  fûmes fûtes furent fût fussent`.split(/\s+/),
);

const REFLEXIVE: ReadonlySet<string> = new Set(["se", "s", "me", "m", "te", "t", "nous", "vous"]);

const ADVERBS: ReadonlySet<string> = new Set(
  `ne n pas plus jamais déjà bien très également toujours encore aussi désormais notamment souvent
  parfois alors ensuite enfin actuellement obligatoirement automatiquement systématiquement
  immédiatement généralement dûment préalablement rapidement directement mal tout`.split(/\s+/),
);

/** Participle endings: -é, -i or -u after a consonant, -it, -is, -ert, -int, then e, s or es. */
const PARTICIPLE = /(?:é|[^aeiouyéèêëàâäîïôöûüù][iu]|it|is|ert|int)(?:e|s|es)?$/;

/** Participles of the verbs conjugated with « être », and common words that only look like participles. */
const NOT_PASSIVE: ReadonlySet<string> = new Set(
  `arrivé arrivée arrivés arrivées venu venue venus venues revenu revenue revenus revenues devenu
  devenue devenus devenues parvenu parvenue parvenus parvenues intervenu intervenue intervenus
  survenu survenue survenus survenues parti partie partis parties allé allée allés allées né née
  nés nées mort morte morts mortes resté restée restés restées tombé tombée tombés tombées entré
  entrée entrés entrées rentré rentrée sorti sortie sortis sorties monté montée descendu descendue
  retourné retournée décédé décédée décédés décédées
  plus aussi ainsi ceci parmi merci voici ici jusqu lundi mardi mercredi jeudi vendredi samedi
  midi souci tissu menu individu gratuit gratuite gratuits gratuites petit petite petits petites
  droit droits produit produits circuit nuit huit soit suis puis depuis lui celui autrui qui
  après près très dessus dessous tous précis avis devis paris pays fois mois parfois
  prêt prête prêts prêtes`.split(/\s+/),
);

function isParticiple(word: string): boolean {
  if (word.length < 3 || NOT_PASSIVE.has(word) || ETRE.has(word)) return false;
  return PARTICIPLE.test(word);
}
