/** Texts of the page's chat area. */
export const chat = {
  "chat.title": "Conversations",
  "chat.new": "Nouvelle conversation",
  "chat.prompts": "Bibliothèque de prompts",
  "chat.list.label": "Vos conversations",
  "chat.list.empty": "Aucune conversation pour l'instant.",
  "chat.list.rename": "Renommer",
  "chat.list.renameFor": "Renommer « {title} »",
  "chat.list.renameLabel": "Nouveau titre de « {title} »",
  "chat.list.deleteFor": "Supprimer « {title} »",
  "chat.list.deleteConfirm":
    "Supprimer « {title} » et tous ses messages ? Cette action est définitive.",
  "chat.list.deleteTitle": "Supprimer la conversation",
  "chat.list.deleteYes": "Supprimer définitivement",
  "chat.list.titleRequired": "Indiquez un titre pour la conversation.",
  "chat.list.export": "Exporter",
  "chat.list.exportFor": "Exporter « {title} » (fichier Markdown)",
  "chat.list.deleted": "Conversation « {title} » supprimée.",
  "chat.list.pin": "Épingler",
  "chat.list.pinFor": "Épingler « {title} » en tête de liste",
  "chat.list.unpin": "Désépingler",
  "chat.list.unpinFor": "Désépingler « {title} »",
  "chat.list.pinnedTag": "Épinglée",
  "chat.list.archive": "Archiver",
  "chat.list.archiveFor": "Archiver « {title} »",
  "chat.list.restore": "Restaurer",
  "chat.list.restoreFor": "Restaurer « {title} » dans vos conversations",
  "chat.list.archived":
    "Conversation « {title} » archivée : elle est dans les archives, d'où vous pouvez la restaurer.",
  "chat.list.restored": "Conversation « {title} » restaurée dans vos conversations.",
  "chat.list.archivesLabel": "Conversations archivées",
  "chat.list.archivesEmpty": "Aucune conversation archivée.",
  "chat.list.showArchives": "Voir les archives",
  "chat.list.backToList": "Revenir à vos conversations",
  "chat.search.label": "Rechercher dans vos conversations",
  "chat.search.hint": "Titres et messages, sans tenir compte des accents ni des majuscules.",
  "chat.search.searching": "Recherche…",
  "chat.search.resultsLabel": "Résultats de la recherche",
  "chat.search.found": {
    one: "{count} conversation trouvée pour « {query} ».",
    other: "{count} conversations trouvées pour « {query} ».",
  },
  "chat.search.more": {
    one: "La conversation la plus récente pour « {query} » ; d'autres en contiennent aussi : précisez la recherche.",
    other:
      "Les {count} conversations les plus récentes pour « {query} » ; d'autres en contiennent aussi : précisez la recherche.",
  },
  "chat.search.none": "Aucune conversation ne contient « {query} ».",
  "chat.search.archived": "Archivée",

  "chat.welcome.title": "Bienvenue dans Beffroi",
  "chat.welcome.intro":
    "Posez une question sur les démarches et les documents de la collectivité, ou faites-vous aider pour rédiger, reformuler ou résumer.",
  "chat.welcome.data":
    "Ce que Beffroi fait de vos messages : ils restent dans cette conversation, que vous seul voyez, et que vous pouvez exporter ou supprimer. Avant tout envoi à un modèle d'IA, les données personnelles sont détectées ; selon la charte, elles sont remplacées par des pseudonymes, ou la demande ne part que vers un modèle hébergé par la collectivité. Le journal des usages ne garde jamais le texte de vos échanges.",
  "chat.welcome.sources":
    "Les réponses citent les documents sur lesquels elles s'appuient ; sans modèle disponible, Beffroi vous donne les passages des documents eux-mêmes.",
  "chat.start.lead": "Choisissez un assistant, puis écrivez votre premier message.",

  "chat.picker.legend": "Assistant",
  "chat.picker.models": "Modèles utilisés, par ordre de préférence :",
  "chat.picker.noModel":
    "Aucun modèle de langue configuré : les réponses citent les passages des documents, sans modèle.",
  "chat.picker.lastResort": "À défaut de modèle disponible : les passages cités des documents.",
  "chat.picker.validation": "Ses réponses sont des brouillons à valider.",
  "chat.picker.loading": "Chargement des assistants…",

  "chat.composer.label": "Votre message",
  "chat.composer.hint":
    "Entrée envoie le message ; Maj + Entrée va à la ligne. Évitez les données personnelles inutiles.",
  "chat.composer.send": "Envoyer",
  "chat.composer.stop": "Arrêter",
  "chat.composer.empty": "Écrivez votre message avant de l'envoyer.",
  "chat.composer.creating": "Ouverture de la conversation…",

  "chat.attach.button": "Joindre des documents",
  "chat.attach.hint":
    "PDF, DOCX, ODT, HTML, Markdown ou texte, {count} fichiers de {size} au plus : sources de la réponse, vérifiés comme votre message, jamais ajoutés à une base.",
  "chat.attach.limitsUnknown": "taille limitée",
  "chat.attach.list": "Documents joints au message",
  "chat.attach.size": "({size})",
  "chat.attach.remove": "Retirer",
  "chat.attach.removeFor": "Retirer « {name} »",
  "chat.attach.refused": "refusé",
  "chat.attach.added": {
    one: "Document joint : {names}.",
    other: "{count} documents joints : {names}.",
  },
  "chat.attach.removed": "« {name} » retiré du message.",
  "chat.attach.tooLarge":
    "« {name} » ne peut pas être joint : fichier trop volumineux ({size}, limite {limit}).",
  "chat.attach.tooMany": "« {name} » n'a pas été joint : {count} documents au plus par message.",
  "chat.attach.fixFirst": "Retirez les documents refusés avant d'envoyer votre message.",
  "chat.attach.failed":
    "Le message n'est pas parti : un document joint a été refusé. Retirez-le, puis renvoyez le message.",
  "chat.attach.drop": "Déposez les fichiers pour les joindre au message.",
  "chat.attach.sent": "Documents joints",
  "chat.attach.cut":
    "Documents joints trop longs pour le modèle : il en a lu {shown} passages sur {total}, les plus pertinents pour votre question.",

  "chat.you": "Vous",
  "chat.assistant": "Assistant (IA)",
  "chat.streaming": "Réponse en cours…",
  "chat.answered": "Réponse de l'assistant : {text}",
  "chat.stopped":
    "Réponse arrêtée : rien n'a été enregistré. Votre message est revenu dans la zone de saisie.",
  "chat.sendFailed":
    "Votre message est revenu dans la zone de saisie : renvoyez-le quand vous voulez.",
  "chat.stoppedVersion":
    "Réponse arrêtée : rien n'a été enregistré, la conversation est inchangée.",
  "chat.regenerateFailed":
    "La nouvelle réponse n'a pas abouti : rien n'a été enregistré, la réponse affichée reste.",

  "chat.actions.label": "Actions sur la réponse",
  "chat.actions.copy": "Copier",
  "chat.actions.copyMarkdown": "Copier en Markdown",
  "chat.actions.copied": "Réponse copiée.",
  "chat.actions.copiedMarkdown": "Réponse copiée en Markdown.",
  "chat.actions.copyRefused":
    "Le navigateur n'a pas permis la copie : sélectionnez le texte de la réponse, puis copiez-le (Ctrl + C).",
  "chat.actions.regenerate": "Régénérer",
  "chat.actions.regenerateModel": "Modèle pour régénérer",
  "chat.actions.regenerateHint":
    "La question repart vers un modèle ; les deux réponses restent consultables (« Version précédente »).",

  "chat.model.label": "Modèle pour ce message",
  "chat.model.automatic": "Automatique (selon la charte et l'assistant)",
  "chat.model.option": "{name} ({provider}) — {hosting}",
  "chat.model.pseudonymised": "{name} ({provider}) — {hosting}, données pseudonymisées",
  "chat.model.dropped":
    "« {name} » n'est pas autorisé par la charte pour les données de ce message : le modèle sera choisi automatiquement.",

  "chat.versions.answer": "Versions de la réponse",
  "chat.versions.question": "Versions de votre message",
  "chat.versions.position": "Version {number} sur {count}",
  "chat.versions.previous": "Version précédente",
  "chat.versions.next": "Version suivante",
  "chat.versions.shown":
    "Version {number} sur {count} affichée : la conversation continue à partir d'elle.",

  "chat.edit.button": "Modifier",
  "chat.edit.label": "Modifier votre message",
  "chat.edit.hint":
    "Entrée renvoie le message modifié, Échap annule. La conversation repart de ce message ; la version précédente et ce qui la suivait restent consultables.",
  "chat.edit.send": "Envoyer",
  "chat.edit.cancel": "Annuler",
  "chat.edit.empty": "Écrivez votre message avant de le renvoyer.",
  "chat.edit.stopped":
    "Réponse arrêtée : rien n'a été enregistré. Votre message modifié est revenu dans la zone de modification.",

  "chat.assistantSwitch.label": "Assistant de la conversation",
  "chat.assistantSwitch.hint":
    "Le nouvel assistant répond à vos prochains messages, avec la conversation jusque-là.",
  "chat.assistantSwitch.submit": "Changer d'assistant",
  "chat.assistantSwitch.done": "Assistant changé : {name}. Il répondra à vos prochains messages.",
  "chat.conversation.empty":
    "Aucun message pour l'instant : écrivez ci-dessous votre question ou votre demande.",
  "chat.conversation.loading": "Chargement de la conversation…",
  "chat.reloadFailed":
    "La conversation affichée n'est peut-être pas à jour : rechargez-la pour voir la dernière réponse enregistrée.",

  "chat.refused.quota": "Quota atteint",
  "chat.refused.search": "Chercher directement dans les bases de connaissances",
  "chat.refused.guard": "Message non envoyé : données à protéger",
  "chat.refused.charter": "Demande refusée par la charte",
  "chat.refused.other": "La demande n'a pas abouti",
  "chat.refused.details": "Détail des règles appliquées",
  "chat.refused.highlighted":
    "Les passages en cause sont surlignés dans votre message ci-dessus. Votre message est revenu dans la zone de saisie : modifiez-le puis renvoyez-le.",

  "chat.answer.fallback":
    "Le modèle n'a pas pu répondre : voici les passages des documents qui répondent à la question.",
  "chat.answer.passagesFirst":
    "Les documents répondent déjà à la question : voici leurs passages, sans modèle, par sobriété.",
  "chat.answer.generate": "Générer une réponse",
  "chat.answer.ungrounded":
    "Aucun passage des bases ne correspond : réponse du modèle sans source, à vérifier.",
  "chat.answer.degraded":
    "Quota atteint : la charte ne permet plus que les passages cités des documents, sans modèle, jusqu'au mois prochain.",
  "chat.answer.abstained":
    "Aucun passage des documents ne répond assez bien à la question : reformulez-la, ou vérifiez que le bon document est dans une base.",
  "chat.answer.sources": "Sources",
  "chat.answer.citation": "[{number}] {title}",
  "chat.answer.openCitation": "Voir le passage {number} : {title}",
  "chat.answer.model": "Rédigé par {model} ({provider})",
  "chat.answer.extractive": "Passages cités des documents, sans modèle de langue.",
  "chat.answer.guardPseudonymised": {
    one: "{count} donnée personnelle pseudonymisée avant envoi au modèle, restaurée dans la réponse.",
    other:
      "{count} données personnelles pseudonymisées avant envoi au modèle, restaurées dans la réponse.",
  },
  "chat.answer.guardDetected":
    "Données personnelles détectées dans votre message ({found}) : envoyées seulement à un modèle que la charte autorise pour elles.",
  "chat.answer.guardKept":
    "Données personnelles détectées dans votre message ({found}) : aucune n'a quitté la collectivité.",
  "chat.answer.guardClean": "Aucune donnée personnelle détectée dans votre message.",
  "chat.answer.guardPassages":
    "Les passages retrouvés dans les documents en contiennent ({found}) : ils suivent les mêmes règles.",
  "chat.answer.draft": "Brouillon assisté par IA — à vérifier",
  "chat.answer.validate": "Valider",
  "chat.answer.validateHint": "Valider indique que vous avez relu et vérifié cette réponse.",
  "chat.answer.validated": "Validé par {name} le {date}",
  "chat.answer.someone": "un agent",
  "chat.answer.impact":
    "Impact estimé : {energy} Wh, {gwp} g CO2e — l'équivalent d'une ampoule LED de 5 W allumée {led}.",
  "chat.answer.impactExtractive":
    "Impact négligeable : une recherche dans les documents, sans modèle de langue.",
  "chat.answer.impactUnknown":
    "Impact non estimé : le fournisseur du modèle ne déclare pas ce qu'il faut pour le calculer.",
  "chat.answer.range": "{min} à {max}",
  "chat.answer.minutes": { one: "{count} minute", other: "{count} minutes" },
  "chat.answer.seconds": { one: "{count} seconde", other: "{count} secondes" },
  "chat.answer.details": "Ce que Beffroi a fait pour cette réponse",
  "chat.notices.label": "Détails de la réponse :",
  "chat.notices.extractive": "Sans modèle de langue",
  "chat.notices.pseudonymised": {
    one: "{count} donnée personnelle pseudonymisée",
    other: "{count} données personnelles pseudonymisées",
  },
  "chat.notices.clean": "Aucune donnée personnelle détectée",
  "chat.notices.kept": "Données personnelles restées dans la collectivité",
  "chat.notices.detected": "Données personnelles envoyées selon la charte",
  "chat.notices.fresh": "Données personnelles nouvelles dans la réponse : à vérifier",
  "chat.notices.impact": "{energy} Wh",
  "chat.notices.impactExtractive": "Impact négligeable",
  "chat.notices.impactUnknown": "Impact non estimé",

  "chat.feedback.label": "Votre avis sur cette réponse",
  "chat.feedback.up": "Utile",
  "chat.feedback.down": "Pas utile",
  "chat.feedback.minutes": "Minutes gagnées grâce à cette réponse (facultatif)",
  "chat.feedback.minutesHint": "De 0 à 480 minutes, à votre estimation.",
  "chat.feedback.minutesInvalid": "Indiquez un nombre entier de minutes entre 0 et 480.",
  "chat.feedback.saved": "Merci, votre avis est enregistré.",
  "chat.feedback.savedMinutes": {
    one: "Merci, votre avis est enregistré ({count} minute gagnée).",
    other: "Merci, votre avis est enregistré ({count} minutes gagnées).",
  },

  "chat.passage.in": "Dans « {title} »",
  "chat.passage.base": "Base : {name}",
  "chat.passage.attachment": "Document joint à la conversation",
  "chat.passage.file": "Fichier : {name}",
  "chat.passage.loading": "Chargement du passage…",
  "chat.passage.cited": "Passage cité : ",
  "chat.passage.document": "Le document « {title} », passage par passage",
  "chat.preview.found": {
    one: "Une donnée personnelle repérée dans votre message.",
    other: "{count} données personnelles repérées dans votre message.",
  },
  "chat.preview.refused": "Il ne pourra pas être envoyé : {reason}",
  "chat.preview.possible": "(possible)",
  "chat.preview.remove": "Retirer",
  "chat.preview.removeLabel": "Retirer « {value} » ({type}) du message",
  "markdown.image": "[image non affichée : {description}, {address}]",
  "markdown.marker": "Voir le passage cité {number}",
  "markdown.copy": "Copier le code",
  "markdown.copied": "Code copié",
} as const;
