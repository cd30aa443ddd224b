/**
 * Texts of the document watch's administration page (« Veille documentaire »).
 * Loaded with the administration's chunk (`pages/admin/watch.tsx`), not with
 * the first page; only the section's title and summary are in `admin.ts`.
 */
export const watch = {
  "watch.intro":
    "Beffroi lit lui-même, à intervalles réguliers, les flux RSS/Atom et les pages web déclarés ici, et garde leurs nouveautés. Cette lecture ne fait appel à aucune IA.",
  "watch.usage":
    "Les agents obtiennent une synthèse des nouveautés sur leurs thèmes avec le cas d'usage « Veille documentaire ».",
  "watch.privateHosts":
    "Seules les adresses publiques sont lues : une adresse du réseau interne est refusée, sauf si la DSI autorise son hôte dans le réglage watch.privateHosts.",

  "watch.caption": { one: "{count} source suivie", other: "{count} sources suivies" },
  "watch.empty": "Aucune source n'est suivie pour le moment.",
  "watch.emptyHint": "Ajoutez un flux ou une page avec le formulaire ci-dessous.",
  "watch.name": "Nom",
  "watch.kind": "Type",
  "watch.url": "Adresse",
  "watch.direction": "Direction",
  "watch.interval": "Fréquence de lecture",
  "watch.state": "État",
  "watch.checkedAt": "Dernière lecture",
  "watch.items": "Éléments",
  "watch.never": "Jamais",
  "watch.everyone": "Toute la collectivité",

  "watch.kind.feed": "Flux RSS/Atom",
  "watch.kind.page": "Page web",
  "watch.kind.feed.hint": "Chaque article publié dans le flux devient un élément.",
  "watch.kind.page.hint": "Les paragraphes nouveaux de la page deviennent un élément.",

  "watch.every.minutes": "toutes les {count} min",
  "watch.every.hours": { one: "toutes les heures", other: "toutes les {count} h" },
  "watch.every.days": { one: "une fois par jour", other: "tous les {count} jours" },
  "watch.every.weeks": { one: "une fois par semaine", other: "toutes les {count} semaines" },
  "watch.interval.15": "Toutes les 15 minutes",
  "watch.interval.60": "Toutes les heures",
  "watch.interval.360": "Toutes les 6 heures",
  "watch.interval.1440": "Une fois par jour",
  "watch.interval.10080": "Une fois par semaine",

  "watch.status.pending": "pas encore lue",
  "watch.status.ok": "lue",
  "watch.status.not_modified": "inchangée depuis la dernière lecture",
  "watch.status.url_invalid": "adresse invalide",
  "watch.status.address_refused": "adresse du réseau interne refusée",
  "watch.status.network": "serveur injoignable",
  "watch.status.timeout": "délai de lecture dépassé",
  "watch.status.http_status": "le serveur a répondu par une erreur",
  "watch.status.http_statusDetail": "le serveur a répondu par une erreur (HTTP {status})",
  "watch.status.too_large": "contenu trop volumineux",
  "watch.status.too_many_redirects": "trop de redirections",
  "watch.status.not_a_feed": "ce n'est pas un flux RSS ou Atom",
  "watch.status.unreadable": "contenu illisible",
  "watch.failures": { one: "{count} échec de suite", other: "{count} échecs de suite" },
  "watch.suspended": "suspendue",

  "watch.check": "Lire maintenant",
  "watch.checking": "Lecture…",
  "watch.checkFor": "Lire maintenant {name}",
  "watch.checked": {
    one: "« {name} » lue : {count} nouvel élément.",
    other: "« {name} » lue : {count} nouveaux éléments.",
  },
  "watch.checkedNone": "« {name} » lue : aucun nouvel élément.",
  "watch.checkedUnchanged": "« {name} » : inchangée depuis la dernière lecture.",
  "watch.checkFailed": "« {name} » n'a pas pu être lue : {reason}.",
  "watch.suspend": "Suspendre",
  "watch.suspendFor": "Suspendre {name}",
  "watch.resume": "Reprendre",
  "watch.resumeFor": "Reprendre {name}",
  "watch.suspendedNotice": "« {name} » suspendue : elle ne sera plus lue jusqu'à sa reprise.",
  "watch.resumedNotice": "« {name} » reprise : elle sera lue à sa prochaine échéance.",
  "watch.deleteFor": "Supprimer {name}",
  "watch.deleteTitle": "Supprimer « {name} » ?",
  "watch.deleteBody":
    "La source ne sera plus lue et tous les éléments déjà trouvés dans cette source seront supprimés aussi.",
  "watch.deleted": "« {name} » supprimée, avec ses éléments.",

  "watch.newTitle": "Ajouter une source",
  "watch.nameHint": "Tel que les agents le liront dans les synthèses : « Légifrance — JORF ».",
  "watch.urlHint": "L'adresse complète, qui commence par https:// (ou http://).",
  "watch.kindLegend": "Type de source",
  "watch.intervalHint":
    "Quand une source échoue, ses lectures suivantes s'espacent, jusqu'à une par jour.",
  "watch.directionHint": "Qui gère cette source : les référents de cette direction la modifient.",
  "watch.directionReferentHint": "Votre direction, ou un service qui en dépend.",
  "watch.nameRequired": "Saisissez le nom de la source.",
  "watch.urlRequired": "Saisissez l'adresse du flux ou de la page.",
  "watch.create": "Ajouter la source",
  "watch.created":
    "« {name} » ajoutée : elle sera lue à la prochaine tournée de la veille, ou dès maintenant avec « Lire maintenant ».",

  "watch.latestTitle": "Derniers éléments",
  "watch.latestHint": "Les 20 éléments les plus récents, toutes sources confondues.",
  "watch.latestEmpty": "Aucun élément trouvé ces sept derniers jours.",
  "watch.latestOrigin": "{source}, {date}",
} as const;
