import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Roles } from '@ocop/auth';
import { Page } from '@ocop/kernel';
import { ProductReviewService } from '../application/product-review.service';
import { ProductView } from '../application/views';
import { IdParam } from '@ocop/http';
import { ProductPageResponse, ProductResponse } from './dto/catalogue.response';
import { AdminProductsQuery, ReasonRequest } from './dto/product.request';

/** Certificate verification by Youth Union admins, limited to products of producers in their own subtree. */
@ApiTags('admin: products')
@Controller('admin/products')
@Roles('admin')
export class AdminProductsController {
  constructor(private readonly review: ProductReviewService) {}

  @Get()
  @ApiOperation({ summary: 'Products of producers in my subtree, e.g. ?status=pending_verification' })
  @ApiOkResponse({ type: ProductPageResponse })
  list(@Caller() user: AuthUser, @Query() query: AdminProductsQuery): Promise<Page<ProductView>> {
    return this.review.list(user.id, query.status, { page: query.page, pageSize: query.pageSize });
  }

  @Get(':id')
  @ApiOkResponse({ type: ProductResponse })
  get(@Caller() user: AuthUser, @Param() params: IdParam): Promise<ProductView> {
    return this.review.get(user.id, params.id);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: ProductResponse })
  verify(@Caller() user: AuthUser, @Param() params: IdParam): Promise<ProductView> {
    return this.review.verify(user.id, params.id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a pending product back to draft with a reason' })
  @ApiOkResponse({ type: ProductResponse })
  reject(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: ReasonRequest,
  ): Promise<ProductView> {
    return this.review.reject(user.id, params.id, body.reason);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOkResponse({ type: ProductResponse })
  suspend(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: ReasonRequest,
  ): Promise<ProductView> {
    return this.review.suspend(user.id, params.id, body.reason);
  }
}
