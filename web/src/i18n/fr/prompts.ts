/**
 * Texts of the prompt library ("apprendre à prompter") and its guide. Loaded
 * with the library's chunk (`pages/prompts/i18n.ts`), not with the first page.
 */
export const prompts = {
  "prompts.title": "Bibliothèque de prompts",
  "prompts.lead":
    "Des prompts éprouvés par vos collègues : choisissez-en un, remplissez ses variables, il se place dans votre message. Vous le relisez et l'envoyez vous-même.",
  "prompts.back.conversation": "Retour à la conversation",
  "prompts.back.new": "Retour à la nouvelle conversation",

  "prompts.guide.title": "Bien rédiger un prompt",
  "prompts.guide.context.title": "Le contexte",
  "prompts.guide.context":
    "Dites qui vous êtes et pour qui vous écrivez : « Je suis agent d'accueil d'une mairie de 12 000 habitants ; je réponds à un usager. »",
  "prompts.guide.task.title": "La tâche",
  "prompts.guide.task":
    "Une demande précise, avec un verbe d'action : rédiger, résumer, reformuler, comparer, lister. Une seule tâche par message donne de meilleurs résultats.",
  "prompts.guide.format.title": "Le format attendu",
  "prompts.guide.format":
    "Précisez la forme : longueur, plan, tableau, ton (courtois, administratif, simple pour un usager), niveau de langue.",
  "prompts.guide.examples.title": "Des exemples",
  "prompts.guide.examples":
    "Un exemple de ce que vous attendez (un courrier réussi, une tournure à reprendre) guide le modèle mieux qu'une longue explication.",
  "prompts.guide.check.title": "Vérifier la réponse",
  "prompts.guide.check":
    "Le modèle peut se tromper avec assurance : vérifiez les chiffres, les dates, les références juridiques et les noms. Vous restez responsable de ce que vous envoyez.",
  "prompts.guide.data.title": "Jamais de données personnelles hors de la charte",
  "prompts.guide.data":
    "Ne copiez jamais de données personnelles (nom, adresse, numéro de sécurité sociale, santé, situation sociale) dans un outil que la charte d'usage n'autorise pas. Dans Beffroi, le contrôle des données personnelles vous alerte avant l'envoi.",

  "prompts.filters": "Filtrer les prompts",
  "prompts.search": "Rechercher",
  "prompts.search.hint": "Dans les titres, les textes et les exemples.",
  "prompts.scope": "Portée",
  "prompts.scope.all": "Toutes",
  "prompts.scope.personal": "Les miens",
  "prompts.scope.direction": "Ma direction",
  "prompts.scope.collectivite": "Toute la collectivité",
  "prompts.sort": "Trier par",
  "prompts.sort.popular": "Les plus utilisés",
  "prompts.sort.rated": "Les mieux notés",
  "prompts.sort.recent": "Les plus récents",
  "prompts.sort.title": "Titre",
  "prompts.count": {
    one: "{count} prompt trouvé.",
    other: "{count} prompts trouvés.",
  },
  "prompts.empty": "Aucun prompt ne correspond.",
  "prompts.empty.hint":
    "Changez la recherche ou la portée, ou proposez votre propre prompt : il restera visible de vous seul.",

  "prompts.shared.personal": "Personnel",
  "prompts.shared.direction": "Direction : {direction}",
  "prompts.shared.collectivite": "Toute la collectivité",
  "prompts.author": "Proposé par {name}",
  "prompts.author.unknown": "Auteur inconnu",
  "prompts.uses": {
    one: "Utilisé {count} fois",
    other: "Utilisé {count} fois",
  },
  "prompts.rating.average": {
    one: "Note moyenne {average} sur 5 ({count} avis)",
    other: "Note moyenne {average} sur 5 ({count} avis)",
  },
  "prompts.rating.none": "Pas encore noté",
  "prompts.rating.mine": "Votre note",
  "prompts.rating.choose": "Non noté",
  "prompts.rating.value": {
    one: "{count} sur 5",
    other: "{count} sur 5",
  },
  "prompts.rating.saved": "Votre note est enregistrée.",
  "prompts.text": "Texte du prompt",
  "prompts.example": "Exemple",
  "prompts.variables": "Variables : {names}",

  "prompts.use": "Utiliser",
  "prompts.use.named": "Utiliser « {title} »",
  "prompts.use.lead":
    "Remplissez les variables : le prompt complété se place dans votre message, que vous pourrez relire et modifier avant de l'envoyer.",
  "prompts.use.submit": "Mettre dans mon message",
  "prompts.use.required": "Remplissez ce champ.",

  "prompts.new": "Proposer un prompt",
  "prompts.edit": "Modifier",
  "prompts.edit.named": "Modifier « {title} »",
  "prompts.delete": "Supprimer",
  "prompts.delete.confirm":
    "Supprimer le prompt « {title} » ? Ses notes et son compteur d'utilisations seront perdus.",
  "prompts.form.title": "Titre",
  "prompts.form.body": "Texte du prompt",
  "prompts.form.body.hint":
    "Écrivez les parties à remplir entre doubles accolades, en minuscules sans accent : {{destinataire}}, {{date_limite}}.",
  "prompts.form.example": "Exemple d'utilisation (facultatif)",
  "prompts.form.example.hint": "Des valeurs pour les variables, ou le résultat obtenu.",
  "prompts.form.scope": "Partager avec",
  "prompts.form.scope.personal": "Moi seul",
  "prompts.form.scope.direction": "Ma direction : {direction}",
  "prompts.form.scope.collectivite": "Toute la collectivité",
  "prompts.form.save": "Enregistrer",
  "prompts.form.required": "Ce champ est obligatoire.",
} as const;
