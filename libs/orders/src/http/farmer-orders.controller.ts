import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Roles } from '@ocop/auth';
import { IdParam } from '@ocop/http';
import { Page } from '@ocop/kernel';
import { OrderActionsService } from '../application/order-actions.service';
import { OrderView } from '../application/views';
import { DeliverOrderRequest, FarmerOrdersQuery } from './checkout.request';
import { OrderPageResponse, OrderResponse } from './orders.response';

/** The farmer fulfils their producer's orders: confirm, ship, deliver (COD: with the cash collected), take back. */
@ApiTags('farmer orders')
@ApiBearerAuth()
@Roles('farmer')
@Controller('farmer/orders')
export class FarmerOrdersController {
  constructor(private readonly actions: OrderActionsService) {}

  @Get()
  @ApiOperation({ summary: "The orders of the caller's producer, newest first, optionally of one status" })
  @ApiOkResponse({ type: OrderPageResponse })
  list(@Caller() user: AuthUser, @Query() query: FarmerOrdersQuery): Promise<Page<OrderView>> {
    return this.actions.listForFarmer(user.id, query, query.status ?? null);
  }

  @Get(':id')
  @ApiOperation({ summary: "One order of the caller's producer (404 for any other)" })
  @ApiOkResponse({ type: OrderResponse })
  get(@Caller() user: AuthUser, @Param() params: IdParam): Promise<OrderView> {
    return this.actions.getForFarmer(user.id, params.id);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm a cash-on-delivery order left pending' })
  @ApiOkResponse({ type: OrderResponse })
  confirm(@Caller() user: AuthUser, @Param() params: IdParam): Promise<OrderView> {
    return this.actions.byFarmer(user.id, params.id, 'confirm');
  }

  @Post(':id/ship')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hand a confirmed order to the courier' })
  @ApiOkResponse({ type: OrderResponse })
  ship(@Caller() user: AuthUser, @Param() params: IdParam): Promise<OrderView> {
    return this.actions.byFarmer(user.id, params.id, 'ship');
  }

  @Post(':id/deliver')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record delivery. Cash on delivery: cashCollectedVnd is required and must equal the total; the order is then settled',
  })
  @ApiOkResponse({ type: OrderResponse })
  deliver(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: DeliverOrderRequest,
  ): Promise<OrderView> {
    return this.actions.deliver(user.id, params.id, body.cashCollectedVnd);
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the return of a delivered order: it is refunded in full' })
  @ApiOkResponse({ type: OrderResponse })
  takeBack(@Caller() user: AuthUser, @Param() params: IdParam): Promise<OrderView> {
    return this.actions.byFarmer(user.id, params.id, 'return');
  }
}
