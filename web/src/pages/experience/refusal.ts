import { type RefObject, useEffect } from "react";
import { focusFirstInvalid } from "../../components/fields";

/** The field the server named in a refusal (`experience_personal_data`), if any. */
function refusedField(error: unknown): string | undefined {
  const details = (error as { details?: unknown } | null)?.details;
  if (details && typeof details === "object" && "field" in details) {
    const { field } = details as { field: unknown };
    return typeof field === "string" ? field : undefined;
  }
  return undefined;
}

/**
 * A text the server refused for personal data: the field it names, and its
 * message for that field. The form marks it and the focus goes to it.
 */
export function useRefusal(error: unknown, form: RefObject<HTMLFormElement | null>) {
  const field = refusedField(error);
  useEffect(() => {
    if (field !== undefined) focusFirstInvalid(form.current);
  }, [field, form]);
  return {
    field,
    messageFor: (name: string) =>
      field === name && error instanceof Error ? error.message : undefined,
  };
}
