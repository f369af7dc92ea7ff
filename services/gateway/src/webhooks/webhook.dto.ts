import { PageRequest } from '@baton/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
} from 'class-validator';

/**
 * An absolute URL, by the WHATWG parser the sender uses: anything else is a 400 naming `url`.
 * Whether Baton may call it (scheme, credentials, private addresses: SSRF) is decided afterwards,
 * as a 422 WEBHOOK_TARGET_REFUSED.
 */
const IsAbsoluteUrl = () =>
  ValidateBy({
    name: 'isAbsoluteUrl',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && URL.canParse(value),
      defaultMessage: () => 'url must be an absolute URL, such as https://hooks.example.com/baton',
    },
  });

export class CreateWebhookEndpointRequest {
  @ApiProperty({
    description: 'where deliveries are POSTed (http or https; public addresses only unless allowed)',
    example: 'https://hooks.example.com/baton',
    format: 'uri',
    maxLength: 2048,
  })
  @IsString()
  @MaxLength(2048)
  @IsAbsoluteUrl()
  url: string;

  @ApiProperty({
    type: [String],
    description:
      'event types (see GET /webhooks/event-types), prefix wildcards such as `planning.project.*`, or `*`',
    example: ['planning.project.created', 'planning.project.updated'],
    minItems: 1,
    maxItems: 100,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  eventTypes: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateWebhookEndpointRequest {
  @ApiPropertyOptional({ format: 'uri', maxLength: 2048 })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @IsAbsoluteUrl()
  url?: string;

  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  eventTypes?: string[];

  @ApiPropertyOptional({ maxLength: 500, type: 'string', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ description: 'false pauses deliveries to this endpoint' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookEndpointResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: 'string', nullable: true }) description: string | null;
  @ApiProperty({ type: [String] }) eventTypes: string[];
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class WebhookEndpointWithSecret extends WebhookEndpointResponse {
  @ApiProperty({
    description:
      'the signing secret (Standard Webhooks: base64 after `whsec_`); shown only now, store it safely',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  })
  secret: string;
}

export class WebhookEndpointPage {
  @ApiProperty({ type: [WebhookEndpointResponse] }) items: WebhookEndpointResponse[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}

export const DeliveryStatuses = ['pending', 'succeeded', 'failed'] as const;

export class ListWebhookDeliveriesQuery extends PageRequest {
  @ApiPropertyOptional({ enum: DeliveryStatuses })
  @IsOptional()
  @IsIn(DeliveryStatuses)
  status?: (typeof DeliveryStatuses)[number];
}

export class WebhookAttemptResponse {
  @ApiProperty({ type: 'integer' }) attempt: number;
  @ApiProperty({ format: 'date-time' }) attemptedAt: string;
  @ApiProperty({ type: 'integer' }) durationMs: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: "the receiver's HTTP status; null when there was no answer",
  })
  statusCode: number | null;
  @ApiProperty({ type: 'string', nullable: true }) error: string | null;
}

export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid', description: 'also the `webhook-id` header the receiver saw' }) id: string;
  @ApiProperty({ format: 'uuid' }) endpointId: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'planning.project.created' }) eventType: string;
  @ApiProperty({ enum: DeliveryStatuses }) status: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) nextAttemptAt: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) lastStatusCode: number | null;
  @ApiProperty({ type: 'string', nullable: true }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiPropertyOptional({
    type: [WebhookAttemptResponse],
    description: 'every attempt (on GET of one delivery)',
  })
  attemptLog?: WebhookAttemptResponse[];
  @ApiPropertyOptional({
    description: 'the JSON body sent (on GET of one delivery)',
    type: 'object',
    additionalProperties: true,
  })
  payload?: unknown;
}

export class WebhookDeliveryPage {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) items: WebhookDeliveryResponse[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}

export class WebhookEventTypeList {
  @ApiProperty({ type: [String], example: ['planning.project.created'] }) items: string[];
}
