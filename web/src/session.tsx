import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { ApiError, call, onSessionExpired, setCsrfToken } from "./api/client";
import type { CurrentCharter, Permission, Session } from "./api/types";

interface SessionState {
  /** null while signed out. */
  session: Session | null;
  charter: CurrentCharter | null;
  /** The last session ended on the server's side (idle or absolute timeout). */
  expired: boolean;
  can(permission: Permission): boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Reads the session and the charter again (after accepting the charter, say). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession outside SessionProvider");
  return state;
}

/** Loads the session once; `ready` is false until the server has answered. */
export function SessionProvider(props: { children: (ready: boolean) => ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [charter, setCharter] = useState<CurrentCharter | null>(null);
  const [expired, setExpired] = useState(false);
  const [ready, setReady] = useState(false);

  const adopt = useCallback(async (next: Session | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setCharter(next ? await call("GET /api/charter") : null);
    setSession(next);
  }, []);

  const refresh = useCallback(async () => {
    try {
      await adopt(await call("GET /api/auth/session"));
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
      await adopt(null);
    }
  }, [adopt]);

  useEffect(() => {
    refresh()
      .catch(() => adopt(null))
      .finally(() => setReady(true));
    return onSessionExpired(() => {
      setCsrfToken(null);
      setSession(null);
      setCharter(null);
      setExpired(true);
    });
  }, [refresh, adopt]);

  const value: SessionState = {
    session,
    charter,
    expired,
    can: (permission) => session?.permissions.includes(permission) ?? false,
    signIn: async (email, password) => {
      const started = await call("POST /api/auth/login", { body: { email, password } });
      setExpired(false);
      await adopt(started);
    },
    signOut: async () => {
      await call("POST /api/auth/logout").catch(() => undefined);
      setExpired(false);
      await adopt(null);
    },
    refresh,
  };
  return <SessionContext.Provider value={value}>{props.children(ready)}</SessionContext.Provider>;
}
