/**
 * Table types as Kysely sees them. Timestamps are ISO-8601 UTC strings on both
 * dialects so that every query is written once; booleans are nullable timestamps
 * (disabled_at, revoked_at), which also say when.
 */
export interface DirectionTable {
  id: string;
  name: string;
  parent_id: string | null;
  path: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  direction_id: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  disabled_at: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  auth_method: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiKeyTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  /** The first characters of the key, shown in lists so that an owner recognises it. */
  token_prefix: string;
  scopes: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface CounterTable {
  key: string;
  count: number;
  expires_at: string;
}

export interface BootstrapTokenTable {
  id: string;
  token_hash: string;
  created_at: string;
}

export interface OidcTransactionTable {
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  expires_at: string;
}

export interface KnowledgeBaseTable {
  id: string;
  name: string;
  description: string;
  owner_direction_id: string;
  /**
   * What ingestion does with a document holding personal data: index, pseudonymise or
   * quarantine. The service always sets it; the column's default (`index`) is for rows
   * that existed before it.
   */
  personal_data?: string;
  created_at: string;
  updated_at: string;
}

/** Who may read a base besides its owner direction: `direction` (and its sub-directions), `role`, or `everyone`. */
export interface KnowledgeBaseReaderTable {
  knowledge_base_id: string;
  kind: string;
  value: string;
}

export interface DocumentTable {
  id: string;
  knowledge_base_id: string;
  file_name: string;
  title: string | null;
  media_type: string | null;
  sha256: string;
  size_bytes: number;
  /** queued, processing, ready, quarantined or failed. */
  status: string;
  failure_code: string | null;
  page_count: number | null;
  passage_count: number;
  word_count: number;
  uploaded_by: string | null;
  created_at: string;
  updated_at: string;
  ingested_at: string | null;
  /** Personal data found at ingestion (never a value): public, personal or sensitive; null: not scanned. */
  personal_data_class?: string | null;
  /** JSON object: occurrences per entity type. */
  personal_data_types?: string | null;
  /** What ingestion did: index, pseudonymise or quarantine. */
  personal_data_action?: string | null;
  /** Quarantined documents: JSON list of the passages concerned (masked excerpts only). */
  personal_data_findings?: string | null;
  /** A referent's release from quarantine (index or pseudonymise), by whom and when. */
  released_as?: string | null;
  released_by?: string | null;
  released_at?: string | null;
  /** The file name as readers are shown it (pseudonymised or masked as the text is); null: not scanned. */
  shown_file_name?: string | null;
}

/** An aid scheme imported into a base (aides-jeunes format); its text is the document `document_id`. */
export interface AidSchemeTable {
  knowledge_base_id: string;
  /** The scheme's id in its file: unique per base. */
  scheme_id: string;
  document_id: string;
  title: string;
  institution: string;
  institution_type: string;
  amount: number | null;
  unit: string | null;
  periodicity: string | null;
  link: string | null;
  /** JSON: `{ general: [...], text: [...] }`, structured conditions and written ones. */
  conditions: string;
  /** SHA-256 of the scheme as read: an equal digest on import means unchanged. */
  digest: string;
  imported_at: string;
}

export interface DocumentContentTable {
  document_id: string;
  bytes: Uint8Array;
}

export interface PassageTable {
  id: string;
  document_id: string;
  knowledge_base_id: string;
  ordinal: number;
  text: string;
  section_path: string;
  page: number | null;
  word_count: number;
  /** The analysed terms (title, section and text), space-separated: what the lexical index holds. */
  terms: string;
  term_count: number;
  /** JSON object: occurrences per entity type found in the passage (never a value); null when none or not scanned. */
  personal_data?: string | null;
}

export interface IngestionJobTable {
  id: string;
  document_id: string;
  /** queued, running, done or failed. */
  status: string;
  attempts: number;
  lease_owner: string | null;
  lease_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

/** PostgreSQL only: one row per (term, passage) with the term's frequency, for BM25. */
export interface PassageTermTable {
  term: string;
  knowledge_base_id: string;
  passage_id: string;
  tf: number;
}

/** PostgreSQL only: how many passages hold each term (kept by the lexical index). */
export interface TermStatisticsTable {
  term: string;
  df: number;
}

/** PostgreSQL only: one row (id 1) with the number of passages and of terms over them. */
export interface PassageStatisticsTable {
  id: number;
  passages: string | number;
  terms: string | number;
}

/** One embedding per passage, from the model named (float32 bytes on SQLite, `real[]` on PostgreSQL). */
export interface PassageEmbeddingTable {
  passage_id: string;
  knowledge_base_id: string;
  model: string;
  dimensions: number;
  embedding: Uint8Array | number[];
}

export interface ProviderTable {
  id: string;
  /** The provider's definition (src/providers/provider.schema.ts), as JSON. */
  definition: string;
  created_at: string;
  updated_at: string;
}

export interface AssistantTable {
  id: string;
  name: string;
  description: string;
  instructions: string;
  /** JSON array of knowledge base ids. */
  knowledge_base_ids: string;
  /** JSON array of model refs (`PROVIDER/MODEL`), in order of preference. */
  preferred_models: string;
  /** agents or citizens. */
  audience: string;
  category: string;
  /** required, preferred or off: how it uses its knowledge bases (migration 0017). */
  grounding: string;
  requires_validation: number;
  owner_direction_id: string | null;
  is_default: number;
  created_at: string;
  updated_at: string;
}

/** A prompt of the library (migration 0022); `scope` is personal, direction or collectivite. */
export interface PromptTable {
  id: string;
  title: string;
  /** The prompt, with `{{variables}}` (the use-case template language). */
  body: string;
  example: string;
  scope: string;
  direction_id: string | null;
  author_id: string | null;
  use_count: number;
  created_at: string;
  updated_at: string;
}

/** One agent's rating of a prompt, 1 to 5. */
export interface PromptRatingTable {
  prompt_id: string;
  user_id: string;
  rating: number;
  rated_at: string;
}

/** A feed or page watched for the document watch (migration 0024); `kind` is feed or page. */
export interface WatchSourceTable {
  id: string;
  name: string;
  url: string;
  kind: string;
  direction_id: string | null;
  interval_minutes: number;
  enabled: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  next_check_at: string;
  checked_at: string | null;
  /** `pending`, `ok`, `not_modified` or a failure code (`WATCH_FAILURES`). */
  status: string;
  status_detail: string | null;
  /** Failures in a row, which space out the next checks. */
  failures: number;
  etag: string | null;
  last_modified: string | null;
  /** A page's paragraph fingerprints at its last reading (JSON array). */
  fingerprints: string | null;
}

/** Something new in a watched source: a feed's item, or a page's new paragraphs. */
export interface WatchItemTable {
  id: string;
  source_id: string;
  key: string;
  title: string;
  link: string | null;
  published_at: string | null;
  found_at: string;
  text: string;
}

/** An LLM battle campaign (migration 0025); `status` is open or closed, `verdict` JSON. */
export interface ArenaCampaignTable {
  id: string;
  name: string;
  /** `usecase` or `assistant`, and its id. */
  subject_kind: string;
  subject_id: string;
  direction_id: string | null;
  data_class: string;
  /** `random`, `uncertainty` or `size`. */
  pair_mode: string;
  seed: number;
  publish_cases: number;
  status: string;
  created_by: string | null;
  created_at: string;
  closed_at: string | null;
  verdict: string | null;
}

/** A contender: a model (`model_ref`), or the use case's result without AI (`baseline`). */
export interface ArenaContenderTable {
  campaign_id: string;
  position: number;
  kind: string;
  model_ref: string | null;
}

export interface ArenaMemberTable {
  campaign_id: string;
  user_id: string;
}

/** A test case: the use case's form values (JSON). */
export interface ArenaCaseTable {
  id: string;
  campaign_id: string;
  position: number;
  title: string;
  values_json: string;
  created_at: string;
}

/** A contender's answer to a case, generated once (`status` ok or failed). */
export interface ArenaOutputTable {
  case_id: string;
  contender: number;
  status: string;
  text: string;
  model_ref: string | null;
  energy_kwh: number | null;
  gwp_kg: number | null;
  latency_ms: number;
  tokens: number;
  created_at: string;
}

/** A pair shown to a member on a case, and their vote once cast. */
export interface ArenaMatchTable {
  id: string;
  campaign_id: string;
  case_id: string;
  user_id: string | null;
  contender_a: number;
  contender_b: number;
  shown_at: string;
  voted_at: string | null;
  /** `a`, `b`, `both-good` or `both-bad`. */
  choice: string | null;
  tags: string | null;
  comment: string | null;
  minutes_saved: number | null;
}

/** A « retour d'expérience » on a use case or an assistant (migration 0028). */
export interface ExperienceReportTable {
  id: string;
  /** `usecase` or `assistant`, and its id. */
  subject_kind: string;
  subject_id: string;
  author_id: string | null;
  /** The author's direction when they filed it. */
  direction_id: string | null;
  worked: string;
  did_not_work: string;
  /** Minutes a use saves, as the author estimates them. */
  minutes_saved: number | null;
  /** `submitted`, `published` or `set-aside`. */
  status: string;
  curated_by: string | null;
  curated_at: string | null;
  created_at: string;
}

/** A proposal to change the charter or a knowledge base (migration 0028). */
export interface ProposalTable {
  id: string;
  /** `charter` or `base`. */
  kind: string;
  target_base_id: string | null;
  text: string;
  author_id: string | null;
  /** `open`, `accepted` or `declined`. */
  status: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
  created_at: string;
}

export interface ConversationTable {
  id: string;
  user_id: string;
  assistant_id: string | null;
  title: string;
  created_at: string;
  updated_at: string;
  /** When the agent pinned it (listed first); null: not pinned (migration 0020). */
  pinned_at?: string | null;
  /** When the agent archived it (out of the main list, still under retention); null: not archived. */
  archived_at?: string | null;
  /** The use case whose run opened it (migration 0023); null: an ordinary conversation. */
  use_case_id?: string | null;
}

export interface MessageTable {
  id: string;
  conversation_id: string;
  ordinal: number;
  /** user or assistant. */
  role: string;
  content: string;
  /** JSON: citations, model, provider, sovereignty, decisions, usage. */
  metadata: string;
  created_at: string;
  /** Who validated this AI-assisted answer, and when (the charter's human validation). */
  validated_by?: string | null;
  validated_at?: string | null;
  /** The message it follows (an answer's question, a question's previous answer); null for the first. */
  parent_id?: string | null;
  /** When another version of it took its place; null for the version the conversation goes on from. */
  superseded_at?: string | null;
}

/** A document attached to a message, read into passages at upload (migration 0018). */
export interface AttachmentTable {
  id: string;
  conversation_id: string;
  /** Null while it waits for its message to be sent. */
  message_id: string | null;
  ordinal: number;
  file_name: string;
  media_type: string;
  size_bytes: number;
  page_count: number | null;
  character_count: number;
  /** JSON: `[{ text, section, page }]`, in reading order. */
  passages: string;
  created_at: string;
}

export interface CharterTable {
  version: number;
  yaml: string;
  title: string;
  changes: string;
  created_by: string | null;
  created_at: string;
}

export interface CharterAcceptanceTable {
  user_id: string;
  version: number;
  accepted_at: string;
}

/** One administrative action, chained to the previous one by its hash (see src/observatory/). */
export interface AuditLogTable {
  seq: number;
  at: string;
  /** user, cli or system. */
  actor_kind: string;
  actor_id: string | null;
  action: string;
  target: string | null;
  /** Canonical JSON, hashed exactly as stored. */
  details: string;
  prev_hash: string;
  hash: string;
}

/** One row (id 1): the last audit entry's number and hash; appending locks it. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface GuardVaultTable {
  conversation_id: string;
  placeholder: string;
  entity_type: string;
  digest: string;
  sealed: string;
  created_at: string;
}

export interface GuardNameTable {
  name: string;
  kind: string;
  bearers: number;
}

/** One turn in the usage journal: facts only, never a prompt or an answer. */
export interface UsageRecordTable {
  turn_id: string;
  at: string;
  user_id: string | null;
  direction_id: string | null;
  via: string;
  assistant_id: string | null;
  provider_id: string | null;
  model_ref: string | null;
  sovereignty: string | null;
  data_class: string;
  status: string;
  stopped_at: string | null;
  mode: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  tokens_estimated: number;
  latency_ms: number;
  impact_method: string | null;
  energy_kwh_min: number | null;
  energy_kwh_max: number | null;
  gwp_kg_min: number | null;
  gwp_kg_max: number | null;
  decisions: string;
  /** The agent's opinion of the answer: up or down. */
  feedback?: string | null;
  /** The minutes the answer saved the agent, by their own estimate; null when they gave none. */
  minutes_saved?: number | null;
  /** The use case the turn ran, and its definition's version (migration 0023); no text. */
  use_case_id?: string | null;
  use_case_version?: number | null;
  /** Migration 0026: water, personal data found (counts per type, JSON), what was done with it. */
  water_l_min?: number | null;
  water_l_max?: number | null;
  personal_data?: string | null;
  /** `allow`, `pseudonymise` or `block`: what the turn did with the personal data it held. */
  data_action?: string | null;
  /** The rule of the decision that refused the turn (`charter.audience`, `quota.user`…). */
  refusal?: string | null;
  validated_at?: string | null;
  /** The sobriety rule that answered the turn: `passages-first` or `smallest-model`. */
  sobriety?: string | null;
  /** 1 when the answer abstained (retrieval found nothing to ground it). */
  abstained?: number | null;
  /** 0 until the record is added to the observatory's rollups (migration 0030). */
  rolled?: number;
}

/**
 * The journal's additive sums per month, direction and breakdown (migration
 * 0026): `kind` says which (`SUM_KINDS` in the migration), `key1`…`key5` its
 * keys in order ("" for an absent value).
 */
export interface UsageSumTable {
  kind: string;
  month: string;
  direction_id: string;
  key1: string;
  key2: string;
  key3: string;
  key4: string;
  key5: string;
  turns: number;
  abstained: number;
  prompt_tokens: number;
  completion_tokens: number;
  energy_kwh_min: number;
  energy_kwh_max: number;
  gwp_kg_min: number;
  gwp_kg_max: number;
  water_l_min: number;
  water_l_max: number;
  minutes_saved: number;
  minutes_answers: number;
  positive: number;
  negative: number;
  validated: number;
}

/** Who was active which month, and how much (migration 0026). */
export interface UsageAgentTable {
  month: string;
  user_id: string;
  direction_id: string;
  turns: number;
  first_at: string;
}

/** Each agent once per kind, key and year, with the months they were active as a mask (migration 0026). */
export interface UsageAgentYearTable {
  kind: string;
  key: string;
  /** `YYYY`. */
  year: string;
  user_id: string;
  direction_id: string;
  /** Bit `m - 1` set when the agent was active in month `m`. */
  months: number;
}

/** The distinct agents behind each open data row of a month, as last counted (migration 0029). */
export interface OpenDataAgentTable {
  month: string;
  /** The row's subject, model, hosting and data class joined by a tab (`AGENT_KINDS.row`). */
  key: string;
  agents: number;
}

/** When a month's open data rows were counted, and whether the month was over then (final). */
export interface OpenDataMonthTable {
  month: string;
  counted_at: string;
  final: number;
}

/** Personal data found per month, direction, type, class and action (migration 0026): counts only. */
/** A month's report, claimed by one instance, then kept with its HTML and PDF (figures only). */
export interface ObservatoryReportTable {
  month: string;
  claim: string;
  claimed_until: string;
  generated_at: string | null;
  html: string | null;
  pdf: Uint8Array | null;
}

export interface UsageFindingTable {
  month: string;
  direction_id: string;
  data_type: string;
  data_class: string;
  data_action: string;
  findings: number;
  turns: number;
}

/** One quota scope's month (migration 0011): requests admitted, answers in progress, consumption. */
export interface QuotaUsageTable {
  /** `user:ID` or `direction:ID`. */
  scope: string;
  /** `YYYY-MM` (UTC). */
  month: string;
  requests: number;
  /** Admitted turns whose consumption is not recorded yet. */
  in_flight: number;
  /** Turns whose answer's consumption was recorded (the average's denominator). */
  settled: number;
  tokens: number;
  wh: number;
  gco2e: number;
  updated_at: string;
}

/** Monthly totals of purged usage records ("" for an absent dimension). */
export interface UsageMonthlyTable {
  month: string;
  direction_id: string;
  assistant_id: string;
  model_ref: string;
  sovereignty: string;
  data_class: string;
  turns: number;
  denied: number;
  prompt_tokens: number;
  completion_tokens: number;
  energy_kwh_min: number;
  energy_kwh_max: number;
  gwp_kg_min: number;
  gwp_kg_max: number;
  /** Sum of the minutes saved, and how many answers were rated with minutes. */
  minutes_saved: number;
  minutes_answers: number;
}

/** A use case of the catalogue (migration 0021); its definitions are in `use_case_versions`. */
export interface UseCaseTable {
  id: string;
  owner_direction_id: string | null;
  /** 1 when Beffroi ships it (it cannot be deleted). */
  shipped: number;
  /** The last shipped definition's `version` seen at start; null for one not shipped. */
  shipped_version: number | null;
  current_revision: number;
  created_at: string;
  updated_at: string;
  /** The model its runs try first (set from a battle's verdict, migration 0025); null: the router's order. */
  recommended_model: string | null;
}

/** One version of a use case's definition, never changed. */
export interface UseCaseVersionTable {
  use_case_id: string;
  revision: number;
  /** The definition's own `version` field. */
  definition_version: number;
  /** As `exportUseCase` writes it. */
  yaml: string;
  /** shipped, edited or imported. */
  source: string;
  /** The user who saved it; null for Beffroi itself or the CLI. */
  author_id: string | null;
  created_at: string;
}

export interface Tables {
  usage_monthly: UsageMonthlyTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  usage_records: UsageRecordTable;
  usage_sums: UsageSumTable;
  usage_agents: UsageAgentTable;
  usage_agent_years: UsageAgentYearTable;
  usage_findings: UsageFindingTable;
  observatory_reports: ObservatoryReportTable;
  opendata_agents: OpenDataAgentTable;
  opendata_months: OpenDataMonthTable;
  quota_usage: QuotaUsageTable;
  charters: CharterTable;
  charter_acceptances: CharterAcceptanceTable;
  directions: DirectionTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  counters: CounterTable;
  bootstrap_tokens: BootstrapTokenTable;
  oidc_transactions: OidcTransactionTable;
  knowledge_bases: KnowledgeBaseTable;
  knowledge_base_readers: KnowledgeBaseReaderTable;
  documents: DocumentTable;
  aid_schemes: AidSchemeTable;
  document_contents: DocumentContentTable;
  passages: PassageTable;
  ingestion_jobs: IngestionJobTable;
  passage_terms: PassageTermTable;
  passage_embeddings: PassageEmbeddingTable;
  term_statistics: TermStatisticsTable;
  passage_statistics: PassageStatisticsTable;
  providers: ProviderTable;
  assistants: AssistantTable;
  prompts: PromptTable;
  prompt_ratings: PromptRatingTable;
  use_cases: UseCaseTable;
  use_case_versions: UseCaseVersionTable;
  watch_sources: WatchSourceTable;
  watch_items: WatchItemTable;
  arena_campaigns: ArenaCampaignTable;
  arena_contenders: ArenaContenderTable;
  arena_members: ArenaMemberTable;
  arena_cases: ArenaCaseTable;
  arena_outputs: ArenaOutputTable;
  arena_matches: ArenaMatchTable;
  experience_reports: ExperienceReportTable;
  proposals: ProposalTable;
  conversations: ConversationTable;
  messages: MessageTable;
  attachments: AttachmentTable;
  guard_vault: GuardVaultTable;
  guard_names: GuardNameTable;
}
