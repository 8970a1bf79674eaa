/** The settlement context's outbox topics. */
declare module '@ocop/db' {
  interface OutboxTopics {
    /**
     * A payout through payOS was opened (its entry holds the amount against the balance): the worker makes sure payOS
     * has it (create is idempotent by the entry's id) and follows it until payOS answers a final state.
     */
    'settlement.payos-payout-opened': { entryId: string; producerId: string };
    /**
     * A refund of a VietQR order through payOS's payout channel was opened: the worker makes sure payOS has it and
     * follows it until final (paid: the refund is recorded on the order).
     */
    'settlement.refund-payout-opened': { payoutId: string; orderId: string };
  }
}

export {};
