import { ApiProperty } from '@nestjs/swagger';

export class ReferralCodeResponse {
  @ApiProperty({ example: 'LAN7K2Q', description: 'Typed by buyers at checkout; 7 letters and digits' })
  code!: string;
}

export class ShareLinkResponse {
  @ApiProperty() code!: string;
  @ApiProperty({ example: '/s/q3Zk9_aB-x1Y', description: "The browser app's path for the link" })
  url!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) productId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ShareLinkPageResponse {
  @ApiProperty({ type: [ShareLinkResponse] }) items!: ShareLinkResponse[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class SharedLinkResponse {
  @ApiProperty() code!: string;
  @ApiProperty({ example: 'Lan', description: "The streamer's given name" }) streamerFirstName!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) productId!: string | null;
}
