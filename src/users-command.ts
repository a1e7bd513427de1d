/**
 * `clarte users …`: accounts and API tokens from the command line, straight on the database
 * (DATABASE_PATH, or PostgreSQL with DATABASE_URL). Whoever can run it on the server's machine is trusted as an administrator.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ROLE_LABELS, ROLES, type Role } from './auth/roles.js';
import type { Config } from './config.js';
import { AppError } from './errors.js';
import { auditLog } from './store/audit-log.js';
import { openSql } from './store/db.js';
import { describeUser, userStore, type UserInfo } from './store/users.js';

export const USERS_USAGE = `Usage :
  clarte users add IDENTIFIANT (--admin | --role admin|comms|expert|agent) [--name NOM] [--service SERVICE] [--password-stdin] [--token LIBELLÉ]
  clarte users list
  clarte users set IDENTIFIANT [--role RÔLE] [--service SERVICE] [--name NOM] [--disable | --enable]
  clarte users password IDENTIFIANT          (nouveau mot de passe lu sur l'entrée standard)
  clarte users token create IDENTIFIANT [--label LIBELLÉ]
  clarte users token list IDENTIFIANT
  clarte users token revoke NUMÉRO

  Sans --password-stdin, « add » tire un mot de passe au hasard et l'affiche une seule fois.
  Un jeton d'API n'est affiché qu'à sa création : seule son empreinte est conservée.
`;

/** A usage mistake (exit status 2). */
export class UsersUsageError extends Error {}

const ACTOR = 'clarte users';

async function readSecret(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function role(value: string | undefined): Role | undefined {
  if (value === undefined) return undefined;
  if (!(ROLES as readonly string[]).includes(value)) throw new UsersUsageError(`rôle inconnu : ${value} (${ROLES.join(', ')})`);
  return value as Role;
}

function line(u: UserInfo): string {
  return `${u.login}\t${u.name}\t${describeUser(u)}${u.disabled ? '\tdésactivé' : ''}${u.hasPassword ? '' : '\tjetons seulement'}`;
}

/** Runs `clarte users …`; returns the exit status. */
export async function usersCommand(args: string[], config: Config): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      admin: { type: 'boolean' },
      role: { type: 'string' },
      name: { type: 'string' },
      service: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      token: { type: 'string' },
      label: { type: 'string' },
      disable: { type: 'boolean' },
      enable: { type: 'boolean' },
    },
  });
  const db = await openSql(config);
  try {
    const users = userStore(db);
    const log = auditLog(db);
    const out = (s: string) => process.stdout.write(s + '\n');
    switch (sub) {
      case 'add': {
        const login = positionals[0];
        if (!login) throw new UsersUsageError('identifiant manquant');
        const r = values.admin ? 'admin' : role(values.role);
        if (!r) throw new UsersUsageError('rôle manquant : --admin ou --role');
        const generated = values['password-stdin'] ? null : randomBytes(15).toString('base64url');
        const password = generated ?? (await readSecret());
        const user = await users.add({ login, role: r, name: values.name, service: values.service ?? null, password });
        await log.record(ACTOR, 'user.create', `user:${user.id}`, { login: user.login, role: user.role, service: user.service });
        out(`Compte créé : ${user.login} (${describeUser(user)}).`);
        if (generated) out(`Mot de passe (affiché une seule fois, à changer à la première connexion) : ${generated}`);
        if (values.token !== undefined) {
          const { token, info } = await users.createToken(user.id, values.token || 'jeton');
          await log.record(ACTOR, 'token.create', `user:${user.id}`, { token: info.id, label: info.label });
          out(`Jeton d'API n° ${info.id} (affiché une seule fois) : ${token}`);
        }
        return 0;
      }
      case 'list': {
        const all = await users.list();
        if (!all.length) out('Aucun compte. Créez le premier administrateur : clarte users add IDENTIFIANT --admin');
        for (const u of all) out(line(u));
        return 0;
      }
      case 'set': {
        const login = positionals[0];
        if (!login) throw new UsersUsageError('identifiant manquant');
        if (values.disable && values.enable) throw new UsersUsageError('--disable ou --enable, pas les deux');
        const u = await users.byLogin(login);
        const change = {
          role: role(values.role),
          name: values.name,
          service: values.service,
          disabled: values.disable ? true : values.enable ? false : undefined,
        };
        const next = await users.update(u.id, change);
        await log.record(ACTOR, 'user.update', `user:${u.id}`, change);
        out(line(next));
        return 0;
      }
      case 'password': {
        const login = positionals[0];
        if (!login) throw new UsersUsageError('identifiant manquant');
        const u = await users.byLogin(login);
        await users.setPassword(u.id, await readSecret());
        await log.record(ACTOR, 'user.password', `user:${u.id}`);
        out(`Mot de passe de ${u.login} changé ; ses sessions ouvertes sont fermées.`);
        return 0;
      }
      case 'token': {
        const [action, target] = positionals;
        if (action === 'create' && target) {
          const u = await users.byLogin(target);
          const { token, info } = await users.createToken(u.id, values.label ?? 'jeton');
          await log.record(ACTOR, 'token.create', `user:${u.id}`, { token: info.id, label: info.label });
          out(`Jeton d'API n° ${info.id} pour ${u.login} (${ROLE_LABELS[u.role]}), affiché une seule fois :`);
          out(token);
          return 0;
        }
        if (action === 'list' && target) {
          const u = await users.byLogin(target);
          for (const t of await users.tokens(u.id)) out(`${t.id}\t${t.prefix}…\t${t.label}\tcréé ${t.createdAt}${t.lastUsedAt ? `\tutilisé ${t.lastUsedAt}` : ''}${t.revokedAt ? `\trévoqué ${t.revokedAt}` : ''}`);
          return 0;
        }
        if (action === 'revoke' && target) {
          const id = Number(target);
          if (!Number.isInteger(id) || id <= 0) throw new UsersUsageError(`numéro de jeton invalide : ${target}`);
          const t = await users.token(id);
          const revoked = await users.revokeToken(id);
          if (revoked) await log.record(ACTOR, 'token.revoke', `user:${t.userId}`, { token: id });
          out(revoked ? `Jeton n° ${id} révoqué.` : `Jeton n° ${id} déjà révoqué.`);
          return 0;
        }
        throw new UsersUsageError('token create IDENTIFIANT | token list IDENTIFIANT | token revoke NUMÉRO');
      }
      default:
        throw new UsersUsageError(sub ? `sous-commande inconnue : users ${sub}` : 'sous-commande manquante');
    }
  } catch (e) {
    if (e instanceof AppError) {
      process.stderr.write(`clarte users : ${e.message}\n`);
      return e.code === 'VALIDATION' ? 2 : 1;
    }
    throw e;
  } finally {
    await db.close();
  }
}
