import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller } from '@ocop/auth';
import { MembershipsService } from '../application/memberships.service';
import { ProfileService } from '../application/profile.service';
import { ApplyForMembershipRequest } from './dto/membership.request';
import { MembershipResponse, ProfileResponse } from './dto/membership.response';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly profiles: ProfileService,
    private readonly memberships: MembershipsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: ProfileResponse })
  me(@Caller() user: AuthUser): Promise<ProfileResponse> {
    return this.profiles.profile(user.id);
  }

  @Post('memberships')
  @ApiCreatedResponse({ type: MembershipResponse, description: 'A pending application to join the branch' })
  apply(@Caller() user: AuthUser, @Body() body: ApplyForMembershipRequest): Promise<MembershipResponse> {
    return this.memberships.applyForMembership(user.id, body.branchId);
  }

  @Get('memberships')
  @ApiOkResponse({ type: MembershipResponse, isArray: true })
  history(@Caller() user: AuthUser): Promise<MembershipResponse[]> {
    return this.memberships.myMemberships(user.id);
  }
}
