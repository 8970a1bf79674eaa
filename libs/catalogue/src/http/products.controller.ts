import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, CurrentUser, Public } from '@ocop/auth';
import { Page } from '@ocop/kernel';
import { ProductBrowseService } from '../application/product-browse.service';
import { ProductsService } from '../application/products.service';
import { StockResult, StockService } from '../application/stock.service';
import { ProductView } from '../application/views';
import { IdParam } from '@ocop/http';
import { ProductPageResponse, ProductResponse, StockResponse } from './dto/catalogue.response';
import {
  BrowseProductsQuery,
  CreateProductRequest,
  StockAdjustmentRequest,
  UpdateProductRequest,
} from './dto/product.request';

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly browsing: ProductBrowseService,
    private readonly stock: StockService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Browse sellable products; q ignores Vietnamese diacritics' })
  @ApiOkResponse({ type: ProductPageResponse })
  browse(@Query() query: BrowseProductsQuery): Promise<Page<ProductView>> {
    return this.browsing.browse(query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A sellable product (its owner also sees it in any status)' })
  @ApiOkResponse({ type: ProductResponse })
  get(@Param() params: IdParam, @CurrentUser() user: AuthUser | undefined): Promise<ProductView> {
    return this.browsing.get(params.id, user?.id);
  }

  @Post()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create a draft product for my producer profile' })
  @ApiCreatedResponse({ type: ProductResponse })
  create(@Caller() user: AuthUser, @Body() body: CreateProductRequest): Promise<ProductView> {
    return this.products.create(user.id, body);
  }

  @Patch(':id')
  @ApiBearerAuth()
  @ApiOkResponse({ type: ProductResponse })
  update(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: UpdateProductRequest,
  ): Promise<ProductView> {
    return this.products.update(user.id, params.id, body);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Submit for certificate verification (draft or suspended)' })
  @ApiOkResponse({ type: ProductResponse })
  submit(@Caller() user: AuthUser, @Param() params: IdParam): Promise<ProductView> {
    return this.products.submit(user.id, params.id);
  }

  @Post(':id/stock-adjustments')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: StockResponse })
  adjust(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: StockAdjustmentRequest,
  ): Promise<StockResult> {
    return this.stock.adjust(user.id, params.id, body.delta, body.reason);
  }
}
