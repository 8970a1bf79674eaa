import { JobsOptions } from 'bullmq';

/**
 * Every queue and every job the platform runs, with its payload type. Processors implement a handler for each
 * job name of their queue (checked at compile time by TypedProcessor and at boot by the worker).
 */
export interface QueuePayloads {
  catalogue: {
    /** Finds certificates that expire soon and warns their producers; repeats daily. */
    'certificate-expiry-scan': { asOf?: string };
  };
  campaigns: {
    /** Flags campaign products not yet scheduled N days before the period ends to their branch's admins; hourly. */
    'at-risk-scan': Record<string, never>;
  };
  live: {
    /** Notifies the viewers who asked to be reminded of a session; delayed until its start, job id per session. */
    'session-reminder': { sessionId: string };
    /** Ends one flash deal at its end time and returns its unsold units; delayed, job id `deal-end-<dealId>`. */
    'deal-end': { dealId: string };
    /** Tells the room a flash deal has opened after its countdown; delayed, job id `deal-open-<dealId>`. */
    'deal-open': { dealId: string };
    /** Safety net: ends every flash deal past its end time (repeats every 10 seconds, and on boot). */
    'sweep-deals': Record<string, never>;
  };
  orders: {
    /** Expires one unpaid card order at its deadline; delayed, job id `expire-<orderId>` (idempotent). */
    'expire-order': { orderId: string };
    /** Safety net: expires every unpaid card order past its deadline (repeats every minute, and on boot). */
    'sweep-expired': Record<string, never>;
  };
  media: {
    /**
     * Ends a live session whose stream stayed away for the grace period (MEDIA_STREAM_GRACE_SECONDS) after its
     * publisher dropped, unless it came back; delayed, job id `stream-end-<sessionId>-<left at, ms>`. Run by the media app.
     */
    'stream-end': { sessionId: string };
    /** Deletes recordings past RECORDING_RETENTION_DAYS (repeats hourly, and on boot). Run by the media app. */
    'sweep-recordings': Record<string, never>;
  };
  reconciliation: {
    /**
     * Checks the invariants of sales (credit, roll-ups, order and payment, stock) over the last days and repairs
     * what a lost message left undone; repeats every few minutes.
     */
    run: Record<string, never>;
  };
  assets: {
    /** Makes the renditions of one uploaded photo or document; job id `process-<assetId>` (idempotent). */
    process: { assetId: string };
    /**
     * Deletes abandoned uploads (their chunks) and assets nothing uses, and queues again the processing of assets
     * whose job Redis lost (repeats every five minutes, and on boot).
     */
    'sweep-uploads': Record<string, never>;
  };
  push: {
    /**
     * Sends one notification to one browser's push subscription (Web Push); job id
     * `push-<notificationId>-<subscriptionId>`. Retried with backoff on 429/5xx; a 404/410 prunes the subscription.
     */
    send: { notificationId: string; subscriptionId: string };
  };
  settlement: {
    /**
     * Follows one payout made through payOS: asks payOS to make it (idempotent by the entry's id), then where its
     * transfer stands; while not final, queues itself again later. Job id `payos-payout-<entryId>-<polls>`.
     */
    'payos-payout': { entryId: string; polls: number };
    /**
     * Follows one refund sent back through payOS's payout channel (the same steps as a payout); once paid, the refund
     * is recorded on the order. Job id `refund-payout-<payoutId>-<polls>`.
     */
    'refund-payout': { payoutId: string; polls: number };
    /**
     * Safety net: follows every payout and refund payout still pending after two minutes (repeats every five minutes,
     * and on boot).
     */
    'sweep-payos-payouts': Record<string, never>;
  };
  outbox: {
    /**
     * Delivers one committed outbox row to the subscribers of its topic; job id = the row id (dedup). `done` lists
     * the subscribers that already succeeded, so a retry calls only the ones that failed.
     */
    dispatch: { outboxId: string; topic: string; done?: string[] };
  };
}

export type QueueName = keyof QueuePayloads;
export type JobName<Q extends QueueName> = keyof QueuePayloads[Q] & string;
export type JobPayload<Q extends QueueName, J extends JobName<Q>> = QueuePayloads[Q][J];

export const QUEUE_JOBS: { [Q in QueueName]: readonly JobName<Q>[] } = {
  catalogue: ['certificate-expiry-scan'],
  campaigns: ['at-risk-scan'],
  live: ['session-reminder', 'deal-end', 'deal-open', 'sweep-deals'],
  orders: ['expire-order', 'sweep-expired'],
  media: ['stream-end', 'sweep-recordings'],
  reconciliation: ['run'],
  assets: ['process', 'sweep-uploads'],
  push: ['send'],
  settlement: ['payos-payout', 'refund-payout', 'sweep-payos-payouts'],
  outbox: ['dispatch'],
};

export const QUEUE_NAMES = Object.keys(QUEUE_JOBS) as QueueName[];

/** The queues the media app runs (it holds the recordings on its disk); the worker runs every other one. */
export const MEDIA_QUEUES: readonly QueueName[] = ['media'];
export const WORKER_QUEUES: readonly QueueName[] = QUEUE_NAMES.filter((q) => !MEDIA_QUEUES.includes(q));

/** Retries with exponential backoff; finished jobs are trimmed so Redis does not grow without bound. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 5_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
