import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, Caller } from '@ocop/auth';
import { IdParam } from '@ocop/http';
import { SavedAddressesService, SavedAddressView } from '../application/saved-addresses.service';
import { addressInput } from './checkout.request';
import { EditAddressRequest, SaveAddressRequest } from './saved-address.request';
import { SavedAddressResponse } from './saved-address.response';

/** The caller's address book, offered by the checkout sheet. Another user's address answers 404. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me/addresses')
export class SavedAddressesController {
  constructor(private readonly addresses: SavedAddressesService) {}

  @Get()
  @ApiOperation({ summary: 'My saved delivery addresses, the default first, then the newest' })
  @ApiOkResponse({ type: [SavedAddressResponse] })
  list(@Caller() user: AuthUser): Promise<SavedAddressView[]> {
    return this.addresses.list(user.id);
  }

  @Post()
  @ApiOperation({
    summary:
      'Save a delivery address (at most 10: SAVED_ADDRESS_LIMIT_REACHED, 409); invalid fields: ADDRESS_INVALID with details.fields',
  })
  @ApiCreatedResponse({ type: SavedAddressResponse })
  add(@Caller() user: AuthUser, @Body() body: SaveAddressRequest): Promise<SavedAddressView> {
    const { isDefault, ...address } = body;
    return this.addresses.add(user.id, addressInput(address), isDefault);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Edit a saved address or make it the default (isDefault: false on the default: DEFAULT_ADDRESS_REQUIRED, 409)',
  })
  @ApiOkResponse({ type: SavedAddressResponse })
  edit(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: EditAddressRequest,
  ): Promise<SavedAddressView> {
    const { isDefault, ...address } = body;
    return this.addresses.edit(user.id, params.id, addressInput(address), isDefault);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a saved address; when it was the default, the newest remaining one becomes it',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@Caller() user: AuthUser, @Param() params: IdParam): Promise<void> {
    await this.addresses.remove(user.id, params.id);
  }
}
