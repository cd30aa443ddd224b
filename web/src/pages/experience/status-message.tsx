import { useEffect, useRef } from "react";

/**
 * What a write did, said in a status region that takes the focus, so that a
 * screen reader reads it and the keyboard goes on from there. `count` grows
 * with each message, so that the same sentence twice is announced twice.
 */
export function StatusMessage(props: { message: { text: string; count: number } | null }) {
  const region = useRef<HTMLDivElement>(null);
  const { message } = props;
  useEffect(() => {
    if (message) region.current?.focus();
  }, [message]);
  return (
    <div ref={region} tabIndex={-1} role="status" className="experience-status">
      {message && (
        <div className="notice notice-success">
          <p>{message.text}</p>
        </div>
      )}
    </div>
  );
}
