/**
 * The worker thread's side of `renderReportPdfOffLoop`: draws the monthly
 * reports it is sent as PDFs, one at a time, and answers each with its bytes,
 * or with a failure's name. The report is plain data (strings, numbers,
 * arrays: `generatedAt` is an ISO string), so it crosses to the thread as it
 * is. Loaded only as a thread's entry.
 */
import { answerTasks } from "../shared/task-thread.js";
import { renderReportPdf } from "./report.pdf.js";
import type { MonthlyReport } from "./report.service.js";

export type ReportThreadRequest = MonthlyReport;

export type ReportThreadAnswer = { pdf: Uint8Array } | { failed: string };

answerTasks<ReportThreadRequest, ReportThreadAnswer>(
  async (report) => ({ pdf: await renderReportPdf(report) }),
  (error) => ({ failed: error instanceof Error ? error.name : "Error" }),
);
