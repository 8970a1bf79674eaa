import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Roles } from '@ocop/auth';
import { Page } from '@ocop/kernel';
import { MembershipReviewView, MembershipsService } from '../application/memberships.service';
import { AdminMembershipsQuery } from './dto/membership.request';
import { MembershipReviewPageResponse } from './dto/membership.response';

/** Streamer applications and memberships across the calling admin's whole subtree. */
@ApiTags('memberships')
@Controller('admin/memberships')
export class AdminMembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary:
      "Memberships of every branch in my subtree, with the applicant's contact and the branch's place in my tree; decide at POST /api/memberships/{id}/approve | reject",
  })
  @ApiOkResponse({ type: MembershipReviewPageResponse })
  list(@Caller() user: AuthUser, @Query() query: AdminMembershipsQuery): Promise<Page<MembershipReviewView>> {
    return this.memberships.listInAdminScope(user.id, query.status, query, query.branchId);
  }
}
