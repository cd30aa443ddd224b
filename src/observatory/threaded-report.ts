import { appError } from "../shared/errors.js";
import { processThread } from "../shared/task-thread.js";
import type { MonthlyReport } from "./report.service.js";
import type { ReportThreadAnswer, ReportThreadRequest } from "./report.thread.js";

/** Longest a report's PDF may take; past it, its thread is stopped (`observatory_report_timeout`). */
const TIMEOUT_MS = 30_000;
/** The thread's heap, in megabytes. */
const MEMORY_MB = 256;
/** A thread left idle this long is stopped (pdfkit and its fonts hold memory). */
const IDLE_MS = 30_000;

/** The process's report thread, started on first use and kept while used. */
const reportThread = () =>
  processThread<ReportThreadRequest, ReportThreadAnswer>(import.meta.url, "report.thread", {
    timeoutMs: TIMEOUT_MS,
    memoryMb: MEMORY_MB,
    idleMs: IDLE_MS,
    timeout: () => appError("observatory_report_timeout"),
    crashed: (reason) => new Error(`report thread crashed: ${reason}`),
  });

/**
 * The monthly report as a PDF, drawn in the process's report thread, one at
 * a time, under a time budget past which the thread is stopped: pdfkit's
 * drawing is synchronous (the first one of a process loads its fonts too),
 * and the server's event loop must keep answering meanwhile. The thread is
 * never closed explicitly, as the baseline thread is not: idle, it is
 * unreferenced (it keeps no command from exiting) and stopped after
 * `IDLE_MS`.
 */
export async function renderReportPdfOffLoop(report: MonthlyReport): Promise<Uint8Array> {
  const answer = await reportThread().run(report);
  if ("failed" in answer) throw new Error(`report thread: ${answer.failed}`);
  // A Buffer over the bytes that came back, as the drawing gave here (no copy).
  const { pdf } = answer;
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
}
