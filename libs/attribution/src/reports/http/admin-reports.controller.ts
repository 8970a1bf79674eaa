import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { AuthUser, Caller, Roles } from '@ocop/auth';
import { BranchTotalsService } from '../application/branch-totals.service';
import { branchTotalsCsv } from '../application/report-csv';
import { BranchTotalsView, BranchTrendView, LeaderboardView } from '../application/views';
import { BranchTotalsQuery, BranchTrendQuery, LeaderboardQuery } from './dto/reports.request';
import { BranchTotalsResponse, BranchTrendResponse, LeaderboardResponse } from './dto/reports.response';
import { attachment } from './export-file';

/** Admin reports, always inside the caller's own subtree: a branch outside it answers 404 BRANCH_NOT_FOUND. */
@ApiTags('reports')
@Controller('admin')
export class AdminReportsController {
  constructor(private readonly totals: BranchTotalsService) {}

  @Get('branch-totals')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Per-branch totals over a period (orders, items, placed and settled GMV): the branch and its current ' +
      'subtree, each with its own figures and its subtree roll-up along the paths stored at the time of sale. ' +
      '`format=csv` answers the same rows as a CSV attachment',
  })
  @ApiExtraModels(BranchTotalsResponse)
  @ApiOkResponse({
    content: {
      'application/json': { schema: { $ref: getSchemaPath(BranchTotalsResponse) } },
      'text/csv': {
        schema: { type: 'string', description: 'format=csv: UTF-8 with a byte order mark, RFC 4180' },
      },
    },
  })
  async branchTotals(
    @Caller() user: AuthUser,
    @Query() query: BranchTotalsQuery,
  ): Promise<BranchTotalsView | StreamableFile> {
    const view = await this.totals.branchTotals(user.id, query);
    return query.format === 'csv' ? attachment(branchTotalsCsv(view)) : view;
  }

  @Get('branch-trend')
  @Roles('admin')
  @ApiOperation({
    summary:
      'A branch of your subtree (default: your scope root) day by day over a period: its own figures and its ' +
      'subtree roll-up for every day, zeros for a day without sales',
  })
  @ApiOkResponse({ type: BranchTrendResponse })
  branchTrend(@Caller() user: AuthUser, @Query() query: BranchTrendQuery): Promise<BranchTrendView> {
    return this.totals.branchTrend(user.id, query);
  }

  @Get('leaderboard')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Branches or streamers of your subtree ranked by placed GMV over a period (ties: more orders first). ' +
      'Branches: each by what it sold itself, or the children of `parentId` with everything below them; ' +
      'streamers: sales credited inside your subtree',
  })
  @ApiOkResponse({ type: LeaderboardResponse })
  leaderboard(@Caller() user: AuthUser, @Query() query: LeaderboardQuery): Promise<LeaderboardView> {
    return this.totals.leaderboard(user.id, query);
  }
}
