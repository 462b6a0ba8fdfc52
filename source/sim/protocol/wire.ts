/** What a protocol handler answers, before it is written to the socket. */
export interface WireResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}
