import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Roles } from '@ocop/auth';
import { IdParam } from '@ocop/http';
import { TransferReviewsService } from '../application/transfer-reviews.service';
import {
  HeldTransferDecisionResponse,
  HeldTransferListResponse,
  RefundHeldTransferRequest,
  ReinstateHeldTransferRequest,
} from './transfer-reviews.dto';

/**
 * VietQR transfers held for review (a wrong amount, a transfer after the order expired, extra money on a paid order):
 * an admin refunds or reinstates each, once. Only transfers whose orders are all in the admin's subtree exist for them.
 */
@ApiTags('admin transfers')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/transfers')
export class AdminTransfersController {
  constructor(private readonly reviews: TransferReviewsService) {}

  @Get()
  @ApiOperation({
    summary: "Transfers awaiting review whose orders are in the caller's subtree, oldest first",
  })
  @ApiOkResponse({ type: HeldTransferListResponse })
  async list(@Caller() user: AuthUser): Promise<HeldTransferListResponse> {
    return { items: await this.reviews.list(user.id) };
  }

  @Post(':id/refund')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record that the transfer went back to the payer (its bank reference; the amount received unless told): orders still awaiting payment are cancelled',
  })
  @ApiOkResponse({ type: HeldTransferDecisionResponse })
  refund(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: RefundHeldTransferRequest,
  ): Promise<HeldTransferDecisionResponse> {
    return this.reviews.decide(user.id, params.id, { decision: 'refund', ...body });
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Accept the transfer as the payment (exactly the amount due): the orders are confirmed, an expired one taking its stock again',
  })
  @ApiOkResponse({ type: HeldTransferDecisionResponse })
  reinstate(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: ReinstateHeldTransferRequest,
  ): Promise<HeldTransferDecisionResponse> {
    return this.reviews.decide(user.id, params.id, { decision: 'reinstate', ...body });
  }
}
