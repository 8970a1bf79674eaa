import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { AuthUser, Caller, Roles } from '@ocop/auth';
import { FarmerSalesService } from '../application/farmer-sales.service';
import { farmerSalesCsv } from '../application/report-csv';
import { FarmerSalesView } from '../application/views';
import { FarmerSalesQuery } from './dto/reports.request';
import { FarmerSalesResponse } from './dto/reports.response';
import { attachment } from './export-file';

@ApiTags('reports')
@Controller('farmer')
export class FarmerSalesController {
  constructor(private readonly farmerSales: FarmerSalesService) {}

  @Get('sales')
  @Roles('farmer')
  @ApiOperation({
    summary:
      "Your own sales over a period, per product, session or branch (nobody else's: another farmer's product or " +
      'session matches nothing). `format=csv` answers the same rows as a CSV attachment',
  })
  @ApiExtraModels(FarmerSalesResponse)
  @ApiOkResponse({
    content: {
      'application/json': { schema: { $ref: getSchemaPath(FarmerSalesResponse) } },
      'text/csv': {
        schema: { type: 'string', description: 'format=csv: UTF-8 with a byte order mark, RFC 4180' },
      },
    },
  })
  async sales(
    @Caller() user: AuthUser,
    @Query() query: FarmerSalesQuery,
  ): Promise<FarmerSalesView | StreamableFile> {
    const view = await this.farmerSales.sales(user.id, query);
    return query.format === 'csv' ? attachment(farmerSalesCsv(view)) : view;
  }
}
