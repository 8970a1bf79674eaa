import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@ocop/http';
import { SESSION_STATUSES, SessionStatus } from '../../domain';

export class MySessionsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: SESSION_STATUSES,
    description: 'Only sessions in this status; all statuses by default',
  })
  @IsOptional()
  @IsIn(SESSION_STATUSES)
  status?: SessionStatus;
}
