import { type SetStateAction, useCallback, useEffect, useRef, useState } from "react";
import { api, type CallArguments, type ReadRoute, type ResponseOf, urlOf } from "../api/client";

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): Promise<void>;
  /** Replaces the data in place (after a write whose answer is the new state), or updates it from the latest. */
  set(data: SetStateAction<T | undefined>): void;
}

/**
 * GETs a route (again when its address changes); null skips the request. Only
 * the latest request's answer is kept: an older one arriving late (a slow
 * poll, the previous address) is dropped rather than shown over a newer state.
 */
export function useResource<R extends ReadRoute>(
  route: R | null,
  ...[options]: CallArguments<R>
): Resource<ResponseOf<R>> {
  return useAddress<ResponseOf<R>>(route === null ? null : urlOf(route, options));
}

function useAddress<T>(url: string | null): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(url !== null);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    if (url === null) return;
    const request = ++latest.current;
    setLoading(true);
    try {
      const answer = await api<T>("GET", url);
      if (request !== latest.current) return;
      setData(answer);
      setError(null);
    } catch (caught) {
      if (request === latest.current) setError(caught);
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, [url]);

  useEffect(() => {
    setData(undefined);
    void reload();
    return () => {
      // Whatever is still in flight for this address is no longer wanted.
      latest.current++;
    };
  }, [reload]);

  const set = useCallback((next: SetStateAction<T | undefined>) => {
    // A write's answer is newer than any read in flight.
    latest.current++;
    setLoading(false);
    setData(next);
  }, []);

  return { data, error, loading, reload, set };
}
