/**
 * The Content-Security-Policy header of every answer, made once when the app is built. @fastify/helmet sets the
 * other security headers, but it builds helmet's middleware again for each request, and that parsed the policy's
 * directives every time: about 6% of the server's work when 50 clients read kept answers (docs/performance.md).
 * The directives are helmet's defaults with ours laid over them, as helmet wrote them.
 */
const DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['base-uri', "'self'"],
  ['font-src', "'self' https: data:"],
  ['form-action', "'self'"],
  ['frame-ancestors', "'none'"],
  ['img-src', "'self' data:"],
  ['object-src', "'none'"],
  // Scripts only from files served here (the web app's bundles, the API docs): no inline script.
  ['script-src', "'self'"],
  ['script-src-attr', "'none'"],
  // The component library and the API docs set styles inline.
  ['style-src', "'self' 'unsafe-inline'"],
];

/**
 * The policy's header value. `upgradeInsecureRequests` only behind https: served over plain HTTP on a laptop by
 * default, upgrading would break every asset.
 */
export function contentSecurityPolicy(upgradeInsecureRequests: boolean): string {
  const directives = DIRECTIVES.map(([name, value]) => `${name} ${value}`);
  if (upgradeInsecureRequests) directives.push('upgrade-insecure-requests');
  return directives.join(';');
}
