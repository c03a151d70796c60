/**
 * Wire shapes of the Cloud Files CDN management API (`cloudFilesCDN` endpoint, `/v1/<account>`).
 * @module
 */

/** One entry of `GET /v1/<account>?format=json`. */
export interface CdnContainerWire {
  name: string;
  cdn_enabled?: boolean | undefined;
  ttl?: number | undefined;
  log_retention?: boolean | undefined;
  cdn_uri?: string | undefined;
  cdn_ssl_uri?: string | undefined;
  cdn_streaming_uri?: string | undefined;
  cdn_ios_uri?: string | undefined;
}

/** Response headers of `HEAD /v1/<account>/<container>` (lower-case, as got delivers them). */
export const CDN_HEADERS = Object.freeze({
  enabled: 'x-cdn-enabled',
  uri: 'x-cdn-uri',
  sslUri: 'x-cdn-ssl-uri',
  streamingUri: 'x-cdn-streaming-uri',
  iosUri: 'x-cdn-ios-uri',
  ttl: 'x-ttl',
  logRetention: 'x-log-retention',
});

/** Smallest CDN TTL in seconds (15 minutes). */
export const CDN_MIN_TTL = 900;
/** Largest CDN TTL in seconds (one year, since August 2012). */
export const CDN_MAX_TTL = 31_536_000;
/** Rackspace's default CDN TTL in seconds (72 hours). */
export const CDN_DEFAULT_TTL = 259_200;
