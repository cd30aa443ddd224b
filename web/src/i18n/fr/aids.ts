/** Texts of a base's "Aides" section: the aid finder for agents, the import for managers. */
export const aids = {
  "knowledge.aids.intro":
    "Les aides (bourses, chèques, prises en charge) importées dans la base au format ouvert aides-jeunes. Décrivez la situation d'une personne : la page lit ses conditions d'âge, de lieu et de statut, dit ce qui convient et ce qui reste à vérifier.",
  "knowledge.aids.count": {
    one: "Cette base contient {count} aide.",
    other: "Cette base contient {count} aides.",
  },
  "knowledge.aids.empty": "Cette base ne contient encore aucune aide.",
  "knowledge.aids.emptyManager": "Importez un fichier d'aides ci-dessous pour la remplir.",

  "knowledge.aids.import.title": "Importer des aides",
  "knowledge.aids.import.file": "Fichier d'aides (JSONL)",
  "knowledge.aids.import.hint":
    "Une aide par ligne, au format ouvert aides-jeunes. Un fichier mal formé est refusé en entier, avec sa ligne : les aides déjà importées restent telles quelles. Une aide inchangée n'est pas traitée de nouveau.",
  "knowledge.aids.import.replace": "Remplacer les aides absentes du fichier",
  "knowledge.aids.import.replaceHint":
    "Les aides déjà importées qui ne figurent plus dans le fichier sont retirées de la base, avec leur fiche. Sans cette case, elles sont conservées.",
  "knowledge.aids.import.submit": "Importer",
  "knowledge.aids.import.sending": "Import…",
  "knowledge.aids.import.none": "Choisissez un fichier d'aides (.jsonl).",
  "knowledge.aids.import.done": {
    one: "{count} aide lue dans le fichier : {added}, {updated}, {unchanged}.",
    other: "{count} aides lues dans le fichier : {added}, {updated}, {unchanged}.",
  },
  "knowledge.aids.import.added": { one: "{count} ajoutée", other: "{count} ajoutées" },
  "knowledge.aids.import.updated": { one: "{count} mise à jour", other: "{count} mises à jour" },
  "knowledge.aids.import.unchanged": { one: "{count} inchangée", other: "{count} inchangées" },
  "knowledge.aids.import.removed": {
    one: "{count} aide absente du fichier a été retirée de la base.",
    other: "{count} aides absentes du fichier ont été retirées de la base.",
  },
  "knowledge.aids.import.kept": {
    one: "{count} aide déjà importée est absente du fichier : elle est conservée. Cochez « Remplacer les aides absentes du fichier » pour la retirer.",
    other:
      "{count} aides déjà importées sont absentes du fichier : elles sont conservées. Cochez « Remplacer les aides absentes du fichier » pour les retirer.",
  },
  "knowledge.aids.import.processing":
    "Les fiches des aides ajoutées ou mises à jour sont en cours d'intégration : les agents les trouvent dès qu'elles sont « Prêt » dans Documents.",
  "knowledge.aids.import.failed":
    "Fiches refusées (l'aide est enregistrée, sa fiche est en échec) :",
  "knowledge.aids.import.failedOne": "« {id} » : {reason}",

  "knowledge.aids.find.title": "Trouver les aides d'une personne",
  "knowledge.aids.find.question": "Question de la personne",
  "knowledge.aids.find.questionHint":
    "Telle qu'elle la pose, par exemple : « J'ai 19 ans, j'habite à Annecy, y a-t-il une aide pour le BAFA ? ». Ni nom ni coordonnées : ils ne servent pas à trouver une aide.",
  "knowledge.aids.find.age": "Âge (facultatif)",
  "knowledge.aids.find.ageHint": "En années ; il précise ou remplace celui de la question.",
  "knowledge.aids.find.ageInvalid": "Indiquez un âge en années, de 0 à 120.",
  "knowledge.aids.find.place": "Commune, code postal ou département (facultatif)",
  "knowledge.aids.find.placeHint": "Où vit la personne : « Annecy », « 74000 » ou « 74 ».",
  "knowledge.aids.find.statuses": "Situation (facultatif)",
  "knowledge.aids.find.status.etudiant": "Étudiant",
  "knowledge.aids.find.status.apprenti": "Apprenti",
  "knowledge.aids.find.status.lyceen": "Lycéen",
  "knowledge.aids.find.status.demandeur_emploi": "Demandeur d'emploi",
  "knowledge.aids.find.status.beneficiaire_rsa": "Bénéficiaire du RSA",
  "knowledge.aids.find.status.handicap": "En situation de handicap",
  "knowledge.aids.find.submit": "Chercher les aides",
  "knowledge.aids.find.searching": "Recherche…",
  "knowledge.aids.find.note":
    "Un assistant pour les agents, pas une décision : vérifiez chaque aide avec la personne (conditions, justificatifs, montant) avant de lui promettre quoi que ce soit.",

  "knowledge.aids.results.title": "Aides qui peuvent convenir",
  "knowledge.aids.results.found": {
    one: "{count} aide peut convenir.",
    other: "{count} aides peuvent convenir.",
  },
  "knowledge.aids.results.setApart": {
    one: "{count} aide écartée.",
    other: "{count} aides écartées.",
  },
  "knowledge.aids.results.none": "Aucune aide de la base ne convient à cette situation.",
  "knowledge.aids.results.noneHint":
    "Reformulez la question avec d'autres mots, ou précisez l'âge, le lieu ou la situation.",
  "knowledge.aids.results.situation": "Situation lue : âge {age} ; lieu {place} ; {statuses}.",
  "knowledge.aids.results.unsaid": "non précisé",
  "knowledge.aids.results.unknownPlace":
    "« {place} » non reconnu (aucune commune, aucun département ni aucune région de ce nom)",
  "knowledge.aids.results.age": { one: "{count} an", other: "{count} ans" },
  "knowledge.aids.results.place": "{name} ({kind} {code})",
  "knowledge.aids.results.statuses": { one: "statut {statuses}", other: "statuts {statuses}" },
  "knowledge.aids.results.statusNone": "statut non précisé",
  "knowledge.aids.place.commune": "commune",
  "knowledge.aids.place.epci": "intercommunalité",
  "knowledge.aids.place.departement": "département",
  "knowledge.aids.place.region": "région",
  "knowledge.aids.status.etudiant": "étudiant",
  "knowledge.aids.status.apprenti": "apprenti",
  "knowledge.aids.status.lyceen": "lycéen",
  "knowledge.aids.status.collegien": "collégien",
  "knowledge.aids.status.demandeur_emploi": "demandeur d'emploi",
  "knowledge.aids.status.beneficiaire_rsa": "bénéficiaire du RSA",
  "knowledge.aids.status.handicap": "en situation de handicap",
  "knowledge.aids.status.enceinte": "enceinte",
  "knowledge.aids.status.boursier": "boursier",
  "knowledge.aids.status.service_civique": "en service civique",
  "knowledge.aids.status.parent_isole": "parent isolé",
  "knowledge.aids.status.salarie": "salarié",

  "knowledge.aids.verdict.eligible": "Convient",
  "knowledge.aids.verdict.possible": "À vérifier",
  "knowledge.aids.verdict.excluded": "Écartée",
  "knowledge.aids.amount": "Montant : {amount}",
  "knowledge.aids.periodicity.ponctuelle": "en une fois",
  "knowledge.aids.periodicity.mensuelle": "par mois",
  "knowledge.aids.periodicity.annuelle": "par an",
  "knowledge.aids.why": "Ce qui convient :",
  "knowledge.aids.toCheck": "À vérifier avec la personne :",
  "knowledge.aids.unmet": "Pourquoi elle est écartée :",
  "knowledge.aids.link": "Voir la fiche officielle",
  "knowledge.aids.linkOutside":
    " de « {title} » (site extérieur à Beffroi, s'ouvre dans un nouvel onglet)",
  "knowledge.aids.excluded.title": "Aides écartées",
  "knowledge.aids.excluded.intro":
    "Elles répondent à la demande, mais une de leurs conditions exclut cette situation. Vérifiez la raison avec la personne : une information mal lue peut l'expliquer.",
} as const;
