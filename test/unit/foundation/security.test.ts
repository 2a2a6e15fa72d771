import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppUrl, isExternalBrowserUrl, isTrustedSender } from '../../../src-main/app/navigation';
import { secureWindowOptions } from '../../../src-main/app/window-options';
import { isLoopbackAddress } from '../../../src-main/host/loopback';
import { resolveStaticFile } from '../../../src-main/host/static-files';
import { tokenMatches } from '../../../src-main/host/token';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, META_CONTENT_SECURITY_POLICY } from '../../../src-main/security/csp';

const REPO = path.resolve(__dirname, '..', '..', '..');

describe('secure window options', () => {
  const prefs = secureWindowOptions('/x/preload.js').webPreferences!;
  it('isolates and sandboxes the renderer', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/x/preload.js');
  });
});

describe('content security policy', () => {
  it('has no unsafe-eval and no inline script', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe/);
    expect(CSP_DIRECTIVES['script-src']).toBe("'self'");
    expect(CSP_DIRECTIVES['default-src']).toBe("'none'");
    expect(CSP_DIRECTIVES['object-src']).toBe("'none'");
    expect(CSP_DIRECTIVES['frame-ancestors']).toBe("'none'");
  });

  it('the renderer page carries the same policy in its meta tag', () => {
    const html = fs.readFileSync(path.join(REPO, 'src-renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)/);
  });
});

describe('navigation and URL predicates', () => {
  const fileEntry = 'file:///opt/FieldKit/resources/app.asar/out/renderer/index.html';
  it('accepts only the app page itself', () => {
    expect(isAppUrl(`${fileEntry}#/about`, fileEntry)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', fileEntry)).toBe(false);
    expect(isAppUrl('https://evil.example/', fileEntry)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/x', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('not a url', fileEntry)).toBe(false);
  });

  it('hands only http(s) URLs without credentials to the system browser', () => {
    expect(isExternalBrowserUrl('https://192.0.2.10/')).toBe(true);
    expect(isExternalBrowserUrl('http://bmc.example/login')).toBe(true);
    expect(isExternalBrowserUrl('file:///etc/passwd')).toBe(false);
    expect(isExternalBrowserUrl('javascript:alert(1)')).toBe(false);
    expect(isExternalBrowserUrl('smb://host/share')).toBe(false);
    expect(isExternalBrowserUrl('https://user:pw@bmc.example/')).toBe(false);
  });

  it('trusts only the main frame of the app page', () => {
    expect(isTrustedSender(fileEntry, true, fileEntry)).toBe(true);
    expect(isTrustedSender(fileEntry, false, fileEntry)).toBe(false);
    expect(isTrustedSender('https://evil.example/', true, fileEntry)).toBe(false);
    expect(isTrustedSender(undefined, true, fileEntry)).toBe(false);
  });
});

describe('headless host predicates', () => {
  it('knows loopback addresses', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', '128.0.0.1', '::ffff:10.0.0.1', '']) expect(isLoopbackAddress(a), a).toBe(false);
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abd')).toBe(false);
    expect(tokenMatches('abc', 'abcd')).toBe(false);
    expect(tokenMatches('abc', undefined)).toBe(false);
  });

  it('never serves a file outside the renderer folder', () => {
    const root = path.join(REPO, 'src-renderer');
    expect(resolveStaticFile(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticFile(root, '/../package.json')).toBeUndefined();
    expect(resolveStaticFile(root, '/%2e%2e/package.json')).toBeUndefined();
    expect(resolveStaticFile(root, '/..%2fpackage.json')).toBeUndefined();
    expect(resolveStaticFile(root, '/index.html%00.png')).toBeUndefined();
    expect(resolveStaticFile(root, '/%E0%A4%A')).toBeUndefined();
  });
});
