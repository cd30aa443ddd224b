import { useCallback, useRef, useState } from "react";

/**
 * Runs one write at a time and keeps its error to show beside what started it.
 * `busy` is for display (aria-busy, "Enregistrement…"); controls stay enabled
 * (a focused button that becomes disabled drops the focus to the page) and a
 * second call while one runs is ignored.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const running = useRef(false);
  const run = useCallback(async (action: () => Promise<void>): Promise<boolean> => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
