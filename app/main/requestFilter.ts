/**
 * The app never talks to the network: every request a page makes is checked
 * here, and only the app's own protocol (plus in-memory data: and blob: URLs
 * and the developer tools) is let through. No telemetry, no CDN, no fonts.
 */
import { isAppUrl } from './appProtocol';

export function isAllowedRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  return scheme === 'data:' || scheme === 'blob:' || scheme === 'devtools:';
}

/** Navigation is stricter: the window only ever shows the app's page. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}
