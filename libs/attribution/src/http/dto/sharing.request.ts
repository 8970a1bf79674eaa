import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { SHARE_CODE_RE } from '../../application/sharing-rules';

// Shapes only: unknown fields are refused by the global pipe; the service checks that at least one target is given
// and that a product shared inside a session is in its lineup.

export class CreateShareLinkRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'The live session (or its replay) to share' })
  @IsOptional()
  @IsUUID('all')
  sessionId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The product to share (in the session lineup, if both)',
  })
  @IsOptional()
  @IsUUID('all')
  productId?: string;
}

export class ShareCodeParam {
  @ApiProperty({ example: 'q3Zk9_aB-x1Y', description: '6 to 32 letters, digits, - or _' })
  @IsString()
  @Matches(SHARE_CODE_RE, { message: 'code must be 6 to 32 letters, digits, - or _' })
  code!: string;
}
