import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Public } from '@ocop/auth';
import { Page } from '@ocop/kernel';
import { NotificationView, ProducerView, ProductView } from '../application/views';
import { ProducersService } from '../application/producers.service';
import { ProductsService } from '../application/products.service';
import { IdParam, PageQuery } from '@ocop/http';
import { CreateProducerRequest, UpdateProducerRequest } from './dto/producer.request';
import {
  ProducerNotificationPageResponse,
  ProducerResponse,
  ProductPageResponse,
} from './dto/catalogue.response';

@ApiTags('producers')
@Controller('producers')
export class ProducersController {
  constructor(
    private readonly producers: ProducersService,
    private readonly products: ProductsService,
  ) {}

  @Post()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Create my producer profile (one per account); grants the farmer role — refresh the token',
  })
  @ApiCreatedResponse({ type: ProducerResponse })
  create(@Caller() user: AuthUser, @Body() body: CreateProducerRequest): Promise<ProducerView> {
    return this.producers.create(user.id, body);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: ProducerResponse })
  mine(@Caller() user: AuthUser): Promise<ProducerView> {
    return this.producers.getMine(user.id);
  }

  @Patch('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: ProducerResponse })
  update(@Caller() user: AuthUser, @Body() body: UpdateProducerRequest): Promise<ProducerView> {
    return this.producers.updateMine(user.id, body);
  }

  @Get('me/products')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'My products in every status, with certificate state' })
  @ApiOkResponse({ type: ProductPageResponse })
  myProducts(@Caller() user: AuthUser, @Query() query: PageQuery): Promise<Page<ProductView>> {
    return this.products.listMine(user.id, query);
  }

  @Get('me/notifications')
  @ApiBearerAuth()
  @ApiOkResponse({ type: ProducerNotificationPageResponse })
  notifications(@Caller() user: AuthUser, @Query() query: PageQuery): Promise<Page<NotificationView>> {
    return this.producers.notificationsOf(user.id, query);
  }

  @Get(':id')
  @Public()
  @ApiOkResponse({ type: ProducerResponse })
  get(@Param() params: IdParam): Promise<ProducerView> {
    return this.producers.getPublic(params.id);
  }
}
