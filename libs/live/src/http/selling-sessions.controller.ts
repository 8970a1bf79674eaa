import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@ocop/auth';
import { IdParam } from '@ocop/http';
import {
  ProducerSessionsView,
  ProductSessionsView,
  SellingSessionsService,
} from '../application/selling-sessions.service';
import { ProducerSessionsResponse, ProductSessionsResponse } from './dto/selling.response';

/** The product and producer pages' sessions: where a product sells now, next, and from a replay. */
@ApiTags('sessions')
@Controller()
export class SellingSessionsController {
  constructor(private readonly selling: SellingSessionsService) {}

  @Get('products/:id/sessions')
  @Public()
  @ApiOperation({
    summary:
      'Where a product sells: live sessions (those showing it now first), the next scheduled one, and replays still selling it',
  })
  @ApiOkResponse({ type: ProductSessionsResponse })
  product(@Param() params: IdParam): Promise<ProductSessionsView> {
    return this.selling.forProduct(params.id);
  }

  @Get('producers/:id/sessions')
  @Public()
  @ApiOperation({
    summary: "A producer's sessions (lineups with any of their products): live, upcoming, replays",
  })
  @ApiOkResponse({ type: ProducerSessionsResponse })
  producer(@Param() params: IdParam): Promise<ProducerSessionsView> {
    return this.selling.forProducer(params.id);
  }
}
