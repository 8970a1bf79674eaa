import { ApiProperty } from '@nestjs/swagger';
import { SessionResponse } from './live.response';

export class SellingSessionResponse extends SessionResponse {
  @ApiProperty({ description: 'The host shows the product right now (pinned in the live room)' })
  pinnedNow!: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'For a replay: until when a purchase from it is credited to the session (7 days after its end)',
  })
  replaySellsUntil!: string | null;
}

export class ProductSessionsResponse {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({
    type: [SellingSessionResponse],
    description: 'Live sessions whose lineup has the product; those showing it now first',
  })
  liveNow!: SellingSessionResponse[];
  @ApiProperty({
    type: SellingSessionResponse,
    nullable: true,
    description: 'The next scheduled session whose lineup has the product',
  })
  nextSession!: SellingSessionResponse | null;
  @ApiProperty({
    type: [SellingSessionResponse],
    description:
      'Ended sessions whose replay still sells the product (within 7 days of the end), latest first',
  })
  replays!: SellingSessionResponse[];
}

export class ProducerSessionsResponse {
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty({ type: [SessionResponse] }) live!: SessionResponse[];
  @ApiProperty({ type: [SessionResponse], description: 'Soonest first' }) upcoming!: SessionResponse[];
  @ApiProperty({ type: [SessionResponse], description: 'Latest first' }) replays!: SessionResponse[];
}
