import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Roles } from '@ocop/auth';
import { IdParam } from '@ocop/http';
import { OrderRefundsService } from '../application/order-refunds.service';
import { OrderView } from '../application/views';
import { RecordRefundRequest } from './checkout.request';
import { OrderResponse } from './orders.response';

/** Admins act on orders of producers in their subtree; any other order is unknown to them (404). */
@ApiTags('admin orders')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/orders')
export class AdminOrdersController {
  constructor(private readonly refunds: OrderRefundsService) {}

  @Post(':id/refund')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Record the bank transfer that refunded a paid online order of a producer in the caller's subtree (once; idempotent)",
  })
  @ApiOkResponse({ type: OrderResponse })
  refund(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: RecordRefundRequest,
  ): Promise<OrderView> {
    return this.refunds.recordByAdmin(user.id, params.id, body);
  }
}
