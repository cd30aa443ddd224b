/**
 * English versions of the API's error messages (`error.*` of the French
 * catalogue), for clients that ask for English (Accept-Language: en). The
 * French catalogue stays the reference: a test checks that both have the
 * same keys and the same placeholders.
 */
export const en = {
  "error.aids_find_empty":
    "Say what the person is looking for (a question) or describe their situation (age, place or status).",
  "error.invalid_request": "The request is invalid: {details}",
  "error.invalid_json": "The request body is not valid JSON.",
  "error.unsupported_media_type":
    "Unsupported content type: please send JSON (Content-Type: application/json).",
  "error.payload_too_large": "The request is too large (limit: {limit} bytes).",
  "error.plain_language_text_too_long":
    "The text is too long for the readability measures (limit: {limit} characters).",
  "error.route_not_found": "This address does not exist: {method} {url}.",
  "error.unauthenticated": "You must sign in to access this resource.",
  "error.session_expired": "Your session has expired. Please sign in again.",
  "error.invalid_api_key": "Unknown, expired or revoked API key.",
  "error.api_key_scope": 'This API key does not have the required "{scope}" scope.',
  "error.forbidden": "You do not have the permissions required for this action.",
  "error.cors_origin_not_allowed":
    'Pages from the origin "{origin}" are not allowed to call the Beffroi API. An administrator can add it to the server.corsOrigins list.',
  "error.csrf_failed":
    "Anti-forgery (CSRF) token missing or invalid. Please reload the page and try again.",
  "error.invalid_credentials": "Incorrect email address or password.",
  "error.account_disabled": "This account is disabled. Please contact your administrator.",
  "error.too_many_attempts": "Too many sign-in attempts. Please try again in {minutes} minute(s).",
  "error.quota_degraded":
    'A monthly quota has been reached: until the end of the month, the usage charter only allows extractive answers (quoted passages from the bases, no model). Ask for them with beffroi_fallback: "extractive" (or the X-Beffroi-Fallback: extractive header).',
  "error.rate_limited": "Too many requests. Please try again in {seconds} second(s).",
  "error.password_length": "The password must be between 8 and 128 characters long.",
  "error.user_not_found": "User not found.",
  "error.user_exists": "An account already exists with this email address.",
  "error.direction_not_found": "Department not found: {direction}.",
  "error.direction_exists": "This department already exists: {direction}.",
  "error.direction_has_members":
    "This department cannot be deleted: it contains sub-departments or staff members.",
  "error.api_key_not_found": "API key not found.",
  "error.api_key_scope_not_allowed":
    'You cannot create a key with the "{scope}" scope: your role does not allow it.',
  "error.api_key_lifetime": "A key's validity period must be between 1 and {max} days.",
  "error.bootstrap_invalid": "Invalid or already used initialisation token.",
  "error.bootstrap_done": "Beffroi is already initialised: an administrator exists.",
  "error.knowledge_base_not_found": "Knowledge base not found: {name}.",
  "error.knowledge_base_exists": "A knowledge base with this name already exists: {name}.",
  "error.document_not_found": "Document not found.",
  "error.passage_not_found": "Passage not found.",
  "error.document_not_quarantined":
    "This document is not in quarantine: there is nothing to release.",
  "error.no_files":
    'No file received: please send one or more files (multipart/form-data, "files" field).',
  "error.too_many_files":
    "Too many files in a single upload: {limit} files at most. No file was saved; please upload them in several batches.",
  "error.upload_too_large":
    "This upload exceeds {limit} MB in total. No file was saved; please upload the files in several batches.",
  "error.owner_direction_required":
    "Please specify the department that owns the knowledge base (a referent can only create a knowledge base for their own department or a department below it).",
  "error.turn_denied": "Request refused: {reason}",
  "error.turn_failed": "The request could not be completed: {reason}",
  "error.provider_not_found": "Model provider not found: {id}.",
  "error.provider_exists": "A provider with this identifier already exists: {id}.",
  "error.provider_unreachable":
    "The provider is not responding as expected ({reason}). Please check its address and its API key.",
  "error.provider_key_file_refused": "Key file refused: {reason}.",
  "error.provider_key_variable_refused": "Key variable refused: {reason}.",
  "error.provider_key_reentry":
    "This provider's address now points to a different server: please enter its API key again, or remove it. A saved key is only sent to the server it was entered for.",
  "error.assistant_not_found": "Assistant not found.",
  "error.prompt_direction_required": "A prompt shared with a direction must name it (directionId).",
  "error.prompt_template_invalid":
    "The prompt text is malformed: {problem}. A variable is written between double braces, in lower case without accents or spaces.",
  "error.prompt_variables_missing": "Fill in the prompt's variables: {names}.",
  "error.prompt_not_curatable":
    "You may edit only your own prompts, your direction's if you are its referent, and the whole collectivité's if you are an administrator.",
  "error.prompt_not_found": "Prompt not found.",
  "error.assistant_exists": "An assistant with this name already exists: {name}.",
  "error.assistant_default": "The default assistant cannot be deleted (it can be edited).",
  "error.assistant_not_manageable":
    "You can only manage the assistants of your own department. Please ask an administrator.",
  "error.model_unknown":
    "Unknown model: {model}. Models are named PROVIDER/MODEL (see GET /v1/models).",
  "error.parameter_not_supported":
    'The "{parameter}" parameter is not supported for this request ({models}). Remove it from the request; the API documentation lists the parameters.',
  "error.model_not_embeddings":
    'The model {model} is a chat model and does not compute embeddings: please choose a model whose uses (capabilities, in GET /v1/models) include "embeddings".',
  "error.assistant_model_unknown":
    "Unknown model: {model}. Models are named PROVIDER/MODEL (see GET /v1/models).",
  "error.charter_conflict":
    "The charter was modified by someone else at the same time: please reload it, then save again.",
  "error.knowledge_base_unknown": "Unknown knowledge base: {id}.",
  "error.model_unavailable":
    'None of the models planned for this request could answer ({models}). Please try again in a few moments, or accept the cited excerpts instead (parameter beffroi_fallback: "extractive" or header X-Beffroi-Fallback: extractive).',
  "error.model_interrupted":
    "The model's answer was interrupted partway through. Please try again; if this happens again, let your administrator know.",
  "error.request_cancelled": "Request cancelled.",
  "error.context_too_long":
    "Your request is too long for the model {model} (about {tokens} tokens, {limit} at most). Please shorten it or choose another model.",
  "error.conversation_not_found": "Conversation not found.",
  "error.conversation_search_empty":
    "Please give at least one word of two letters or digits to search your conversations for.",
  "error.conversation_search_too_many_words":
    "Your search has too many words ({max} at most): keep the most telling ones.",
  "error.attachment_not_found": "Attached document not found.",
  "error.attachment_sent":
    "This document is attached to a message already sent: it stays in the conversation as long as the conversation exists.",
  "error.attachment_unsupported":
    '"{file}" cannot be attached: unsupported format. Attach a PDF, DOCX, ODT, HTML, Markdown or text file.',
  "error.attachment_too_large":
    '"{file}" cannot be attached: it exceeds the limit for attached documents ({limit}). Attach an excerpt, or ask for it to be added to a knowledge base.',
  "error.attachment_unreadable": '"{file}" cannot be attached: {reason}',
  "error.too_many_attachments":
    "Too many attached documents: {limit} at most per message. None was saved.",
  "error.conversation_attachments_full":
    "This conversation has reached its limit of {limit} attached documents: open a new conversation to attach more.",
  "error.tools_not_supported":
    "Beffroi does not pass on tool calls or their results (message {index}): no automatic action is allowed.",
  "error.content_not_supported":
    "Only text is accepted in messages (received: {type}, message {index}).",
  "error.embeddings_blocked":
    "These texts contain {dataClass} data ({summary}): the charter forbids sending them to this model (hosting: {sovereignty}). Please remove them, or choose a local model.",
  "error.last_admin": "Not possible: this account is the last active administrator.",
  "error.not_ready": "Service unavailable: {reason}.",
  "error.internal": "Internal error. The incident has been logged (reference {requestId}).",
  "error.impact_zone_unknown":
    'Unknown electricity zone: "{zone}". Zones whose electricity mix is known: {zones}.',
  "error.impact_input_invalid": "Invalid value for the impact estimate: {field}.",
  "error.aids_file_empty":
    "The file contains no aid. Nothing was imported; the aids already imported are kept.",
  "error.aids_file_too_large":
    "The aids file exceeds {limit} MB. Nothing was imported; the aids already imported are kept. Please split it into several files.",
  "error.aids_too_many_lines":
    "The aids file exceeds {limit} lines. Nothing was imported; the aids already imported are kept. Please split it into several files.",
  "error.aids_line_too_long":
    "Line {line}: an aid cannot exceed {limit} KB. Nothing was imported; the aids already imported are kept.",
  "error.aids_file_not_utf8":
    "Line {line}: the text is not UTF-8 encoded. Please save the file as UTF-8, then import it again. Nothing was imported; the aids already imported are kept.",
  "error.aids_line_not_json":
    "Line {line}: this is not a valid JSON object (expected: one aid per line, in the aides-jeunes format). Nothing was imported; the aids already imported are kept.",
  "error.aids_field_invalid":
    'Line {line}, field "{field}": {problem}. Nothing was imported; the aids already imported are kept.',
  "error.aids_duplicate_id":
    'Line {line}: the identifier "{id}" already appears on line {first}. Nothing was imported; the aids already imported are kept.',
  "error.charter_invalid": "Invalid charter: {problems}",
  "error.charter_yaml": "Unreadable charter (YAML): {reason}",
  "error.usecase_baseline_unavailable":
    "This use case's non-AI result ({kind}) is not available yet.",
  "error.usecase_field_invalid": "Field {field}: {reason}.",
  "error.usecase_field_unknown": "Field(s) unknown to this use case: {fields}.",
  "error.usecase_document_unreadable": "Document “{field}” cannot be read: {reason}",
  "error.usecase_search_needs_database":
    "This use case's result without AI is a search in its knowledge bases: it needs Beffroi's database, not found here (run the command where Beffroi is installed, or set database.url).",
  "error.usecase_baseline_timeout":
    "The result without AI took too long and was stopped: shorten the form's text or documents.",
  "error.arena_campaign_open": "The campaign is still open: close it first to record its verdict.",
  "error.arena_no_gain":
    "This campaign's verdict shows no gain of AI over the result without AI: there is no model to recommend.",
  "error.arena_too_many_models":
    "A campaign compares at most {max} models, besides the result without AI.",
  "error.arena_case_invalid": "Case {number} ({title}): {reason} No case was imported.",
  "error.arena_subject_required":
    "Give either a use case (useCaseId) or an assistant (assistantId), not both.",
  "error.arena_question_too_long": "A test case's question holds at most {max} characters.",
  "error.observatory_report_month_invalid":
    "Invalid month: give a past month or the current one, as YYYY-MM.",
  "error.observatory_report_not_found":
    "No report is kept for {month}: the server generates it once the month is over.",
  "error.observatory_report_timeout":
    "The PDF report took too long and was stopped: try again in a moment, or download it as HTML.",
  "error.observatory_usage_period_invalid":
    "Invalid period: give two ISO 8601 instants, the start before the end, over {days} days at most.",
  "error.observatory_period_invalid":
    "Invalid period: give months as YYYY-MM, the start before the end, over {max} months at most.",
  "error.observatory_forbidden":
    "The observatory is for the IT department, the DPO, auditors and referents (for their own department and those below it).",
  "error.register_unpublished":
    "This local authority does not publish its register of algorithmic processing through Beffroi (publication.register).",
  "error.opendata_unpublished":
    "This local authority does not publish Beffroi's usage data as open data (publication.openData).",
  "error.arena_recommend_use_case":
    "Only the winner of a campaign on a use case becomes its recommended model; for an assistant, choose its preferred models in the administration.",
  "error.arena_already_voted": "You already voted on this match: a vote cannot be changed.",
  "error.arena_campaign_closed": "This campaign is closed: it takes no more votes or cases.",
  "error.experience_personal_data":
    "The field {field} holds personal data ({types}): remove it, a feedback report or a proposal must not point to anyone. Nothing was saved.",
  "error.experience_subject_required":
    "Give either a use case (useCaseId) or an assistant (assistantId), not both.",
  "error.experience_not_curatable":
    "Only administrators and referents of the department owning this use case or assistant (or one above it) may publish or set aside its feedback reports.",
  "error.experience_not_found": "Feedback report not found.",
  "error.proposal_base_required": "A proposal about a knowledge base must name the base (baseId).",
  "error.proposal_not_found": "Proposal not found.",
  "error.proposal_already_answered":
    "This proposal has already been answered: it cannot be changed.",
  "error.arena_no_cases": "This campaign has no test case yet: its referent must add some.",
  "error.arena_nothing_left":
    "You have seen every pair of this campaign: thank you for your votes.",
  "error.arena_model_not_allowed":
    "The charter does not allow sending {dataClass} data to the model {model}: it cannot compete in this campaign.",
  "error.arena_member_unknown": "No account has the address {email}.",
  "error.arena_case_data_class":
    "This test case holds {found} data while the campaign is declared for {declared} data.",
  "error.arena_match_not_shown":
    "This match was not shown to you: you can only vote on pairs you were shown.",
  "error.arena_not_member": "You are not a member of this campaign.",
  "error.arena_campaign_not_manageable":
    "You may only manage the campaigns of your direction (or below it), or those you created.",
  "error.arena_campaign_not_found": "Campaign not found.",
  "error.usecase_watch_needs_database":
    "This use case's result without AI reads the document watch's items: it needs Beffroi's database, not found here (run the command where Beffroi is installed, or set database.url).",
  "error.watch_url_invalid":
    "Invalid source address: give a full http:// or https:// address, without user name or password.",
  "error.watch_address_refused":
    "This address points into the internal network (private or local address): the watch reads public addresses only, except the hosts allowed by watch.privateHosts.",
  "error.watch_source_not_found": "Watch source not found.",
  "error.watch_source_not_manageable":
    "You may only manage the watch sources of your direction (or of a direction below it).",
  "error.usecase_fields_missing": "Required field(s) to fill in: {fields}.",
  "error.usecase_input_json": "The file {file} is not valid JSON: {reason}",
  "error.usecase_invalid": "Invalid use-case definition: {problems}",
  "error.usecase_id_mismatch":
    'The file defines the use case "{found}", not "{id}": change its id or import it.',
  "error.usecase_not_found": "Use case not found: {id}.",
  "error.usecase_not_manageable":
    "You may only edit the use cases of your direction (or of a direction below it).",
  "error.usecase_shipped":
    "This use case is shipped with Beffroi: it cannot be deleted (it can be edited).",
  "error.usecase_conflict":
    "The use case was modified by someone else at the same time: reload it, then save again.",
  "error.usecase_output_too_long": "The text produced exceeds the allowed length.",
  "error.usecase_unknown": "Unknown use case: {id}. Available: {ids}.",
  "error.usecase_values_not_object":
    "The form's values are expected as a JSON object, one value per field.",
  "error.charter_version_unknown": "Unknown charter version: {version}.",
  "error.charter_template_unknown": "Unknown charter template: {name} (available: {names}).",
  "error.message_not_found": "Message not found in this conversation.",
  "error.message_not_rateable": "Only an answer from the assistant can be rated.",
  "error.message_not_validatable": "Only an answer from the assistant can be validated.",
  "error.message_not_regenerable":
    "Only an answer from the assistant to a question that was sent can be regenerated (not a refusal).",
  "error.message_not_editable": "Only your own messages can be edited.",
  "error.model_not_offered":
    'The model "{model}" is not one of this conversation\'s assistant\'s models: choose one from the list, or "Automatic".',
  "error.model_not_allowed":
    'The charter does not allow this message to be sent to the model "{model}", because of the data it holds ({dataClass}). Choose "Automatic" or another model from the list.',
  "error.guard_failed":
    "The personal data check failed: the request is blocked as a precaution. Please try again; if this happens again, let your administrator know.",
  "error.guard_timeout":
    "The personal data check took too long: the request is blocked as a precaution. Please shorten the text or try again.",
  "error.guard_names_format":
    "Unrecognised file format: expected the INSEE first names file (sexe;preusuel;annais;nombre), the family names file (NOM followed by one column per decade) or a list of one name per line with --kind first|last. Nothing was imported.",
  "error.guard_names_kind_mismatch":
    "This file is {file}: the --kind {kind} option does not match it. Nothing was imported.",
  "error.guard_names_columns": "Line {line}: {expected} column(s) expected. Nothing was imported.",
  "error.guard_names_count":
    "Line {line}: the number of bearers must be a positive integer. Nothing was imported.",
  "error.guard_names_empty": "The file is empty. Nothing was imported.",
  "error.guard_names_none_kept":
    "No name reaches {min} bearers (or all of them are common words): nothing was imported, the previous import is kept.",
  "error.guard_names_quote": "Line {line}: an opening quote is not closed. Nothing was imported.",
} as const;
