import { useCallback, useEffect, useState } from "react";
import { get } from "../api/client";

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): Promise<void>;
  /** Replaces the data in place (after a write whose answer is the new state). */
  set(data: T): void;
}

/** GETs `url` (again when it changes); null skips the request. */
export function useResource<T>(url: string | null): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(url !== null);

  const reload = useCallback(async () => {
    if (url === null) return;
    setLoading(true);
    try {
      setData(await get<T>(url));
      setError(null);
    } catch (caught) {
      setError(caught);
    } finally {
      setLoading(false);
    }
  }, [url]);

  useEffect(() => {
    setData(undefined);
    void reload();
  }, [reload]);

  return { data, error, loading, reload, set: setData };
}
