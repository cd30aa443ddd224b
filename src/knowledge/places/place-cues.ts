/**
 * Words around a place, folded (lowercase, no accents). A cue says that
 * what follows is a place; a person's title or a street's type says that
 * it is not one (M. Laval, rue de Paris).
 */
const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

/** Prepositions before a place: "à Sens", "d'Orange", "dans la Manche". */
export const PREPOSITIONS = words("a au aux en dans sur de d du des vers depuis jusqu");

/** Words after which a place is what comes, with or without a preposition ("habite Lyon", "mairie de Sens", "région Occitanie"). */
export const PLACE_HEADS = words(`
  habite habites habitez habitons habitent habiter habitant habitante habitants habitantes
  commune communes ville villes village mairie agglomeration intercommunalite ccas
  secteur territoire canton localite departement departements region regions
`);

/**
 * Words after which a place is what comes after a preposition: "née à Sens", "vit à Orange",
 * "près de Vienne" ("née Bouchet" is a maiden name).
 */
export const PREPOSITION_HEADS = words(`
  reside resides residez residons resident residents residente residentes residant residante
  residants domicilie domiciliee domicilies domiciliees demeurant demeurante demeure
  vis vit vivons vivez vivent vivre vivant travaille travailles travaillez travaillons travaillent
  demenage demenagez demenager demenagement installe installee installes installees
  ne nee nes nees originaire originaires pres proche proches situe situee situes situees sis sise
`);

/** Definite articles: before a département or a région ("le Nord", "la Somme"). */
export const ARTICLES = words("le la les l");

/** "au Havre" is "à le Havre": the article a contraction holds. */
export const CONTRACTIONS: ReadonlyMap<string, string> = new Map([
  ["au", "le"],
  ["du", "le"],
  ["aux", "les"],
  ["des", "les"],
]);

/**
 * Before a person's name: titles ("M. Laval", "Mme Fleury"), a maiden name ("née Bouchet"), the
 * particles of foreign surnames ("da Costa", "van den Berg").
 */
export const TITLES = words(`
  m mr mme mmes mlle mlles monsieur madame mademoiselle messieurs mesdames
  dr docteur pr professeur me maitre ne nee
  da das do dos van von der den di del della ben bin ibn
`);

/** Types of street, and the town hall: "rue de Paris", "avenue de Lyon" are not in Paris or Lyon, "l'Hôtel de Ville" is in no commune Ville. */
export const STREETS = words(`
  rue rues avenue av bd boulevard bld place chemin allee impasse quai route rte cours square
  faubourg fg voie passage sentier esplanade parvis porte lotissement residence cite hotel
`);

/** Buildings named after a saint or a person: "l'église Saint-Pierre", "le lycée Saint-Louis". */
export const BUILDINGS = words(`
  eglise chapelle basilique cathedrale abbaye prieure paroisse couvent monastere
  lycee college ecole institution hopital clinique
`);

/** Words that introduce a département's number: "département 2A", "dépt 74". */
export const DEPARTEMENT_HEADS = words("departement departements dept dep dpt");

/** Words that introduce a postal code. */
export const POSTCODE_HEADS = words("cp postal");

/** After "le 14", a date or a quantity, not a département. */
export const NOT_AFTER_DEPARTEMENT = words(`
  janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
  janv fev fevr avr juil sept oct nov dec
  h heure heures min minute minutes an ans annee annees mois jour jours semaine semaines
  euro euros eur k m m2 km kg g l cl ml cm mm t ha hectare hectares pourcent pct
  personne personnes habitants places logements agents eleves enfants fois points pts
  numero no bis ter er e eme
`);
