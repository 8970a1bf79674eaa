import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Public } from '@ocop/auth';
import { IdParam } from '@ocop/http';
import { ChaptersService } from '../application/chapters.service';
import { PinsService } from '../application/pins.service';
import { StreamSettingsService } from '../application/stream-settings.service';
import { PinEvent, ReplayChapters, StreamSettings } from '../application/views';
import { ReplayChaptersResponse } from './dto/live.response';
import { PinEventResponse, StreamSettingsResponse } from './dto/stream.response';

@ApiTags('sessions')
@Controller('sessions')
export class StreamController {
  constructor(
    private readonly settings: StreamSettingsService,
    private readonly pins: PinsService,
    private readonly replayChapters: ChaptersService,
  ) {}

  @Get(':id/stream')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The RTMP server and secret stream key for OBS or a phone (host or co-host)' })
  @ApiOkResponse({ type: StreamSettingsResponse })
  stream(@Caller() user: AuthUser, @Param() params: IdParam): Promise<StreamSettings> {
    return this.settings.settings(user.id, params.id);
  }

  @Post(':id/stream-key/rotate')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A new stream key; the old one stops working at once (host or co-host)' })
  @ApiOkResponse({ type: StreamSettingsResponse })
  rotate(@Caller() user: AuthUser, @Param() params: IdParam): Promise<StreamSettings> {
    return this.settings.rotate(user.id, params.id);
  }

  @Get(':id/pin-history')
  @Public()
  @ApiOperation({
    summary: 'Every pin and unpin of the session in time, for the replay to show pins as they were',
  })
  @ApiOkResponse({ type: [PinEventResponse] })
  pinHistory(@Param() params: IdParam): Promise<PinEvent[]> {
    return this.pins.history(params.id);
  }

  @Get(':id/chapters')
  @Public()
  @ApiOperation({
    summary:
      "A replay's per-product chapters from the pin history: where in the recording the host showed each product",
  })
  @ApiOkResponse({ type: ReplayChaptersResponse })
  chapters(@Param() params: IdParam): Promise<ReplayChapters> {
    return this.replayChapters.chapters(params.id);
  }
}
