/** The API answers the knowledge area reads (the server's zod schemas in src/knowledge are the reference). */
export type PersonalDataSetting = "index" | "pseudonymise" | "quarantine";
export type ReaderKind = "everyone" | "role" | "direction";
export type ReaderRole = "agent" | "referent" | "admin" | "auditor";

export interface Reader {
  kind: ReaderKind;
  value: string;
}

export interface KnowledgeBase {
  id: string;
  name: string;
  description: string;
  ownerDirection: { id: string; path: string };
  readers: (Reader & { label: string })[];
  personalData: PersonalDataSetting;
  documentCount: number;
  passageCount: number;
  canManage: boolean;
  createdAt: string;
  updatedAt: string;
}

export type DocumentStatus = "queued" | "processing" | "ready" | "quarantined" | "failed";
export type TypeCounts = Record<string, number>;

export interface KnowledgeDocument {
  id: string;
  knowledgeBaseId: string;
  fileName: string;
  title: string | null;
  mediaType: string | null;
  sizeBytes: number;
  status: DocumentStatus;
  failure: { code: string; message: string } | null;
  pageCount: number | null;
  passageCount: number;
  wordCount: number;
  createdAt: string;
  updatedAt: string;
  ingestedAt: string | null;
  personalData: {
    dataClass: "public" | "personal" | "sensitive";
    types: TypeCounts;
    action: PersonalDataSetting;
  } | null;
  release: { as: "index" | "pseudonymise"; by: string; at: string } | null;
}

export interface QuarantinedDocument extends KnowledgeDocument {
  uploadedBy: string | null;
  passages: {
    ordinal: number;
    section: string;
    page: number | null;
    types: TypeCounts;
    excerpt: string;
  }[];
}

export interface SubmitResult {
  fileName: string;
  documentId: string;
  status: "queued" | "unchanged" | "failed";
  failure: { code: string; message: string } | null;
}

export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
  /** All the files of one upload together. */
  maxUploadBytes: number;
  formats: string[];
}

export interface SearchHit {
  passageId: string;
  documentId: string;
  knowledgeBaseId: string;
  fileName: string;
  title: string;
  section: string;
  page: number | null;
  score: number;
  text: string;
}

export interface SearchResult {
  hits: SearchHit[];
  terms: string[];
  confidence: number;
  rankings: ("lexical" | "dense")[];
}

export interface AuditReport {
  knowledgeBaseId: string;
  generatedAt: string;
  documents: { total: number; ready: number; failed: number; quarantined: number; words: number };
  findings: {
    kind: string;
    severity: "info" | "warning" | "error";
    message: string;
    documents: { id: string; fileName: string }[];
    passages: { id: string | null; documentId: string; excerpt: string }[];
  }[];
  quarantined: { documentId: string; fileName: string; types: TypeCounts; updatedAt: string }[];
  personalDataChecked: boolean;
}

export interface Direction {
  id: string;
  name: string;
  parentId: string | null;
  path: string;
}

/** A field's error from the API's validation details ({ field: "body.name", message }). */
export interface FieldIssue {
  field: string;
  message: string;
}

/** POST /api/knowledge-bases/:id/aids: what an import of an aid file did. */
export interface AidImportReport {
  knowledgeBaseId: string;
  /** Schemes read in the file. */
  schemes: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Schemes absent from the file, removed (replace only). */
  removed: number;
  /** Schemes absent from the file, kept (without replace). */
  kept: number;
  failed: { schemeId: string; code: string; message: string }[];
}

/** GET /api/knowledge-bases/:id/aids: a page of the base's schemes (the page reads the total). */
export interface AidSchemePage {
  items: { id: string; title: string }[];
  total: number;
  limit: number;
  offset: number;
}

export type AidVerdict = "eligible" | "possible" | "excluded";

export interface FoundAid {
  id: string;
  documentId: string;
  title: string;
  institution: string;
  amount: number | null;
  unit: string | null;
  periodicity: string | null;
  link: string | null;
  verdict: AidVerdict;
  /** The conditions met, in French. */
  why: string[];
  /** What is left to check with the person. */
  toCheck: string[];
  /** Why the aid does not fit (set-apart aids only). */
  unmet: string[];
  score: number;
}

/** POST /api/knowledge-bases/:id/aids/find: the situation as read, the aids that may fit, those set apart. */
export interface AidFinding {
  situation: {
    age?: number;
    statuses: string[];
    place?: { kind: string; code: string; name: string };
    /** The form's place as typed, when it names no French territory. */
    unknownPlace?: string;
  };
  aids: FoundAid[];
  excluded: FoundAid[];
}
