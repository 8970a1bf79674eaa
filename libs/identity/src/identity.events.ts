/** Why a user's access was revoked, as their sockets are told just before they are disconnected. */
export type AccessRevokedReason = 'signed_out_everywhere' | 'access_changed';

declare module '@ocop/realtime' {
  interface ServerToClientEvents {
    /**
     * To rooms.user, right before the server closes that user's sockets: the access token they were opened with is
     * no longer accepted. The app refreshes (new roles) or finds itself signed out, then reconnects.
     */
    'auth:revoked': (event: { reason: AccessRevokedReason }) => void;
  }
}
