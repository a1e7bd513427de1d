/**
 * The deployment files say what the code reads: every configuration variable is documented in the
 * README; compose.yaml's services use only real variables, valid together (loaded by the real
 * configuration), the worker runs the real command, and nginx forwards to the app's port with room
 * for the largest audit.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../src/config.js';
import { ROOT } from '../src/paths.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const configuration = README.slice(README.indexOf('## Configuration'), README.indexOf('## Architecture'));

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  healthcheck?: { disable?: boolean };
}

/** compose's `${VAR}`, `${VAR:-default}` and `${VAR:?message}` with the values given. */
const interpolate = (v: string, vars: Record<string, string>) => v.replace(/\$\{(\w+)(?::[-?][^}]*)?\}/g, (_m, name: string) => vars[name] ?? '');

describe('deployment files', () => {
  it('documents every configuration variable in the README', () => {
    const missing = CONFIG_VARIABLES.filter((v) => !configuration.includes(`\`${v}\``));
    expect(missing).toEqual([]);
  });

  it('describes PostgreSQL, two app instances, two workers and a proxy with real variables and commands', () => {
    const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, Service & { deploy?: { replicas?: number } }> };
    const { postgres, app, worker, proxy } = compose.services;
    expect(postgres?.image).toMatch(/^postgres:1[5-9]/);
    expect(app?.deploy?.replicas).toBe(2);
    expect(worker?.deploy?.replicas).toBe(2);
    const vars = { CLARTE_DB_PASSWORD: 'secret', ADMIN_LOGIN: 'admin', ADMIN_PASSWORD: 'une phrase de passe assez longue' };
    for (const service of [app!, worker!]) {
      const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), vars)]));
      expect(Object.keys(env).filter((k) => !CONFIG_VARIABLES.includes(k))).toEqual([]);
      const config = loadConfig(env);
      expect(config.AUDIT_QUEUE).toBe(true);
      expect(config.DATABASE_URL).toBe('postgres://clarte:secret@postgres:5432/clarte');
    }
    expect(worker!.command?.slice(1)).toEqual(['dist/src/clarte.mjs', 'worker']);
    expect(existsSync(join(ROOT, worker!.command![1]!))).toBe(true);
    expect(worker!.healthcheck?.disable).toBe(true);
    // nginx: to the app's port, with room for the largest audit the API takes
    const [file] = (proxy!.volumes ?? [])[0]!.split(':');
    const nginx = readFileSync(join(ROOT, file!), 'utf8');
    expect(nginx).toContain(`http://app:${loadConfig({}).PORT};`);
    // the host with its port: invitation links and the same-origin check of the forms use it
    expect(nginx).toContain('proxy_set_header Host $http_host;');
    const mib = Number(/client_max_body_size (\d+)m;/.exec(nginx)?.[1]);
    expect(mib * 1024 * 1024).toBeGreaterThanOrEqual(loadConfig({}).MAX_AUDIT_BYTES);
    expect(proxy!.ports).toEqual(['8080:80']);
  });
});
