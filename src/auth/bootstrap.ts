/** The first administrator, from the environment, when the database has no account yet. */
import type { Config } from '../config.js';
import { isAppError } from '../errors.js';
import type { AuditLog } from '../store/audit-log.js';
import type { UserStore } from '../store/users.js';

/**
 * Creates the first admin from ADMIN_LOGIN and ADMIN_PASSWORD when no account exists; returns a French
 * line saying what happened (for the log), or null when accounts already exist.
 */
export async function ensureFirstAdmin(users: UserStore, log: AuditLog, config: Config): Promise<string | null> {
  if (await users.count() > 0) return null;
  if (!config.ADMIN_LOGIN || !config.ADMIN_PASSWORD) {
    return 'Aucun compte : créez le premier administrateur avec « clarte users add LOGIN --admin » (ou ADMIN_LOGIN et ADMIN_PASSWORD au démarrage).';
  }
  let admin;
  try {
    admin = await users.add({ login: config.ADMIN_LOGIN, role: 'admin', password: config.ADMIN_PASSWORD });
  } catch (e) {
    // another instance starting on the same empty database created it first
    if (isAppError(e) && e.code === 'CONFLICT') return null;
    throw e;
  }
  await log.record('démarrage', 'user.create', `user:${admin.id}`, { login: admin.login, role: admin.role, from: 'ADMIN_LOGIN' });
  return `Premier administrateur créé : ${admin.login}.`;
}
