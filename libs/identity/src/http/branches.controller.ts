import { IdParam } from '@ocop/http';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, CurrentUser, Public, Roles } from '@ocop/auth';
import { AdminScopeService } from '../application/admin-scope.service';
import { BranchTreeService } from '../application/branch-tree.service';
import { MembershipsService } from '../application/memberships.service';
import {
  AncestryQuery,
  AssignAdminRequest,
  BranchAdminParam,
  CreateBranchRequest,
  MembersQuery,
  MergeBranchRequest,
  MoveBranchRequest,
  RenameBranchRequest,
  SearchBranchesQuery,
} from './dto/branch.request';
import {
  AdminAssignmentResponse,
  AncestryResponse,
  BranchResponse,
  BranchSearchResultResponse,
} from './dto/branch.response';
import { MembershipResponse } from './dto/membership.response';

/** The Youth Union tree. Writes and non-public reads are for admins, inside their own subtree only. */
@ApiTags('branches')
@Controller('branches')
export class BranchesController {
  constructor(
    private readonly tree: BranchTreeService,
    private readonly scope: AdminScopeService,
    private readonly memberships: MembershipsService,
  ) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: BranchResponse })
  create(@Caller() user: AuthUser, @Body() body: CreateBranchRequest): Promise<BranchResponse> {
    return this.tree.createBranch(user.id, body);
  }

  @Get()
  @Public()
  @ApiOkResponse({
    type: BranchSearchResultResponse,
    isArray: true,
    description:
      'Active branches whose name or code holds every word of q (diacritics ignored), shallowest first',
  })
  search(@Query() query: SearchBranchesQuery): Promise<BranchSearchResultResponse[]> {
    return this.tree.searchBranches(query.q, query.limit ?? 20);
  }

  @Get(':id')
  @Public()
  @ApiOkResponse({
    type: BranchResponse,
    description: 'Active branches are public; others only for admins in scope',
  })
  get(@CurrentUser() user: AuthUser | undefined, @Param() params: IdParam): Promise<BranchResponse> {
    return this.tree.readBranch(user?.id, params.id);
  }

  @Get(':id/subtree')
  @Roles('admin')
  @ApiOkResponse({
    type: BranchResponse,
    isArray: true,
    description: 'The branch and its current descendants',
  })
  subtree(@Caller() user: AuthUser, @Param() params: IdParam): Promise<BranchResponse[]> {
    return this.tree.subtree(user.id, params.id);
  }

  @Get(':id/ancestry')
  @Roles('admin')
  @ApiOkResponse({ type: AncestryResponse })
  ancestry(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Query() query: AncestryQuery,
  ): Promise<AncestryResponse> {
    return this.tree.ancestryView(user.id, params.id, query.at ? new Date(query.at) : undefined);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: BranchResponse })
  rename(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: RenameBranchRequest,
  ): Promise<BranchResponse> {
    return this.tree.rename(user.id, params.id, body.name);
  }

  @Post(':id/move')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: BranchResponse })
  move(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: MoveBranchRequest,
  ): Promise<BranchResponse> {
    return this.tree.move(user.id, params.id, body.parentId);
  }

  @Post(':id/merge')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: BranchResponse })
  merge(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: MergeBranchRequest,
  ): Promise<BranchResponse> {
    return this.tree.merge(user.id, params.id, body.intoId);
  }

  @Post(':id/close')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: BranchResponse })
  close(@Caller() user: AuthUser, @Param() params: IdParam): Promise<BranchResponse> {
    return this.tree.close(user.id, params.id);
  }

  @Get(':id/members')
  @Roles('admin')
  @ApiOkResponse({ type: MembershipResponse, isArray: true })
  members(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Query() query: MembersQuery,
  ): Promise<MembershipResponse[]> {
    return this.memberships.listMembers(user.id, params.id, query.status);
  }

  @Post(':id/admins')
  @Roles('admin')
  @ApiCreatedResponse({ type: AdminAssignmentResponse })
  assignAdmin(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: AssignAdminRequest,
  ): Promise<AdminAssignmentResponse> {
    return this.scope.assignAdmin(user.id, body.userId, params.id);
  }

  @Delete(':id/admins/:userId')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The admin assignment has ended and the admin role is removed' })
  async revokeAdmin(@Caller() user: AuthUser, @Param() params: BranchAdminParam): Promise<void> {
    await this.scope.revokeAdmin(user.id, params.userId, params.id);
  }
}
