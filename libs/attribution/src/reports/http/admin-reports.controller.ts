import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Roles } from '@ocop/auth';
import { BranchTotalsService } from '../application/branch-totals.service';
import { branchTotalsCsv } from '../application/report-csv';
import { BranchTotalsView, LeaderboardView } from '../application/views';
import { BranchTotalsQuery, LeaderboardQuery } from './dto/reports.request';
import { BranchTotalsResponse, LeaderboardResponse } from './dto/reports.response';
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
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: BranchTotalsResponse })
  async branchTotals(
    @Caller() user: AuthUser,
    @Query() query: BranchTotalsQuery,
  ): Promise<BranchTotalsView | StreamableFile> {
    const view = await this.totals.branchTotals(user.id, query);
    return query.format === 'csv' ? attachment(branchTotalsCsv(view)) : view;
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
