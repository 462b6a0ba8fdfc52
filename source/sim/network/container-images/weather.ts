import type { VirtualImage } from '../../runtime/index.js';
import { matchesBaseName } from '../../runtime/index.js';
import { serveSinatra } from './sinatra.js';

/**
 * The Consul demo's `weather` service (weather.rb): GET /weather/:city answers
 * {city, country, temp, format} as it built it from OpenWeatherMap, here from canned
 * readings; TEMP_SCALE=F gives Fahrenheit. A city the canned data does not know gets the
 * empty answer the original gave when OpenWeatherMap found nothing. GET /health answers OK.
 */
const READINGS: ReadonlyArray<[string, string, number]> = [
  ['Amsterdam', 'NL', 10.9],
  ['Berlin', 'DE', 10.7],
  ['Chicago', 'US', 8.4],
  ['Dublin', 'IE', 10.1],
  ['Frankfurt', 'DE', 11],
  ['London', 'GB', 11.2],
  ['Madrid', 'ES', 17.9],
  ['Mumbai', 'IN', 30.2],
  ['New York', 'US', 14.6],
  ['Oslo', 'NO', 5.2],
  ['Paris', 'FR', 13.5],
  ['Rome', 'IT', 18.2],
  ['San Francisco', 'US', 15.3],
  ['Sao Paulo', 'BR', 22.8],
  ['Seattle', 'US', 9.8],
  ['Singapore', 'SG', 29.1],
  ['Stockholm', 'SE', 6.3],
  ['Sydney', 'AU', 21.4],
  ['Tokyo', 'JP', 17.3],
  ['Toronto', 'CA', 7.9],
];

export function weatherFor(city: string, scale: string | undefined): string {
  const found = READINGS.find(([name]) => name.toLowerCase() === city.trim().toLowerCase());
  if (!found) return '';
  const [name, country, celsius] = found;
  const fahrenheit = scale?.toUpperCase() === 'F';
  const temp = fahrenheit ? Math.round((celsius * 9) / 5 * 10 + 320) / 10 : celsius;
  // The original's spellings.
  return JSON.stringify({ city: name, country, temp, format: fahrenheit ? 'Farenheit' : 'Celcius' });
}

export const weatherImage: VirtualImage = {
  name: 'weather (Consul demo)',
  matches: matchesBaseName('weather'),
  async start(ctx) {
    return serveSinatra(ctx, [
      { path: '/weather/:city', handle: ({ city }) => weatherFor(city!, ctx.environment.TEMP_SCALE) },
      { path: '/health', handle: () => 'OK' },
    ]);
  },
};
