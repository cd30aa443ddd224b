/** Texts shared by the whole page: frame, sign-in, charter acceptance, states and errors. */
export const common = {
  "app.name": "Beffroi",
  "app.tagline": "L'IA générative de la collectivité, maîtrisée",

  "nav.skip": "Aller au contenu",
  "nav.label": "Navigation principale",
  "nav.conversations": "Conversations",
  "nav.usecases": "Cas d'usage",
  "nav.arena": "Comparaisons",
  "nav.experience": "Retours d'expérience",
  "nav.knowledge": "Bases de connaissances",
  "nav.administration": "Administration",
  "nav.observatory": "Observatoire",
  "nav.myUsage": "Mon usage",
  "theme.label": "Thème",
  "theme.system": "Système",
  "theme.light": "Clair",
  "theme.dark": "Sombre",
  "shortcuts.open": "Raccourcis clavier",
  "shortcuts.title": "Raccourcis clavier",
  "shortcuts.column.keys": "Touches",
  "shortcuts.column.action": "Action",
  "shortcuts.keys.help": "Ctrl + /",
  "shortcuts.keys.new": "Alt + Maj + N",
  "shortcuts.keys.message": "Alt + Maj + R",
  "shortcuts.keys.stop": "Alt + Maj + S",
  "shortcuts.keys.previous": "Alt + Maj + Flèche haut",
  "shortcuts.keys.next": "Alt + Maj + Flèche bas",
  "shortcuts.keys.send": "Entrée",
  "shortcuts.keys.newLine": "Maj + Entrée",
  "shortcuts.keys.close": "Échap",
  "shortcuts.help": "Afficher ou fermer cette liste",
  "shortcuts.new": "Nouvelle conversation",
  "shortcuts.message": "Aller à la zone « Votre message »",
  "shortcuts.stop": "Arrêter la réponse en cours",
  "shortcuts.previous": "Conversation précédente de la liste",
  "shortcuts.next": "Conversation suivante de la liste",
  "shortcuts.send": "Envoyer le message (dans la zone de message)",
  "shortcuts.newLine": "Aller à la ligne (dans la zone de message)",
  "shortcuts.close": "Fermer une fenêtre ou annuler un renommage",
  "shortcuts.mac": "Sur Mac : Cmd au lieu de Ctrl, Option au lieu de Alt.",
  "footer.charter": "Charte d'usage (version {version})",
  "footer.responsibility":
    "Vous restez responsable de chaque texte produit avec l'IA : relisez-le avant tout usage.",

  "state.loading": "Chargement…",
  "state.saving": "Enregistrement…",
  "state.working": "Veuillez patienter…",

  "action.retry": "Réessayer",
  "action.cancel": "Annuler",
  "action.save": "Enregistrer",
  "action.delete": "Supprimer",
  "action.close": "Fermer",
  "action.edit": "Modifier",

  "error.network":
    "Le serveur Beffroi ne répond pas. Vérifiez votre connexion au réseau de la collectivité, puis réessayez.",
  "error.unexpected":
    "Une erreur inattendue s'est produite. Réessayez ; si elle se répète, prévenez le service informatique.",
  "error.status":
    "Le serveur a répondu par une erreur ({status}). Réessayez ; si elle se répète, prévenez le service informatique.",

  "list.separator": ", ",
  "passage.page": "page {page}",
  "passage.separator": " · ",

  "pii.count": "{count} × {type}",
  "pii.NIR": "numéro de sécurité sociale",
  "pii.NIR_INVALID": "numéro ressemblant à un numéro de sécurité sociale",
  "pii.IBAN": "IBAN",
  "pii.CARD": "numéro de carte bancaire",
  "pii.EMAIL": "adresse électronique",
  "pii.PHONE": "numéro de téléphone",
  "pii.IP": "adresse IP",
  "pii.PERSON": "nom de personne",
  "pii.ADDRESS": "adresse postale",
  "pii.BIRTHDATE": "date de naissance",
  "pii.FISCAL_ID": "numéro fiscal",
  "pii.ID_DOC": "numéro de pièce d'identité",
  "pii.PLATE": "plaque d'immatriculation",
  "pii.SENSITIVE":
    "donnée sensible (santé, religion, opinions, syndicat, vie sexuelle, origine, infractions)",

  "sovereignty.local": "Hébergé par la collectivité",
  "sovereignty.sovereign": "Hébergeur souverain",
  "sovereignty.extraterritorial": "Soumis à un droit extraterritorial",

  "auth.title": "Connexion",
  "auth.intro": "Connectez-vous avec votre compte de la collectivité.",
  "auth.expired":
    "Votre session a expiré. Reconnectez-vous pour continuer ; rien de ce qui était enregistré n'est perdu.",
  "auth.oidc": "Se connecter avec {label}",
  "auth.or": "ou",
  "auth.email": "Adresse électronique",
  "auth.password": "Mot de passe",
  "auth.signIn": "Se connecter",
  "auth.signingIn": "Connexion…",
  "auth.signOut": "Se déconnecter",
  "auth.oidcError.other":
    "La connexion par le fournisseur d'identité n'a pas abouti. Réessayez, ou connectez-vous avec votre mot de passe.",
  "auth.oidcError.oidc_unavailable":
    "Le service de connexion est momentanément injoignable. Réessayez dans quelques instants, ou connectez-vous avec votre mot de passe.",
  "auth.oidcError.oidc_state_invalid":
    "Cette tentative de connexion a expiré ou a déjà été utilisée. Recommencez la connexion.",
  "auth.oidcError.oidc_account_refused":
    "Votre compte ne peut pas se connecter à Beffroi par ce moyen. Contactez votre administrateur.",

  "bootstrap.summary": "Premier démarrage : créer le premier administrateur",
  "bootstrap.hint":
    "Saisissez le jeton d'initialisation affiché par le serveur à son démarrage (valable une seule fois, 24 heures).",
  "bootstrap.token": "Jeton d'initialisation",
  "bootstrap.email": "Adresse électronique de l'administrateur",
  "bootstrap.displayName": "Nom affiché",
  "bootstrap.password": "Mot de passe (8 caractères au moins)",
  "bootstrap.submit": "Créer l'administrateur",
  "bootstrap.done": "Administrateur créé. Connectez-vous avec son adresse et son mot de passe.",
  "bootstrap.signingIn": "Administrateur créé, connexion…",

  "charter.acceptIntro":
    "Avant d'utiliser Beffroi, lisez la charte d'usage de votre collectivité et acceptez-la. Elle vous sera présentée de nouveau à chaque nouvelle version.",
  "charter.version": "Version {version} du {date}",
  "charter.principles": "Principes",
  "charter.disclosure": "Information affichée dans chaque conversation",
  "charter.accept": "J'ai lu la charte et je l'accepte (version {version})",
  "charter.acceptedAt": "Vous avez accepté cette version le {date}.",
  "charter.changes.title": "Ce qui a changé depuis la version {version}",
  "charter.changes.intro":
    "Vous avez accepté la version {version} le {date}. Voici ce que la nouvelle version change.",
  "charter.changes.added": "Règles nouvelles ou modifiées",
  "charter.changes.removed": "Règles qui ne s'appliquent plus",
  "charter.changes.principles": "Les principes ont été réécrits : relisez-les ci-dessous.",
  "charter.changes.disclosure": "L'information affichée dans chaque conversation a changé.",
  "charter.changes.none":
    "Les règles appliquées restent les mêmes ; seule la présentation de la charte a changé.",

  "forbidden.title": "Accès refusé",
  "forbidden.body":
    "Votre rôle ne permet pas d'ouvrir cette page. Si vous en avez besoin pour votre travail, demandez ce droit à l'administrateur de Beffroi.",
  "forbidden.back": "Retour aux conversations",
  "notFound.title": "Page introuvable",
  "notFound.body": "Cette adresse ne correspond à aucune page de Beffroi.",
} as const;
