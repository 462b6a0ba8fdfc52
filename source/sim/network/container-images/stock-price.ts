import type { VirtualImage } from '../../runtime/index.js';
import { matchesBaseName } from '../../runtime/index.js';
import { serveSinatra } from './sinatra.js';

/**
 * The Consul demo's `stock-price` service (stocks.rb): GET /stock/:name answers
 * {symbol, name, price} as it built them from Yahoo Finance's CSV (now gone), here from canned
 * quotes; a symbol Yahoo did not know came back as N/A, and so it does here. GET /health: OK.
 */
const QUOTES: Record<string, [string, string]> = {
  AAPL: ['Apple Inc.', '118.88'],
  AMZN: ['Amazon.com, Inc.', '675.89'],
  CSCO: ['Cisco Systems, Inc.', '27.35'],
  FB: ['Facebook, Inc.', '104.66'],
  GOOG: ['Alphabet Inc.', '750.42'],
  IBM: ['International Business Machines', '138.46'],
  INTC: ['Intel Corporation', '34.64'],
  MSFT: ['Microsoft Corporation', '54.13'],
  NFLX: ['Netflix, Inc.', '114.38'],
  ORCL: ['Oracle Corporation', '36.94'],
};

export function quoteFor(symbol: string): string {
  const [name, price] = QUOTES[symbol.trim().toUpperCase()] ?? ['N/A', 'N/A'];
  return JSON.stringify({ symbol, name, price });
}

export const stockPriceImage: VirtualImage = {
  name: 'stock-price (Consul demo)',
  matches: matchesBaseName('stock-price'),
  async start(ctx) {
    return serveSinatra(ctx, [
      { path: '/stock/:name', handle: ({ name }) => quoteFor(name!) },
      { path: '/health', handle: () => 'OK' },
    ]);
  },
};
