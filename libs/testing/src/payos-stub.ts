import path from 'node:path';

/** A payOS webhook body as payOS posts it. */
export interface PayosWebhookBody {
  code: string;
  desc: string;
  success: boolean;
  data: Record<string, unknown> & { orderCode: number; amount: number; reference: string };
  signature: string;
}

export interface PayosStubLink {
  id: string;
  orderCode: number;
  amount: number;
  amountPaid: number;
  description: string;
  status: 'PENDING' | 'PAID' | 'UNDERPAID' | 'CANCELLED';
  expiredAt: number | null;
  cancellationReason: string | null;
}

export type PayosStubTransferState =
  | 'RECEIVED'
  | 'PROCESSING'
  | 'CANCELLED'
  | 'SUCCEEDED'
  | 'ON_HOLD'
  | 'REVERSED'
  | 'FAILED';

/** A payout as the stub's payout channel holds it (payOS's Payout, one transfer). */
export interface PayosStubPayout {
  id: string;
  referenceId: string;
  approvalState: string;
  transactions: {
    amount: number;
    toBin: string;
    toAccountNumber: string;
    reference: string | null;
    errorCode: string | null;
    state: PayosStubTransferState;
  }[];
}

/** The account a simulated transfer comes from (payOS's counterAccount* fields). */
export interface PayosStubPayer {
  bankId?: string;
  bankName?: string;
  name?: string;
  number?: string;
}

export interface PayosStub {
  url: string;
  links: Map<number, PayosStubLink>;
  /** Payouts made through the payout channel, by payOS's id. */
  payouts: Map<string, PayosStubPayout>;
  /** Moves a payout's transfer (by payOS's id or our reference id) to `state`, as payOS's bank would. */
  settlePayout(
    idOrReferenceId: string,
    state: PayosStubTransferState,
    detail?: { reference?: string; errorCode?: string; errorMessage?: string },
  ): PayosStubPayout;
  /** While set, payout creates are refused with it, as payOS refuses an account it cannot pay. */
  refusePayouts(refusal: { status?: number; code: string; desc: string } | null): void;
  requests: { method: string; path: string; status: number }[];
  deliveries: { orderCode: number; status: number; response: string }[];
  /** While set, API requests whose "METHOD /path" matches are answered 503. */
  setOutage(pattern: RegExp | null): void;
  setWebhookUrl(url: string): void;
  /** The simulated bank pays the link (its remaining amount unless told) and posts payOS's signed webhook. */
  pay(
    orderCode: number,
    overrides?: { amount?: number; reference?: string; at?: Date; payer?: PayosStubPayer | null },
  ): Promise<{ body: PayosWebhookBody; status: number; response: string }>;
  /**
   * A webhook for a transfer into the link, signed with the checksum key (or `checksumKey`), not delivered. The
   * payer's account is the simulated buyer's at VietinBank (BIN 970415) unless `payer` says otherwise (null: none).
   */
  webhookFor(
    orderCode: number,
    overrides?: {
      amount?: number;
      reference?: string;
      at?: Date;
      checksumKey?: string;
      signature?: string;
      payer?: PayosStubPayer | null;
    },
  ): PayosWebhookBody;
  signData(data: Record<string, unknown>): string;
  close(): Promise<void>;
}

interface PayosStubModule {
  startPayosStub(options: {
    clientId: string;
    apiKey: string;
    checksumKey: string;
    webhookUrl?: string;
    port?: number;
    publicUrl?: string;
    payoutClientId?: string;
    payoutApiKey?: string;
    payoutChecksumKey?: string;
  }): Promise<PayosStub>;
}

/** Keys for tests: the app and the stub are configured with the same ones. */
export const PAYOS_TEST_KEYS = {
  PAYOS_CLIENT_ID: 'test-client-ocop',
  PAYOS_API_KEY: 'test-api-key-ocop',
  PAYOS_CHECKSUM_KEY: 'test_checksum_key_ocop_0123456789abcdef',
} as const;

/** Keys of payOS's payout channel for tests (apart from the payment channel's, as payOS issues them). */
export const PAYOS_PAYOUT_TEST_KEYS = {
  PAYOS_PAYOUT_CLIENT_ID: 'test-payout-client-ocop',
  PAYOS_PAYOUT_API_KEY: 'test-payout-api-key-ocop',
  PAYOS_PAYOUT_CHECKSUM_KEY: 'test_payout_checksum_key_ocop_fedcba9876543210',
} as const;

/**
 * The local payOS stub of the demo (scripts/lib/payos-stub.cjs, plain JavaScript so that `npm run demo` runs it
 * without a build), started for a test with the test keys.
 */
export function startPayosStub(options: { webhookUrl?: string } = {}): Promise<PayosStub> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stub = require(path.resolve(__dirname, '../../../scripts/lib/payos-stub.cjs')) as PayosStubModule;
  return stub.startPayosStub({
    clientId: PAYOS_TEST_KEYS.PAYOS_CLIENT_ID,
    apiKey: PAYOS_TEST_KEYS.PAYOS_API_KEY,
    checksumKey: PAYOS_TEST_KEYS.PAYOS_CHECKSUM_KEY,
    payoutClientId: PAYOS_PAYOUT_TEST_KEYS.PAYOS_PAYOUT_CLIENT_ID,
    payoutApiKey: PAYOS_PAYOUT_TEST_KEYS.PAYOS_PAYOUT_API_KEY,
    payoutChecksumKey: PAYOS_PAYOUT_TEST_KEYS.PAYOS_PAYOUT_CHECKSUM_KEY,
    ...options,
  });
}
