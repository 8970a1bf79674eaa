import { Body, Controller, Get, Header, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Public, Roles } from '@ocop/auth';
import { Ward, wardsOfProvince } from '@ocop/kernel';
import { CheckoutQuoteView, ShippingRateView, ShippingService } from '../application/shipping.service';
import { OrderError } from '../domain';
import {
  CheckoutQuoteRequest,
  CheckoutQuoteResponse,
  ProvinceCodeParam,
  ShippingRateRequest,
  ShippingRateResponse,
  WardResponse,
} from './shipping.dto';

/** The farmer's shipping fee: flat per order, or free from an order amount. */
@ApiTags('farmer shipping')
@ApiBearerAuth()
@Roles('farmer')
@Controller('farmer/shipping')
export class FarmerShippingController {
  constructor(private readonly shipping: ShippingService) {}

  @Get()
  @ApiOperation({ summary: "The caller's producer's shipping fee (flat 0: free shipping, the default)" })
  @ApiOkResponse({ type: ShippingRateResponse })
  get(@Caller() user: AuthUser): Promise<ShippingRateView> {
    return this.shipping.rateOfFarmer(user.id);
  }

  @Put()
  @ApiOperation({
    summary: "Set the caller's producer's shipping fee (400 SHIPPING_RATE_INVALID when out of range)",
  })
  @ApiOkResponse({ type: ShippingRateResponse })
  set(@Caller() user: AuthUser, @Body() body: ShippingRateRequest): Promise<ShippingRateView> {
    return this.shipping.setRateOfFarmer(user.id, body);
  }
}

/** What a checkout would cost before the buyer confirms: one order per producer, each with its shipping fee. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('checkouts')
export class CheckoutQuoteController {
  constructor(private readonly shipping: ShippingService) {}

  @Post('quote')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Price a would-be checkout: each producer's goods, shipping fee and total, and the grand total the courier collects",
  })
  @ApiOkResponse({ type: CheckoutQuoteResponse })
  quote(@Body() body: CheckoutQuoteRequest): Promise<CheckoutQuoteView> {
    return this.shipping.quote(body);
  }
}

/** The communes and wards of a province since 1 July 2025, for the address picker (small, cacheable lists). */
@ApiTags('provinces')
@Controller('provinces')
export class WardsController {
  @Get(':code/wards')
  @Public()
  @Header('Cache-Control', 'public, max-age=86400')
  @ApiOperation({ summary: "A province's communes, wards and special zones in force since 1 July 2025" })
  @ApiOkResponse({ type: WardResponse, isArray: true })
  wards(@Param() params: ProvinceCodeParam): readonly Ward[] {
    const wards = wardsOfProvince(params.code);
    if (!wards) throw new OrderError('ADDRESS_INVALID', 'No such province', { province: params.code });
    return wards;
  }
}
