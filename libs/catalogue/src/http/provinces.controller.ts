import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@ocop/auth';
import { Province, PROVINCES } from '@ocop/kernel';
import { ProvinceResponse } from './dto/catalogue.response';

/** The 34 provinces and centrally-run cities since the 2025 merger: for address forms and location filters. */
@ApiTags('provinces')
@Controller('provinces')
export class ProvincesController {
  @Get()
  @Public()
  @Header('Cache-Control', 'public, max-age=86400')
  @ApiOkResponse({
    type: ProvinceResponse,
    isArray: true,
    description: 'In the official order, north to south',
  })
  list(): readonly Province[] {
    return PROVINCES;
  }
}
