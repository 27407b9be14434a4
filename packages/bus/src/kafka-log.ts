import type { Log } from '@stixmill/contracts';
import { type LogEntry, type logCreator, logLevel } from 'kafkajs';

// kafkajs writes to the console unless given a logCreator: this one sends its entries to the
// service's logger (or nowhere), tagged with the kafkajs component that wrote them.

/** kafkajs's own level to use with this logger: it drops what is below it before formatting. */
export const KAFKAJS_LOG_LEVEL = logLevel.INFO;

export function kafkaLogCreator(log: Log | undefined): logCreator {
  return () =>
    ({ namespace, level, log: entry }: LogEntry) => {
      if (!log) return;
      const { message, timestamp: _timestamp, ...fields } = entry;
      const obj = { kafkajs: namespace, ...fields };
      if (level <= logLevel.ERROR) log.error(obj, message);
      else if (level === logLevel.WARN) log.warn(obj, message);
      else if (level === logLevel.INFO) log.info(obj, message);
      else log.debug(obj, message);
    };
}
