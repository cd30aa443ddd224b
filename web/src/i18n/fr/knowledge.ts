/** Texts of the page's knowledge area. */
export const knowledge = {
  "knowledge.title": "Bases de connaissances",
  "knowledge.intro":
    "Les documents de référence sur lesquels Beffroi fonde ses réponses. Chaque réponse cite les passages qu'elle utilise.",
  "knowledge.create": "Créer une base",
  "knowledge.list.caption": "Bases que vous pouvez consulter",
  "knowledge.list.name": "Base",
  "knowledge.list.owner": "Direction propriétaire",
  "knowledge.list.readers": "Lecteurs",
  "knowledge.list.documents": "Documents",
  "knowledge.list.personalData": "Données personnelles",
  "knowledge.list.count": { one: "{count} document", other: "{count} documents" },
  "knowledge.list.empty": "Aucune base de connaissances ne vous est ouverte pour l'instant.",
  "knowledge.list.emptyWriter":
    "Créez une première base pour y déposer les documents de référence de votre direction.",
  "knowledge.list.emptyReader":
    "Demandez au référent de votre direction d'ouvrir une base à votre direction.",
  "knowledge.readers.ownerOnly": "la direction propriétaire seulement",

  "knowledge.personalData.index": "Indexer tel quel",
  "knowledge.personalData.pseudonymise": "Pseudonymiser",
  "knowledge.personalData.quarantine": "Mettre en quarantaine",
  "knowledge.personalData.index.hint":
    "Les valeurs restent dans les passages : pour des informations publiques, ou une base interrogée uniquement par des modèles locaux.",
  "knowledge.personalData.pseudonymise.hint":
    "Les noms, adresses, numéros… sont remplacés par des pseudonymes ([PERSONNE_1]), de façon irréversible.",
  "knowledge.personalData.quarantine.hint":
    "Un document qui en contient est mis de côté jusqu'à ce qu'un référent l'examine (recommandé).",

  "knowledge.form.title": "Créer une base de connaissances",
  "knowledge.form.name": "Nom de la base",
  "knowledge.form.nameHint":
    "Lettres, chiffres, espaces, tirets et points ; 100 caractères au plus.",
  "knowledge.form.description": "Description (facultative)",
  "knowledge.form.owner": "Direction propriétaire",
  "knowledge.form.ownerHint":
    "Ses agents lisent la base ; ses référents la gèrent. Un référent choisit sa direction ou une direction en dessous.",
  "knowledge.form.ownerNone": "Choisissez une direction",
  "knowledge.form.readers": "Qui peut lire la base, en plus de la direction propriétaire",
  "knowledge.form.everyone": "Tous les agents de la collectivité",
  "knowledge.form.roles": "Des rôles",
  "knowledge.form.role.agent": "Agents",
  "knowledge.form.role.referent": "Référents",
  "knowledge.form.role.admin": "Administrateurs",
  "knowledge.form.role.auditor": "Auditeurs",
  "knowledge.form.directions": "Des directions (et leurs sous-directions)",
  "knowledge.form.noDirections": "Aucune direction n'est encore déclarée.",
  "knowledge.form.personalData": "Si un document contient des données personnelles",
  "knowledge.form.submit": "Créer la base",
  "knowledge.form.creating": "Création…",
  "knowledge.form.fixErrors": "La base n'a pas été créée : corrigez les champs signalés.",
  "knowledge.form.nameRequired": "Donnez un nom à la base.",

  "knowledge.base.owner": "Direction propriétaire : {path}",
  "knowledge.base.readers": "Lecteurs : {readers}",
  "knowledge.base.personalData": "Données personnelles : {setting}",
  "knowledge.base.counts": "{documents}, {passages}",
  "knowledge.base.passages": { one: "{count} passage", other: "{count} passages" },
  "knowledge.base.back": "Toutes les bases",
  "knowledge.base.sections": "Sections de la base",
  "knowledge.base.delete": "Supprimer la base",
  "knowledge.base.deleteTitle": "Supprimer la base « {name} » ?",
  "knowledge.base.deleteBody":
    "Ses {count} documents et leurs passages seront supprimés. Les réponses ne pourront plus les citer. Cette action est définitive.",
  "knowledge.base.deleted": "La base « {name} » a été supprimée.",
  "knowledge.base.notFound":
    "Cette base n'existe pas, ou elle ne vous est pas ouverte. Revenez à la liste des bases.",

  "knowledge.section.documents": "Documents",
  "knowledge.section.search": "Rechercher",
  "knowledge.section.aids": "Aides",
  "knowledge.section.quality": "Qualité",
  "knowledge.section.quarantine": "Quarantaine",
  "knowledge.section.access": "Accès",

  "knowledge.documents.title": "Documents",
  "knowledge.documents.caption": "Documents de la base et leur état",
  "knowledge.documents.name": "Document",
  "knowledge.documents.size": "Taille",
  "knowledge.documents.status": "État",
  "knowledge.documents.updated": "Mis à jour",
  "knowledge.documents.actions": "Actions",
  "knowledge.documents.empty": "Cette base ne contient encore aucun document.",
  "knowledge.documents.emptyWriter": "Déposez des fichiers ci-dessus pour la remplir.",
  "knowledge.documents.pages": { one: "{count} page", other: "{count} pages" },
  "knowledge.documents.words": { one: "{count} mot", other: "{count} mots" },
  "knowledge.documents.extent": "{pages} · {words}",
  "knowledge.documents.deleteLabel": "Supprimer {name}",
  "knowledge.documents.deleteTitle": "Supprimer le document « {name} » ?",
  "knowledge.documents.deleteBody":
    "Ses passages ne seront plus cherchés ni cités. Pour le remettre, il faudra le déposer de nouveau.",
  "knowledge.documents.deleted": "Le document « {name} » a été supprimé.",
  "knowledge.documents.progress": {
    one: "{count} document en cours de traitement. La liste se met à jour toute seule.",
    other: "{count} documents en cours de traitement. La liste se met à jour toute seule.",
  },
  "knowledge.documents.changed": "« {name} » : {status}.",
  "knowledge.documents.released": "Libéré de la quarantaine ({as})",
  "knowledge.documents.releasedAs.index": "indexé tel quel",
  "knowledge.documents.releasedAs.pseudonymise": "pseudonymisé",
  "knowledge.documents.found": "Données personnelles trouvées : {types}",

  "knowledge.status.queued": "En attente",
  "knowledge.status.processing": "En cours de traitement",
  "knowledge.status.ready": "Prêt",
  "knowledge.status.failed": "Échec",
  "knowledge.status.quarantined": "En quarantaine",

  "knowledge.upload.title": "Déposer des documents",
  "knowledge.upload.files": "Fichiers à déposer",
  "knowledge.upload.hint":
    "Formats acceptés : PDF avec couche texte, DOCX, ODT, HTML, Markdown, texte. {size} au plus par fichier, {count} fichiers au plus par envoi. Redéposer un fichier du même nom le remplace. Vous pouvez aussi glisser vos fichiers ici.",
  "knowledge.upload.limitsUnknown": "…",
  "knowledge.upload.chosen": {
    one: "{count} fichier choisi : {files}",
    other: "{count} fichiers choisis : {files}",
  },
  "knowledge.upload.file": "{name} ({size})",
  "knowledge.upload.submit": "Déposer",
  "knowledge.upload.sending": "Envoi…",
  "knowledge.upload.progress": "Progression de l'envoi",
  "knowledge.upload.percent": "{percent} % envoyés",
  "knowledge.upload.none": "Choisissez au moins un fichier.",
  "knowledge.upload.tooMany":
    "Choisissez {count} fichiers au plus par envoi : déposez les autres dans un second envoi.",
  "knowledge.upload.tooLargeBatch":
    "Ces fichiers font {size} en tout : {limit} au plus par envoi. Déposez-les en plusieurs fois.",
  "knowledge.upload.done": {
    one: "{count} fichier reçu : il est en cours de traitement.",
    other: "{count} fichiers reçus : ils sont en cours de traitement.",
  },
  "knowledge.upload.unchanged":
    "« {name} » est identique à la version déjà intégrée : rien à faire.",
  "knowledge.upload.refused": "Fichiers refusés :",
  "knowledge.upload.refusedOne": "« {name} » : {reason}",
  "knowledge.upload.tooLargeLocal": "fichier trop volumineux ({size}, limite : {limit}).",

  "knowledge.search.title": "Rechercher dans la base",
  "knowledge.search.query": "Mots ou question",
  "knowledge.search.hint":
    "Majuscules et accents ignorés ; « renouvellement » trouve aussi « renouveler ».",
  "knowledge.search.submit": "Rechercher",
  "knowledge.search.empty": "Saisissez un ou plusieurs mots à chercher.",
  "knowledge.search.searching": "Recherche…",
  "knowledge.search.results": {
    one: "{count} passage trouvé pour « {query} »",
    other: "{count} passages trouvés pour « {query} »",
  },
  "knowledge.search.none":
    "Aucun passage ne correspond à « {query} ». Essayez d'autres mots, ou vérifiez que les documents attendus sont « Prêt ».",
  "knowledge.search.where": "{file} · {place}",

  "knowledge.quality.title": "Qualité de la base",
  "knowledge.quality.intro":
    "Une réponse ne vaut que ce que vaut la base : l'audit signale ce qui risque d'égarer une réponse.",
  "knowledge.quality.summary": "{total} : {ready}, {failed}, {quarantined} ; {words}.",
  "knowledge.quality.ready": { one: "{count} prêt", other: "{count} prêts" },
  "knowledge.quality.failed": "{count} en échec",
  "knowledge.quality.quarantined": "{count} en quarantaine",
  "knowledge.quality.generated": "Audit du {date}.",
  "knowledge.quality.none": "Aucun constat : la base est en bon état.",
  "knowledge.quality.severity.info": "Information",
  "knowledge.quality.severity.warning": "À vérifier",
  "knowledge.quality.severity.error": "À corriger",
  "knowledge.quality.documents": "Documents concernés : {names}",
  "knowledge.quality.unchecked":
    "La recherche de données personnelles n'est pas installée : l'audit ne les a pas cherchées.",
  "knowledge.quality.refresh": "Relancer l'audit",
  "knowledge.quality.forbidden":
    "L'audit est réservé aux gestionnaires de la base et aux auditeurs.",

  "knowledge.quarantine.title": "Documents en quarantaine",
  "knowledge.quarantine.intro":
    "Ces documents contiennent des données personnelles : ils ne sont ni cherchés ni cités tant que vous n'avez pas décidé. Les extraits masquent chaque valeur par son type.",
  "knowledge.quarantine.empty": "Aucun document en quarantaine.",
  "knowledge.quarantine.found": "Trouvé : {types}",
  "knowledge.quarantine.passage": "Passage {ordinal}",
  "knowledge.quarantine.passageAt": "Passage {ordinal} · {place}",
  "knowledge.quarantine.pseudonymise": "Intégrer en pseudonymisant",
  "knowledge.quarantine.index": "Intégrer tel quel",
  "knowledge.quarantine.discard": "Supprimer le document",
  "knowledge.quarantine.released": "« {name} » est libéré : il va être intégré ({as}).",
  "knowledge.quarantine.discarded": "« {name} » a été supprimé.",

  "knowledge.access.title": "Accès à la base",
  "knowledge.access.intro":
    "Les agents de la direction propriétaire ({path}) et de ses sous-directions lisent toujours la base ; ses référents et les administrateurs la gèrent.",
  "knowledge.access.save": "Enregistrer l'accès",
  "knowledge.access.saved": "Accès enregistré.",
  "knowledge.access.settingWarning": "Changer ce réglage réintègre tous les documents de la base.",
} as const;
