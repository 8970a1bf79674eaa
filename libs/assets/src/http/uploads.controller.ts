import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthUser, Caller } from '@ocop/auth';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { IdParam } from '@ocop/http';
import { CommonError } from '@ocop/kernel';
import { UploadsService } from '../application/uploads.service';
import { AssetView, UploadView } from '../application/views';
import { ChunkQuery, CreateUploadRequest } from './dto/assets.request';
import { AssetResponse, UploadResponse } from './dto/assets.response';
import { readBody } from './read-body';

@ApiTags('uploads')
@ApiBearerAuth()
@Controller('uploads')
export class UploadsController {
  constructor(
    private readonly uploads: UploadsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Start a resumable upload: say what it is for, its name and its size' })
  @ApiCreatedResponse({ type: UploadResponse })
  create(@Caller() user: AuthUser, @Body() body: CreateUploadRequest): Promise<UploadView> {
    return this.uploads.create(user.id, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'How far an upload got (to resume at receivedBytes after a lost connection)' })
  @ApiOkResponse({ type: UploadResponse })
  get(@Caller() user: AuthUser, @Param() params: IdParam): Promise<UploadView> {
    return this.uploads.get(user.id, params.id);
  }

  @Put(':id/chunks')
  @ApiOperation({
    summary: 'Send one chunk (raw bytes) at an offset; a chunk already received is accepted again unchanged',
  })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: UploadResponse })
  async chunk(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Query() query: ChunkQuery,
    @Req() req: Request,
  ): Promise<UploadView> {
    if (!req.is('application/octet-stream')) {
      req.resume();
      throw new CommonError('UNSUPPORTED_MEDIA_TYPE', 'Send the chunk as application/octet-stream');
    }
    const bytes = await readBody(req, this.config.ASSETS_CHUNK_BYTES);
    return this.uploads.chunk(user.id, params.id, query.offset, bytes);
  }

  @Post(':id/complete')
  @HttpCode(202)
  @ApiOperation({ summary: 'Finish an upload: the file is checked and handed to the worker for processing' })
  @ApiAcceptedResponse({ type: AssetResponse })
  complete(@Caller() user: AuthUser, @Param() params: IdParam): Promise<AssetView> {
    return this.uploads.complete(user.id, params.id);
  }
}
