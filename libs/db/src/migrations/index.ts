import { MigrationInterface } from 'typeorm';
import { Identity1764000000000 } from './1764000000000-identity';
import { Catalogue1764000100000 } from './1764000100000-catalogue';
import { Live1764000200000 } from './1764000200000-live';
import { Chat1764000300000 } from './1764000300000-chat';
import { Outbox1764000400000 } from './1764000400000-outbox';
import { Payments1764000500000 } from './1764000500000-payments';
import { Orders1764000600000 } from './1764000600000-orders';
import { FlashDeals1764000700000 } from './1764000700000-flash-deals';
import { OrderLinesDeals1764000750000 } from './1764000750000-order-lines-deals';
import { Attribution1764000800000 } from './1764000800000-attribution';
import { PaymentEventOrder1764000900000 } from './1764000900000-payment-event-order';
import { LiveVideo1764001000000 } from './1764001000000-live-video';
import { SavedAddresses1764001100000 } from './1764001100000-saved-addresses';
import { OutboxAcknowledged1765000100000 } from './1765000100000-outbox-acknowledged';
import { Reconciliation1765000101000 } from './1765000101000-reconciliation';
import { NormalisedEmails1765000200000 } from './1765000200000-normalised-emails';
import { AccessTokenVersions1765000300000 } from './1765000300000-access-token-versions';
import { Assets1765000500000 } from './1765000500000-assets';
import { StreamFrames1765000600000 } from './1765000600000-stream-frames';
import { CartCheckout1765001000000 } from './1765001000000-cart-checkout';
import { FollowsAndPush1765001100000 } from './1765001100000-follows-and-push';
import { SessionExclusions1765001300000 } from './1765001300000-session-exclusions';
import { Vietqr1765002000000 } from './1765002000000-vietqr';
import { CodGuardRails1765003000000 } from './1765003000000-cod-guard-rails';
import { RecordedRefunds1765003100000 } from './1765003100000-recorded-refunds';
import { SettlementLedger1765003200000 } from './1765003200000-settlement-ledger';
import { PayosPayouts1765003300000 } from './1765003300000-payos-payouts';
import { Campaigns1765004000000 } from './1765004000000-campaigns';
import { TransferReviews1765004500000 } from './1765004500000-transfer-reviews';
import { CampaignCoverage1765005000000 } from './1765005000000-campaign-coverage';
import { PayosRefundProvider1765005200000 } from './1765005200000-payos-refund-provider';
import { RefundPayouts1765005100000 } from './1765005100000-refund-payouts';

/**
 * Every migration, in the order it must run. Each file holds plain SQL, imports nothing from the contexts, and
 * is never edited once it has landed on main: a change to the schema is a new migration.
 */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Identity1764000000000,
  Catalogue1764000100000,
  Live1764000200000,
  Chat1764000300000,
  Outbox1764000400000,
  Payments1764000500000,
  Orders1764000600000,
  FlashDeals1764000700000,
  OrderLinesDeals1764000750000,
  Attribution1764000800000,
  PaymentEventOrder1764000900000,
  LiveVideo1764001000000,
  SavedAddresses1764001100000,
  OutboxAcknowledged1765000100000,
  Reconciliation1765000101000,
  NormalisedEmails1765000200000,
  AccessTokenVersions1765000300000,
  Assets1765000500000,
  StreamFrames1765000600000,
  CartCheckout1765001000000,
  FollowsAndPush1765001100000,
  SessionExclusions1765001300000,
  Vietqr1765002000000,
  CodGuardRails1765003000000,
  RecordedRefunds1765003100000,
  SettlementLedger1765003200000,
  PayosPayouts1765003300000,
  Campaigns1765004000000,
  TransferReviews1765004500000,
  CampaignCoverage1765005000000,
  RefundPayouts1765005100000,
  PayosRefundProvider1765005200000,
];
