import { expect } from 'chai';
import type { ApiClient } from './http';

/**
 * Plays the member at the provider: follows its redirects, signs in as `login` on its login form and
 * consents, until it sends the browser back to `callbackPrefix`. Returns that callback URL.
 */
export async function actAtProvider(authUrl: string, login: string, callbackPrefix: string): Promise<string> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  let url = authUrl;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 12; hop += 1) {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: cookieHeader(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    body = undefined;
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url).href;
      if (next.startsWith(callbackPrefix)) return next;
      url = next;
      continue;
    }
    const html = await res.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!prompt || !action)
      throw new Error(`unexpected provider page (${res.status}): ${html.slice(0, 200)}`);
    url = new URL(action, url).href;
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
  }
  throw new Error('the provider never sent the browser back');
}

/** Starts a provider sign-in from `client` and returns the provider's authorization URL. */
export async function startAt(client: ApiClient, providerId: string): Promise<URL> {
  const res = await client.get(`/auth/oidc/${providerId}`);
  expect(res.status, res.text).to.equal(302);
  return new URL(res.headers.location ?? '');
}

/** Delivers a callback URL to Ágora through `client`; returns where Ágora sends the browser. */
export async function deliver(client: ApiClient, callbackUrl: string): Promise<string> {
  const url = new URL(callbackUrl);
  const res = await client.get(`${url.pathname}${url.search}`);
  expect(res.status, res.text).to.equal(303);
  return res.headers.location ?? '';
}
