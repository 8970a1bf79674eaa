import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller } from '@ocop/auth';
import { IdParam } from '@ocop/http';
import { SessionSummaryService } from '../application/session-summary.service';
import { SessionSummaryView } from '../application/views';
import { SessionSummaryResponse } from './dto/reports.response';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('sessions')
export class SessionSummaryController {
  constructor(private readonly summaries: SessionSummaryService) {}

  @Get(':id/summary')
  @ApiOperation({
    summary:
      'The summary of a session: GMV, orders, unique buyers, viewers, conversion and per-product figures ' +
      '(host, co-hosts, and admins whose subtree holds its branch; 404 for anyone else)',
  })
  @ApiOkResponse({ type: SessionSummaryResponse })
  summary(@Caller() user: AuthUser, @Param() params: IdParam): Promise<SessionSummaryView> {
    return this.summaries.summary(user, params.id);
  }
}
