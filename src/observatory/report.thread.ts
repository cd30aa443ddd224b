/**
 * The worker thread's side of `renderReportPdfOffLoop`: draws the monthly
 * reports it is sent as PDFs, one at a time, and answers each with its bytes,
 * or with a failure's name. The report is plain data (strings, numbers,
 * arrays: `generatedAt` is an ISO string), so it crosses to the thread as it
 * is. Loaded only as a thread's entry.
 */
import { parentPort } from "node:worker_threads";
import type { TaskThreadMessage } from "../shared/task-thread.js";
import { renderReportPdf } from "./report.pdf.js";
import type { MonthlyReport } from "./report.service.js";

export type ReportThreadRequest = MonthlyReport;

export type ReportThreadAnswer = { pdf: Uint8Array } | { failed: string };

const port = parentPort;
if (port) {
  const answer = (message: TaskThreadMessage<ReportThreadAnswer>) => port.postMessage(message);
  port.on(
    "message",
    ({ id, request }: { id: number; request: ReportThreadRequest }) =>
      // Called inside the promise: a drawing that throws at once is answered like one that rejects.
      void new Promise<Uint8Array>((resolve) => resolve(renderReportPdf(request))).then(
        (pdf) => answer({ id, answer: { pdf } }),
        (error: unknown) =>
          answer({ id, answer: { failed: error instanceof Error ? error.name : "Error" } }),
      ),
  );
  answer({ ready: true });
}
