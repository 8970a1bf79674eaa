import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller } from '@ocop/auth';
import { IdParam } from '@ocop/http';
import { ProductMediaService } from '../application/product-media.service';
import { ProducerView, ProductView } from '../application/views';
import { ProducerResponse, ProductResponse } from './dto/catalogue.response';
import { AssetIdRequest, ProductPhotosRequest } from './dto/media.request';

/** A farmer attaches uploaded pictures to their own products and producer profile. */
@ApiTags('farmer: media')
@ApiBearerAuth()
@Controller('farmer')
export class FarmerMediaController {
  constructor(private readonly media: ProductMediaService) {}

  @Put('products/:id/photos')
  @ApiOperation({ summary: "Set a product's photos (1-8, in display order; the first is the cover)" })
  @ApiOkResponse({ type: ProductResponse })
  photos(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: ProductPhotosRequest,
  ): Promise<ProductView> {
    return this.media.setPhotos(user.id, params.id, body.assetIds);
  }

  @Put('products/:id/certificate-document')
  @ApiOperation({ summary: "Attach the scan or PDF of the product's OCOP recognition decision" })
  @ApiOkResponse({ type: ProductResponse })
  certificateDocument(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: AssetIdRequest,
  ): Promise<ProductView> {
    return this.media.setCertificateDocument(user.id, params.id, body.assetId);
  }

  @Put('producer/logo')
  @ApiOperation({ summary: "Set my producer profile's logo" })
  @ApiOkResponse({ type: ProducerResponse })
  logo(@Caller() user: AuthUser, @Body() body: AssetIdRequest): Promise<ProducerView> {
    return this.media.setLogo(user.id, body.assetId);
  }
}
