/**
 * The live sessions of the Hanoi demo: one on air when the demo starts (so two socket clients can watch its chat,
 * pins and viewer count move together) and two scheduled for later in the week. Pure data: hosts are streamer
 * emails (hanoi-users.ts), lineups and pins are product codes (hanoi-catalogue.ts) of active products.
 */
export interface SeedSession {
  /** Host and title identify the session: the seed skips one that its host already has with this title. */
  hostEmail: string;
  title: string;
  description: string;
  /** 'live': scheduled a moment ahead, then taken on air at once. 'scheduled': starts in `startsInDays`. */
  state: 'live' | 'scheduled';
  startsInDays: number;
  /** Product codes (e.g. P01-01), in lineup order. */
  lineup: string[];
  /** Lineup products pinned once the session is live (at most 3). */
  pinned: string[];
  /** Streamers appointed as moderators by the host. */
  moderatorEmails: string[];
}

export const SEED_SESSIONS: readonly SeedSession[] = [
  {
    hostEmail: 'streamer.battrang@ocop.example',
    title: 'Gốm Bát Tràng — phiên live cuối tuần',
    description:
      'Phạm Minh Anh dẫn khách xem lò gốm Bát Tràng: bình hút lộc, lọ hoa men hỏa biến, chuông gió và bát cơm men lam.',
    state: 'live',
    startsInDays: 0,
    lineup: ['P01-01', 'P01-03', 'P01-04', 'P02-01', 'P03-02', 'P03-03'],
    pinned: ['P01-01', 'P03-02'],
    moderatorEmails: ['streamer.hoankiem@ocop.example'],
  },
  {
    hostEmail: 'streamer.phuvinh@ocop.example',
    title: 'Mây tre đan Phú Vinh — từ sợi mây đến món quà',
    description: 'Nguyễn Thùy Linh giới thiệu giỏ, khay, đèn mây tre của làng nghề Phú Vinh, Chương Mỹ.',
    state: 'scheduled',
    startsInDays: 2,
    lineup: ['P06-01', 'P06-02', 'P06-03', 'P07-01', 'P07-02'],
    pinned: [],
    moderatorEmails: [],
  },
  {
    hostEmail: 'streamer.bavi@ocop.example',
    title: 'Chè và sữa Ba Vì — đặc sản vùng núi Tản',
    description: 'Kiều Đức Mạnh pha chè búp, hồng trà Ba Vì và giới thiệu sữa chua, bánh sữa Tản Lĩnh.',
    state: 'scheduled',
    startsInDays: 5,
    lineup: ['P15-01', 'P15-03', 'P16-01', 'P16-02'],
    pinned: [],
    moderatorEmails: [],
  },
];
