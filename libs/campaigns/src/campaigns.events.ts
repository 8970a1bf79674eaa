import type { AckCallback } from '@ocop/realtime';

/** The campaign dashboards' part of the socket.io contract: join a campaign you take part in as an admin. */
export interface CampaignChanged {
  campaignId: string;
  /** When the change was announced (ISO time); refetch the figures. */
  at: string;
}

export const campaignRooms = {
  campaign: (campaignId: string) => `campaign:${campaignId}`,
} as const;

declare module '@ocop/realtime' {
  interface ClientToServerEvents {
    'campaign:join': (payload: { campaignId: string }, ack: AckCallback<{ room: string }>) => void;
    'campaign:leave': (payload: { campaignId: string }, ack: AckCallback<{ left: boolean }>) => void;
  }
  interface ServerToClientEvents {
    /** A campaign's coverage moved (throttled per room): refetch. */
    'campaign:changed': (event: CampaignChanged) => void;
  }
}
