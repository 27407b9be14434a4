#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { StageError, TLP_LEVELS, type Tlp } from '@stixmill/contracts';
import { ConfigError, createLogger, ENV, parseConfig } from '@stixmill/runtime';

const USAGE = `stixmill: public threat reports in, STIX 2.1 over TAXII 2.1 out

Usage:
  stixmill extract FILE|URL|-      print the STIX 2.1 bundle of one document (no bus, no store)
  stixmill run                     run every service in this process: API + TAXII on one port
  stixmill submit URL|FILE         send a report to a running instance and follow it to the feed
  stixmill service NAME            run one service (fetcher|parser|extractor|exporter|taxii) on Kafka
  stixmill watch                   poll STIXMILL_FEEDS and submit new entries (Kafka; --server URL: a running instance)
  stixmill replay --from TOPIC [--since TIME]   publish a topic's messages again (a .dlq topic: to their topic)
  stixmill env                     list the environment variables, their defaults and meaning

Options:
  --tlp LEVEL      TLP 2.0 marking: ${TLP_LEVELS.join(', ')} (default STIXMILL_DEFAULT_TLP)
  --label NAME     a label for the report (repeatable; submit only)
  --server URL     the instance for submit (default STIXMILL_URL)
  --timeout SEC    how long submit follows the report (default 300)
  --rerun          submit: process the document even if the same content was processed before
  --explain        extract: list on stderr every candidate left out, with the rule that left it out
  -h, --help       this text
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      tlp: { type: 'string' },
      label: { type: 'string', multiple: true },
      server: { type: 'string' },
      timeout: { type: 'string' },
      from: { type: 'string' },
      since: { type: 'string' },
      rerun: { type: 'boolean' },
      explain: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, arg] = positionals;
  if (values.help || !command || command === 'help') {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (values.tlp !== undefined && !(TLP_LEVELS as readonly string[]).includes(values.tlp)) {
    throw new UsageError(`--tlp must be one of ${TLP_LEVELS.join(', ')}`);
  }
  const tlp = values.tlp as Tlp | undefined;
  const config = parseConfig(process.env);

  switch (command) {
    case 'extract': {
      if (!arg) throw new UsageError('extract needs a FILE, URL or - for stdin');
      // Quiet by default: the bundle is the output; problems still reach stderr.
      const log = createLogger({
        level: process.env.STIXMILL_LOG_LEVEL ? config.STIXMILL_LOG_LEVEL : 'warn',
        name: 'extract',
      });
      const { extractCommand } = await import('./commands/extract.ts');
      const explain = values.explain ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
      process.stdout.write(
        await extractCommand(arg, { config, log, ...(tlp ? { tlp } : {}), ...(explain ? { explain } : {}) }),
      );
      return 0;
    }
    case 'run': {
      const { runCommand } = await import('./commands/run.ts');
      return runCommand({ config });
    }
    case 'watch': {
      const { watchCommand } = await import('./commands/watch.ts');
      return watchCommand({ config, ...(values.server ? { server: values.server } : {}) });
    }
    case 'submit': {
      if (!arg) throw new UsageError('submit needs a URL or FILE');
      const { submitCommand } = await import('./commands/submit.ts');
      return submitCommand(arg, {
        config,
        server: values.server ?? config.STIXMILL_URL,
        labels: values.label ?? [],
        timeoutSeconds: values.timeout ? Number(values.timeout) : 300,
        ...(tlp ? { tlp } : {}),
        ...(values.rerun ? { rerun: true } : {}),
      });
    }
    case 'service': {
      if (!arg) throw new UsageError('service needs a NAME: fetcher, parser, extractor, exporter or taxii');
      const { serviceCommand } = await import('./commands/service.ts');
      return serviceCommand(arg, { config });
    }
    case 'replay': {
      if (!values.from) throw new UsageError('replay needs --from TOPIC (e.g. documents.parsed or stix.bundles.dlq)');
      const { replayCommand } = await import('./commands/replay.ts');
      process.stdout.write(
        await replayCommand({ config, from: values.from, ...(values.since ? { since: values.since } : {}) }),
      );
      return 0;
    }
    case 'env': {
      for (const [key, spec] of Object.entries(ENV)) {
        process.stdout.write(`${key}=${spec.default ?? ''}\n    ${spec.doc}\n`);
      }
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`stixmill: ${(error as Error).message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof ConfigError) {
      process.stderr.write(`stixmill: ${error.message}\n`);
      process.exitCode = 2;
    } else if (error instanceof StageError) {
      process.stderr.write(`stixmill: ${error.code}: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`stixmill: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
