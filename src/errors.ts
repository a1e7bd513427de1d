/** One error type for the whole product: a stable code for programs, a French message for people. */

/** Stable error codes (CONTRACT.md) with their HTTP status. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVITATION_USED: 409,
  RELEASE_BLOCKED: 409,
  INVITATION_EXPIRED: 410,
  TOO_LARGE: 413,
  UNSUPPORTED_FORMAT: 415,
  UNREADABLE: 422,
  ENCRYPTED: 422,
  EMPTY_DOCUMENT: 422,
  NO_TEXT_LAYER: 422,
  TIMEOUT: 422,
  UNKNOWN_PROFILE: 400,
  RATE_LIMITED: 429,
  BUSY: 429,
  INTERNAL: 500,
} as const;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** An expected failure: carries its code, a French message and optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  /** The HTTP status that goes with the code. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** True when the value is an AppError. */
export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
