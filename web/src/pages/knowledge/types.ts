/** The API answers the knowledge area reads: names for the generated types, never copies. */
import type { BodyOf, ResponseOf } from "../../api/client";

export type KnowledgeBase = ResponseOf<"GET /api/knowledge-bases">[number];
export type PersonalDataSetting = KnowledgeBase["personalData"];

/** A reader of a base as the forms send it. */
export type Reader = NonNullable<BodyOf<"POST /api/knowledge-bases">["readers"]>[number];
export type ReaderRole = Extract<Reader, { kind: "role" }>["value"];

export type KnowledgeDocument = ResponseOf<"GET /api/knowledge-bases/:id/documents">[number];
export type DocumentStatus = KnowledgeDocument["status"];

export type QuarantinedDocument = ResponseOf<"GET /api/knowledge-bases/:id/quarantine">[number];
export type SubmitResult = ResponseOf<"POST /api/knowledge-bases/:id/documents">[number];
export type UploadLimits = ResponseOf<"GET /api/knowledge-bases/upload-limits">;

export type SearchResult = ResponseOf<"GET /api/knowledge-bases/:id/search">;

export type AuditReport = ResponseOf<"GET /api/knowledge-bases/:id/audit">;

export type Direction = ResponseOf<"GET /api/directions">[number];

// Hand-written: an error's validation details, which the contract (answers only) does not describe.
/** A field's error from the API's validation details ({ field: "body.name", message }). */
export interface FieldIssue {
  field: string;
  message: string;
}

/** POST /api/knowledge-bases/:id/aids: what an import of an aid file did. */
export type AidImportReport = ResponseOf<"POST /api/knowledge-bases/:id/aids">;

/** POST /api/knowledge-bases/:id/aids/find: the situation as read, the aids that may fit, those set apart. */
export type AidFinding = ResponseOf<"POST /api/knowledge-bases/:id/aids/find">;
export type FoundAid = AidFinding["aids"][number];
export type AidVerdict = FoundAid["verdict"];
