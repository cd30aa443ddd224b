/**
 * Realistic form values for every shipped use case, with what the local test
 * upstream answers and what each run must show: a distinctive piece of the
 * instructions (system message) and of the built prompt (user message).
 * `document` fields name a file the test uploads (its text fills the field).
 */
import { buildDocx } from "../fixtures/documents/builders.js";
import { rss } from "../support/feed-server.js";

/** A Word file of paragraphs, as a transcript or notes exported from an office suite. */
const docx = (paragraphs: string[]) =>
  buildDocx(paragraphs.map((text) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`).join(""));

export interface UseCaseFixture {
  values: Record<string, unknown>;
  /** Document fields: the file uploaded through `/api/usecase-documents/text`, by field id. */
  documents?: Record<string, { name: string; content: string | Uint8Array }>;
  /** A piece of the instructions, found in the system message. */
  system: RegExp;
  /** A piece of the prompt built from the values, found in the user message. */
  prompt: RegExp;
  /** A piece of the baseline's result, with no model. */
  baseline: RegExp;
  /** The scripted answer; every check passes on it. */
  answer: string;
}

const SOURCES = "\n\n# Sources\n\n- Fiche d'accueil de la mairie (base « Guide des services »)\n";

export const REFERENCE_BASE = {
  "services.md": `# Guide des services

## Carte nationale d'identité

La demande de carte nationale d'identité se fait sur rendez-vous en mairie, au service état civil, du lundi au vendredi de 9 h à 12 h. Pièces à fournir : photo d'identité récente, justificatif de domicile de moins de trois mois.

## Allocation personnalisée d'autonomie

L'allocation personnalisée d'autonomie (APA) aide les personnes âgées de 60 ans et plus en perte d'autonomie, à domicile ou en établissement. Le dossier de demande d'APA est à retirer auprès du centre communal d'action sociale ou du département.

## Certificats d'économies d'énergie

Les certificats d'économies d'énergie (CEE) financent une prime pour les travaux d'isolation ou de chauffage. La prime CEE doit être demandée avant de signer le devis des travaux.

## Congés annuels des agents

Les congés annuels des agents territoriaux sont de cinq fois leurs obligations hebdomadaires de service. Le report des congés annuels est accordé par l'autorité territoriale.

## Occupation du domaine public

Le règlement de voirie fixe le délai de dépôt d'une demande de permission de voirie à quinze jours avant le début de l'occupation. Un cheminement piéton de 1,40 m reste libre.
`,
};

export const FIXTURES: Record<string, UseCaseFixture> = {
  deliberation: {
    values: {
      collectivite: "Commune de Saint-Amand",
      organe: "Conseil municipal",
      date_seance: "2025-03-14",
      objet: "Attribution d'une subvention au club de football",
      rapporteur: "M. le premier adjoint chargé des finances",
      visas: ["le code général des collectivités territoriales, notamment son article L. 2121-29"],
      considerants: ["que le club participe à l'animation de la commune"],
      decisions: ["Une subvention de 1 500 € est attribuée au club."],
    },
    system: /assistant de rédaction juridique/,
    prompt: /Objet : Attribution d'une subvention au club de football/,
    baseline: /Article 1 : Une subvention de 1 500 € est attribuée au club\./,
    // Markdown, as models write it: « Vu » and « Considérant » in bold still pass the checks.
    answer: `Commune de Saint-Amand — Conseil municipal
Séance du 14 mars 2025

**Vu** le code général des collectivités territoriales, notamment son article L. 2121-29 du CGCT ;

**Considérant** que le club participe à l'animation de la commune ;

**DÉCIDE :**

Article 1 : Une subvention de 1 500 € est attribuée au club.
`,
  },
  "marche-public": {
    values: {
      acheteur: "Commune de Saint-Amand",
      objet: "Entretien des espaces verts communaux",
      nature: "Services",
      procedure: "Procédure adaptée (MAPA)",
      besoin: "Tonte, taille des haies et ramassage des feuilles sur 12 hectares de parcs.",
      montant: "80 000 € HT par an",
      criteres: ["Prix", "Valeur technique"],
      chapitres_cctp: ["Tonte", "Taille des haies"],
    },
    system: /acheteur public/,
    prompt: /Objet : Entretien des espaces verts communaux/,
    baseline: /Article 2\.2 : Taille des haies/,
    answer: `# Définition du besoin

Tonte et taille des haies sur 12 hectares de parcs.

# Critères d'attribution

1. Prix : 40 %
2. Valeur technique : 60 %

# Plan du CCTP

Article 1 : Objet du marché
`,
  },
  "compte-rendu": {
    values: {
      date_reunion: "2025-03-10",
      instance: "Comité de pilotage de la médiathèque",
      participants: ["Mme Durand, directrice de la culture", "M. Petit, architecte"],
    },
    documents: {
      transcription: {
        name: "copil.docx",
        content: docx([
          "Le comité décide de retenir le projet d'extension.",
          "M. Petit doit envoyer les plans avant le 31 mars.",
          "La question du parking reste ouverte.",
        ]),
      },
    },
    system: /assistant de secrétariat/,
    // The Word file's text, read by the server, is in the prompt.
    prompt:
      /Instance : Comité de pilotage de la médiathèque.*Transcription :\n.*M\. Petit doit envoyer les plans/s,
    baseline: /extension/,
    answer: `# Participants

- Mme Durand, M. Petit

Réunion du 10 mars 2025.

# Décisions

1. Le projet d'extension est retenu.

# Actions

| Qui | Quoi | Quand |
| --- | --- | --- |
| M. Petit | Envoyer les plans | 31 mars 2025 |

# Questions ouvertes

- Le parking.
`,
  },
  "langage-clair": {
    values: {
      texte:
        "Nonobstant les dispositions susvisées, le demandeur est invité à produire les pièces afférentes à sa demande dans un délai de quinze jours à compter de la réception du présent courrier, faute de quoi sa demande sera considérée comme incomplète et ne pourra être instruite par les services compétents.",
      public: "Grand public",
    },
    system: /écrire en langage clair/,
    prompt: /Public visé : Grand public/,
    baseline: /susvisé/,
    answer: `# Proposition de réécriture

Envoyez-nous les documents demandés dans les quinze jours. Sans eux, nous ne pourrons pas étudier votre demande.

# Ce qui a changé

- Des phrases courtes.
- Le jargon est remplacé par des mots simples.
`,
  },
  "note-de-synthese": {
    values: {
      objet: "Le projet de médiathèque",
      destinataire: "Le directeur général des services",
    },
    documents: {
      document_1: {
        name: "rapport.txt",
        content:
          "Le projet de médiathèque prévoit 1 200 mètres carrés. Le coût est estimé à 4 millions d'euros. Les travaux commenceraient en 2026. La région finance un quart du coût.",
      },
    },
    system: /assistant de rédaction/,
    prompt: /Objet : Le projet de médiathèque/,
    baseline: /médiathèque/,
    answer: `# Objet

Le projet de médiathèque.

# Points essentiels

- 1 200 mètres carrés, 4 millions d'euros.

# Enjeux pour la collectivité

- Le financement.

# Suites proposées

- Saisir la région.
`,
  },
  accueil: {
    values: {
      question: "Quelles pièces fournir pour une carte nationale d'identité ?",
      canal: "Guichet",
      service: "état civil",
    },
    system: /agent d'accueil/,
    prompt: /Canal : Guichet/,
    baseline: /Carte nationale d'identité|carte nationale d'identité/,
    answer: `# Réponse

Prenez rendez-vous en mairie avec une photo d'identité récente et un justificatif de domicile de moins de trois mois.${SOURCES}`,
  },
  "ressources-humaines": {
    values: {
      question: "Combien de jours de congés annuels pour un agent à temps plein ?",
      statut: "Fonctionnaire titulaire",
      domaine: "Congés et absences",
    },
    system: /ressources humaines/,
    prompt: /Statut : Fonctionnaire titulaire/,
    baseline: /congés annuels/i,
    answer: `# Réponse

Cinq fois les obligations hebdomadaires de service, soit 25 jours pour cinq jours travaillés par semaine.${SOURCES}`,
  },
  "permission-voirie": {
    values: {
      demandeur: "Entreprise Bâtir SARL",
      qualite: "Entreprise",
      adresse: "12 rue de la République",
      nature_travaux: "Échafaudage",
      emprise: "8 m de long sur 1,20 m de large, sur le trottoir",
      date_debut: "2025-04-01",
      date_fin: "2025-04-30",
      signalisation: "Barrières et panneaux de déviation piétonne",
      pieces: ["Plan de situation", "Attestation d'assurance"],
    },
    system: /service de la voirie/,
    prompt: /Adresse : 12 rue de la République/,
    baseline: /Plan de situation/,
    answer: `# Dates

Du 1er avril 2025 au 30 avril 2025 : délai de dépôt de quinze jours respecté.

# Emprise

8 m sur 1,20 m ; 1,40 m libre pour les piétons à vérifier.

# Signalisation

Barrières et déviation piétonne.

# Pièces

Plan coté de l'emprise manquant.

# Avis proposé

Favorable sous réserve.${SOURCES}`,
  },
  "reponse-apa": {
    values: {
      demande:
        "Ma mère de 82 ans vit seule à domicile : peut-elle avoir l'allocation personnalisée d'autonomie ?",
      lieu_de_vie: "À domicile",
      canal: "Courrier",
    },
    system: /allocation personnalisée d'autonomie|autonomie/,
    prompt: /Lieu de vie : À domicile/,
    baseline: /autonomie/i,
    answer: `# Réponse

L'allocation personnalisée d'autonomie (APA) aide les personnes de 60 ans et plus en perte d'autonomie (article L. 232-1 du CASF). Le dossier est à retirer au centre communal d'action sociale.${SOURCES}`,
  },
  veille: {
    values: {
      themes: ["marchés publics", "subventions associatives"],
      public: "Direction générale",
      consignes: "Signaler les échéances.",
    },
    system: /note de veille/,
    // The watch's items follow the built prompt, as data.
    prompt:
      /Destinataires : Direction générale[\s\S]*<<< Éléments de veille \(2\)[\s\S]*\[1\] Décret relatif aux seuils/,
    baseline: /Décret relatif aux seuils de la commande publique[\s\S]*seuil de dispense/,
    answer: `# Synthèse par thème

## Marchés publics

Le seuil de dispense de procédure passe à 50 000 € HT au 1er avril [1].

## Subventions associatives

Les associations sportives peuvent demander une subvention avant le 31 janvier [2].

# Sources

- [1] Décret relatif aux seuils de la commande publique (Journal officiel)
- [2] Appel à projets pour les associations sportives (Journal officiel)
`,
  },
  "reponse-cee": {
    values: {
      demande:
        "Puis-je avoir une prime pour isoler mes combles ? Les certificats d'économies d'énergie s'appliquent-ils ?",
      travaux: "Isolation",
      statut: "Propriétaire occupant",
    },
    system: /France Rénov/,
    prompt: /Travaux envisagés : Isolation/,
    baseline: /économies d'énergie/i,
    answer: `# Réponse

Oui : les certificats d'économies d'énergie (CEE) financent une prime pour l'isolation. Demandez-la avant de signer le devis.${SOURCES}`,
  },
};

/** The feed the watch reads for the `veille` use case (served on loopback by the suites). */
export const WATCH_FEED = rss(
  [
    {
      title: "Décret relatif aux seuils de la commande publique",
      link: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000001",
      guid: "JORFTEXT000001",
      pubDate: "Mon, 04 Jan 2026 08:00:00 GMT",
      description:
        "<p>Le seuil de dispense de procédure des marchés publics passe à 50 000 € HT.</p><p>Il entre en vigueur le 1er avril.</p>",
    },
    {
      title: "Appel à projets pour les associations sportives",
      link: "https://www.prefecture.gouv.fr/appel",
      guid: "AP-2026-1",
      pubDate: "Sun, 03 Jan 2026 08:00:00 GMT",
      description: "Les associations peuvent demander une subvention avant le 31 janvier.",
    },
    {
      title: "Bulletin météo",
      link: "https://meteo.example.fr/1",
      guid: "M-1",
      pubDate: "Sat, 02 Jan 2026 08:00:00 GMT",
      description: "Il fera beau demain.",
    },
  ],
  "Journal officiel",
);
