/** An upload completed: its original is stored and its asset waits for processing in the worker. */
export interface AssetUploadedPayload {
  assetId: string;
}

declare module '@ocop/db' {
  interface OutboxTopics {
    'assets.uploaded': AssetUploadedPayload;
  }
}
