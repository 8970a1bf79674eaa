import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Roles } from '@ocop/auth';
import { MembershipsService } from '../application/memberships.service';
import { IdParam } from '@ocop/http';
import { MembershipResponse } from './dto/membership.response';

/** Admin decisions on memberships of branches inside the admin's subtree. */
@ApiTags('memberships')
@Controller('memberships')
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Post(':id/approve')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({
    type: MembershipResponse,
    description: 'Active; the user is a streamer of the branch from now',
  })
  approve(@Caller() user: AuthUser, @Param() params: IdParam): Promise<MembershipResponse> {
    return this.memberships.approveMembership(user.id, params.id);
  }

  @Post(':id/reject')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: MembershipResponse })
  reject(@Caller() user: AuthUser, @Param() params: IdParam): Promise<MembershipResponse> {
    return this.memberships.rejectMembership(user.id, params.id);
  }

  @Post(':id/end')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: MembershipResponse })
  end(@Caller() user: AuthUser, @Param() params: IdParam): Promise<MembershipResponse> {
    return this.memberships.endMembership(user.id, params.id);
  }
}
