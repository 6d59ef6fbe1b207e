"use client";

/** The capture panel's dealings with the server, one hook per concern: archives, the estimate, the job. */
import { useCallback, useEffect, useState } from "react";
import { requireConnection } from "./api";
import { cancelCaptureJob, estimateCapture, getCaptureJob, listArchives, startCapture, type ArchiveSummary, type CaptureEstimate, type CaptureJobView, type CaptureStart } from "./capture-api";

const POLL_MS = 1000;

/** Reports a failed call to the panel (one error line for all of them). */
export type OnError = (message: string) => void;

export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export interface ArchiveList {
  /** null while listing. */
  readonly archives: ArchiveSummary[] | null;
  readonly error: string | null;
  readonly reload: () => void;
}

/**
 * The account's archives, listed once the panel is in the browser and a connection is set up;
 * `onListed` hears of each list that arrives.
 */
export function useArchiveList(onListed: (archives: ArchiveSummary[]) => void): ArchiveList {
  const [archives, setArchives] = useState<ArchiveSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    requireConnection()
      .then(listArchives)
      .then(({ archives: found }) => {
        if (!live) return;
        setArchives(found);
        onListed(found);
      })
      .catch((e: unknown) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [attempt, onListed]);

  const reload = useCallback(() => {
    setError(null);
    setArchives(null);
    setAttempt((n) => n + 1);
  }, []);

  return { archives, error, reload };
}

/** The cost estimate of an archive capture: null until asked for, and again after `clear` (the choice changed). */
export function useCaptureEstimate(onError: OnError) {
  const [estimate, setEstimate] = useState<CaptureEstimate | null>(null);
  const [estimating, setEstimating] = useState(false);

  const request = async (archiveName: string, from: string, to: string) => {
    setEstimating(true);
    try {
      setEstimate(await estimateCapture(archiveName, from, to));
    } catch (e) {
      onError(messageOf(e));
    } finally {
      setEstimating(false);
    }
  };

  return { estimate, estimating, request, clear: () => setEstimate(null) };
}

/** The capture job: started with the user's consent, polled from the server while it runs, cancellable. */
export function useCaptureJob(onError: OnError) {
  const [job, setJob] = useState<CaptureJobView | null>(null);
  const running = job?.status === "running";

  const jobId = job?.id;
  useEffect(() => {
    if (jobId === undefined || !running) return;
    let live = true;
    const timer = setInterval(() => {
      getCaptureJob(jobId)
        .then(({ job: latest }) => live && setJob(latest))
        .catch((e: unknown) => live && onError(messageOf(e)));
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [jobId, running, onError]);

  /** Whether the capture started (the server refuses one without consent). */
  const start = async (request: CaptureStart, consent: boolean): Promise<boolean> => {
    try {
      setJob((await startCapture(request, consent)).job);
      return true;
    } catch (e) {
      onError(messageOf(e));
      return false;
    }
  };

  const cancel = async () => {
    if (!job) return;
    try {
      setJob((await cancelCaptureJob(job.id)).job);
    } catch (e) {
      onError(messageOf(e));
    }
  };

  return { job, running, start, cancel };
}
