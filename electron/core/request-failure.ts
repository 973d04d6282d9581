import { errorMessage } from './error-message.js';
import { isB24Error, TRANSPORT_REQUEST_CODES } from './bitrix/errors.js';
import { PortError } from './ports.js';
import type { RequestError } from '../shared/contract.js';

/** A failure to report to the panel as it is (already redacted, user-facing). */
export class RequestFailure extends Error {
  constructor(readonly error: RequestError) {
    super(error.message);
  }
}

/** Ends a request with this error for the panel (`field`: the form field it is about). */
export const throwRequestFailure = (
  code: string,
  message: string,
  field: string | null = null,
): never => {
  throw new RequestFailure({ code, message, field });
};

/** What the panel is told about any error: portal and port errors as they are, the rest as internal (and logged). */
export function asRequestFailure(error: unknown, log: (line: string) => void): RequestFailure {
  if (error instanceof RequestFailure) return error;
  if (isB24Error(error)) {
    const code =
      (error.kind === 'network' ? TRANSPORT_REQUEST_CODES[error.code] : undefined) ?? error.kind;
    return new RequestFailure({ code, message: error.message, field: null });
  }
  if (error instanceof PortError)
    return new RequestFailure({ code: error.code, message: error.message, field: null });
  log(`request failed: ${errorMessage(error)}`);
  return new RequestFailure({
    code: 'internal',
    message: 'Something went wrong; see the log.',
    field: null,
  });
}
