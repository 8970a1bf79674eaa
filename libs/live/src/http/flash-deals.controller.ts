import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Public } from '@ocop/auth';
import { IdParam } from '@ocop/http';
import { FlashDealsService } from '../application/flash-deals.service';
import { DealView } from '../application/views';
import { SessionDealParam, StartDealRequest } from './dto/deal.request';
import { DealResponse } from './dto/live.response';

/** Flash deals of one session: the host runs them, the room watches them (socket event deal:update). */
@ApiTags('deals')
@Controller('sessions')
export class FlashDealsController {
  constructor(private readonly deals: FlashDealsService) {}

  @Get(':id/deals')
  @Public()
  @ApiOperation({ summary: 'The flash deals of a session, running and past, newest first' })
  @ApiOkResponse({ type: [DealResponse] })
  list(@Param() params: IdParam): Promise<DealView[]> {
    return this.deals.list(params.id);
  }

  @Post(':id/deals')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "Start a flash deal on a lineup product of a live session (host or co-host); its quantity leaves the product's stock until it ends",
  })
  @ApiCreatedResponse({ type: DealResponse })
  start(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: StartDealRequest,
  ): Promise<DealView> {
    return this.deals.start(user.id, params.id, body);
  }

  @Post(':id/deals/:dealId/end')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End a flash deal early (host or co-host); unsold units go back to the product' })
  @ApiOkResponse({ type: DealResponse })
  end(@Caller() user: AuthUser, @Param() params: SessionDealParam): Promise<DealView> {
    return this.deals.end(user.id, params.id, params.dealId);
  }
}
