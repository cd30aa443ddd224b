/**
 * French administrative jargon and the plain words to say instead, written
 * for Beffroi from the usual advice on plain administrative French (short
 * everyday words, the reader addressed directly, acronyms spelled out). One
 * line per written form: agreement differs (« susvisé », « susvisée »), so
 * each form carries its own replacement. Entries are matched on whole words,
 * accents and case aside; acronyms (`acronym: true`) only in capitals, since
 * their lowercase may be an ordinary word (« plu »).
 */
export interface JargonEntry {
  term: string;
  plain: string;
  acronym?: true;
}

const plain = (lines: string): JargonEntry[] =>
  lines
    .trim()
    .split("\n")
    .map((line) => {
      const [term = "", replacement = ""] = line.split("→").map((part) => part.trim());
      return { term, plain: replacement };
    });

const acronyms = (lines: string): JargonEntry[] =>
  plain(lines).map((entry) => ({ ...entry, acronym: true }));

export const JARGON: readonly JargonEntry[] = [
  // Connectors and set phrases.
  ...plain(`
à l'effet de → pour
en tant que de besoin → si nécessaire
dans l'hypothèse où → si
dans le cas où → si
nonobstant toute disposition contraire → malgré toute autre règle
nonobstant → malgré
eu égard à → compte tenu de
au regard de → par rapport à
aux fins de → pour
en vue de → pour
à compter de → à partir de
à compter du → à partir du
à l'exclusion de → sauf
antérieurement à → avant
préalablement à → avant
préalablement → avant
postérieurement à → après
consécutivement à → après
concomitamment → en même temps
subséquemment → ensuite
ultérieurement → plus tard
à titre gracieux → gratuitement
à titre onéreux → en payant
à titre dérogatoire → par exception
par voie de conséquence → donc
en conséquence de quoi → donc
il vous appartient de → vous devez
il appartient à → c'est à
il est porté à votre connaissance que → nous vous informons que
je vous saurais gré de → merci de
je vous serais obligé de → merci de
je vous prie de bien vouloir → merci de
vous voudrez bien → merci de
vous êtes invité à → merci de
vous êtes invitée à → merci de
il convient de → il faut
il y a lieu de → il faut
est tenu de → doit
est tenue de → doit
êtes tenu de → devez
êtes tenue de → devez
sont tenus de → doivent
est susceptible de → peut
sont susceptibles de → peuvent
en date du → du
à l'issue de → après
au terme de → à la fin de
à l'encontre de → contre
en matière de → pour
relatif à → sur
relative à → sur
relatifs à → sur
relatives à → sur
en application de → selon
conformément à → selon
en vertu de → selon
en sus de → en plus de
d'ores et déjà → déjà
à cet égard → sur ce point
s'agissant de → pour
en l'espèce → dans ce cas
en l'état → pour l'instant
le cas échéant → si besoin
attendu que → comme
au surplus → de plus
dans les meilleurs délais → rapidement
dans les plus brefs délais → le plus vite possible
sous huitaine → dans les 8 jours
sous quinzaine → dans les 15 jours
par la présente → par ce courrier
par le présent courrier → par ce courrier
nous accusons réception de → nous avons bien reçu
veuillez trouver ci-joint → voici
ci-joint → joint à ce courrier
ci-annexé → en annexe
ci-après → plus loin
ci-dessus → plus haut
`),
  // Words that point back to a text.
  ...plain(`
susvisé → cité plus haut
susvisée → citée plus haut
susvisés → cités plus haut
susvisées → citées plus haut
susmentionné → mentionné plus haut
susmentionnée → mentionnée plus haut
susmentionnés → mentionnés plus haut
susmentionnées → mentionnées plus haut
précité → cité plus haut
précitée → citée plus haut
précités → cités plus haut
précitées → citées plus haut
ledit → ce
ladite → cette
lesdits → ces
lesdites → ces
dudit → de ce
desdits → de ces
desdites → de ces
auxdits → à ces
y afférent → correspondant
y afférente → correspondante
y afférents → correspondants
y afférentes → correspondantes
afférent à → lié à
afférente à → liée à
afférents à → liés à
afférentes à → liées à
afférent → lié
afférente → liée
afférents → liés
afférentes → liées
`),
  // Words of the administration's trade.
  ...plain(`
idoine → adapté
diligenter → lancer
solliciter → demander
sollicitation → demande
octroyer → accorder
octroi → attribution
procéder à → faire
effectuer → faire
s'acquitter de → payer
acquitter → payer
administrés → habitants
requérant → demandeur
requérante → demandeuse
pétitionnaire → demandeur
pétitionnaires → demandeurs
ayant droit → bénéficiaire
ayants droit → bénéficiaires
récépissé → reçu
forclusion → délai dépassé
forclos → hors délai
caduc → plus valable
caduque → plus valable
caducité → fin de validité
abroger → supprimer
abrogation → suppression
surseoir à → reporter
sursis à statuer → décision reportée
statuer sur → décider de
ester en justice → aller en justice
interjeter appel → faire appel
recouvrement → encaissement
titre de recette → facture
exigible → à payer
exonération → dispense de paiement
exonéré → dispensé
assujetti → soumis
assujettie → soumise
assujettis → soumis
redevable → qui doit payer
redevables → qui doivent payer
pièces justificatives → documents à fournir
pièce justificative → document à fournir
justificatif de domicile → preuve d'adresse
justificatifs de domicile → preuves d'adresse
domicilié → qui habite
domiciliée → qui habite
lieu de résidence → adresse
dûment complété → bien rempli
dûment complétée → bien remplie
dûment rempli → bien rempli
dûment remplie → bien remplie
dûment → bien
apposer sa signature → signer
apposer → mettre
revêtu de la signature → signé
parapher → mettre ses initiales sur
inopérant → sans effet
irrecevable → refusé
irrecevabilité → refus
ajournement → report
ajourner → reporter
mise en demeure → avertissement officiel
astreinte → pénalité par jour de retard
saisine → demande
occupation du domaine public → utilisation de l'espace public
domaine public → espace public
emprise → surface occupée
riverains → voisins
éligible → qui a droit
éligibles → qui ont droit
éligibilité → droit
modalités → conditions
échéancier → calendrier de paiement
acompte → avance
subvention → aide financière
ressortissant → citoyen
ressortissants → citoyens
attestation sur l'honneur → déclaration signée
téléprocédure → démarche en ligne
télédéclaration → déclaration en ligne
téléservice → service en ligne
dématérialisé → en ligne
dématérialisée → en ligne
interlocuteur → contact
service instructeur → service chargé de votre demande
instruction du dossier → étude du dossier
voies de recours → moyens de contester
voie de recours → moyen de contester
recours gracieux → demande de réexamen
recours contentieux → recours devant le juge
mise en œuvre → application
mettre en œuvre → appliquer
mise en conformité → mise aux normes
obtempérer → obéir
notifier → informer officiellement
arrêté municipal → décision du maire
ordonnateur → responsable des dépenses
`),
  // Latin.
  ...plain(`
in fine → à la fin
ad hoc → adapté
de facto → de fait
sine die → sans date fixée
ipso facto → automatiquement
stricto sensu → au sens strict
lato sensu → au sens large
infra → plus loin
supra → plus haut
`),
  // Acronyms to spell out, the acronym kept after.
  ...acronyms(`
CCAS → centre communal d'action sociale (CCAS)
CIAS → centre intercommunal d'action sociale (CIAS)
RSA → revenu de solidarité active (RSA)
CAF → caisse d'allocations familiales (CAF)
CPAM → caisse primaire d'assurance maladie (CPAM)
MSA → Mutualité sociale agricole (MSA)
APA → allocation personnalisée d'autonomie (APA)
PCH → prestation de compensation du handicap (PCH)
AAH → allocation aux adultes handicapés (AAH)
ASPA → allocation de solidarité aux personnes âgées (ASPA)
MDPH → maison départementale des personnes handicapées (MDPH)
EHPAD → maison de retraite médicalisée (EHPAD)
APL → aide personnalisée au logement (APL)
PLU → plan local d'urbanisme (PLU)
PLUi → plan local d'urbanisme intercommunal (PLUi)
SCoT → schéma de cohérence territoriale (SCoT)
DIA → déclaration d'intention d'aliéner (DIA)
ZAC → zone d'aménagement concerté (ZAC)
EPCI → intercommunalité (EPCI)
DGFiP → direction générale des finances publiques (DGFiP)
URSSAF → organisme de collecte des cotisations sociales (URSSAF)
CNIL → Commission nationale de l'informatique et des libertés (CNIL)
RGPD → règlement général sur la protection des données (RGPD)
RIB → relevé d'identité bancaire (RIB)
CGCT → code général des collectivités territoriales (CGCT)
PMI → protection maternelle et infantile (PMI)
ASE → aide sociale à l'enfance (ASE)
ANAH → Agence nationale de l'habitat (ANAH)
ANTS → Agence nationale des titres sécurisés (ANTS)
TEOM → taxe d'enlèvement des ordures ménagères (TEOM)
CFE → cotisation foncière des entreprises (CFE)
QF → quotient familial (QF)
SPANC → service public d'assainissement non collectif (SPANC)
CSS → complémentaire santé solidaire (CSS)
CEE → certificats d'économies d'énergie (CEE)
`),
];
