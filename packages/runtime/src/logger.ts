import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON lines on stderr, so stdout stays clean for data (`stixmill extract` prints the bundle there). */
export function createLogger(options: { level: string; name?: string }): Logger {
  return pino(
    {
      level: options.level,
      ...(options.name ? { name: options.name } : {}),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ fd: 2, sync: true }),
  );
}
