import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Roles } from '@ocop/auth';
import { AssignmentsService } from '../application/assignments.service';
import { CampaignsService } from '../application/campaigns.service';
import { CoverageService } from '../application/coverage.service';
import { reportCsv, reportHtml } from '../application/report-export';
import type {
  CampaignProductView,
  CampaignReportView,
  CampaignView,
  CoverageView,
  FarmerCampaignProductView,
  ProgressView,
  VolunteerView,
} from '../application/views';
import {
  AdoptBody,
  AssignBody,
  BranchTargetsBody,
  CampaignBranchParam,
  CampaignIdParam,
  CampaignProductParam,
  CreateCampaignBody,
  ProductsQuery,
  ProgressQuery,
  ReportQuery,
  ScopeQueryDto,
  TargetSelectionBody,
  UpdateCampaignBody,
} from './dto/campaigns.request';
import {
  AddedResponse,
  AdoptedResponse,
  AssignedResponse,
  BranchTargetsResponse,
  CampaignProductPageResponse,
  CampaignProductResponse,
  CampaignReportResponse,
  CampaignResponse,
  CoverageResponse,
  FarmerCampaignProductResponse,
  ProgressResponse,
  RemovedResponse,
  UnassignedResponse,
  VolunteerResponse,
} from './campaigns.response';

function file(
  body: string,
  type: string,
  filename: string,
  disposition: 'attachment' | 'inline',
): StreamableFile {
  const buffer = Buffer.from(body, 'utf8');
  return new StreamableFile(buffer, {
    type,
    disposition: `${disposition}; filename="${filename}"`,
    length: buffer.length,
  });
}

/**
 * Campaigns: an admin manages the campaigns their branch (or one above it) runs and their own subtree's part of
 * the others; a streamer sees their branch's pool; a farmer their products' participation. Anything else: 404.
 */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller()
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly assignments: AssignmentsService,
    private readonly coverage: CoverageService,
  ) {}

  @Get('campaigns')
  @Roles('admin', 'streamer')
  @ApiOperation({
    summary: 'Campaigns you take part in (as an admin or as a streamer), with your role in each',
  })
  @ApiOkResponse({ type: CampaignResponse, isArray: true })
  list(@Caller() user: AuthUser): Promise<CampaignView[]> {
    return this.campaigns.list(user.id);
  }

  @Post('campaigns')
  @Roles('admin')
  @ApiOperation({
    summary: 'Start a campaign run by a branch of your subtree, with target products by filters or by hand',
  })
  @ApiOkResponse({ type: CampaignResponse })
  create(@Caller() user: AuthUser, @Body() body: CreateCampaignBody): Promise<CampaignView> {
    return this.campaigns.create(user.id, body);
  }

  @Get('campaigns/:id')
  @Roles('admin', 'streamer')
  @ApiOkResponse({ type: CampaignResponse })
  get(@Caller() user: AuthUser, @Param() p: CampaignIdParam): Promise<CampaignView> {
    return this.campaigns.get(user.id, p.id);
  }

  @Patch('campaigns/:id')
  @Roles('admin')
  @ApiOkResponse({ type: CampaignResponse })
  update(
    @Caller() user: AuthUser,
    @Param() p: CampaignIdParam,
    @Body() body: UpdateCampaignBody,
  ): Promise<CampaignView> {
    return this.campaigns.update(user.id, p.id, body);
  }

  @Post('campaigns/:id/products')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add target products by filters and/or by hand (those already there stay as they are)',
  })
  @ApiOkResponse({ type: AddedResponse })
  addProducts(
    @Caller() user: AuthUser,
    @Param() p: CampaignIdParam,
    @Body() body: TargetSelectionBody,
  ): Promise<{ added: number }> {
    return this.campaigns.addProducts(user.id, p.id, body);
  }

  @Delete('campaigns/:id/products/:productId')
  @Roles('admin')
  @ApiOkResponse({ type: RemovedResponse })
  removeProduct(@Caller() user: AuthUser, @Param() p: CampaignProductParam): Promise<{ removed: boolean }> {
    return this.campaigns.removeProduct(user.id, p.id, p.productId);
  }

  @Put('campaigns/:id/targets/:branchId')
  @Roles('admin')
  @ApiOperation({
    summary: 'Targets of a branch of your part of the campaign: products, sessions, GMV, volunteers',
  })
  @ApiOkResponse({ type: BranchTargetsResponse })
  setTargets(@Caller() user: AuthUser, @Param() p: CampaignBranchParam, @Body() body: BranchTargetsBody) {
    return this.campaigns.setTargets(user.id, p.id, p.branchId, body);
  }

  @Post('campaigns/:id/assignments')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Assign target products to a branch of your subtree (and optionally one of its streamers)',
  })
  @ApiOkResponse({ type: AssignedResponse })
  assign(
    @Caller() user: AuthUser,
    @Param() p: CampaignIdParam,
    @Body() body: AssignBody,
  ): Promise<{ assigned: number }> {
    return this.assignments.assign(user.id, p.id, body);
  }

  @Delete('campaigns/:id/assignments/:productId')
  @Roles('admin')
  @ApiOkResponse({ type: UnassignedResponse })
  unassign(@Caller() user: AuthUser, @Param() p: CampaignProductParam): Promise<{ unassigned: boolean }> {
    return this.assignments.unassign(user.id, p.id, p.productId);
  }

  @Get('campaigns/:id/pool')
  @Roles('streamer')
  @ApiOperation({
    summary: "Your branch's pool: products nobody holds, your branch's without a streamer, and yours",
  })
  @ApiOkResponse({ type: CampaignProductResponse, isArray: true })
  pool(@Caller() user: AuthUser, @Param() p: CampaignIdParam): Promise<CampaignProductView[]> {
    return this.coverage.pool(user.id, p.id);
  }

  @Post('campaigns/:id/products/:productId/adopt')
  @Roles('streamer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Adopt a pool product into a session you host (409 CAMPAIGN_PRODUCT_TAKEN if someone was first)',
  })
  @ApiOkResponse({ type: AdoptedResponse })
  adopt(@Caller() user: AuthUser, @Param() p: CampaignProductParam, @Body() body: AdoptBody) {
    return this.assignments.adopt(user.id, p.id, p.productId, body.sessionId);
  }

  @Get('campaigns/:id/coverage')
  @Roles('admin')
  @ApiOperation({
    summary: 'Coverage of your part of the campaign: states, per branch (rolled up), per group and province',
  })
  @ApiOkResponse({ type: CoverageResponse })
  coverageOf(
    @Caller() user: AuthUser,
    @Param() p: CampaignIdParam,
    @Query() q: ScopeQueryDto,
  ): Promise<CoverageView> {
    return this.coverage.dashboard(user.id, p.id, q);
  }

  @Get('campaigns/:id/target-products')
  @Roles('admin')
  @ApiOperation({ summary: 'Target products with their state (filter by state or at risk), paginated' })
  @ApiOkResponse({ type: CampaignProductPageResponse })
  products(@Caller() user: AuthUser, @Param() p: CampaignIdParam, @Query() q: ProductsQuery) {
    return this.coverage.products(user.id, p.id, q);
  }

  @Get('campaigns/:id/progress')
  @Roles('admin')
  @ApiOperation({
    summary: 'Products streamed and sold, and GMV, day by day against a straight line to the target',
  })
  @ApiOkResponse({ type: ProgressResponse })
  progress(
    @Caller() user: AuthUser,
    @Param() p: CampaignIdParam,
    @Query() q: ProgressQuery,
  ): Promise<ProgressView> {
    return this.coverage.progress(user.id, p.id, q);
  }

  @Get('campaigns/:id/volunteers')
  @Roles('admin')
  @ApiOkResponse({ type: VolunteerResponse, isArray: true })
  volunteers(
    @Caller() user: AuthUser,
    @Param() p: CampaignIdParam,
    @Query() q: ScopeQueryDto,
  ): Promise<VolunteerView[]> {
    return this.coverage.volunteers(user.id, p.id, q);
  }

  @Get('campaigns/:id/report')
  @Roles('admin')
  @ApiOperation({
    summary: 'The report per period and branch: JSON, CSV, or a printable A4 page in Vietnamese (html)',
  })
  @ApiOkResponse({
    type: CampaignReportResponse,
    description: 'JSON by default; with format=csv a CSV file, with format=html a printable page',
  })
  async report(
    @Caller() user: AuthUser,
    @Param() p: CampaignIdParam,
    @Query() q: ReportQuery,
  ): Promise<CampaignReportView | StreamableFile> {
    const view = await this.coverage.report(user.id, p.id, q);
    const name = `campaign-report-${view.from}-${view.to}`;
    if (q.format === 'csv')
      return file(reportCsv(view), 'text/csv; charset=utf-8', `${name}.csv`, 'attachment');
    if (q.format === 'html')
      return file(reportHtml(view), 'text/html; charset=utf-8', `${name}.html`, 'inline');
    return view;
  }

  @Get('me/campaign-products')
  @Roles('farmer')
  @ApiOperation({ summary: "Your products' campaigns: the state of each and the sessions scheduled for it" })
  @ApiOkResponse({ type: FarmerCampaignProductResponse, isArray: true })
  mine(@Caller() user: AuthUser): Promise<FarmerCampaignProductView[]> {
    return this.coverage.forFarmer(user.id);
  }
}
