import { ApiProperty } from '@nestjs/swagger';
import { SessionResponse } from './live.response';

export const MY_SESSION_ROLES = ['host', 'cohost', 'moderator'] as const;

export class MySessionResponse extends SessionResponse {
  @ApiProperty({ enum: MY_SESSION_ROLES, description: "The caller's part in the session" })
  myRole!: (typeof MY_SESSION_ROLES)[number];
}

export class MySessionPageResponse {
  @ApiProperty({ type: [MySessionResponse] }) items!: MySessionResponse[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
